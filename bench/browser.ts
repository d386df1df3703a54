/**
 * The browser half of `npm run bench`: start time, animation frames, the 10,000-socket view and
 * the heap, all in Debian's Chromium on this machine, against built files on a plain static host.
 * Every figure is a measurement of this run; nothing here is asserted.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Milliseconds from navigation to the first frame painted after `selector` is in the page (the
 * moment a reader sees it and can act), median of `runs` cold loads, each in a fresh context.
 */
export async function startTime(browser: Browser, url: string, selector: string, runs = 9): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript((sel: string) => {
      const w = window as unknown as { __ready?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector(sel)) return;
        observer.disconnect();
        // performance.now() counts from the navigation's start.
        requestAnimationFrame(() => requestAnimationFrame(() => (w.__ready = performance.now())));
      }).observe(document, { childList: true, subtree: true });
    }, selector);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, undefined, { timeout: 30_000 });
    all.push(await page.evaluate(() => (window as unknown as { __ready: number }).__ready));
    await context.close();
  }
  return { median: median(all), all };
}

export interface Frames {
  readonly seconds: number;
  readonly frames: number;
  /** Frames that came more than 16.7 ms after the one before (a missed display refresh). */
  readonly late: number;
  readonly longestFrameMs: number;
  /** The longest task on the page's main thread, from a DevTools trace. */
  readonly longestTaskMs: number;
}

/** Count animation frames in the page for `seconds` while `start` sets it going, under a CPU slowdown of `throttle` times. */
export async function recordFrames(browser: Browser, page: Page, seconds: number, throttle: number, start: () => Promise<void>): Promise<Frames> {
  return (await recordFramesTraced(browser, page, seconds, throttle, start)).frames;
}

/** The same, with the trace's events on the page's renderer main thread (bench/frame-cost.ts reads the time each frame took). */
export async function recordFramesTraced(
  browser: Browser,
  page: Page,
  seconds: number,
  throttle: number,
  start: () => Promise<void>,
): Promise<{ frames: Frames; thread: TraceEvent[] }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const tracing = await startTrace(browser);
  // A string, not a function: tsx would wrap a named function in a helper the page lacks.
  await page.evaluate(`window.__frames = []; requestAnimationFrame(function tick(t) { window.__frames.push(t); requestAnimationFrame(tick); });`);
  await start();
  await page.waitForTimeout(seconds * 1000);
  const stamps = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice());
  const events = await tracing.stop();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
  // rAF times are vsync-aligned: a gap of one refresh reads 16.6-16.8 ms, a missed one 33 ms.
  const late = gaps.filter((g) => g > 16.7 * 1.5).length;
  if (process.env.BENCH_DEBUG)
    console.error('late frames (index, gap):', gaps.flatMap((g, i) => (g > 16.7 * 1.5 ? [`#${i} ${g.toFixed(1)} ms`] : [])).join(' ') || 'none');
  const thread = pageThread(events);
  return { frames: { seconds, frames: stamps.length, late, longestFrameMs: Math.max(0, ...gaps), longestTaskMs: longestTask(thread) }, thread };
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, as `dur` is its wall time. */
  tdur?: number;
  args?: { name?: string; data?: unknown };
}

/** A DevTools timeline trace of the whole browser (Playwright's own tracing records nothing from this Chromium). */
export async function startTrace(browser: Browser): Promise<{ stop: () => Promise<TraceEvent[]> }> {
  const cdp = await browser.newBrowserCDPSession();
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return events;
    },
  };
}

/**
 * The page's renderer main thread (this Chromium's trace does not say which renderer shows which
 * page): the one that ran the most animation frame callbacks, as the frame counter asks for one
 * every frame, then the busiest. Busy time alone is not enough: for a few seconds after the
 * browser starts, a "WebUI Top Renderer" process of its own can be the busiest.
 */
export function pageThread(events: readonly TraceEvent[]): TraceEvent[] {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const threads = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(thread)) continue;
    const list = threads.get(thread);
    if (list) list.push(e);
    else threads.set(thread, [e]);
  }
  const busy = (list: TraceEvent[]) => list.reduce((n, e) => n + (e.name === 'RunTask' ? (e.dur ?? 0) : 0), 0);
  const frames = (list: TraceEvent[]) => list.reduce((n, e) => n + (e.name === 'FireAnimationFrame' ? 1 : 0), 0);
  const page = [...threads.values()].sort((a, b) => frames(b) - frames(a) || busy(b) - busy(a))[0];
  if (!page) throw new Error('no renderer main thread in the trace');
  return page;
}

