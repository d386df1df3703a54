/**
 * The capture X-ray's speed (issue 14): a busy server's capture of about 50,000 packets
 * (tools/captures/busy-server.ts), read and listed, and every connection replayed for the census;
 * headless here, and in Chromium, where the file is picked on the page and read by its worker
 * while the page's own thread is watched for long tasks. `npx tsx bench/capture.ts` runs the
 * headless part alone.
 */
import { watchTasks } from './longTasks';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { xray } from '../src/capture/anomalies';
import { connectionsOf } from '../src/capture/connections';
import { openCapture } from '../src/capture/open';
import { CaptureReader } from '../src/capture/read';
import { bulkSlices, pcapHeader } from '../tools/captures/bulk';
import { busyServerCapture } from '../tools/captures/busy-server';
import { oneSidedRun, pcapOf, SHAPES, synFlood, telnetRun, writeManyConnections } from '../tools/captures/shapes';
import { median } from './browser';

/** About 50,000 packets: each connection is 5 to 12 of them. */
const CONNECTIONS = 8700;

/** A large file: one bulk transfer of this many megabytes (tools/captures/bulk.ts). */
const LARGE_MB = 500;

export interface LargeFigures {
  readonly bytes: number;
  readonly packets: number;
  /** Headless, read 4 MB at a time as the page's worker reads: time, and the process's resident memory before and at most. */
  readonly readMs: number;
  readonly rssBeforeMB: number;
  readonly rssPeakMB: number;
  /** In Chromium, picked on the page: until the list shows. */
  readonly pageListedMs?: number;
}

export function largeFile(): { path: string; bytes: number } {
  const path = join(tmpdir(), 'bench-bulk.pcap');
  const fd = openSync(path, 'w');
  let bytes = 0;
  const write = (b: Uint8Array) => (bytes += writeSync(fd, b));
  write(pcapHeader());
  for (const slice of bulkSlices(LARGE_MB)) write(slice);
  closeSync(fd);
  return { path, bytes };
}

/** Read a file through the streaming reader, 4 MB at a time, watching the process's memory. */
export function readLarge(path: string): Omit<LargeFigures, 'pageListedMs'> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(4 << 20);
  const reader = new CaptureReader();
  const t0 = performance.now();
  let bytes = 0;
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    bytes += n;
    reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, n));
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  closeSync(fd);
  const capture = reader.finish();
  const readMs = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { bytes, packets: capture.packets, readMs, rssBeforeMB: before / 2 ** 20, rssPeakMB: peak / 2 ** 20 };
}

export interface CaptureFigures {
  readonly packets: number;
  readonly connections: number;
  readonly bytes: number;
  /** Headless: read and grouped (the list), and every connection replayed (the census); medians of 5. */
  readonly listMs: number;
  readonly censusMs: number;
  /** In Chromium: picked to listed, and to the census complete; the page thread's longest task meanwhile. */
  readonly page?: { readonly listedMs: number; readonly censusMs: number; readonly longestTaskMs: number };
  readonly large?: LargeFigures;
}

export function captureFile(): { path: string; bytes: Uint8Array } {
  const bytes = busyServerCapture(CONNECTIONS);
  const path = join(tmpdir(), 'bench-busy-server.pcap');
  writeFileSync(path, bytes);
  return { path, bytes };
}

export function headless(bytes: Uint8Array): Omit<CaptureFigures, 'page'> {
  const list: number[] = [];
  const census: number[] = [];
  let packets = 0;
  let connections = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const capture = openCapture(bytes);
    const conns = connectionsOf(capture.segments);
    const t1 = performance.now();
    for (const c of conns) xray(c);
    const t2 = performance.now();
    list.push(t1 - t0);
    census.push(t2 - t1);
    packets = capture.packets;
    connections = conns.length;
  }
  return { packets, connections, bytes: bytes.length, listMs: median(list), censusMs: median(census) };
}

