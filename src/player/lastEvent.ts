/**
 * When a run's last event happened: a change of state, a segment's sending or arrival (a run's end
 * as a picture or a question shows it). A module of its own, so that it loads with the views that
 * ask (the exports, the exercises), not with the app's first view.
 */
import type { Frame } from './frame';

export const lastEventAt = (f: Pick<Frame, 'transitions' | 'wire'>): number =>
  Math.max(0, ...f.transitions.map((x) => x.t), ...f.wire.map((w) => Math.max(w.sentAt, w.delivered ? w.arrivesAt : 0)));
