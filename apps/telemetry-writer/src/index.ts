export * from './telemetry-writer.module.js';
export * from './telemetry-writer.service.js';
