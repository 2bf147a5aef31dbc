import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SERVER = process.env.GRIP_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A fresh database on the machine's PostgreSQL server, shared by the suite's processes. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `grip_rel_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await client.connect();
    try {
      await client.query(sql); // a generated identifier, not input
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: `${SERVER}/${name}`, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
