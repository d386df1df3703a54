import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { hangulFont } from './scripts/hangulFont.ts';

// A relative base, so the built site works from any path on any static host.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    // The Hangul the interface uses, as a web font fetched only to draw Korean (declared in index.html).
    hangulFont({ declareInHtml: true }),
    // Offline after the first visit (a classroom's Wi-Fi fails): Workbox precaches the app's own
    // files. The embed and the element script are left out: they live inside other sites' pages,
    // which this worker never controls.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'Handshake Lab',
        short_name: 'Handshake Lab',
        description: 'The TCP connection lifecycle, segment by segment.',
        lang: 'en',
        start_url: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e99',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg}'],
        // The Hangul faces (fonts/) are fetched only to draw Korean, and kept once fetched: precached, every reader would download them.
        globIgnores: ['embed.html', 'tcp-handshake.js', 'fonts/**'],
        runtimeCaching: [
          { urlPattern: /\/fonts\/hangul-[\w-]+\.woff2$/, handler: 'CacheFirst', options: { cacheName: 'hangul-font', expiration: { maxEntries: 4 } } },
        ],
        // ?scenario=… and ?run=… links open the cached app offline too.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/embed\.html/, /practice\.html/],
        // practice.html?seed=…&lang=… is the precached practice.html whatever its link asks (a set's options are read by the page).
        ignoreURLParametersMatching: [/.*/],
        cleanupOutdatedCaches: true,
        // The first visit is the one that must work offline later: take control of it at once.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    // practice.html is built first, into the same folder (vite.practice.config.ts): kept, and precached below.
    emptyOutDir: false,
    // No source maps in dist/: copied anywhere, it publishes the app, not its sources. The manifest
    // (.vite/manifest.json, a few KB) says which chunk holds which module, for the size budget.
    sourcemap: false,
    manifest: true,
    // embed.html is built on its own, as one file (vite.embed.config.ts).
    rollupOptions: { input: { main: 'index.html' } },
  },
});
