import { mkdirSync } from 'node:fs';
import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection, type ChdbExtension } from 'chdb/connection';
import { DISTRIBUTED_SUFFIX } from './clickhouse-cluster.js';

export type ClickHouseEngine = 'chdb' | 'server';

export interface ClickHouseOptions {
  /** A ClickHouse server's HTTP(S) endpoint; without it the store runs in-process on chDB. */
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  /** Validated against {@link IDENTIFIER}: it is spliced into SQL as an identifier. */
  readonly database: string;
  /** chDB's data directory (created when absent); ignored when `url` is set. */
  readonly dataPath: string;
  /**
   * A cluster name from the server's `remote_servers` (CLICKHOUSE_CLUSTER): DDL runs
   * `ON CLUSTER`, tables are Replicated with a Distributed table in front (clickhouse-cluster.ts).
   * Needs `url`: chDB is one process.
   */
  readonly cluster?: string;
}

/** Identifiers we splice into SQL (database and table names) come from configuration and must match this. */
export const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertIdentifier(name: string, what = 'identifier'): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(
      `Invalid ClickHouse ${what} ${JSON.stringify(name)}: lower-case letters, digits and _ only`,
    );
  }
  return name;
}

/**
 * One ClickHouse, either engine. Every statement names its tables qualified with the
 * database (see {@link table}) rather than relying on a session default, so the same SQL
 * runs unchanged on chDB (one shared session) and on a server (stateless HTTP requests).
 *
 * Never pass `clickhouse_settings` through {@link client} on chDB: they become a persistent
 * `SET` on the process-wide session and leak into every later statement. Put per-statement
 * settings in the SQL text (`SETTINGS …`) or in `chdb.rawInsert({ settings })`.
 */
export class ClickHouse {
  readonly client: ClickHouseClient;
  readonly database: string;
  readonly engine: ClickHouseEngine;
  /** chDB-only escape hatches (raw TabSeparated insert); undefined on a server. */
  readonly chdb: ChdbExtension | undefined;
  /** Set on a cluster (validated identifier); undefined on one node. */
  readonly cluster: string | undefined;

  constructor(parts: {
    client: ClickHouseClient;
    database: string;
    engine: ClickHouseEngine;
    chdb?: ChdbExtension;
    cluster?: string;
  }) {
    this.client = parts.client;
    this.database = assertIdentifier(parts.database, 'database name');
    this.engine = parts.engine;
    this.chdb = parts.chdb;
    this.cluster = parts.cluster === undefined ? undefined : assertIdentifier(parts.cluster, 'cluster name');
  }

  /**
   * `database.table` to read and insert, for splicing into SQL (a plain identifier): on a
   * cluster the Distributed table in front of the local one (`<name>_all`).
   */
  table(name: string): string {
    const local = this.localTable(name);
    return this.cluster ? `${local}${DISTRIBUTED_SUFFIX}` : local;
  }

  /** `database.table` of the table on this node: what DDL names. */
  localTable(name: string): string {
    return `${this.database}.${assertIdentifier(name, 'table name')}`;
  }

  /** Throws when ClickHouse cannot answer; `client.ping()` resolves `{ success: false }` instead. */
  async ping(): Promise<void> {
    const result = await this.client.ping();
    if (!result.success) throw result.error;
  }

  /** On chDB this releases the process's data directory, so another path can be opened. */
  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Synchronous on purpose: nothing is contacted until the first statement, so callers can
 * register `close()` before anything can fail (run the migrations next).
 */
export function createClickHouse(opts: ClickHouseOptions): ClickHouse {
  const database = assertIdentifier(opts.database, 'database name');
  if (opts.url) {
    const client = createClient({ url: opts.url, username: opts.username, password: opts.password });
    return new ClickHouse({
      client,
      database,
      engine: 'server',
      ...(opts.cluster ? { cluster: opts.cluster } : {}),
    });
  }
  if (opts.cluster) throw new Error('A ClickHouse cluster needs a server URL: chDB runs in one process');
  mkdirSync(opts.dataPath, { recursive: true });
  // Throws when this process already holds a different chDB path (one engine per process),
  // or another process holds this one (the directory is locked).
  const connection = createChdbConnection({ path: opts.dataPath });
  // chdb types its connection against @clickhouse/client-common 1.23.0 while the client
  // bundles its own copy of the same contract; the shapes match at run time.
  const client = createClient({
    connection: connection as unknown as ClickHouseClientConfigOptions['connection'],
  });
  return new ClickHouse({ client, database, engine: 'chdb', chdb: connection.chdb });
}
