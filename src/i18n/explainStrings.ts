/**
 * The words that explain a moment of a run (why a segment was sent, why a side changed state, what
 * a fault on the wire does): the app's explanation and narration say them, and so does an embed
 * of a run someone made, which narrates every event as free play does. Each language's are in its
 * own file (en/explain.ts, ko/explain.ts); the app loads them with its strings, an embed carries
 * both. A key missing from one language fails the build.
 */
import type { Refusal } from '../model/endpoint/refusals';
import type { CallName, EndpointId, TcpState } from '../model/types';
import type { IgnoreWhy, SendWhy, TimerName, Unacceptable } from '../model/endpoint/tcb';
import type { ReplayWords } from './captureStrings';

export interface ExplainWords {
  nothingYet: string;
  stateMeaning: Record<TcpState, string>;
  causeCall: (who: string, call: CallName) => string;
  causeSegment: (who: string, flags: string) => string;
  /** A timer that changed an endpoint's state, by what its firing means. */
  causeTimer: Record<TimerName, (who: string) => string>;
  entered: (who: string, state: string) => string;
  endpointName: Record<EndpointId, string>;
  timerNames: Record<TimerName, string>;
  /** Why a call is refused: the socket API's reasons and the application policy's. */
  refusals: Record<Refusal, string>;
  /** A send() whose bytes all wait behind a closed window. */
  sendQueued: string;
  directionNames: Record<'client->server' | 'server->client', string>;
  /** Why a segment was sent, one sentence per rule the model names (`who` sent `flags`). */
  sendWhy: { [K in Exclude<SendWhy['kind'], 'captured'>]: (who: string, flags: string, why: Extract<SendWhy, { kind: K }>) => string };
  /** The words only a replayed capture's explanations need: loaded with the capture X-ray (./captureStrings), absent until then. */
  replay?: ReplayWords;
  /** Why a segment was answered with a bare ACK and dropped. */
  unacceptable: Record<Unacceptable, string>;
  /** Why an arriving segment was dropped without an answer (`who` received `flags`). */
  ignoreWhy: Record<IgnoreWhy, (who: string, flags: string) => string>;
  /** A segment lost where it was on the wire. */
  lostOnWire: (from: string, flags: string) => string;
  /** Said of a segment sent into a lane that drops or blocks it. */
  lostAtOnce: (flags: string) => string;
  /** A fault set on one direction of the wire (the script's, or the student's). */
  networkDone: Record<'drop-next' | 'delay-next' | 'block' | 'unblock', (direction: string, ms: number) => string>;
  manualDone: (on: boolean) => string;
  segmentDone: (kind: 'deliver' | 'drop', id: string) => string;
  /** A segment that arrived and changed nothing the diagram shows (an ACK taken). */
  arrivedOnly: (who: string, flags: string) => string;
  /** An ACK offering a window of 0 arrived: the sender must stop. */
  arrivedWindowClosed: (who: string, flags: string) => string;
  readOnly: (who: string, bytes: number) => string;
  refusedCall: (who: string, call: string, reason: string) => string;
  /**
   * What just happened, in a short line and no more: free play's narration beside the "Why it
   * happened" panel, which says why (src/player/narration.ts decides when).
   */
  happened: {
    changed: (who: string, from: string, to: string) => string;
    sent: (who: string, flags: string) => string;
    received: (who: string, flags: string) => string;
    lost: (who: string, flags: string) => string;
    called: (who: string, call: string, refused: boolean) => string;
    read: (who: string, bytes: number) => string;
    /** A lane's button pressed: the direction and the button's name. */
    network: (direction: string, action: string) => string;
  };
}
