/**
 * npm run bench: size, start, animation, frame cost, late frames, many sockets, engine, stepping
 * back and memory in one run, printed as Markdown (BENCHMARKS.md holds one such run). Name parts
 * to run only those: `npm run bench -- size start animation frame-cost late-frames sockets engine
 * step-back capture capture-shapes capture-page connlog memory`. frame-cost, late-frames and step-back also run on their own (`npx tsx
 * bench/frame-cost.ts`). With BENCH_DEBUG=<ms>, the frame parts also list the late frames and
 * every main-thread task longer than that, with what ran in it. How long each part took goes to stderr.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { launchChromium, removeBuild, serveStatic } from '../scripts/browser';
import { SCENARIOS } from '../src/scenarios/catalog';
import { autoplayFrames, heapGrowth, pileupFrames, startTime, type Frames } from './browser';
import type { EngineFigures } from './engine';
import { frameCostMarkdown, frameCosts } from './frame-cost';
import { lateFrames, lateFramesMarkdown } from './late-frames';
import { benchPages } from './pages';
import { stepBackMarkdown, type StepBackFigures } from './step-back';
import {
  bigPage,
  bigPageMarkdown,
  captureFile,
  captureMarkdown,
  headless,
  inPage,
  largeFile,
  largeInPage,
  readLarge,
  shapesMarkdown,
  shapesVsTshark,
  tabMemory,
  tabMemoryMarkdown,
} from './capture';
import { connLogInPage, connLogMarkdown, headlessConnLog, makeFiles } from './connlog';
import { APP_BUDGET, EMBED_BUDGET, measureSizes, type Size } from './sizes';

const PARTS = [
  'size',
  'start',
  'animation',
  'frame-cost',
  'late-frames',
  'sockets',
  'engine',
  'step-back',
  'capture',
  'capture-shapes',
  'capture-page',
  'connlog',
  'memory',
] as const;
const asked = process.argv.slice(2).filter((a): a is (typeof PARTS)[number] => (PARTS as readonly string[]).includes(a));
const run = (part: (typeof PARTS)[number]) => asked.length === 0 || asked.includes(part);

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (x: number) => x.toFixed(1);
const row = (cells: readonly (string | number)[]) => console.log(`| ${cells.join(' | ')} |`);
const table = (head: readonly string[]) => {
  row(head);
  row(head.map(() => '---'));
};

let clock = performance.now();
/** How long the part just ended took, on stderr (the Markdown stays the figures alone), with the machine's load: it is shared. */
const took = (part: string) => {
  const now = performance.now();
  console.error(`[bench] ${part}: ${((now - clock) / 1000).toFixed(1)} s (load average ${loadavg()[0]!.toFixed(2)})`);
  clock = now;
};

