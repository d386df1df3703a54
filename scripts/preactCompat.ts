/**
 * The embeds (embed.html and tcp-handshake.js) render with Preact's React-compatible runtime: they
 * live inside other people's posts, where every byte is downloaded by a reader who came for the post.
 * The components are the app's, written against React's API and typed with React's types; only the
 * runtime under them changes (React DOM is about 62 KB gzip, preact/compat about 5 KB). The app keeps
 * React. The embeds' browser tests run against these builds.
 */
import type { Alias } from 'vite';

export const PREACT_COMPAT: Alias[] = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];
