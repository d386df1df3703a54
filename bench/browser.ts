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
async function recordFrames(browser: Browser, page: Page, seconds: number, throttle: number, start: () => Promise<void>): Promise<Frames> {
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
  if (process.env.BENCH_DEBUG) console.error('late frames at', gaps.flatMap((g, i) => (g > 25 ? [`#${i} ${g.toFixed(1)}ms`] : [])).join(' '));
  return { seconds, frames: stamps.length, late, longestFrameMs: Math.max(0, ...gaps), longestTaskMs: longestTask(events) };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** A DevTools timeline trace of the whole browser (Playwright's own tracing records nothing from this Chromium). */
async function startTrace(browser: Browser): Promise<{ stop: () => Promise<TraceEvent[]> }> {
  const cdp = await browser.newBrowserCDPSession();
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
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
 * The longest task on the page's renderer main thread, in ms. The page under test is the only one
 * doing anything while it is recorded, so its renderer is the busiest (this Chromium's trace does
 * not say which renderer shows which page).
 */
function longestTask(events: readonly TraceEvent[]): number {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const busy = new Map<string, { total: number; longest: number }>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mains.has(thread)) continue;
    const b = busy.get(thread) ?? { total: 0, longest: 0 };
    busy.set(thread, { total: b.total + (e.dur ?? 0), longest: Math.max(b.longest, e.dur ?? 0) });
  }
  const page = [...busy.values()].sort((a, b) => b.total - a.total)[0];
  if (process.env.BENCH_DEBUG) {
    const thread = [...busy.entries()].sort((a, b) => b[1].total - a[1].total)[0]![0];
    const onThread = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X') as (TraceEvent & { ts: number })[];
    for (const task of onThread.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > Number(process.env.BENCH_DEBUG) * 1000)) {
      const inside = onThread.filter((e) => e !== task && e.ts >= task.ts && e.ts < task.ts + task.dur! && (e.dur ?? 0) > 1500);
      console.error(`task ${(task.dur! / 1000).toFixed(1)} ms:`, inside.map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ${JSON.stringify((e.args as { data?: unknown })?.data ?? '').slice(0, 120)}`).join(' | '));
    }
  }
  if (!page) throw new Error('no renderer main thread in the trace');
  return page.longest / 1000;
}

/** A lesson autoplaying at 1x, as a class watches it. */
export async function autoplayFrames(browser: Browser, origin: string, scenario: string, throttle: number, seconds = 10): Promise<Frames> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  await page.goto(`${origin}/?scenario=${scenario}`);
  await page.locator('svg.sequence').waitFor();
  const frames = await recordFrames(browser, page, seconds, throttle, () => page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Play', exact: true }).click());
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
