/**
 * Size budgets: what a reader downloads before the first view, against a React "hello world"
 * built the same way in the same run. Sizes are deterministic, so they are tested; timings are
 * not (they go to BENCHMARKS.md through `npm run bench`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeBuild } from '../../scripts/browser';
import { EMBED_BUDGET, APP_BUDGET, measureSizes, type Sizes } from '../../bench/sizes';

describe('size budgets (gzip, against a React hello world)', () => {
  let sizes: Sizes & { site: string; hello: string };
  beforeAll(async () => {
    sizes = await measureSizes();
  }, 120_000);
  afterAll(() => {
    removeBuild(sizes?.site);
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

  it(`the app's first view is within ${APP_BUDGET}x of the floor, with the rail, the pile-up and the exporters loaded on demand`, () => {
    expect(sizes.app.gzip / sizes.floor.gzip).toBeLessThanOrEqual(APP_BUDGET);
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
