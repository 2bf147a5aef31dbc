export * from './query-api.module.js';
export * from './dashboard.assets.js';
export { INDICATOR_OPTIONS, DEFAULT_INDICATOR_OPTIONS } from './indicators/indicator-options.js';
export type { IndicatorOptions } from './indicators/indicator-options.js';
