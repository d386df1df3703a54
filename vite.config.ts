import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// A relative base, so the built site works from any path on any static host.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // embed.html is built on its own, as one file (vite.embed.config.ts).
    rollupOptions: { input: { main: 'index.html' } },
  },
});
