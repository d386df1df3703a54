import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { hangulFont } from './scripts/hangulFont.ts';
import { PREACT_COMPAT } from './scripts/preactCompat.ts';

// tcp-handshake.js: one classic script that defines <tcp-handshake>, for posts without an iframe.
export default defineConfig({
  // Always a production build, whoever runs it (the tests build it from inside Vitest).
  mode: 'production',
  // Preact's React-compatible runtime under the same components (scripts/preactCompat.ts).
  resolve: { alias: PREACT_COMPAT },
  // The Hangul faces are files beside the script (src/embed/hangulFont.ts declares them on the host page).
  plugins: [react(), hangulFont({ declareInHtml: false })],
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: 'src/embed/element.tsx', name: 'TcpHandshake', formats: ['iife'], fileName: () => 'tcp-handshake.js' },
  },
});
