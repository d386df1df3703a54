/**
 * One production build of the site for the whole run, shared by every test that serves it (the
 * budget and the browser tests: eight builds of the same files before). It starts when Vitest
 * does, in a process of its own, and is made while the unit tests run; a test that needs it waits
 * for it with `builtSite()` (tests/builtSite.ts). Both projects that use it list this file: the
 * first to set up starts the build, the last to tear down removes it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { removeBuild } from '../scripts/browser';

/** Under this key the tests are given the build's folder (read it with tests/builtSite.ts). */
export const SITE_BUILD_KEY = 'handshakeSiteBuild';

declare module 'vitest' {
  export interface ProvidedContext {
    [SITE_BUILD_KEY]: string;
  }
}

/** The built site, and the file written when the build has ended (empty if it succeeded, else why it failed). */
export const builtSiteFolders = (root: string) => ({ site: join(root, 'site'), done: join(root, 'done') });

interface Shared {
  readonly root: string;
  /** Stop the build if it still runs (a run of files that never needed it ends before it does). */
  readonly stop: () => void;
  readonly exited: Promise<void>;
  users: number;
}

const KEY = Symbol.for('handshake-lab:site-build');
const holder = globalThis as { [KEY]?: Shared };

function start(): Shared {
  const root = mkdtempSync(join(tmpdir(), 'handshake-build-'));
  const { site, done } = builtSiteFolders(root);
  // From the project's root, where the Vite configs and tsx are.
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-site.ts', site], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => {
    child.on('error', (e) => {
      writeFileSync(done, `could not start the build: ${e.message}`);
      resolve();
    });
    child.on('exit', (code, signal) => {
      // Empty when the build is whole; otherwise what went wrong, for the tests that wait on it to report.
      writeFileSync(done, code === 0 ? '' : `the site's build failed (${signal ?? `exit ${code}`}):\n${output || '(no output)'}`);
      resolve();
    });
  });
  return { root, stop: () => void (child.exitCode === null && child.signalCode === null && child.kill()), exited, users: 0 };
}

export default function setup(project: TestProject): () => Promise<void> {
  const shared = (holder[KEY] ??= start());
  shared.users++;
  project.provide(SITE_BUILD_KEY, shared.root);
  return async () => {
    if (--shared.users > 0) return;
    shared.stop();
    await shared.exited;
    removeBuild(shared.root);
    delete holder[KEY];
  };
}
