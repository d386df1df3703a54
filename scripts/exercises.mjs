/** `npm run exercises`: src/cli/exercises.ts, run from its esbuild bundle (see run-bundled.mjs). */
import { runBundled } from './run-bundled.mjs';

await runBundled('exercises', 'src/cli/exercises.ts', import.meta.url);
