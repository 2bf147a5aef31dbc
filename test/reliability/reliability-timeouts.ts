import { jest } from '@jest/globals';

// The suite starts brokers and processes, kills and restarts them: allow minutes.
jest.setTimeout(600_000);
