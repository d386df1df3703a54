/**
 * `node --import tsx scripts/build-site.ts OUT`: the site as `npm run build` makes it (all four
 * configs) into OUT, in a process of its own. The tests' global setup (tests/globalSetup.ts) runs
 * it once for every test that serves the built site, beside the tests that need no build.
 */
import { SITE_CONFIGS, buildProduction } from './browser';

const out = process.argv[2];
if (!out) {
  console.error('usage: node --import tsx scripts/build-site.ts <folder>');
  process.exit(2);
}
await buildProduction(SITE_CONFIGS, out);
