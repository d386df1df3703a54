/** `npm run render`: src/cli/render.ts, run from its esbuild bundle (see run-bundled.mjs). */
import { runBundled } from './run-bundled.mjs';

await runBundled('render', 'src/cli/render.ts', import.meta.url);
