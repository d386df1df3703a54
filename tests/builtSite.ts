/**
 * The production build tests/globalSetup.ts makes once for the run: where it is, and waiting for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { SITE_BUILD_KEY, builtSiteFolders } from './globalSetup';

/**
 * The folder holding the whole site as `npm run build` makes it, once the build has ended. Tests
 * read it and never write to it: every file that uses the build shares this one folder.
 */
export async function builtSite(): Promise<string> {
  const root = inject(SITE_BUILD_KEY);
  if (!root) throw new Error("no shared build: this project's config must list tests/globalSetup.ts in globalSetup");
  const { site, done } = builtSiteFolders(root);
  while (!existsSync(done)) await new Promise((resolve) => setTimeout(resolve, 100));
  const failure = readFileSync(done, 'utf8');
  if (failure) throw new Error(failure);
  return site;
}
