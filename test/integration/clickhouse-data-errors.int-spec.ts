import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClickHouse,
  runClickHouseMigrations,
  TelemetryWriter,
  type ClickHouse,
} from '#grip/telemetry-store';
import { isRowDataError } from '../../apps/telemetry-writer/src/clickhouse-data-error.js';

const E = '11111111-1111-4111-8111-111111111111';
const D = '22222222-2222-4222-8222-222222222222';
const TS = '2026-01-01 00:00:00.000';

/**
 * The writer dead-letters a message only when ClickHouse says its rows cannot be stored
 * (clickhouse-data-error.ts); any other failure is retried. These are the malformed rows a
 * corrupted or hostile message can carry, each refused by the real engine with the code the
 * writer must recognise.
 */
describe('which ClickHouse errors the writer treats as bad rows (chDB)', () => {
  let dir: string;
  let ch: ClickHouse;
  let writer: TelemetryWriter;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grip-data-errors-'));
    ch = createClickHouse({ database: 'data_errors_test', dataPath: dir });
    await runClickHouseMigrations(ch);
    writer = new TelemetryWriter(ch);
  });
  afterAll(async () => {
    await ch?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a value that is not a number', `${E}\t${D}\tm\t${TS}\tabc\n`],
    ['a time that is not a time', `${E}\t${D}\tm\tnot-a-date\t1\n`],
    ['an impossible date', `${E}\t${D}\tm\t9999-99-99 99:99:99.000\t1\n`],
    ['an id that is not a UUID', `xyz\t${D}\tm\t${TS}\t1\n`],
    ['a missing column', `${E}\t${D}\tm\t${TS}\n`],
    ['an extra column', `${E}\t${D}\tm\t${TS}\t1\t2\n`],
    ['a broken escape', `${E}\t${D}\tm\\\t${TS}\t1\n`],
  ])('%s', async (_case, tsv) => {
    const error = await writer.insertTabSeparated(Buffer.from(tsv)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect({ error: String(error), isRowDataError: isRowDataError(error) }).toEqual({
      error: String(error),
      isRowDataError: true,
    });
  });

  it('a failure of the engine itself is not a bad row: it is retried, never dead-lettered', async () => {
    const error = await ch.client.command({ query: 'SELECT * FROM data_errors_test.no_such_table' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(isRowDataError(error)).toBe(false);
  });

  it('a valid row is stored', async () => {
    await writer.insertTabSeparated(Buffer.from(`${E}\t${D}\tm\t${TS}\t1.5\n`));
    const result = await ch.client.query({
      query: 'SELECT count() AS n FROM data_errors_test.telemetry_raw',
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string | number }>();
    expect(Number(row!.n)).toBe(1);
  });
});
