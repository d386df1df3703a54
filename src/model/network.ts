/**
 * The wire between the two endpoints: every segment takes `latencyMs`, and the user (or a script)
 * can lose the next one, hold it back so that a later one overtakes it, or block a direction.
 * Segments in opposite directions never interact, so they may cross. Immutable: each function
 * returns a new state.
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

export type LaneAction = Extract<NetworkAction, { direction: Direction }>;

/** One direction of the wire: blocked, or with a drop or delay waiting for the next segment. */
export interface Lane {
  readonly blocked: boolean;
  readonly dropNext: boolean;
  /** Extra delay for the next segment, ms (0 = none pending). */
  readonly delayNext: number;
}

export interface NetworkState {
  readonly latencyMs: number;
  /** Segments stop halfway and wait for the user. */
  readonly manual: boolean;
  readonly lanes: Readonly<Record<Direction, Lane>>;
}

const OPEN_LANE: Lane = { blocked: false, dropNext: false, delayNext: 0 };

export const createNetwork = (latencyMs: number): NetworkState => ({
  latencyMs,
  manual: false,
  lanes: { 'client->server': OPEN_LANE, 'server->client': OPEN_LANE },
});

export function applyToLane(net: NetworkState, action: LaneAction): NetworkState {
  const lane = net.lanes[action.direction];
  const next: Lane =
    action.kind === 'drop-next'
      ? { ...lane, dropNext: true }
      : action.kind === 'delay-next'
        ? { ...lane, delayNext: lane.delayNext + action.byMs }
        : { ...lane, blocked: action.kind === 'block' };
  return { ...net, lanes: { ...net.lanes, [action.direction]: next } };
}

/** What happens to one segment as it is sent: lost (and why), or when it arrives. */
export type Fate =
  { readonly lost: true; readonly reason: 'dropped' | 'blocked' } | { readonly lost: false; readonly arrivesAt: number; readonly held: boolean };

/** Decide the fate of a segment sent now; a pending drop or delay applies to this one only. */
export function sendOn(net: NetworkState, direction: Direction, now: number): { readonly network: NetworkState; readonly fate: Fate } {
  const lane = net.lanes[direction];
  if (lane.blocked) return { network: net, fate: { lost: true, reason: 'blocked' } };
  if (lane.dropNext) return { network: withLane(net, direction, { ...lane, dropNext: false }), fate: { lost: true, reason: 'dropped' } };
  const fate: Fate = { lost: false, arrivesAt: now + net.latencyMs + lane.delayNext, held: net.manual };
  return { network: lane.delayNext === 0 ? net : withLane(net, direction, { ...lane, delayNext: 0 }), fate };
}

const withLane = (net: NetworkState, direction: Direction, lane: Lane): NetworkState => ({ ...net, lanes: { ...net.lanes, [direction]: lane } });
