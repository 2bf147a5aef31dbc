import type { Server } from 'node:http';

/**
 * Bounds how long a connection may hold the server: the whole request (headers and body) must
 * arrive within `requestTimeoutMs` (slow-loris uploads are cut with 408), the headers within at
 * most a minute of it, and a connection that stays silent that long while its answer is being
 * prepared is closed. Ingest answers wait for the write to commit on the in-process bus, hence a
 * generous default; an agent whose connection was closed retries its batchId, stored once.
 */
export function applyServerTimeouts(server: Server, requestTimeoutMs: number): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(requestTimeoutMs, 60_000);
  server.setTimeout(requestTimeoutMs);
}
