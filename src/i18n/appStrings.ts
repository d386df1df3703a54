/** The app's own strings (calls, lessons, network, quiz, pile-ups, sharing, keys), on top of those every view needs; the words themselves are in en/app.ts and ko/app.ts. A key missing from one language fails the build. */
import type { Refusal } from '../player/frame';
import type { CallName, EndpointId, TcpState } from '../model/types';
import type { IgnoreWhy, SendWhy, TimerName, Unacceptable } from '../model/endpoint/tcb';
import type { Strings } from './strings';
import type { ReplayWords } from './captureStrings';
import type { ScenarioId } from '../scenarios/catalog';

export interface AppStrings extends Strings {
  /** The lesson menu's last entry, which opens the capture X-ray (whose own words load with it: ./captureStrings), and its group. */
  captureOpen: string;
  captureGroup: string;
  /** What each lesson says before it starts. Only the app shows it: an embed sits inside a post that already introduces the lesson. */
  summaries: Readonly<Record<ScenarioId, string>>;
  enlarge: string;
  why: string;
  nothingYet: string;
  rfcLink: (section: string) => string;
  stateMeaning: Record<TcpState, string>;
  causeCall: (who: string, call: CallName) => string;
  causeSegment: (who: string, flags: string) => string;
  /** A timer that changed an endpoint's state, by what its firing means. */
  causeTimer: Record<TimerName, (who: string) => string>;
  entered: (who: string, state: string) => string;
  endpointName: Record<EndpointId, string>;
  timerNames: Record<TimerName, string>;
  title: string;
  tagline: string;
  language: string;
  theme: string;
  themes: Record<'auto' | 'light' | 'dark' | 'contrast', string>;
  network: string;
  calls: string;
  /** What a call stands for in a real program, where the name alone would mislead. */
  callHints: Partial<Record<CallName, string>>;
  neverCloses: string;
  neverClosesHelp: string;
  /** The engine's refusals (RFC 9293's error names), as the reader's language says them. */
  /** Why a call is refused: the socket API's reasons and the application policy's. */
  refusals: Record<Refusal, string>;
  timers: string;
  /** Bytes received ahead of a gap, not yet given to the application. */
  heldBytes: (bytes: string) => string;
  heldBytesHelp: string;
  /** Bytes waiting in the receive buffer for an application that reads only when it calls read(), and the window that leaves. */
  unreadBytes: (bytes: string) => string;
  windowNow: (window: string) => string;
  unreadBytesHelp: string;
  /** Bytes written that the peer's closed (or small) window holds back in the send queue. */
  queuedBytes: (bytes: string) => string;
  queuedBytesHelp: string;
  /** A send() whose bytes all wait behind a closed window. */
  sendQueued: string;
  /** The event log lists the newest entries of a long run: how many earlier ones it leaves out. */
  earlierEntries: (count: string) => string;
  noTimers: string;
  timerEffects: Record<TimerName, string>;
  inSeconds: (s: string) => string;
  profile: string;
  profiles: Record<'linux' | 'rfc' | 'classroom', string>;
  latency: string;
  dropNext: string;
  delayNext: string;
  block: string;
  manual: string;
  manualHelp: string;
  paused: string;
  /** The controls on each direction of the wire, beside the diagram. */
  wire: string;
  delayBy: (s: string) => string;
  delayShort: string;
  dropShort: string;
  neverClosesShort: string;
  /** The rail beside the stage (everything that is not the diagram). */
  more: string;
  unblock: string;
  directionNames: Record<'client->server' | 'server->client', string>;
  stateDiagram: string;
  views: string;
  relativeNumbers: string;
  eventLog: string;
  sent: (who: string, flags: string) => string;
  lesson: string;
  scenario: string;
  freePlay: string;
  groups: Record<'opening' | 'normal-close' | 'abnormal-close' | 'promises' | 'rarer', string>;
  unknownScenario: (id: string) => string;
  ssTitle: string;
  /** This language's code: the pile-ups load their own words (./pileupStrings) in it, on demand. */
  lang: 'en' | 'ko';
  pileup: string;
  quiz: string;
  present: string;
  leavePresent: string;
  keysTitle: string;
  keys: readonly (readonly [string, string])[];
  close: string;
  share: string;
  exportTitle: string;
  exportSvg: string;
  exportPng: string;
  exportMermaid: string;
  exportPcap: string;
  shareLink: string;
  shareIframe: string;
  shareScript: string;
  shareRunIframe: string;
  shareRunScript: string;
  copy: string;
  copied: string;
  /** A link whose run could not be opened: why, and what opened instead (the lesson it named, or free play). */
  badLink: (reason: string, lesson: boolean) => string;
  /** A page setting (theme, lang, present) with a value the page does not know. */
  badParam: (name: string, value: string) => string;
  quizQuestion: (who: string, now: string) => string;
  quizAnswer: string;
  quizRight: string;
  quizWrong: (state: string) => string;
  quizScore: (right: number, asked: number, skipped: number) => string;
  quizSkip: string;
  quizSkipped: (state: string) => string;
  quizNext: string;
  /** Said when a step or Play was stopped by a question waiting for its answer. */
  quizWaits: string;
  ssHelp: string;
  errorNames: Record<'connection refused' | 'connection reset' | 'connection timed out', string>;
  /** How a socket its application had closed ended in error: there is no application left to be told. */
  orphanGaveUp: string;
  orphanGaveUpHelp: string;
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
  refusedCall: (who: string, call: string, reason: string) => string;
}
