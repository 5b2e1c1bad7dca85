// Builds the renderer into dist/renderer with a relative base, so the same files load from
// `verity serve` (http://127.0.0.1:PORT/) and from Electron (verity://app/index.html).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // pdf.js is large; splitting it out keeps the first paint small.
    chunkSizeWarningLimit: 1500,
  },
  // The app makes no network request except to its own API: no CDN, no font service.
  server: { host: '127.0.0.1' },
});
