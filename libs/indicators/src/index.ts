export * from './methodology/methodology.js';
export * from './energy/comprehensive-energy.js';
