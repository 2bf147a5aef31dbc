export * from './admin-api.module.js';
export * from './login.service.js';
