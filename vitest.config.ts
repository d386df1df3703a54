import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
      { test: { name: 'budget', include: ['tests/budget/**/*.test.ts'], environment: 'node', hookTimeout: 120_000 } },
      { test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