// The engine in a process of its own, so its peak memory is its own, and before the builds start.
const engine = run('engine')
  ? (JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/engine.ts'], { encoding: 'utf8' })) as EngineFigures)
  : null;
if (engine) took('engine');
// Stepping back, in a process of its own too: a fresh heap, nothing of Vite's or Playwright's in it.
const stepBack = run('step-back')
  ? (JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/step-back.ts', '--json'], { encoding: 'utf8' })) as StepBackFigures)
  : null;
if (stepBack) took('step-back');
const sizes = await measureSizes();
const browser = await launchChromium();
// The site, and the ProtoViz-like floor page beside it.
const site = await serveStatic(sizes.site, benchPages());
took('builds');
const hello = await serveStatic(sizes.hello);

console.log(`# npm run bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n`);
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB; Node ${process.version}; Chromium ${browser.version()} (headless).\n`,
);

if (run('size')) {
  console.log('## Size: initial JavaScript and CSS (KB = 1000 bytes)\n');
  table(['what', 'files', 'raw', 'gzip', 'brotli', 'gzip / floor', 'budget']);
  const line = (s: Size, budget?: number) =>
    row([s.name, s.files.length, kb(s.raw), kb(s.gzip), kb(s.brotli), `${(s.gzip / sizes.floor.gzip).toFixed(2)}x`, budget ? `${budget}x` : '']);
  line(sizes.floor);
  line(sizes.app, APP_BUDGET);
  line(sizes.appKo, APP_BUDGET);
  line(sizes.embed, EMBED_BUDGET);
  line(sizes.element, EMBED_BUDGET);
  line(sizes.appLazy);
  console.log();
}

if (run('start')) {
  console.log('## Start: navigation to the first frame after the first view is in the page (median of 9 cold loads)\n');
  table(['page', 'median ms', 'vs floor', 'all runs (ms)']);
  const floor = await startTime(browser, `${hello.origin}/`, 'h1');
  const pages = [
    ['React hello world', floor],
    ['app (?scenario=four-way-close)', await startTime(browser, `${site.origin}/?scenario=four-way-close`, 'svg.sequence')],
    ['embed.html (?scenario=four-way-close)', await startTime(browser, `${site.origin}/embed.html?scenario=four-way-close`, 'svg.sequence')],
  ] as const;
  for (const [name, t] of pages) row([name, ms(t.median), `${(t.median / floor.median).toFixed(2)}x`, t.all.map((x) => x.toFixed(0)).join(' ')]);
  console.log();
  took('start');
}

const framesRow = (name: string, f: Frames) => row([name, f.frames, (f.frames / f.seconds).toFixed(1), f.late, ms(f.longestFrameMs), ms(f.longestTaskMs)]);
const FRAMES_HEAD = ['run', 'frames', 'fps', 'frames over 16.7 ms', 'longest frame ms', 'longest task ms'];

if (run('animation')) {
  console.log('## Animation: four-way-close autoplaying at 1x for 10 s (app, 1280x720)\n');
  table(FRAMES_HEAD);
  framesRow('no throttling', await autoplayFrames(browser, site.origin, 'four-way-close', 1));
  framesRow('4x CPU throttling', await autoplayFrames(browser, site.origin, 'four-way-close', 4));
  console.log();
  took('animation');
}

if (run('frame-cost')) {
  console.log(frameCostMarkdown(await frameCosts(browser, site.origin)));
  took('frame-cost');
}

if (run('late-frames')) {
  console.log(lateFramesMarkdown(await lateFrames(browser, site.origin)));
  took('late-frames');
}

if (run('sockets')) {
  console.log('## Many sockets: the 10,000-socket time-wait pile-up playing for 10 s\n');
  table(FRAMES_HEAD);
  framesRow('no throttling', await pileupFrames(browser, site.origin, 1));
  framesRow('4x CPU throttling', await pileupFrames(browser, site.origin, 4));
  console.log();
  took('sockets');
}

if (engine) {
  const e = engine;
  console.log('## Engine: headless lifecycles (handshake, 4-way close, TIME-WAIT expiry; linux preset)\n');
  table(['lifecycles', 'seconds', 'lifecycles/s', 'segments', 'transitions', 'peak RSS MB']);
  row([e.lifecycles, e.seconds.toFixed(2), Math.round(e.perSecond), e.segments, e.transitions, e.peakRssMB.toFixed(0)]);
  console.log();
  console.log('## Engine: bulk sends to their end (linux preset; median of 7 in a warmed process)\n');
  table(['run', 'segments', 'median ms', 'target ms', 'all runs (ms)']);
  for (const b of e.bulk) row([b.name, b.segments, ms(b.medianMs), `< ${b.targetMs}`, b.runsMs.map((x) => x.toFixed(0)).join(', ')]);
  console.log();
}

if (stepBack) console.log(stepBackMarkdown(stepBack));

if (run('capture')) {
  const file = captureFile();
  const large = largeFile();
  const largeRead = readLarge(large.path);
  console.log(
    captureMarkdown({
      ...headless(file.bytes),
      page: await inPage(browser, site.origin, file.path),
      large: { ...largeRead, pageListedMs: await largeInPage(browser, site.origin, large.path) },
    }),
  );
  took('capture');
}

if (run('connlog')) {
  // A million rows of a fleet's conn.log, written now (never committed): headless in processes of their own, then on the page.
  const files = await makeFiles();
  const figures = headlessConnLog(files);
  console.log(connLogMarkdown(figures, await connLogInPage(browser, site.origin, files.gz)));
  took('connlog');
}

if (run('capture-shapes')) {
  console.log(shapesMarkdown(shapesVsTshark()));
  took('capture-shapes');
}

if (run('capture-page')) {
  console.log(bigPageMarkdown(await bigPage(browser, site.origin)));
  console.log(tabMemoryMarkdown(await tabMemory(browser, site.origin)));
  took('capture-page');
}

if (run('memory')) {
  const lessons = SCENARIOS.filter((s) => !s.fleet).map((s) => s.id);
  const h = await heapGrowth(browser, site.origin, lessons);
  console.log(`## Memory: every lesson autoplayed in turn at 8x (${lessons.length} a loop) until 10 simulated minutes\n`);
  const growth = (xs: readonly number[]) => `${((xs.at(-1)! / xs[0]! - 1) * 100).toFixed(1)}%`;
  table(['heap', 'after loop 1 (MB)', `after loop ${h.loops} (MB)`, 'growth', 'after each loop (MB)']);
  row([
    'JS objects (compiled code left out)',
    h.objects[0]!.toFixed(2),
    h.objects.at(-1)!.toFixed(2),
    growth(h.objects),
    h.objects.map((x) => x.toFixed(2)).join(' '),
  ]);
  row(['all of it (Runtime.getHeapUsage)', h.used[0]!.toFixed(2), h.used.at(-1)!.toFixed(2), growth(h.used), h.used.map((x) => x.toFixed(2)).join(' ')]);
  console.log(`
${h.loops} loops, ${h.simulatedSeconds.toFixed(0)} simulated seconds in ${h.wallSeconds.toFixed(0)} s of wall time.`);
  console.log();
  took('memory');
}

await browser.close();
site.server.close();
hello.server.close();
removeBuild(sizes.site);
removeBuild(sizes.hello);
