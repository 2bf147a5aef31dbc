export * from './api-error.js';
export * from './api-exception.filter.js';
export * from './health.controller.js';
export * from './validation.pipe.js';
