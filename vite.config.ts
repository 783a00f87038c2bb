import { defineConfig } from 'vite';

// The phone-first web app: built into dist/web, which the Worker serves as static assets.
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2020',
  },
  server: {
    proxy: { '/api': 'http://localhost:8787' },
  },
});
