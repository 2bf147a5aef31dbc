export * from './audit-trail.service.js';
