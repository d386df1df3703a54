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

/** The goal of working a run out to its end. */
export const END = 'end';

/** Between two slices, the page gets a turn (a macrotask, so input and painting come first). */
const later = (fn: () => void): void => void setTimeout(fn, 0);

/**
 * A run worked out toward a goal: a time, or (END) the run's end. It is finished once the goal is
 * reached, once `enough` says the caller has all it wants, or once the engine fails (its event
 * limit: the run then stands as far as it got). Nothing is worked out until it is told to slice or
 * asked whether it has finished: asked, it works out a first slice, as a run computes only as far
 * as someone has looked.
 */
export class CatchUp {
  private sliced = false;
  private arrived = false;
  private broken = false;

  constructor(
    readonly run: Run,
    readonly goal: number | typeof END,
    private readonly enough: () => boolean = () => false,
  ) {}

  /** Whether the engine could not work the run out (it is not tried again). */
  get failed(): boolean {
    return this.broken;
  }

  get finished(): boolean {
    if (!this.sliced) this.slice();
    // The run's end is looked for afresh each time: a window probed for ever is quiet only between its probes.
    return this.broken || (this.goal === END ? this.run.complete || this.run.endless : this.arrived) || this.enough();
  }

  /** Work out one more slice toward the goal, unless finished; true once finished. */
  slice(): boolean {
    if (this.sliced && this.finished) return true;
    this.sliced = true;
    const { run, goal } = this;
    let done = false;
    try {
      for (let n = 0; n < SLICE_EVENTS && !done; n += STEP_EVENTS)
        done = goal === END ? run.extendToEnd(STEP_EVENTS) || run.endless : run.extendTowards(goal, STEP_EVENTS);
      this.arrived = done;
    } catch {
      this.broken = true;
    }
    return this.finished;
  }

  /**
   * Work out slice after slice, each after the page has had a turn, until finished, calling
   * `onSlice` after each (a failure, then, is reported once). Returns what cancels the slices to come.
   */
  continue(onSlice: () => void): () => void {
    let cancelled = false;
    const next = () => {
      if (cancelled || this.finished) return;
      this.slice();
      onSlice();
      later(next);
    };
    later(next);
    return () => {
      cancelled = true;
    };
  }
}
