import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '#grip/registry';

// The registry's two engines for the integration suites: embedded PGlite (through the
// child-process socket server) and the machine's PostgreSQL 15, on a throw-away database.

export const SERVER_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface RegistryEngine {
  readonly name: string;
  /** Starts (or restarts, on the same data) and returns the connection URL. */
  start(): Promise<string>;
  /** Embedded only: stop the server, or SIGKILL it to simulate a crash. */
  halt?(how: 'stop' | 'kill'): Promise<void>;
  dispose(): Promise<void>;
}

export function embeddedEngine(): RegistryEngine {
  let dataDir: string | undefined;
  let server: EmbeddedPostgres | undefined;
  return {
    name: 'embedded PGlite',
    async start() {
      dataDir ??= await mkdtemp(join(tmpdir(), 'grip-registry-'));
      server = await startEmbeddedPostgres({ dataDir });
      return server.url;
    },
    async halt(how) {
      if (!server) return;
      if (how === 'kill') {
        process.kill(server.pid, 'SIGKILL');
        expect((await server.exited).signal).toBe('SIGKILL');
      } else {
        await server.stop();
        expect((await server.exited).code).toBe(0);
      }
      server = undefined;
    },
    async dispose() {
      await server?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function serverEngine(): RegistryEngine {
  // A throw-away database per run keeps runs repeatable and parallel-safe.
  const database = `grip_test_${randomBytes(6).toString('hex')}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: SERVER_ADMIN_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL 15 server',
    async start() {
      await admin((c) => c.query(`CREATE DATABASE ${database}`));
      return `postgres://postgres@127.0.0.1:5432/${database}`;
    },
    async dispose() {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    },
  };
}
