export * from './ingest-gateway.module.js';
export * from './ingest.service.js';
