/**
 * A Zeek conn.log censused (issue 24): a million rows of a made-up fleet (tools/zeek/fleet-connlog.ts,
 * written at bench time, never committed), streamed by `analyze`'s own reader, plain and gzipped, in
 * a process of its own for its peak memory; and in Chromium, picked on the page and read by the
 * conn.log worker while the page's thread is watched for long tasks.
 * `node --import tsx bench/connlog.ts [--json]` runs the headless part alone.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, createWriteStream, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import type { Browser } from 'playwright-core';
import { censusOfFile } from '../src/cli/connlog';
import { fleetConnLog } from '../tools/zeek/fleet-connlog';
import { watchTasks } from './longTasks';

export const ROWS = 1_000_000;
/** A heap this small holds a census, not a million rows. */
const HEAP_CAP_MB = 64;

export interface ConnLogFigures {
  readonly rows: number;
  readonly tcp: number;
  readonly mb: number;
  readonly gzMb: number;
  /** Headless, `analyze`'s reader and census: seconds, and the process's peak resident memory. */
  readonly plain: { readonly seconds: number; readonly peakRssMB: number };
  readonly gzip: { readonly seconds: number; readonly peakRssMB: number };
  /** The plain file again with V8's heap held to HEAP_CAP_MB: the census's memory does not grow with the rows. */
  readonly capped: { readonly seconds: number; readonly peakRssMB: number };
  readonly replays: number;
}

export async function makeFiles(): Promise<{ path: string; gz: string }> {
  const path = join(tmpdir(), 'bench-conn.log');
  const fd = openSync(path, 'w');
  for (const chunk of fleetConnLog(ROWS)) writeSync(fd, chunk);
  closeSync(fd);
  const gz = `${path}.gz`;
  await pipeline(createReadStream(path), createGzip({ level: 6 }), createWriteStream(gz));
  return { path, gz };
}

/** One census in this process: its seconds and the process's peak resident memory so far. */
async function once(path: string) {
  const t0 = performance.now();
  const { census } = await censusOfFile(path);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, peakRssMB: process.resourceUsage().maxRSS / 1024, census };
}

/** Each census in a fresh process: its peak memory is its own. */
export function headlessConnLog(files: { path: string; gz: string }): ConnLogFigures {
  const run = (file: string, gzip: boolean, flags: readonly string[] = []) =>
    JSON.parse(
      execFileSync(process.execPath, [...flags, '--import', 'tsx', 'bench/connlog.ts', '--one', file, gzip ? 'gzip' : 'plain'], { encoding: 'utf8' }),
    ) as {
      seconds: number;
      peakRssMB: number;
      rows: number;
      tcp: number;
      replays: number;
    };
  const plain = run(files.path, false);
  const gzip = run(files.gz, true);
  const capped = run(files.path, false, [`--max-old-space-size=${HEAP_CAP_MB}`]);
  return {
    rows: plain.rows,
    tcp: plain.tcp,
    mb: statSync(files.path).size / 1e6,
    gzMb: statSync(files.gz).size / 1e6,
    plain: { seconds: plain.seconds, peakRssMB: plain.peakRssMB },
    gzip: { seconds: gzip.seconds, peakRssMB: gzip.peakRssMB },
    capped: { seconds: capped.seconds, peakRssMB: capped.peakRssMB },
    replays: plain.replays,
  };
}

export interface ConnLogPageFigures {
  readonly seconds: number;
  readonly longestTaskMs: number;
  readonly drawnRows: number;
  readonly rowsOnScreen: string;
}

/** Picked on the page (the gzipped log): until the census of every row is on screen, the page thread's longest task, and the rows drawn. */
export async function connLogInPage(browser: Browser, origin: string, gz: string): Promise<ConnLogPageFigures> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  await page.goto(`${origin}/?lang=en`);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Capture X-ray: open a .pcap or tcpdump text…' });
  await page.locator('.capture-view').waitFor();
  const tasks = await watchTasks(page);
  const t0 = performance.now();
  await page.setInputFiles('.capture-view input[type=file]', gz);
  await page.waitForFunction(
    (rows) => document.querySelector('.connlog-summary')?.textContent?.includes(rows) && document.querySelector('.connlog-status')?.textContent === '',
    ROWS.toLocaleString('en'),
    { timeout: 300_000, polling: 50 },
  );
  const seconds = (performance.now() - t0) / 1000;
  await page.locator('.connlog-window button.connlog-row').first().waitFor();
  const figures = {
    seconds,
    longestTaskMs: await tasks.longest(),
    drawnRows: await page.locator('.connlog-window li').count(),
    rowsOnScreen: (await page.locator('.connlog-range').textContent()) ?? '',
  };
  await page.close();
  return figures;
}

export function connLogMarkdown(h: ConnLogFigures, p: ConnLogPageFigures | null): string {
  const lines = [
    `## Issue 24: a Zeek conn.log censused (${h.rows.toLocaleString('en')} rows)\n`,
    `A made-up fleet's conn.log (\`tools/zeek/fleet-connlog.ts\`): ${h.rows.toLocaleString('en')} rows (${h.tcp.toLocaleString('en')} TCP), ${h.mb.toFixed(0)} MB, ${h.gzMb.toFixed(0)} MB gzipped; each distinct history replayed once (${h.replays} replays).\n`,
    "| where | seconds | rows/s | peak memory | page thread's longest task | rows drawn |",
    '| --- | --- | --- | --- | --- | --- |',
    `| headless, \`analyze\`'s reader and census | ${h.plain.seconds.toFixed(1)} | ${Math.round(h.rows / h.plain.seconds).toLocaleString('en')} | ${h.plain.peakRssMB.toFixed(0)} MB resident | | |`,
    `| headless, gzipped (node:zlib) | ${h.gzip.seconds.toFixed(1)} | ${Math.round(h.rows / h.gzip.seconds).toLocaleString('en')} | ${h.gzip.peakRssMB.toFixed(0)} MB resident | | |`,
    `| headless, V8's heap held to ${HEAP_CAP_MB} MB | ${h.capped.seconds.toFixed(1)} | ${Math.round(h.rows / h.capped.seconds).toLocaleString('en')} | ${h.capped.peakRssMB.toFixed(0)} MB resident | | |`,
  ];
  if (p)
    lines.push(
      `| Chromium, the .gz picked on the page, read by the conn.log worker (DecompressionStream) | ${p.seconds.toFixed(1)} | ${Math.round(h.rows / p.seconds).toLocaleString('en')} | | ${p.longestTaskMs > 0 ? `${p.longestTaskMs.toFixed(0)} ms` : 'none over 50 ms'} | ${p.drawnRows} (${p.rowsOnScreen}) |`,
    );
  return `${lines.join('\n')}\n`;
}

const args = process.argv.slice(2);
if (args[0] === '--one') {
  const r = await once(args[1]!);
  const c = r.census.result();
  process.stdout.write(JSON.stringify({ seconds: r.seconds, peakRssMB: r.peakRssMB, rows: c.rows, tcp: c.tcp, replays: r.census.cache.replays }));
} else if (process.argv[1]?.endsWith('connlog.ts')) {
  const files = await makeFiles();
  const h = headlessConnLog(files);
  process.stdout.write(args.includes('--json') ? JSON.stringify(h) : connLogMarkdown(h, null));
}
