/**
 * The practice page a SCORM package carries, for the command line: practice.html as Vite builds it
 * (one self-contained file, vite.practice.config.ts) and the files it names (the Hangul faces, its icon). Built once into
 * node_modules/.cache and built again only when a file it is made of has changed since; or read from
 * a build the caller names (`--practice dist/practice.html`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { linkedFiles, selfContained, type PracticePageFiles } from '../exercises/scorm';

/** practice.html and the fonts it names, from the folder it was built into; an error's line if they are not all there. */
export function readPracticePage(file: string): PracticePageFiles | string {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (e) {
    return `${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (!selfContained(html)) return `${file}: not the practice page Handshake Lab builds (npm run build makes dist/practice.html)`;
  const files: Record<string, Uint8Array> = {};
  for (const f of linkedFiles(html)) {
    try {
      files[f] = readFileSync(join(dirname(file), f));
    } catch {
      return `${file}: the file ${f} it names is not beside it`;
    }
  }
  return { html, files };
}

/** The newest modification time of the files under `path` (a file or a folder). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** The project's root: where package.json and the Vite configs are. */
function projectRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'vite.practice.config.ts'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('run it from inside the Handshake Lab checkout (vite.practice.config.ts not found)');
    dir = up;
  }
  return dir;
}

/** practice.html built from the sources as they are now (built again only if they changed since the last time). */
export function builtPracticePage(): PracticePageFiles | string {
  const root = projectRoot();
  const out = join(root, 'node_modules', '.cache', 'handshake-lab', 'practice-page');
  const page = join(out, 'practice.html');
  const inputs = ['src', 'practice.html', 'vite.practice.config.ts', 'scripts/hangulFont.ts', 'scripts/preactCompat.ts', 'package-lock.json'];
  const fresh = existsSync(page) && statSync(page).mtimeMs >= Math.max(...inputs.map((i) => newest(join(root, i))));
  if (!fresh) {
    mkdirSync(out, { recursive: true });
    const vite = join(dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
    const made = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.practice.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    if (made.status !== 0) return `building the practice page failed: ${(made.stderr || made.stdout || String(made.error)).trim().split('\n')[0]}`;
  }
  return readPracticePage(page);
}
