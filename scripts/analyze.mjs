/** `npm run analyze`: src/cli/analyze.ts, run from its esbuild bundle (see run-bundled.mjs). */
import { runBundled } from './run-bundled.mjs';

await runBundled('analyze', 'src/cli/analyze.ts', import.meta.url);
