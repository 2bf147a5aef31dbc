export * from './query-api.module.js';
export * from './dashboard.assets.js';
