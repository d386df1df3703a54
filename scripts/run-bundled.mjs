/**
 * The command line's entry points (`npm run analyze`, `npm run simulate`), bundled by esbuild into
 * one file each and run by node. tsx compiles every module on each start (about 0.3 s of CPU before
 * a byte is read, 0.7 s for the simulator) and keeps every function's name with a call at each
 * definition, which costs the engine's hot loops too; a bundle starts in a tenth of that. It is made
 * again, once, whenever a file it was made of has changed since (esbuild's own list of its inputs),
 * and written whole before it is used, so two runs at once never read half of one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = join(root, 'node_modules', '.cache', 'handshake-lab');
// One bundle per checkout: a node_modules shared by several worktrees keeps each one's apart.
const own = createHash('sha256').update(root).digest('hex').slice(0, 12);

/**
 * Run `entry` (a path from the project's root) from its bundle, named `name`; `script` is the
 * file:// URL of the script that asked (how its bundle is made is part of it too).
 */
export async function runBundled(name, entry, script) {
  const bundle = join(folder, `${name}-${own}.mjs`);
  const inputs = join(folder, `${name}-${own}.inputs.json`);
  const makers = ['scripts/run-bundled.mjs', relative(root, fileURLToPath(script))];

  /** Whether the bundle is there and no file it was made of is newer. */
  const fresh = () => {
    try {
      const made = statSync(bundle).mtimeMs;
      const files = JSON.parse(readFileSync(inputs, 'utf8'));
      return files.every((f) => statSync(join(root, f)).mtimeMs <= made);
    } catch {
      return false;
    }
  };

  if (!fresh()) {
    const { build } = await import('esbuild');
    const made = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // The packages' files node itself loads (esbuild would otherwise prefer their "module" builds).
      conditions: [],
      // A native addon (render's PNG) is loaded by node from node_modules, not bundled.
      external: ['@resvg/resvg-js'],
      write: false,
      metafile: true,
      logLevel: 'warning',
      outfile: bundle,
    });
    mkdirSync(folder, { recursive: true });
    const part = `.${process.pid}`;
    writeFileSync(inputs + part, JSON.stringify([...Object.keys(made.metafile.inputs), ...makers]));
    writeFileSync(bundle + part, made.outputFiles[0].contents);
    renameSync(inputs + part, inputs);
    renameSync(bundle + part, bundle);
  }

  await import(pathToFileURL(bundle).href);
}