/** The longest task on the page's main thread (from pageThread), in ms. */
function longestTask(thread: readonly TraceEvent[]): number {
  const tasks = thread.filter((e) => e.name === 'RunTask');
  if (process.env.BENCH_DEBUG) explainLongTasks(thread, Number(process.env.BENCH_DEBUG));
  return Math.max(0, ...tasks.map((e) => (e.dur ?? 0) / 1000));
}

/** BENCH_DEBUG: every task over `overMs`, with what ran inside it for more than 1.5 ms. */
function explainLongTasks(thread: readonly TraceEvent[], overMs: number): void {
  for (const task of thread.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > overMs * 1000)) {
    const inside = thread.filter((e) => e !== task && e.ts >= task.ts && e.ts < task.ts + (task.dur ?? 0) && (e.dur ?? 0) > 1500);
    console.error(
      `task ${((task.dur ?? 0) / 1000).toFixed(1)} ms:`,
      inside.map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ${JSON.stringify(e.args?.data ?? '').slice(0, 120)}`).join(' | '),
    );
  }
}

/** A lesson autoplaying at 1x, as a class watches it. */
export async function autoplayFrames(browser: Browser, origin: string, scenario: string, throttle: number, seconds = 10): Promise<Frames> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  await page.goto(`${origin}/?scenario=${scenario}`);
  await page.locator('svg.sequence').waitFor();
  const frames = await recordFrames(browser, page, seconds, throttle, () =>
    page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Play', exact: true }).click(),
  );
  await page.close();
  return frames;
}

/** The 10,000-socket field while its pile-up plays (ten simulated seconds a second). */
export async function pileupFrames(browser: Browser, origin: string, throttle = 1, seconds = 10): Promise<Frames> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  await page.goto(`${origin}/?scenario=time-wait-pileup`);
  const region = page.getByRole('region', { name: 'Many sockets' });
  await region.locator('canvas').waitFor();
  const frames = await recordFrames(browser, page, seconds, throttle, () => region.getByRole('button', { name: 'Play', exact: true }).click());
  await page.close();
  return frames;
}

export interface HeapGrowth {
  readonly loops: number;
  readonly simulatedSeconds: number;
  readonly wallSeconds: number;
  /** Heap in MB after each loop (after a forced collection): all of it, and without compiled code. */
  readonly used: readonly number[];
  readonly objects: readonly number[];
}

/** The JS heap after a forced collection: all of it (as DevTools shows), and its objects alone (compiled code left out). */
async function heapNow(cdp: CDPSession): Promise<{ used: number; objects: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const used = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  let text = '';
  const collect = (d: { chunk: string }) => (text += d.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  const snapshot = JSON.parse(text) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const [typeAt, sizeAt, code] = [fields.indexOf('type'), fields.indexOf('self_size'), snapshot.snapshot.meta.node_types[0].indexOf('code')];
  let objects = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) if (snapshot.nodes[i + typeAt] !== code) objects += snapshot.nodes[i + sizeAt]!;
  return { used: used / 2 ** 20, objects: objects / 2 ** 20 };
}

/**
 * Autoplay every lesson in turn at 8x, over and over, until `simulatedMinutes` of simulated time
 * have played, measuring the heap after each loop. Compiled code is counted apart: V8 optimizing
 * the functions that turned hot in the first loops is not a leak, and would read as one.
 */
export async function heapGrowth(browser: Browser, origin: string, lessons: readonly string[], simulatedMinutes = 10): Promise<HeapGrowth> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  await page.goto(`${origin}/?scenario=${lessons[0]}`);
  const cdp = await page.context().newCDPSession(page);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const started = Date.now();
  const used: number[] = [];
  const objects: number[] = [];
  let simulated = 0;
  while (simulated < simulatedMinutes * 60_000) {
    for (const id of lessons) {
      await page.getByRole('combobox', { name: 'Scenario' }).selectOption(id);
      await timeline.getByRole('combobox', { name: 'Speed' }).selectOption('8');
      await timeline.getByRole('button', { name: 'Play', exact: true }).click();
      // Play stops by itself a moment after the lesson's last event.
      await timeline.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 120_000 });
      simulated += Number.parseFloat((await timeline.locator('output.clock').textContent()) ?? '0') * 1000;
    }
    const heap = await heapNow(cdp);
    used.push(heap.used);
    objects.push(heap.objects);
  }
  await page.close();
  return { loops: used.length, simulatedSeconds: simulated / 1000, wallSeconds: (Date.now() - started) / 1000, used, objects };
}
