import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { makeCreditCode } from '#grip/contracts';
import { GripApiClient } from '../../apps/edge-agent/src/grip-api.client.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';

const SERVER = process.env.GRIP_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** The same platform with DATABASE_URL pointing at the machine's PostgreSQL server. */
describe('the platform on a PostgreSQL server (DATABASE_URL)', () => {
  const database = `grip_e2e_${randomBytes(4).toString('hex')}`;
  let platform: PlatformProcess;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`); // a generated identifier, not input
    await admin.end();
    platform = await startPlatform({
      DATABASE_URL: `${SERVER}/${database}`,
      GRIP_ADMIN_USER: 'ops',
      GRIP_ADMIN_PASSWORD: 'server-operator-password',
    });
  });

  afterAll(async () => {
    await platform?.stop();
    const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  });

  it('runs the migrations on the server and serves onboarding from it', async () => {
    expect(platform.output()).toContain('PostgreSQL server (DATABASE_URL)');
    const ready = await (await fetch(`${platform.url}/health/ready`)).json();
    expect(ready).toEqual({
      status: 'ok',
      checks: [
        { name: 'postgres', status: 'ok' },
        { name: 'clickhouse', status: 'ok' },
      ],
    });

    const operator = await new GripApiClient(platform.url).login('ops', 'server-operator-password');
    const provider = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
      name: 'Server provider',
      creditCode: makeCreditCode('91440101MA5PGP001'),
    });
    const db = new pg.Client({ connectionString: `${SERVER}/${database}` });
    await db.connect();
    const { rows } = await db.query('SELECT name FROM providers WHERE id = $1', [provider.id]);
    await db.end();
    expect(rows).toEqual([{ name: 'Server provider' }]);
  });
});
