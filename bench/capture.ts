/**
 * The capture X-ray's speed (issue 14): a busy server's capture of about 50,000 packets
 * (tools/captures/busy-server.ts), read and listed, and every connection replayed for the census;
 * headless here, and in Chromium, where the file is picked on the page and read by its worker
 * while the page's own thread is watched for long tasks. `npx tsx bench/capture.ts` runs the
 * headless part alone.
 */
import { closeSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { xray } from '../src/capture/anomalies';
import { connectionsOf } from '../src/capture/connections';
import { openCapture } from '../src/capture/open';
import { CaptureReader } from '../src/capture/read';
import { bulkSlices, pcapHeader } from '../tools/captures/bulk';
import { busyServerCapture } from '../tools/captures/busy-server';
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
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
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
  const longestTaskMs = await page.evaluate(() => (window as unknown as { longest: number }).longest);
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes } = captureFile();
  const large = largeFile();
  console.log(captureMarkdown({ ...headless(bytes), large: readLarge(large.path) }));
}
