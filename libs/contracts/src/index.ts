export * from './metric-catalog.js';
export * from './telemetry.js';
export * from './principal.js';
export * from './registry-events.js';
export * from './device-attributes.js';
export * from './codes/credit-code.js';
export * from './codes/region-code.js';
export * from './codes/industry-code.js';
