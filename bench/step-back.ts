/**
 * npm run bench (step-back part), or on its own: `npx tsx bench/step-back.ts`. Node only, no browser.
 *
 * Stepping back at the end of a 10-minute run, through the UI's session (what the Step back
 * button and the scrubber call): a free-play script on the linux preset in which the client
 * connects, then every 30 s sends a 4000-byte request that the server answers with 2000 bytes a
 * second later, for 19 rounds, and both close near the end (the client is in TIME-WAIT at 10 min).
 * Timed with performance.now(), after one untimed pass of the same work (the JIT warmed):
 *  - seek(600_000) on a fresh session standing at 0 s, 5 times (median and each);
 *  - stepBack() 20 times in a row from 600 s, each from where the one before left (median, max, each).
 */
import { pathToFileURL } from 'node:url';
import type { Script, ScriptStep } from '../src/model/script';
import { createSession } from '../src/player/session';
import { median } from './browser';

export const END_MS = 600_000;
const STEPS_BACK = 20;
const SEEKS = 5;

/** The long run: calls spread over 10 simulated minutes. */
export function longRun(): Script {
  const steps: ScriptStep[] = [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 10, endpoint: 'client', call: 'connect' },
  ];
  for (let at = 30_000; at < 580_000; at += 30_000) {
    steps.push({ at, endpoint: 'client', call: 'send', bytes: 4000 });
    steps.push({ at: at + 1000, endpoint: 'server', call: 'send', bytes: 2000 });
  }
  steps.push({ at: 580_000, endpoint: 'client', call: 'close' }, { at: 580_500, endpoint: 'server', call: 'close' });
  return { config: { preset: 'linux', seed: 1 }, steps };
}

export interface StepBackFigures {
  readonly seekMs: readonly number[];
  readonly stepBackMs: readonly number[];
  /** Simulated time after the 20 steps back, when the session's state tells it (a check that before and after step alike). */
  readonly endedAtMs: number | null;
}

const nowOf = (session: ReturnType<typeof createSession>): number | null => {
  // Read loosely: where the session keeps the time shown is its own business (state.sim.now before the player layer, state.frame.now after).
  const state = session.getState() as unknown as { sim?: { now?: unknown }; frame?: { now?: unknown }; now?: unknown; t?: unknown };
  const t = state.sim?.now ?? state.frame?.now ?? state.now ?? state.t;
  return typeof t === 'number' ? t : null;
};

function pass(script: Script, timed: boolean): StepBackFigures {
  const seekMs: number[] = [];
  for (let i = 0; i < (timed ? SEEKS : 1); i++) {
    const fresh = createSession(script);
    const started = performance.now();
    fresh.seek(END_MS);
    seekMs.push(performance.now() - started);
  }
  const session = createSession(script);
  session.seek(END_MS);
  const stepBackMs: number[] = [];
  for (let i = 0; i < STEPS_BACK; i++) {
    const started = performance.now();
    session.stepBack();
    stepBackMs.push(performance.now() - started);
  }
  return { seekMs, stepBackMs, endedAtMs: nowOf(session) };
}

export function stepBackFigures(script = longRun()): StepBackFigures {
  pass(script, false); // warm-up
  return pass(script, true);
}

/** The Markdown section bench/run.ts prints. */
export function stepBackMarkdown(f: StepBackFigures): string {
  const list = (xs: readonly number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  const lines = [
    `## Stepping back at the end of a 10-minute run (Node, the UI's session; ${longRun().steps.length} calls on the linux preset)`,
    '',
    '| what | median ms | max ms | each (ms) |',
    '| --- | --- | --- | --- |',
    `| seek(600 s) from 0 s, fresh session (${f.seekMs.length} times) | ${median(f.seekMs).toFixed(2)} | ${Math.max(...f.seekMs).toFixed(2)} | ${list(f.seekMs)} |`,
    `| stepBack() from 600 s, ${f.stepBackMs.length} in a row | ${median(f.stepBackMs).toFixed(2)} | ${Math.max(...f.stepBackMs).toFixed(2)} | ${list(f.stepBackMs)} |`,
  ];
  if (f.endedAtMs !== null) lines.push('', `After the ${f.stepBackMs.length} steps back the session stood at ${(f.endedAtMs / 1000).toFixed(3)} s.`);
  return lines.join('\n') + '\n';
}

// On its own: Markdown; with --json (bench/run.ts starts it so, as a child) the figures.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = stepBackFigures();
  console.log(process.argv.includes('--json') ? JSON.stringify(figures) : stepBackMarkdown(figures));
}
