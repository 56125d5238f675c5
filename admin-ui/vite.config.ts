import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The console is built into dist/admin-ui and served by the Nest process at `/`. */
export default defineConfig({
  root,
  plugins: [react()],
  // The server's pure modules (views' types, date formatting) read by the console too.
  resolve: { alias: { '@server': fileURLToPath(new URL('../server', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/admin-ui', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
  server: {
    port: 5173,
    // `npm run dev:ui` talks to the API started apart on port 3000.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
