export * from './bus.js';
export * from './in-process.bus.js';
export * from './kafka.bus.js';
