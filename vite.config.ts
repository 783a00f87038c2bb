import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The phone-first web app: built into dist/web, which the Worker serves as static assets.
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2020',
    // Two pages: the citizen app, and the organizer app (/admin/) whose code never loads for citizens.
    rolldownOptions: {
      input: { main: page('./web/index.html'), admin: page('./web/admin/index.html') },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8787' },
  },
});
