import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The officials' dashboard: apps/dashboard, built by Vite (`npm run build:dashboard`, part of
 * `npm run build`) into this folder beside the compiled code, and served at `/`.
 */
export const DASHBOARD_DIR = fileURLToPath(new URL('./dashboard/', import.meta.url));

/**
 * chart.js's browser bundle, still served at /vendor/ for pages and scripts written against the
 * former demo page; the dashboard bundles its own copy.
 */
export const CHART_JS_DIR = dirname(createRequire(import.meta.url).resolve('chart.js'));
