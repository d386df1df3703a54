import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built exactly as the app is (same plugins, target and minifier), so the ratio compares like with like.
export default defineConfig({
  mode: 'production',
  root: __dirname,
  base: './',
  plugins: [react()],
  build: { target: 'es2022' },
});
