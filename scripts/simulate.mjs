/** `npm run simulate`: src/cli/simulate.ts, run from its esbuild bundle (see run-bundled.mjs). */
import { runBundled } from './run-bundled.mjs';

await runBundled('simulate', 'src/cli/simulate.ts', import.meta.url);