/** In Chromium: a large file picked on the page, until its list shows. */
export async function largeInPage(browser: Browser, origin: string, path: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${origin}/?capture=1&lang=en`);
  await page.locator('.pick input').waitFor({ state: 'attached' });
  const t0 = Date.now();
  await page.locator('.pick input').setInputFiles(path);
  await page.locator('.capture-status strong').waitFor({ timeout: 300_000 });
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}

export async function inPage(browser: Browser, origin: string, path: string): Promise<NonNullable<CaptureFigures['page']>> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${origin}/?capture=1&lang=en`);
  await page.locator('.pick input').waitFor({ state: 'attached' });
  const tasks = await watchTasks(page);
  const t0 = Date.now();
  await page.locator('.pick input').setInputFiles(path);
  await page.locator('.capture-status strong').waitFor({ timeout: 60_000 });
  const listedMs = Date.now() - t0;
  // The census shows its counts once every connection has been replayed (until then it says it is counting).
  await page.waitForFunction(() => document.querySelector('.census li') !== null && document.querySelector('.census .counting') === null, undefined, {
    timeout: 300_000,
    polling: 50,
  });
  const censusMs = Date.now() - t0;
  const longestTaskMs = await tasks.longest();
  await page.close();
  return { listedMs, censusMs, longestTaskMs };
}

export function captureMarkdown(f: CaptureFigures): string {
  const lines = [
    `## Capture X-ray: a busy server's capture (${f.packets.toLocaleString('en')} packets, ${f.connections.toLocaleString('en')} connections, ${(f.bytes / 1e6).toFixed(1)} MB)\n`,
    "| where | listed ms | census ms (every connection replayed) | page thread's longest task ms |",
    '| --- | --- | --- | --- |',
    `| headless (median of 5) | ${f.listMs.toFixed(0)} | ${f.censusMs.toFixed(0)} | |`,
  ];
  if (f.page) lines.push(`| Chromium, picked on the page (worker) | ${f.page.listedMs} | ${f.page.censusMs} | ${f.page.longestTaskMs.toFixed(0)} |`);
  if (f.large) {
    const l = f.large;
    lines.push(
      '',
      `### A large file: one bulk transfer, ${(l.bytes / 1e6).toFixed(0)} MB, ${l.packets.toLocaleString('en')} packets, read 4 MB at a time\n`,
      '| where | read ms | resident memory before, at most (MB) |',
      '| --- | --- | --- |',
      `| headless | ${l.readMs.toFixed(0)} | ${l.rssBeforeMB.toFixed(0)}, ${l.rssPeakMB.toFixed(0)} |`,
      ...(l.pageListedMs !== undefined ? [`| Chromium, picked on the page (worker), until listed | ${l.pageListedMs} | |`] : []),
    );
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'shapes') console.log(shapesMarkdown(shapesVsTshark()));
else if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes } = captureFile();
  const large = largeFile();
  console.log(captureMarkdown({ ...headless(bytes), large: readLarge(large.path) }));
}

// ---------------------------------------------------------------------------------------------
// Issue 24: the three capture shapes beside tshark, and the page on big and busy captures.

/** One shape: the same file through tshark's conversation table and through `analyze`, in turn. */
export interface ShapeFigures {
  readonly name: string;
  readonly packets: number;
  readonly bytes: number;
  /** Medians of the runs, wall time (ms), and the largest peak resident memory seen (MB, /usr/bin/time's maxrss). */
  readonly tsharkMs: number;
  readonly tsharkRssMB: number;
  readonly analyzeMs: number;
  readonly analyzeRssMB: number;
  readonly connections: number;
}

