import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { ADMIN_WRITES } from './support/admin-writes.js';
import { assertThat, describeAnswer, hasErrorShape, probe, type Answer } from './support/http-probe.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';
import { at, createTenants, ISOLATION_ENV, type Tenants } from './support/tenant-fixture.js';

/** Fixed so a failure replays; fast-check prints it (and the shrunk counterexample) on failure. */
const SEED = 20_261_127;
const WINDOW = { from: at(48), to: at(72) };
const WINDOW_MS = Date.parse(WINDOW.to) - Date.parse(WINDOW.from);

/** A placeholder the sender replaces with a fresh in-window timestamp, so every valid point is distinct. */
const VALID_TS = '<valid-ts>';
/** Mostly the valid value, so batches mix accepted and rejected points. */
const mostly = <T>(valid: T, ...others: fc.Arbitrary<unknown>[]) =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constant(valid) },
    ...others.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
const pointFields = {
  device: mostly('meter-main', fc.constantFrom('meter-sz', 'METER-MAIN', ''), fc.string()),
  metric: mostly(
    'electricity.active_energy',
    fc.constantFrom('water.volume', 'electricity.active_energy ', 'ELECTRICITY.ACTIVE_ENERGY'),
    fc.string(),
  ),
  ts: mostly(
    VALID_TS,
    fc.constantFrom(
      '',
      'yesterday',
      '2026-02-30T00:00:00Z',
      '2026-04-31T08:00:00+08:00',
      '9999-12-31T23:59:59Z',
    ),
    fc.constantFrom('1970-01-01T00:00:00Z', '2026-11-01T00:00:00', '2026-11-01 00:00:00Z'),
    fc.constantFrom(0, -1, 1e20),
    fc.string(),
  ),
  value: fc.oneof(
    { weight: 10, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e12 }) },
    fc.double(),
    fc.constantFrom('NaN', 'Infinity', '1e309', '12', '', null, true, [1], { v: 1 }),
    fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  ),
};
const point = fc.oneof(
  { weight: 4, arbitrary: fc.record(pointFields) },
  { weight: 1, arbitrary: fc.record(pointFields, { requiredKeys: [] }) },
);
const batch = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ batchId: fc.constant('<batch>'), points: fc.array(point, { maxLength: 30 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { batchId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), points: fc.jsonValue() },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
);
/**
 * Bodies shaped to hurt a parser or a transformer rather than a validator: deep (to 100,000
 * levels), wide (past JSON_MAX_MEMBERS) and large (past INGEST_MAX_BYTES), each with the answer
 * its shape calls for under the default limits (docs/ingest.md): 64 levels, 200,000 members, 1,000 keys an object,
 * 5 MiB.
 */
const MAX_DEPTH = 64;
const MAX_MEMBERS = 200_000;
const MAX_OBJECT_KEYS = 1000;
const MAX_BYTES = 5 * 1024 * 1024;
interface Shaped {
  readonly label: string;
  readonly text: string;
  /** The refusal the shape alone calls for; undefined: any answer below 500. */
  readonly expected?: { status: number; code: string };
}
const deepShape = fc
  .record({
    levels: fc.oneof(
      fc.integer({ min: 1, max: 200 }),
      fc.integer({ min: 1, max: 100_000 }),
      fc.constantFrom(MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 1000, 5000, 100_000),
    ),
    container: fc.constantFrom('array', 'object', 'mixed'),
  })
  .map(({ levels, container }): Shaped => {
    const open = (i: number) =>
      container === 'array' || (container === 'mixed' && i % 2 === 0) ? '[' : '{"a":';
    const close = (i: number) =>
      container === 'array' || (container === 'mixed' && i % 2 === 0) ? ']' : '}';
    let head = '';
    let tail = '';
    for (let i = 0; i < levels; i++) {
      head += open(i);
      tail = close(i) + tail;
    }
    return {
      label: `${levels} levels of ${container}`,
      text: `${head}1${tail}`,
      expected: levels > MAX_DEPTH ? { status: 400, code: 'JSON_TOO_DEEP' } : undefined,
    };
  });
