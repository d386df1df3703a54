/**
 * The wire between the two endpoints: every segment takes `latencyMs`, and the user (or a script)
 * can lose the next one, hold it back so that a later one overtakes it, or block a direction.
 * Segments in opposite directions never interact, so they may cross.
 */
import type { Direction } from './types';

export type NetworkAction =
  | { readonly kind: 'drop-next'; readonly direction: Direction }
  | { readonly kind: 'delay-next'; readonly direction: Direction; readonly byMs: number }
  | { readonly kind: 'block'; readonly direction: Direction }
  | { readonly kind: 'unblock'; readonly direction: Direction }
  /** The student plays the network: each segment stops halfway until delivered or dropped. */
  | { readonly kind: 'manual'; readonly on: boolean }
  | { readonly kind: 'deliver' | 'drop'; readonly segment: number };

interface Lane {
  blocked: boolean;
  dropNext: boolean;
  /** Extra delay for the next segment, ms (0 = none pending). */
  delayNext: number;
}

/** What happens to one segment as it is sent: lost (and why), or when it arrives. */
export type Fate =
  | { readonly lost: true; readonly reason: 'dropped' | 'blocked' }
  | { readonly lost: false; readonly arrivesAt: number; readonly held: boolean };

export class Network {
  private lanes: Record<Direction, Lane> = {
    'client->server': { blocked: false, dropNext: false, delayNext: 0 },
    'server->client': { blocked: false, dropNext: false, delayNext: 0 },
  };

  /** Segments stop halfway and wait for the user (the Simulation holds them). */
  manual = false;

  constructor(readonly latencyMs: number) {}

  apply(action: Extract<NetworkAction, { direction: Direction }>): void {
    const lane = this.lanes[action.direction];
    if (action.kind === 'drop-next') lane.dropNext = true;
    else if (action.kind === 'delay-next') lane.delayNext += action.byMs;
    else lane.blocked = action.kind === 'block';
  }

  /** Decide the fate of a segment sent now; a pending drop or delay applies to this one only. */
  send(direction: Direction, now: number): Fate {
    const lane = this.lanes[direction];
    if (lane.blocked) return { lost: true, reason: 'blocked' };
    if (lane.dropNext) {
      lane.dropNext = false;
      return { lost: true, reason: 'dropped' };
    }
    const extra = lane.delayNext;
    lane.delayNext = 0;
    return { lost: false, arrivesAt: now + this.latencyMs + extra, held: this.manual };
  }

  state(direction: Direction): Readonly<Lane> {
    return { ...this.lanes[direction] };
  }
}
