import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// A relative base, so the built site works from any path on any static host.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // The app, and the page a blog post puts in an iframe.
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html' } },
  },
});
