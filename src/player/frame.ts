/**
 * One moment of a run, as the views read it: the world as the last event left it, the time shown,
 * and the history up to then. A frame in which only time has passed shares its world and its
 * history with the one before, so a view that selects them does not redraw.
 */
import type { Refusal } from '../model/endpoint/refusals';
import { readsAtOnce, receiveWindow, sendQueueBytes } from '../model/endpoint/tcb';
import { nextStates } from '../model/endpoint/edges';
import type { History } from '../model/history';
import type { ScriptStep } from '../model/script';
import type { CallName, ConnectionError, EndpointId, TcpState } from '../model/types';
import type { World } from '../model/world';
import { WorldView } from '../model/worldView';
import { policyRefusal, type Policy } from './policy';

export type { Refusal };

export class Frame extends WorldView {
  constructor(
    /** The world as the last event at or before `now` left it (the same object until the next event). */
    readonly world: World,
    /** How many of the script's steps that world has taken. */
    protected readonly cursor: number,
    /** The time shown: at or after the world's last event. */
    readonly now: number,
    /** What has happened up to `now` (the same object until the next event). */
    readonly history: History,
    /** Every instant at which something happened, up to `now`, ascending (the same array until the next event). */
    readonly instants: readonly number[],
    protected readonly steps: readonly ScriptStep[],
    readonly policy: Policy,
  ) {
    super();
  }

  /** The states this endpoint could enter next from where it is, by the machine's own edges. */
  nextStates(endpoint: EndpointId): readonly TcpState[] {
    return nextStates(this.state(endpoint));
  }

  /** Bytes written and not yet acknowledged, in flight or held back by the window (ss's Send-Q). */
  sendQueue(endpoint: EndpointId): number {
    return sendQueueBytes(this.tcb(endpoint));
  }

  /** The window this endpoint offers now (RCV.WND). */
  window(endpoint: EndpointId): number {
    return receiveWindow(this.tcb(endpoint));
  }

  /** This endpoint's application reads only when it calls read(): bytes wait in its receive buffer until then. */
  readsOnCall(endpoint: EndpointId): boolean {
    return !readsAtOnce(this.tcb(endpoint));
  }

  /**
   * How this endpoint's connection ended, once it is CLOSED with an error: the error its
   * application is told, or, for an orphan (its application already closed it, so nobody is
   * told), that it gave up when its retries ran out. Null while it lasts, or after a clean end.
   */
  ending(endpoint: EndpointId): { readonly kind: 'error'; readonly error: ConnectionError } | { readonly kind: 'orphan-gave-up' } | null {
    const { error, orphaned } = this.tcb(endpoint);
    if (this.state(endpoint) !== 'CLOSED' || !error) return null;
    return orphaned && error === 'connection timed out' ? { kind: 'orphan-gave-up' } : { kind: 'error', error };
  }

  /** Whether the call would be made now: the endpoint's state allows it and the application's policy does. */
  override check(endpoint: EndpointId, call: CallName): { allowed: true } | { allowed: false; reason: Refusal } {
    const byPolicy = policyRefusal(this.policy, endpoint, call);
    return byPolicy ? { allowed: false, reason: byPolicy } : super.check(endpoint, call);
  }
}
