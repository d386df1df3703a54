/**
 * npm run bench (frame-cost part), or on its own: `npx tsx bench/frame-cost.ts` (BENCH_SITE=<dir>
 * reuses a built site; FRAME_COST_RUNS and FRAME_COST_SECONDS change the 3 runs of 8 s).
 *
 * Main-thread time per animation frame at 1x, unthrottled, for the app and the embed playing the
 * four-way-close lesson and for the ProtoViz-like floor, from a DevTools timeline trace (the one
 * bench/browser.ts records for "longest task"), 8 s from the click on Play, 3 runs each.
 *
 * What one frame's time is. The renderer main thread runs tasks (`RunTask` events); only the
 * outermost ones count (depth 0: a nested message loop's tasks are inside one). A frame is made in
 * one of them, the rendering task: it runs the requestAnimationFrame callbacks, then style,
 * layout, paint and the commit to the compositor. The bench's frame counter requests a callback
 * every frame in every page, so every frame's rendering task holds a `FireAnimationFrame` event,
 * which is how they are found (the trace's `AnimationFrame` async events of this Chromium are the
 * long-animation-frame ones and do not mark every frame). Frame k costs its rendering task plus
 * every other outermost task that started after rendering task k-1 and before it: the timers,
 * input, React's scheduler tasks and collections in between, whose work went into frame k. So the
 * frames partition the busy time between the first and the last rendering task: the mean is that
 * busy time over the frames (a figure that does not depend on when a task happened to run), and
 * p95 shows the expensive frames. The first rendering task only opens the window (what came before
 * it is the page waiting). Idle time is not counted: a page that does nothing costs 0 ms a frame.
 *
 * Which time. The headline figures are the tasks' thread time (CPU time, the trace's `tdur`):
 * on this 2-core machine, shared with whatever else runs, a task's wall time (`dur`) also holds
 * the moments the thread was descheduled (in one trace taken under load the tasks' wall time was
 * 1.9x their CPU time; with two CPU-bound processes beside it, the app's CPU mean went from 3.72
 * to 3.74 ms a frame, its wall mean from 4.55 to 5.19). Wall time is printed beside it: it is
 * what a reader waits for, and it holds the main thread's waits (the commit waits for the
 * compositor thread).
 *
 * The split into scripting, style and layout, paint and other is each event's own CPU time (its
 * thread time less that of the events inside it), by its name, as DevTools' summary does; an
 * event of no known kind takes its parent's; a task's own time (scheduling, IPC) is "other".
 * Events without a thread time (a few: HitTest, UpdateLayer) leave theirs in their parent's.
 */
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { median, recordFramesTraced, type TraceEvent } from './browser';
import { ANIMATED, standalone, type AnimatedPage } from './pages';

const RUNS = Number(process.env.FRAME_COST_RUNS ?? 3);
const SECONDS = Number(process.env.FRAME_COST_SECONDS ?? 8);

type Kind = 'scripting' | 'styleLayout' | 'paint' | 'other';
const KINDS: Record<string, Kind> = {
  FunctionCall: 'scripting',
  EvaluateScript: 'scripting',
  FireAnimationFrame: 'scripting',
  FireIdleCallback: 'scripting',
  EventDispatch: 'scripting',
  TimerFire: 'scripting',
  RunMicrotasks: 'scripting',
  MinorGC: 'scripting',
  MajorGC: 'scripting',
  UpdateLayoutTree: 'styleLayout',
  RecalculateStyles: 'styleLayout',
  Layout: 'styleLayout',
  PrePaint: 'styleLayout',
  HitTest: 'styleLayout',
  ScrollLayer: 'styleLayout',
  UpdateLayerTree: 'styleLayout',
  IntersectionObserverController__computeIntersections: 'styleLayout',
  Paint: 'paint',
  PaintImage: 'paint',
  UpdateLayer: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  CompositeLayers: 'paint',
  RasterTask: 'paint',
};
const kindOf = (name: string): Kind | null => KINDS[name.replace('::', '__')] ?? (/^(v8|V8|BlinkGC|CppGC)\./.test(name) ? 'scripting' : null);

export interface FrameCost {
  /** Frames measured (rendering tasks after the first). */
  readonly frames: number;
  /** Main-thread CPU time a frame, ms. */
  readonly meanMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** The same tasks' wall time a frame, ms. */
  readonly wallMeanMs: number;
  readonly wallP95Ms: number;
  /** Mean CPU ms a frame in each kind of work; they add up to meanMs. */
  readonly split: Readonly<Record<Kind, number>>;
}

const NO_TIME = (): Record<Kind, number> => ({ scripting: 0, styleLayout: 0, paint: 0, other: 0 });

/** Mean, 95th percentile (nearest rank) and maximum. */
function summary(xs: readonly number[]): { mean: number; p95: number; max: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, p95: sorted[Math.ceil(0.95 * sorted.length) - 1]!, max: sorted.at(-1)! };
}

