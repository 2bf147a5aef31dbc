import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo dashboard's static files, copied beside the compiled code by scripts/copy-assets.mjs. */
export const DASHBOARD_DIR = fileURLToPath(new URL('./dashboard/', import.meta.url));

/** chart.js ships a browser bundle in its dist folder, which its exports map does not name. */
export const CHART_JS_DIR = dirname(createRequire(import.meta.url).resolve('chart.js'));
