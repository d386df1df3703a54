/**
 * The headless contract does not move: every lesson's and every Linux replay's trace, as
 * `npm run simulate` prints it, is kept byte for byte in tests/golden/traces, and a few hundred
 * random scripts by the hash of theirs. A change to the engine that changes a trace fails here;
 * if the change is meant, regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/golden` and
 * say why in the commit.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/model/simulation';
import type { Script } from '../../src/model/script';
import { RANDOM_SCRIPTS, namedScripts, randomScript } from './scripts';

const update = process.env.UPDATE_GOLDEN === '1';
const dir = new URL('./traces/', import.meta.url);

/** Exactly what the CLI prints; a run the engine refuses is kept as its message. */
function traceText(script: Script): string {
  try {
    return `${JSON.stringify(Simulation.run(script), null, 2)}\n`;
  } catch (e) {
    return `error: ${(e as Error).message}\n`;
  }
}

describe('golden traces', () => {
  if (update) mkdirSync(dir, { recursive: true });

  it.each(namedScripts().map((n) => [n.name, n.script] as const))('%s', (name, script) => {
    const file = new URL(`${name}.json`, dir);
    const text = traceText(script);
    if (update) writeFileSync(file, text);
    expect(existsSync(file), `${name}: no golden trace (run with UPDATE_GOLDEN=1)`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it(`${RANDOM_SCRIPTS} random scripts`, () => {
    const file = new URL('random.json', dir);
    const hashes: Record<string, string> = {};
    for (let seed = 1; seed <= RANDOM_SCRIPTS; seed++)
      hashes[seed] = createHash('sha256')
        .update(traceText(randomScript(seed)))
        .digest('hex')
        .slice(0, 16);
    if (update) writeFileSync(file, `${JSON.stringify(hashes, null, 1)}\n`);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const differ = Object.keys(hashes).filter((s) => hashes[s] !== kept[s]);
    expect(differ, `seeds whose trace changed (see randomScript(seed) in tests/golden/scripts.ts)`).toEqual([]);
  });
});