/** Wall time and peak resident memory of a command, from GNU time. */
function timed(command: string, args: readonly string[]): { ms: number; rssMB: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '@@%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('@@'));
  if (r.status !== 0 || !line) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr.slice(-400)}`);
  const [secs, kb] = line.slice(2).split(' ').map(Number);
  return { ms: secs! * 1000, rssMB: kb! / 1024, stdout: r.stdout };
}

/** The three shapes of issue 24, each written to a file, then tshark and `npm run --silent analyze` on it, `runs` times in turn. */
export function shapesVsTshark(runs = 3): ShapeFigures[] {
  const out: ShapeFigures[] = [];
  for (const [name, make] of Object.entries(SHAPES)) {
    const bytes = make();
    const path = join(tmpdir(), `bench-shape-${name}.pcap`);
    writeFileSync(path, bytes);
    const tshark: { ms: number; rssMB: number }[] = [];
    const analyze: { ms: number; rssMB: number }[] = [];
    let connections = 0;
    for (let i = 0; i < runs; i++) {
      tshark.push(timed('tshark', ['-q', '-z', 'conv,tcp', '-r', path]));
      const a = timed('npm', ['run', '--silent', 'analyze', '--', path]);
      connections = (JSON.parse(a.stdout) as { connections: unknown[] }).connections.length;
      analyze.push(a);
    }
    out.push({
      name,
      packets: openCapture(bytes).packets,
      bytes: bytes.length,
      tsharkMs: median(tshark.map((x) => x.ms)),
      tsharkRssMB: Math.max(...tshark.map((x) => x.rssMB)),
      analyzeMs: median(analyze.map((x) => x.ms)),
      analyzeRssMB: Math.max(...analyze.map((x) => x.rssMB)),
      connections,
    });
  }
  return out;
}

export function shapesMarkdown(shapes: readonly ShapeFigures[]): string {
  const lines = [
    '## Capture X-ray beside tshark: the three shapes of issue 24 (`tools/captures/shapes.ts`), in the same run\n',
    '| capture | packets | MB | connections | `tshark -q -z conv,tcp` ms | `npm run --silent analyze` ms | ratio | tshark peak RSS MB | analyze peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...shapes.map(
      (s) =>
        `| ${s.name} | ${s.packets.toLocaleString('en')} | ${(s.bytes / 1e6).toFixed(1)} | ${s.connections} | ${s.tsharkMs.toFixed(0)} | ${s.analyzeMs.toFixed(0)} | ${(s.analyzeMs / s.tsharkMs).toFixed(1)}x | ${s.tsharkRssMB.toFixed(0)} | ${s.analyzeRssMB.toFixed(0)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** The page on big and busy captures: times (ms) and the page thread's longest task in each phase. */
export interface BigPageFigures {
  /** 100,000 one-SYN connections: picked to listed; the longest task meanwhile and in the census's first 10 s; rows drawn. */
  readonly floodListedMs: number;
  readonly floodLongestTaskMs: number;
  readonly floodRows: number;
  /** A telnet-like connection of `openSegments` segments: Open clicked to the stage drawn (two frames after); the longest task; then 20 steps' longest task. */
  readonly openSegments: number;
  readonly openMs: number;
  readonly openLongestTaskMs: number;
  readonly stepLongestTaskMs: number;
  /** A one-sided connection of 3,000 segments: its What stands out opened, the longest task, the items drawn. */
  readonly anomalies: number;
  readonly anomaliesDrawn: number;
  readonly anomaliesLongestTaskMs: number;
}

/** Two frames after now, in the page: what was drawn is on screen. */
const painted = (page: Page) => page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));

