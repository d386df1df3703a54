/**
 * The run worked out a slice at a time, for whoever wants more of it than has been computed: the
 * session going to a far moment, the sequence diagram laying out a run's end. A slice is at most
 * SLICE_EVENTS events; the next comes after the page has had a turn, so a long run never holds the
 * page. Every lesson is far smaller than a slice, so it is worked out in its first.
 */
import type { Run } from './run';

/** The most events one slice works out (about 10 ms). */
export const SLICE_EVENTS = 1000;
/** Within a slice, the run's end is looked for after each this many events (a window probed for ever has none). */
const STEP_EVENTS = 100;

/** The goal of working a run out to its end (as far as it has one: see Run.endless). */
export const END = Infinity;

/**
 * A run worked out toward a goal: a time, or END, the run's end. It is finished once the goal is
 * reached, once `enough` says the caller has all it wants, or once the engine fails (its event
 * limit: the run then stands as far as it got, and is not tried again).
 */
export interface CatchUp {
  /**
   * Whether it is finished. Asked before any slice has been worked out, it works out the first (as
   * a run computes only as far as someone has looked): a lesson is finished at once.
   */
  finished(): boolean;
  /**
   * Once `finished()` has said no: work out slice after slice, each after the page has had a turn
   * (a macrotask, so input and painting come first), until finished, calling `onSlice` after each
   * (a failure, then, is reported once, by the slice that met it). Returns what cancels the slices to come.
   */
  continue(onSlice: () => void): () => void;
}

export function catchUp(run: Run, goal: number, enough = () => false): CatchUp {
  /**
   * Whether the last slice left nothing to work out toward the goal: it reached it (END's: the run
   * is complete), or the engine failed (not tried again). Undefined before the first slice.
   */
  let over: boolean | undefined;
  const slice = () => {
    try {
      for (let n = 0; n < SLICE_EVENTS; n += STEP_EVENTS) {
        over = run.extendTowards(goal, STEP_EVENTS);
        if (over || (goal === END && run.endless)) break;
      }
    } catch {
      over = true;
    }
  };
  // A run that probes a closed window for ever reaches END whenever only the probing is left
  // (Run.endless): asked afresh each time, as computing further starts another probe.
  const finished = (): boolean => (over ?? slice(), over! || enough() || (goal === END && run.endless));
  return {
    finished,
    continue(onSlice) {
      let cancelled = false;
      const next = () => {
        if (cancelled || finished()) return;
        slice();
        onSlice();
        setTimeout(next);
      };
      setTimeout(next);
      return () => (cancelled = true);
    },
  };
}
