/**
 * How each waiting state of a run is held, answered once here for every view: CLOSE-WAIT waits for
 * its application's close() and no timer ends it; FIN-WAIT-2 is ended by net.ipv4.tcp_fin_timeout
 * only when the socket is orphaned (close()), never when the application still holds it
 * (shutdown()); TIME-WAIT by its own timer. Read from the engine's own state at the moment each
 * was entered, not decided by the view.
 */
import type { EndpointId, TcpState } from '../model/types';
import type { Policy } from './policy';
import type { Run } from './run';

export type WaitingState = 'CLOSE-WAIT' | 'FIN-WAIT-2' | 'TIME-WAIT';
const WAITING: readonly TcpState[] = ['CLOSE-WAIT', 'FIN-WAIT-2', 'TIME-WAIT'];

export interface StateWait {
  readonly endpoint: EndpointId;
  readonly state: WaitingState;
  /** When the state was entered, and when it was left (null: not in the run as computed). */
  readonly from: number;
  readonly until: number | null;
  /** When the timer that ends it runs out, or null: no timer runs, and only the application (or the peer) can end it. */
  readonly timerEnds: number | null;
  /** Whether the application had let the socket go (close()): the kernel alone holds it. */
  readonly orphaned: boolean;
}

/** Every waiting state the computed run entered and did not leave at the same instant, in time order. */
export function stateWaits(run: Run, policy: Policy): StateWait[] {
  const transitions = run.frameComputed(policy).transitions;
  const out: StateWait[] = [];
  transitions.forEach((tr, i) => {
    if (!WAITING.includes(tr.to)) return;
    const next = transitions.slice(i + 1).find((x) => x.endpoint === tr.endpoint);
    if (next && next.t === tr.t) return;
    const tcb = run.frameAt(tr.t, policy).tcb(tr.endpoint);
    const timer = tr.to === 'TIME-WAIT' ? tcb.timers['time-wait'] : tr.to === 'FIN-WAIT-2' ? tcb.timers['fin-wait-2'] : null;
    out.push({ endpoint: tr.endpoint, state: tr.to as WaitingState, from: tr.t, until: next?.t ?? null, timerEnds: timer, orphaned: tcb.orphaned });
  });
  return out;
}