export async function bigPage(browser: Browser, origin: string, openSegments = 3000): Promise<BigPageFigures> {
  const flood = join(tmpdir(), 'bench-syn-flood.pcap');
  writeFileSync(flood, synFlood(100_000));
  const telnet = join(tmpdir(), 'bench-telnet-open.pcap');
  writeFileSync(telnet, pcapOf(telnetRun(openSegments)));
  const oneSided = join(tmpdir(), 'bench-one-sided-3000.pcap');
  writeFileSync(oneSided, pcapOf(oneSidedRun(3000)));

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${origin}/?capture=1&lang=en`);
  await page.locator('.pick input').waitFor({ state: 'attached' });
  const tasks = await watchTasks(page);

  // The flood: listed, and the census under way for 10 s.
  let t0 = Date.now();
  await page.locator('.pick input').setInputFiles(flood);
  await page.locator('.capture-status strong').waitFor({ timeout: 120_000 });
  const floodListedMs = Date.now() - t0;
  await page.waitForTimeout(10_000);
  const floodLongestTaskMs = await tasks.longest();
  const floodRows = await page.locator('table.connections tbody tr:not(.spacer)').count();

  // A telnet-like connection: listed, then opened.
  await page.locator('.pick input').setInputFiles(telnet);
  await page.waitForFunction(() => document.querySelector('.capture-status strong')?.textContent?.includes('1 TCP connection'), undefined, { timeout: 60_000 });
  await page.waitForTimeout(500);
  await tasks.reset();
  t0 = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector<HTMLButtonElement>('button.open-connection')!.click();
    return t;
  });
  await page.locator('.capture-bar').waitFor({ timeout: 120_000 });
  await page.locator('svg.sequence').waitFor({ timeout: 120_000 });
  const openMs = (await painted(page)) - t0;
  await page.waitForTimeout(300);
  const openLongestTaskMs = await tasks.longest();
  await tasks.reset();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(300);
  const stepLongestTaskMs = await tasks.longest();

  // A one-sided connection: its thousands of things that stand out.
  await page.getByRole('button', { name: /All connections/ }).click();
  await page.locator('.pick input').setInputFiles(oneSided);
  await page.waitForFunction(() => document.querySelector('.capture-status strong')?.textContent?.includes('3,000 packets'), undefined, { timeout: 60_000 });
  await page.locator('button.open-connection').first().click();
  const toggle = page.getByRole('button', { name: /What stands out \(\d+\)/ });
  await toggle.waitFor({ timeout: 120_000 });
  await page.waitForTimeout(500);
  const anomalies = Number((await toggle.textContent())!.match(/\((\d+)\)/)![1]);
  await tasks.reset();
  await toggle.click();
  await painted(page);
  await page.waitForTimeout(300);
  const anomaliesLongestTaskMs = await tasks.longest();
  const anomaliesDrawn = await page.locator('ol.anomalies li:not(.spacer)').count();
  await page.close();
  return {
    floodListedMs,
    floodLongestTaskMs,
    floodRows,
    openSegments,
    openMs,
    openLongestTaskMs,
    stepLongestTaskMs,
    anomalies,
    anomaliesDrawn,
    anomaliesLongestTaskMs,
  };
}

export function bigPageMarkdown(f: BigPageFigures): string {
  const lines = [
    "## Capture X-ray page on big and busy captures (Chromium, 1280x720; the page thread's long tasks from a PerformanceObserver)\n",
    '| what | ms | longest task ms | drawn |',
    '| --- | --- | --- | --- |',
    `| 100,000 connections (one SYN each): picked to listed; tasks until 10 s into the census | ${f.floodListedMs} | ${f.floodLongestTaskMs.toFixed(0)} | ${f.floodRows} rows |`,
    `| a telnet-like connection of ${f.openSegments.toLocaleString('en')} segments: Open to the stage drawn | ${f.openMs.toFixed(0)} | ${f.openLongestTaskMs.toFixed(0)} | |`,
    `| the same, 20 steps with the arrow key | | ${f.stepLongestTaskMs.toFixed(0)} | |`,
    `| a one-sided connection of 3,000 segments: What stands out opened (${f.anomalies.toLocaleString('en')} items) | | ${f.anomaliesLongestTaskMs.toFixed(0)} | ${f.anomaliesDrawn} items |`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The tab's memory while a large file of many small connections is listed. */
export interface TabMemoryFigures {
  readonly bytes: number;
  readonly connections: number;
  readonly listedMs: number;
  /** The largest resident memory of any renderer process (the page and its worker) while reading and listing, and the page thread's JS heap then. */
  readonly rendererPeakMB: number;
  readonly pageHeapMB: number;
}

/** Whether a process descends from this one (a machine shared with other sessions runs other browsers too). */
function ours(pid: number): boolean {
  for (let p = pid, turns = 0; p > 1 && turns < 20; turns++) {
    if (p === process.pid) return true;
    p = Number(
      readFileSync(`/proc/${p}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ')[1],
    );
  }
  return false;
}

/** Resident memory (MB) of each Chromium renderer process of this bench's browser now, from /proc. */
function rendererRss(): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !ours(Number(pid))) continue;
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (m) out.push(Number(m[1]) / 1024);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export async function tabMemory(browser: Browser, origin: string, connections = 20_000): Promise<TabMemoryFigures> {
  const path = join(tmpdir(), 'bench-many-connections.pcap');
  const bytes = writeManyConnections(path, connections);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${origin}/?capture=1&lang=en`);
  await page.locator('.pick input').waitFor({ state: 'attached' });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, ...rendererRss())), 200);
  const t0 = Date.now();
  await page.locator('.pick input').setInputFiles(path);
  await page.locator('.capture-status strong').waitFor({ timeout: 900_000 });
  const listedMs = Date.now() - t0;
  await page.waitForTimeout(5000);
  clearInterval(sampler);
  peak = Math.max(peak, ...rendererRss());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const pageHeapMB = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
  await context.close();
  return { bytes, connections, listedMs, rendererPeakMB: peak, pageHeapMB };
}

export function tabMemoryMarkdown(f: TabMemoryFigures): string {
  return `## Capture X-ray page: the tab's memory on a large capture of many small connections

| file MB | connections | picked to listed ms | renderer's peak resident MB (page and worker) | page thread's JS heap MB |
| --- | --- | --- | --- | --- |
| ${(f.bytes / 1e6).toFixed(0)} | ${f.connections.toLocaleString('en')} | ${f.listedMs} | ${f.rendererPeakMB.toFixed(0)} | ${f.pageHeapMB.toFixed(1)} |
`;
}
