/**
 * A segment's flight, answered once here for every view: where along its path a segment on the wire
 * is at a moment, whether it has arrived or stopped, and when its path ends. A segment sent at
 * `sentAt` travels toward `arrivesAt`; one lost while it travelled stops where it was dropped
 * (`droppedAt`), and one lost with no such instant, or held by a manual network, stops at LOST_AT.
 * The model says what happened; a view places a segment at raftscope's (now - sentAt) / (arrivesAt -
 * sentAt) of its path, as far as it stops.
 */
import type { WireSegment } from '../model/history';

/** The fraction of its path at which a segment lost with no recorded instant, or held, stops. */
export const LOST_AT = 0.5;

/** Whether a segment stops on its way (lost, or held by the network) instead of arriving. */
export const stopsOnWay = (w: WireSegment): boolean => !!w.lost || w.held;

/** When a segment that stops on its way stops. */
export const stopAt = (w: WireSegment): number => w.droppedAt ?? w.sentAt + (w.arrivesAt - w.sentAt) * LOST_AT;

/** The fraction of its path a segment that stops on its way covers. */
export const stopFraction = (w: WireSegment): number => (w.droppedAt === undefined ? LOST_AT : (w.droppedAt - w.sentAt) / Math.max(1, w.arrivesAt - w.sentAt));

/** When a segment's path ends: where it stops on its way, or its arrival. */
export const pathEnd = (w: WireSegment): number => (stopsOnWay(w) ? stopAt(w) : w.arrivesAt);

/** Whether a segment's flight is over at `now` (of a frame whose history holds it): arrived, or stopped on its way. */
export const settledBy = (w: WireSegment, now: number): boolean => (stopsOnWay(w) ? stopAt(w) <= now : w.delivered);

/** Which segments have stopped on their way by `now`, as a key that changes only when one more has. */
export function stoppedBy(wire: readonly WireSegment[], now: number): string {
  let key = '';
  for (const w of wire) if (stopsOnWay(w) && stopAt(w) <= now) key += `${w.id},`;
  return key;
}
