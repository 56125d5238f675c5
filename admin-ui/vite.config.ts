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
    // Libraries change less often than the console: in chunks of their own they stay cached
    // (hashed names, a year's Cache-Control) across releases; screens load when first opened.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              priority: 30,
            },
            {
              name: 'mui',
              test: /[\\/]node_modules[\\/](@mui|@emotion|@popperjs)[\\/]/,
              priority: 20,
            },
            {
              name: 'react-admin',
              test: /[\\/]node_modules[\\/](react-admin|ra-[a-z-]+|@tanstack|react-hook-form|lodash|date-fns)[\\/]/,
              priority: 10,
            },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 0 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // `npm run dev:ui` talks to the API started apart on port 3000.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