/** Per-frame main-thread time from the events of the page's renderer main thread (see the top of this file). */
export function frameCost(thread: readonly TraceEvent[]): FrameCost {
  const events = thread.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Outermost tasks: wall and CPU time, CPU time by kind, and whether it rendered a frame.
  interface Task {
    readonly wall: number;
    readonly cpu: number;
    renders: boolean;
    readonly split: Record<Kind, number>;
  }
  const tasks: Task[] = [];
  const stack: { end: number; kind: Kind; cpu: number; inner: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.end <= upTo) {
      const done = stack.pop()!;
      tasks.at(-1)!.split[done.kind] += Math.max(0, done.cpu - done.inner);
    }
  };
  for (const e of events) {
    close(e.ts);
    const cpu = e.tdur ?? 0;
    if (stack.length === 0) {
      // Outside any task (rare): not a task's work, left out as the busy-time figures leave it out.
      if (e.name !== 'RunTask') continue;
      tasks.push({ wall: e.dur!, cpu, renders: false, split: NO_TIME() });
    } else stack.at(-1)!.inner += cpu;
    if (e.name === 'FireAnimationFrame') tasks.at(-1)!.renders = true;
    stack.push({ end: e.ts + e.dur!, kind: kindOf(e.name) ?? stack.at(-1)?.kind ?? 'other', cpu, inner: 0 });
  }
  close(Infinity);

  const cpuCosts: number[] = [];
  const wallCosts: number[] = [];
  const split = NO_TIME();
  let opened = false;
  let cpu = 0;
  let wall = 0;
  const pending = NO_TIME();
  for (const task of tasks) {
    if (!opened) {
      opened = task.renders;
      continue;
    }
    cpu += task.cpu;
    wall += task.wall;
    for (const k of Object.keys(pending) as Kind[]) pending[k] += task.split[k];
    if (!task.renders) continue;
    cpuCosts.push(cpu / 1000);
    wallCosts.push(wall / 1000);
    for (const k of Object.keys(pending) as Kind[]) {
      split[k] += pending[k] / 1000;
      pending[k] = 0;
    }
    cpu = wall = 0;
  }
  const n = cpuCosts.length;
  if (n === 0)
    throw new Error(
      `no animation frames in the trace (${tasks.length} tasks, ${tasks.filter((t) => t.renders).length} rendering, ${thread.length} events on the thread)`,
    );
  const c = summary(cpuCosts);
  const w = summary(wallCosts);
  return {
    frames: n,
    meanMs: c.mean,
    p95Ms: c.p95,
    maxMs: c.max,
    wallMeanMs: w.mean,
    wallP95Ms: w.p95,
    split: { scripting: split.scripting / n, styleLayout: split.styleLayout / n, paint: split.paint / n, other: split.other / n },
  };
}

/** One run: open the page, start it, trace `seconds` at 1x. */
export async function measureFrameCost(browser: Browser, origin: string, target: AnimatedPage, seconds = SECONDS): Promise<FrameCost & { fps: number }> {
  const { page, start } = await target.open(browser, origin);
  const { frames, thread } = await recordFramesTraced(browser, page, seconds, 1, start);
  await page.close();
  return { ...frameCost(thread), fps: frames.frames / seconds };
}

export interface FrameCostRuns {
  readonly page: AnimatedPage;
  readonly runs: readonly (FrameCost & { fps: number })[];
}

/** `runs` runs of each page, taken in turn (app, embed, floor, app, ...) so that the machine's slow moments are shared out. */
export async function frameCosts(browser: Browser, origin: string, pages: readonly AnimatedPage[] = ANIMATED, runs = RUNS): Promise<FrameCostRuns[]> {
  const out = pages.map((page) => ({ page, runs: [] as (FrameCost & { fps: number })[] }));
  for (let i = 0; i < runs; i++) for (const entry of out) entry.runs.push(await measureFrameCost(browser, origin, entry.page));
  return out;
}

const runCount = (results: readonly FrameCostRuns[]) => {
  const n = results[0]?.runs.length ?? 0;
  return `${n} run${n === 1 ? '' : 's'}`;
};

/** The Markdown section bench/run.ts prints. */
export function frameCostMarkdown(results: readonly FrameCostRuns[], seconds = SECONDS): string {
  const f = (x: number) => x.toFixed(2);
  const lines = [
    `## Main-thread time per frame: four-way-close playing at 1x, ${seconds} s from the click on Play, ${runCount(results)} (1280x720)`,
    '',
    "The renderer main thread's outermost tasks from one frame to the next (see bench/frame-cost.ts): their CPU time, then their wall time; the last four columns split the CPU mean.",
    '',
    '| page | run | frames | fps | CPU mean ms | CPU p95 ms | CPU max ms | wall mean ms | wall p95 ms | scripting | style+layout | paint+commit | other |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { page, runs } of results) {
    runs.forEach((r, i) =>
      lines.push(
        `| ${page.name} | ${i + 1} | ${r.frames} | ${r.fps.toFixed(1)} | ${f(r.meanMs)} | ${f(r.p95Ms)} | ${f(r.maxMs)} | ${f(r.wallMeanMs)} | ${f(r.wallP95Ms)} | ${f(r.split.scripting)} | ${f(r.split.styleLayout)} | ${f(r.split.paint)} | ${f(r.split.other)} |`,
      ),
    );
  }
  const floor = results.at(-1)!;
  const floorMean = median(floor.runs.map((r) => r.meanMs));
  lines.push(
    '',
    '| page | CPU ms, median of the means | CPU ms, median p95 | wall ms, median of the means | wall ms, median p95 | CPU mean vs floor |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const { page, runs } of results) {
    const mean = median(runs.map((r) => r.meanMs));
    lines.push(
      `| ${page.name} | ${f(mean)} | ${f(median(runs.map((r) => r.p95Ms)))} | ${f(median(runs.map((r) => r.wallMeanMs)))} | ${f(median(runs.map((r) => r.wallP95Ms)))} | ${(mean / floorMean).toFixed(1)}x |`,
    );
  }
  return lines.join('\n') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await standalone(async (browser, origin) => console.log(frameCostMarkdown(await frameCosts(browser, origin))));
}
