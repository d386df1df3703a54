import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { hangulFont } from './scripts/hangulFont.ts';
import { PREACT_COMPAT } from './scripts/preactCompat.ts';

// embed.html as one self-contained file: a page in an iframe with sandbox="allow-scripts" has an
// opaque origin, and most static hosts send no CORS headers, so it must fetch no script at all.
export default defineConfig({
  // Always a production build, whoever runs it (the tests build it from inside Vitest).
  mode: 'production',
  base: './',
  // Preact's React-compatible runtime under the same components (scripts/preactCompat.ts).
  resolve: { alias: PREACT_COMPAT },
  // The Hangul faces stay files of their own beside embed.html (src/embed/hangulFont.ts declares them): inlined, every reader would download them.
  plugins: [react(), hangulFont({ declareInHtml: false }), viteSingleFile()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    rollupOptions: { input: 'embed.html' },
  },
});
