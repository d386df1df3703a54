import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take longest, longest first: they start before everything else, so that on two
 * workers the short files fill in beside them instead of one long file running alone at the end.
 * (Vitest's own order is by the last run's durations, which a fresh checkout such as CI's does not
 * have: it then goes by file size, and the exploration's largest world is a small file.)
 */
const LONGEST_FIRST = [
  'tests/e2e/page.test.ts',
  'tests/model/exploration-data.test.ts',
  'tests/e2e/stage-desk.test.ts',
  'tests/e2e/stage-wide-phone.test.ts',
  'tests/e2e/stage.test.ts',
  'tests/e2e/lessons.test.ts',
  'tests/e2e/blog.test.ts',
  'tests/e2e/pileup.test.ts',
  'tests/model/flow-property.test.ts',
  'tests/model/exploration.test.ts',
  'tests/e2e/keys.test.ts',
  'tests/e2e/axe.test.ts',
  'tests/model/scenarios.test.ts',
  'tests/model/post-cases.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on CI's two. The unit tests are
    // CPU-bound, so two workers there take the unit, ui and budget projects in about half the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/model/**/*.test.ts', 'tests/golden/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup.ts'],
        },
      },
      { test: { name: 'ui', include: ['tests/ui/**/*.test.tsx'], environment: 'jsdom' } },
      // Both serve the site's production build, made once for the run (tests/globalSetup.ts).
      { test: { name: 'budget', include: ['tests/budget/**/*.test.ts'], environment: 'node', hookTimeout: 120_000, globalSetup: ['tests/globalSetup.ts'] } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two browser files at a time, beside the unit files: a browser test spends much of its time
          // waiting for frames, and one file at a time left the second core idle (840 s in all, against
          // 708 s). Three workers were slower again (738 s) and timing tests failed: the cores are full.
          // The built site, made once for the run.
          globalSetup: ['tests/globalSetup.ts'],
        },
      },
    ],
  },
});