const wideShape = fc
  .record({
    members: fc.oneof(
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 300_000 }),
      fc.constantFrom(
        MAX_OBJECT_KEYS,
        MAX_OBJECT_KEYS + 1,
        MAX_MEMBERS - 2,
        MAX_MEMBERS - 1,
        MAX_MEMBERS + 1,
      ),
    ),
    container: fc.constantFrom('array', 'object'),
  })
  .map(({ members, container }): Shaped => {
    const items = Array.from({ length: members }, (_, i) => (container === 'array' ? '0' : `"k${i}":0`));
    const inner = container === 'array' ? `[${items.join(',')}]` : `{${items.join(',')}}`;
    // Wrapped in a login-like object: two more members (username and password).
    return {
      label: `${members} ${container} members`,
      text: `{"username":"fuzz-nobody","password":${inner}}`,
      expected:
        container === 'object' && members > MAX_OBJECT_KEYS
          ? { status: 400, code: 'JSON_TOO_MANY_KEYS' }
          : members + 2 > MAX_MEMBERS
            ? { status: 400, code: 'JSON_TOO_MANY_MEMBERS' }
            : undefined,
    };
  });
const largeShape = fc
  .oneof(
    fc.integer({ min: 0, max: 100_000 }),
    fc.integer({ min: 0, max: 6 * 1024 * 1024 }),
    fc.constantFrom(MAX_BYTES - 64, MAX_BYTES + 1),
  )
  .map((padding): Shaped => {
    const text = `{"username":"fuzz-nobody","password":"${'x'.repeat(padding)}"}`;
    return {
      label: `${text.length} bytes`,
      text,
      expected: text.length > MAX_BYTES ? { status: 413, code: 'PAYLOAD_TOO_LARGE' } : undefined,
    };
  });
const shaped = fc.oneof(deepShape, wideShape, largeShape);

type Transport = 'json' | 'gzip' | 'bad-gzip' | 'text' | 'truncated';
const transport = fc.constantFrom<Transport>('json', 'json', 'gzip', 'bad-gzip', 'text', 'truncated');

