import { jest } from '@jest/globals';

// End-to-end cases start the platform as a process and drive it over HTTP: allow minutes.
jest.setTimeout(180_000);
