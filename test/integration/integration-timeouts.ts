import { jest } from '@jest/globals';

// Integration cases open real engines (PGlite's first start alone takes seconds).
jest.setTimeout(60_000);
