import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// tcp-handshake.js: one classic script that defines <tcp-handshake>, for posts without an iframe.
export default defineConfig({
  // Always a production build, whoever runs it (the tests build it from inside Vitest).
  mode: 'production',
  plugins: [react()],
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: 'src/embed/element.tsx', name: 'TcpHandshake', formats: ['iife'], fileName: () => 'tcp-handshake.js' },
  },
});
