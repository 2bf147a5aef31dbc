import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The dashboard is built into the folder the platform serves at `/` (DASHBOARD_DIR in
 * apps/query-api/src/dashboard.assets.ts): everything bundled, nothing from a CDN, since
 * officials' networks are often closed.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  build: {
    outDir: here('../../dist/apps/query-api/src/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // chart.js alone is ~200 kB minified; one bundle for a handful of pages is fine.
    chunkSizeWarningLimit: 600,
  },
});
