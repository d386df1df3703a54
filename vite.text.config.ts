import { defineConfig } from 'vite';

// tcp-handshake-text.js: the reader of a run's text, loaded by tcp-handshake.js only where a page has one.
export default defineConfig({
  mode: 'production',
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: 'src/embed/textEntry.ts', name: 'HandshakeLabText', formats: ['iife'], fileName: () => 'tcp-handshake-text.js' },
  },
});
