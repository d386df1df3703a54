/**
 * Size budgets: what a reader downloads before the first view, against a React "hello world"
 * built the same way in the same run. Sizes are deterministic, so they are tested; timings are
 * not (they go to BENCHMARKS.md through `npm run bench`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeBuild } from '../../scripts/browser';
import { EMBED_BUDGET, APP_BUDGET, measureSizes, type Sizes } from '../../bench/sizes';
import { builtSite } from '../builtSite';

describe('size budgets (gzip, against a React hello world)', () => {
  let sizes: Sizes & { site: string; hello: string };
  beforeAll(async () => {
    // The run's one build of the site (tests/globalSetup.ts); the hello world is built here.
    sizes = await measureSizes(await builtSite());
  }, 120_000);
  afterAll(() => {
    removeBuild(sizes?.hello);
  });

  it('measures a real floor: React and ReactDOM, one script', () => {
    expect(sizes.floor.files).toHaveLength(1);
    expect(sizes.floor.gzip).toBeGreaterThan(50_000);
    expect(sizes.floor.gzip).toBeLessThan(90_000);
  });

  it(`embed.html is within ${EMBED_BUDGET}x of the floor`, () => {
    expect(sizes.embed.gzip / sizes.floor.gzip).toBeLessThanOrEqual(EMBED_BUDGET);
  });

  it(`the <tcp-handshake> script is within ${EMBED_BUDGET}x of the floor`, () => {
    expect(sizes.element.gzip / sizes.floor.gzip).toBeLessThanOrEqual(EMBED_BUDGET);
  });

  it(`the app's first view is within ${APP_BUDGET}x of the floor in either language, with the rail, the pile-up and the exporters loaded on demand`, () => {
    expect(sizes.app.gzip / sizes.floor.gzip).toBeLessThanOrEqual(APP_BUDGET);
    expect(sizes.appKo.gzip / sizes.floor.gzip).toBeLessThanOrEqual(APP_BUDGET);
  });

  it('ships no source maps, and embed.html asks for no favicon (a 404 in every host page otherwise)', () => {
    const all = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(join(dir, e.name)) : [join(dir, e.name)]));
    expect(all(sizes.site).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(sizes.site, 'embed.html'), 'utf8')).toMatch(/<link rel="icon" href="data:,"/);
  });

  it('the app loads one language: the first view in English holds no Korean lesson text, and the other way round', () => {
    const text = (files: readonly string[]) => files.map((f) => readFileSync(join(sizes.site, f), 'utf8')).join('');
    expect(text(sizes.app.files)).toContain('The 3-way handshake');
    expect(text(sizes.app.files)).not.toContain('핸드셰이크');
    expect(text(sizes.appKo.files)).toContain('핸드셰이크');
    expect(text(sizes.appKo.files)).not.toContain('The 3-way handshake');
    for (const lazy of ['Rail', 'PileupView', 'exportDiagram', 'pcap']) {
      expect(
        sizes.app.files.some((f) => f.includes(lazy)),
        `${lazy} is in the first download`,
      ).toBe(false);
      expect(
        sizes.appLazy.files.some((f) => f.includes(lazy)),
        `${lazy} is not a chunk of its own`,
      ).toBe(true);
    }
  });
});
