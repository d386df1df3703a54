/**
 * npm run bench (engine part): 10,000 complete connection lifecycles simulated headless, each a
 * handshake, a 4-way close and TIME-WAIT's expiry under the linux preset: lifecycles per second
 * and peak memory. Timings vary with the machine: they are reported, never asserted.
 */
import { pathToFileURL } from 'node:url';
import type { Script } from '../src/model/script';
import { Simulation } from '../src/model/simulation';

const COUNT = Number(process.env.LIFECYCLES ?? 10_000);

const lifecycle = (seed: number): Script => ({
  config: { preset: 'linux', latencyMs: 20, seed },
  steps: [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 10, endpoint: 'client', call: 'connect' },
    { at: 500, endpoint: 'client', call: 'close' },
    { at: 600, endpoint: 'server', call: 'close' },
  ],
});

function runAll(count: number): { segments: number; transitions: number } {
  let segments = 0;
  let transitions = 0;
  for (let i = 0; i < count; i++) {
    const sim = new Simulation(lifecycle(i));
    sim.runToEnd();
    if (sim.state('client') !== 'CLOSED' || sim.state('server') !== 'CLOSED') throw new Error(`lifecycle ${i} did not end CLOSED`);
    segments += sim.wire.length;
    transitions += sim.transitions.length;
  }
  return { segments, transitions };
}

/** Bulk sends (issue 13): each run's median time over several runs in this warmed process, ms. */
export interface BulkFigure {
  readonly name: string;
  readonly segments: number;
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  /** What the run must stay under. */
  readonly targetMs: number;
}

const bulk = (mss: number, sends: number): Script => ({
  config: { preset: 'linux', mss },
  steps: [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 0, endpoint: 'client', call: 'connect' },
    ...Array.from({ length: sends }, (_, i) => ({ at: 100 + i, endpoint: 'client' as const, call: 'send' as const, bytes: 1_000_000 })),
  ],
});

/** One 1 MB send at mss 100 (10,000 segments) and ten at mss 1460, each to its end; median of 7 after a warm-up run. */
export function bulkSends(): BulkFigure[] {
  const cases = [
    { name: 'one 1 MB send, mss 100', script: bulk(100, 1) },
    { name: 'ten 1 MB sends, mss 1460', script: bulk(1460, 10) },
  ];
  return cases.map(({ name, script }) => {
    Simulation.run(script);
    const runsMs: number[] = [];
    let segments = 0;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      segments = Simulation.run(script).segments.length;
      runsMs.push(performance.now() - t0);
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    return { name, segments, medianMs: sorted[3]!, runsMs, targetMs: 200 };
  });
}

export interface EngineFigures {
  readonly bulk: readonly BulkFigure[];
  readonly lifecycles: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly segments: number;
  readonly transitions: number;
  readonly peakRssMB: number;
}

/**
 * Run `count` lifecycles after a warm-up; wall time and peak resident memory. The peak is the
 * process's own high-water mark (getrusage's ru_maxrss, in KiB on Linux), read after the loop:
 * a timer sampling RSS could not fire during the loop, which never yields.
 */
export function engineThroughput(count = COUNT): EngineFigures {
  runAll(200); // warm the JIT
  const started = performance.now();
  const { segments, transitions } = runAll(count);
  const seconds = (performance.now() - started) / 1000;
  const peakKiB = process.resourceUsage().maxRSS;
  return { bulk: bulkSends(), lifecycles: count, seconds, perSecond: count / seconds, segments, transitions, peakRssMB: peakKiB / 1024 };
}

// Run on its own (bench/run.ts starts it as a child), its memory is the engine's, not Vite's or Chromium's.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(engineThroughput()));
