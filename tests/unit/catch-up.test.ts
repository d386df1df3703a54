/** The player's one catch-up scheduler: a run worked out a slice at a time, for the session and the diagram alike. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchUp, END, SLICE_EVENTS } from '../../src/player/catchUp';
import { Run } from '../../src/player/run';
import type { ScriptStep } from '../../src/model/script';
import { findScenario } from '../../src/scenarios/catalog';

/** A 1 MB send at mss 100: about 20,000 segments, far more than a slice. */
const bulk = (): Run =>
  new Run({ mss: 100 }, [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 0, endpoint: 'client', call: 'connect' },
    { at: 100, endpoint: 'client', call: 'send', bytes: 1_000_000 },
  ] as ScriptStep[]);

const lesson = (id: string): Run => {
  const { script } = findScenario(id)!;
  return new Run(script.config ?? {}, script.steps);
};

/** Let `turns` macrotasks run (each slice after the first waits for one). */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

afterEach(() => vi.restoreAllMocks());

describe('catchUp', () => {
  it('works out a far moment within the budget each slice, one slice a turn, and finishes there', async () => {
    const run = bulk();
    const far = catchUp(run, 700);
    // The first slice, when first asked.
    expect(far.finished()).toBe(false);
    expect(run.computed).toBeGreaterThan(0);
    expect(run.computed).toBeLessThanOrEqual(SLICE_EVENTS);
    const counts = [run.computed];
    let done = false;
    far.continue(() => {
      counts.push(run.computed);
      done = far.finished();
    });
    // Nothing more until the page has had a turn.
    expect(run.computed).toBe(counts[0]);
    for (let i = 0; i < 1000 && !done; i++) await turns(1);
    expect(done).toBe(true);
    // Every slice worked out some events and at most SLICE_EVENTS of them.
    const slices = counts.map((c, i) => c - (counts[i - 1] ?? 0));
    expect(slices.length).toBeGreaterThan(5);
    for (const n of slices) expect(n).toBeGreaterThan(0);
    for (const n of slices) expect(n).toBeLessThanOrEqual(SLICE_EVENTS);
    // It stopped at the moment asked for: the run's events up to 700 ms, no further.
    expect(run.reached).toBeLessThanOrEqual(700);
    expect(run.nextEventAfter(run.reached)).toBeGreaterThan(700);
    const computed = run.computed;
    await turns(3);
    expect(run.computed).toBe(computed);
  });

  it('works a lesson out to its end in the first slice: finished when first asked, so nothing waits for a turn', () => {
    for (const id of ['three-way-handshake', 'zero-window', 'time-wait']) {
      const run = lesson(id);
      const toEnd = catchUp(run, END);
      expect(toEnd.finished(), id).toBe(true);
      expect(run.complete, id).toBe(true);
    }
  });

  it('stops once the caller has enough, however much of the run is left', async () => {
    const run = bulk();
    let slices = 0;
    const enough = () => run.computed >= 3 * SLICE_EVENTS;
    const job = catchUp(run, END, enough);
    expect(job.finished()).toBe(false);
    job.continue(() => slices++);
    await turns(20);
    expect(job.finished()).toBe(true);
    expect(run.complete).toBe(false);
    expect(slices).toBe(2);
    expect(run.computed).toBeLessThanOrEqual(3 * SLICE_EVENTS);
  });

  it('when cancelled, works out nothing more', async () => {
    const run = bulk();
    const job = catchUp(run, END);
    expect(job.finished()).toBe(false);
    let slices = 0;
    const cancel = job.continue(() => slices++);
    await turns(2);
    cancel();
    const computed = run.computed;
    await turns(5);
    expect(run.computed).toBe(computed);
    expect(slices).toBeLessThanOrEqual(2);
  });

  it('reports a run the engine cannot work out once, as finished, and never tries it again', async () => {
    const run = bulk();
    const extend = vi.spyOn(run, 'extendTowards').mockImplementation(() => {
      throw new Error('the run did not settle');
    });
    const job = catchUp(run, END);
    let reports = 0;
    // The first slice fails: finished at once, with nothing to continue.
    expect(job.finished()).toBe(true);
    job.continue(() => reports++);
    await turns(5);
    expect(reports).toBe(0);
    expect(extend).toHaveBeenCalledTimes(1);

    // Failing on a later slice: reported by that slice, the last.
    const later = bulk();
    let calls = 0;
    const real = later.extendTowards.bind(later);
    vi.spyOn(later, 'extendTowards').mockImplementation((t, n) => {
      if (++calls > 25) throw new Error('the run did not settle');
      return real(t, n);
    });
    const failing = catchUp(later, END);
    expect(failing.finished()).toBe(false);
    const finishedWhenReported: boolean[] = [];
    failing.continue(() => finishedWhenReported.push(failing.finished()));
    await turns(10);
    expect(finishedWhenReported).toEqual([false, true]);
    expect(calls).toBe(26);
  });

  it('ends a run that probes a closed window for ever where only the probing is left', async () => {
    // The client keeps sending and the server's application never reads: its window closes for good.
    const run = new Run({ serverReads: 'when-called' }, [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 0, endpoint: 'client', call: 'connect' },
      { at: 100, endpoint: 'client', call: 'send', bytes: 200_000 },
    ] as ScriptStep[]);
    const toEnd = catchUp(run, END);
    if (!toEnd.finished()) await new Promise<void>((resolve) => toEnd.continue(() => toEnd.finished() && resolve()));
    expect(toEnd.finished()).toBe(true);
    expect(run.endless).toBe(true);
    expect(run.complete).toBe(false);
  });
});