describe('fuzz: random payloads never cause a 5xx or store a rejected point', () => {
  let platform: PlatformProcess;
  let t: Tenants;
  let sent = 0;
  let acceptedTotal = 0;

  beforeAll(async () => {
    platform = await startPlatform(ISOLATION_ENV);
    t = await createTenants(platform.url);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** Fills the placeholders: a unique batch id, distinct in-window timestamps. */
  const materialise = (payload: unknown): unknown =>
    JSON.parse(
      JSON.stringify(payload ?? null)
        .replaceAll('"<batch>"', () => JSON.stringify(`fuzz-${++sent}`))
        .replaceAll(`"${VALID_TS}"`, () => {
          const ms = Date.parse(WINDOW.from) + ((++sent * 1000) % WINDOW_MS);
          return JSON.stringify(new Date(ms).toISOString());
        }),
    );

  const send = (payload: unknown, how: Transport): Promise<Answer> => {
    const json = JSON.stringify(payload);
    const options = { token: t.agents.gz.token };
    switch (how) {
      case 'json':
        return probe(t.url, 'POST', '/ingest/v1/telemetry', {
          ...options,
          raw: json,
          contentType: 'application/json',
        });
      case 'gzip':
        return probe(t.url, 'POST', '/ingest/v1/telemetry', {
          ...options,
          raw: gzipSync(json),
          contentType: 'application/json',
          headers: { 'content-encoding': 'gzip' },
        });
      case 'bad-gzip':
        return probe(t.url, 'POST', '/ingest/v1/telemetry', {
          ...options,
          raw: Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from(json)]),
          contentType: 'application/json',
          headers: { 'content-encoding': 'gzip' },
        });
      case 'text':
        return probe(t.url, 'POST', '/ingest/v1/telemetry', {
          ...options,
          raw: json,
          contentType: 'text/plain',
        });
      case 'truncated':
        return probe(t.url, 'POST', '/ingest/v1/telemetry', {
          ...options,
          raw: json.slice(0, Math.max(1, json.length - 1)),
          contentType: 'application/json',
        });
    }
  };

  const check = (label: string, answer: Answer) => {
    assertThat(answer.status < 500, describeAnswer(label, answer));
    if (answer.status >= 400) assertThat(hasErrorShape(answer), describeAnswer(label, answer));
  };

  it('ingest: 202 with counts, or a 4xx with the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(batch, transport, async (payload, how) => {
        const answer = await send(materialise(payload), how);
        check(`ingest ${how}`, answer);
        if (answer.status === 202) {
          const { accepted, rejected } = answer.body as { accepted: number; rejected: unknown[] };
          assertThat(Number.isInteger(accepted) && accepted > 0 && Array.isArray(rejected), answer.text);
          // Whatever else the body held, a 202 over the wrong transport would be a bug.
          assertThat(how === 'json' || how === 'gzip', describeAnswer(`accepted over ${how}`, answer));
          acceptedTotal += accepted;
        }
      }),
      { seed: SEED, numRuns: 150, endOnFailure: true },
    );
  });

  it('ingest: the largest batch allowed is answered, one point more is refused', async () => {
    const many = (n: number) =>
      materialise({
        batchId: '<batch>',
        points: Array.from({ length: n }, (_, i) =>
          i % 2 === 0
            ? { device: 'meter-main', metric: 'electricity.active_energy', ts: VALID_TS, value: i }
            : { device: 'meter-main', metric: 'electricity.active_energy', ts: 'never', value: i },
        ),
      });
    const largest = await send(many(10_000), 'gzip');
    check('10,000 points', largest);
    expect(largest.body).toMatchObject({ accepted: 5000 });
    acceptedTotal += 5000;
    const tooMany = await send(many(10_001), 'json');
    check('10,001 points', tooMany);
    expect([400, 413]).toContain(tooMany.status);
  });

  it('ingest: exactly the accepted points are stored, nothing from a rejected payload', async () => {
    const readings = async () => {
      const answer = await probe(
        t.url,
        'GET',
        `/api/v1/enterprises/${t.enterpriseIds.gz}/energy?granularity=day&from=${WINDOW.from}&to=${WINDOW.to}`,
        { token: t.tokens.operator },
      );
      return (answer.body as { dataQuality: { readings: number } }).dataQuality.readings;
    };
    // The random batches themselves must have been accepted often enough to mean something.
    expect(acceptedTotal - 5000).toBeGreaterThan(50);
    let stored = await readings();
    for (let i = 0; i < 150 && stored < acceptedTotal; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = await readings();
    }
    expect(stored).toBe(acceptedTotal);
  });

  it('deep, wide and large JSON: the shape’s own 400 or 413, never a 5xx, on every JSON endpoint', async () => {
    const targets = [
      {
        label: 'ingest',
        method: 'POST',
        path: '/ingest/v1/telemetry',
        token: t.agents.gz.token,
        gzip: false,
      },
      {
        label: 'ingest gzip',
        method: 'POST',
        path: '/ingest/v1/telemetry',
        token: t.agents.gz.token,
        gzip: true,
      },
      ...ADMIN_WRITES.map((w) => ({
        label: `${w.method} ${w.name}`,
        method: w.method,
        path: w.path(t),
        token: w.name === 'login' ? undefined : t.tokens[w.role],
        gzip: false,
      })),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), shaped, async (target, shape) => {
        const answer = await probe(t.url, target.method, target.path, {
          token: target.token,
          raw: target.gzip ? gzipSync(shape.text) : shape.text,
          contentType: 'application/json',
          headers: target.gzip ? { 'content-encoding': 'gzip' } : {},
        });
        const label = `${target.label} with ${shape.label}`;
        check(label, answer);
        if (shape.expected)
          assertThat(
            answer.status === shape.expected.status &&
              (answer.body as { error?: { code?: string } }).error?.code === shape.expected.code,
            describeAnswer(`${label}: expected ${shape.expected.status} ${shape.expected.code}`, answer),
          );
      }),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
  }, 600_000);

  it.each(['login', 'ingest'] as const)(
    '%s: 5,000 and 100,000 nested arrays are 400 JSON_TOO_DEEP (issue 15: they were 500)',
    async (target) => {
      for (const levels of [5000, 100_000]) {
        const answer = await probe(
          t.url,
          'POST',
          target === 'login' ? '/api/v1/auth/login' : '/ingest/v1/telemetry',
          {
            token: target === 'login' ? undefined : t.agents.gz.token,
            raw: '['.repeat(levels) + ']'.repeat(levels),
            contentType: 'application/json',
          },
        );
        expect({ status: answer.status, body: answer.body }).toEqual({
          status: 400,
          body: {
            error: {
              code: 'JSON_TOO_DEEP',
              message: 'the JSON body nests deeper than 64 levels (JSON_MAX_DEPTH)',
              details: [
                { field: 'body', message: 'the JSON body nests deeper than 64 levels (JSON_MAX_DEPTH)' },
              ],
            },
          },
        });
      }
    },
  );

  it.each(ADMIN_WRITES.map((w) => [`${w.method} ${w.name}`, w] as const))(
    'admin %s: arbitrary bodies → 2xx or a 4xx with the error shape',
    async (label, write) => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(write.nearValid, fc.jsonValue()), async (body) => {
          const answer = await probe(t.url, write.method, write.path(t), {
            token: t.tokens[write.role],
            raw: JSON.stringify(body ?? null) ?? 'null',
            contentType: 'application/json',
          });
          check(label, answer);
        }),
        { seed: SEED, numRuns: 40, endOnFailure: true },
      );
    },
  );
});
