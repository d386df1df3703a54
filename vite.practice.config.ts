import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { hangulFont } from './scripts/hangulFont.ts';
import { PREACT_COMPAT } from './scripts/preactCompat.ts';

// practice.html as one self-contained file, built on its own so that the app's first view shares no
// chunk with it. One file because the same page is what a course's SCORM package carries (and what
// the instructor's dialog zips from the site it runs on): a package is that file, the Hangul faces
// beside it and a manifest. It runs on preact/compat, as the embeds do (scripts/preactCompat.ts).
// Built before the app, so that the app's offline worker precaches it.
export default defineConfig({
  // Always a production build, whoever runs it (the tests build it from inside Vitest).
  mode: 'production',
  base: './',
  resolve: { alias: PREACT_COMPAT },
  plugins: [react(), hangulFont({ declareInHtml: true }), viteSingleFile()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    rollupOptions: { input: { practice: 'practice.html' } },
  },
});
