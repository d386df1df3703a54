import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { hangulFont } from './scripts/hangulFont.ts';

// practice.html on its own: a build of its own, so that the app's first view shares no chunk with it
// (Rolldown splits the modules two entries share into files every page then preloads).
export default defineConfig({
  // Always a production build, whoever runs it (the tests build it from inside Vitest).
  mode: 'production',
  base: './',
  plugins: [react(), hangulFont({ declareInHtml: true })],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    rollupOptions: { input: { practice: 'practice.html' } },
  },
});
