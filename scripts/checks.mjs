/**
 * `npm test`'s static checks, all at once: the type check, the linter and Prettier each use one
 * core, and none needs another's result, so on a machine with two or more cores they finish in
 * about the time of the slowest instead of the sum. Each one's output is printed whole when it
 * ends, so nothing interleaves; the exit code is non-zero if any failed.
 */
import { spawn } from 'node:child_process';

const CHECKS = [
  ['tsc', '--noEmit', '-p', '.'],
  ['eslint', '.', '--max-warnings', '0'],
  ['prettier', '--check', '.', '--log-level', 'warn'],
];

/** Run one check; print its output whole when it ends. */
const run = ([bin, ...args]) =>
  new Promise((resolve) => {
    let output = '';
    let ended = false;
    const end = (ok, why) => {
      if (ended) return;
      ended = true;
      if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      if (!ok) console.error(`${[bin, ...args].join(' ')}: ${why}`);
      resolve(ok);
    };
    const child = spawn(`node_modules/.bin/${bin}`, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => end(false, `could not run (${e.message})`));
    child.on('close', (code, signal) => end(code === 0, `failed (${signal ?? `exit ${code}`})`));
  });

const results = await Promise.all(CHECKS.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
