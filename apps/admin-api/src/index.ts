export * from './admin-api.module.js';
export * from './login.service.js';
export { IMPORT_MEDIA_TYPES } from './imports.controller.js';
export { IMPORT_LIMITS } from './imports/import-limits.js';
export type { ImportLimits } from './imports/import-limits.js';
