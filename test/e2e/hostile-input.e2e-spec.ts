import { QUERY_ENDPOINTS, type QueryEndpoint } from './support/endpoint-table.js';
import { assertThat, describeAnswer, hasErrorShape, probe } from './support/http-probe.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';
import { createTenants, ISOLATION_ENV, MONTH, type RoleKey, type Tenants } from './support/tenant-fixture.js';

/** What an attacker or a broken script sends instead of an id, a period or a page number. */
const HOSTILE: readonly string[] = [
  "' OR 1=1 --",
  "1'; DROP TABLE enterprises; --",
  '1; DROP TABLE x',
  "') UNION SELECT * FROM users --",
  '%',
  '_',
  '\\',
  '\u0000',
  'a\u0000b',
  '广州🚀\u202e',
  'x'.repeat(10_000),
  '9'.repeat(400),
  '1e308',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '{"$gt":""}',
  '../../etc/passwd',
];
/**
 * A refusal (403 for a role the endpoint is not for), or, for a free-text filter such as the
 * audit log's targetType, an empty page.
 */
const refusedOrEmpty = (status: number, body: unknown) =>
  [400, 403, 404].includes(status) ||
  (status === 200 && (body as { items?: unknown[] })?.items?.length === 0);

describe('hostile input against every parameter of the query endpoints', () => {
  let platform: PlatformProcess;
  let t: Tenants;
  const roles: RoleKey[] = ['operator', 'providerA', 'officialCityGz'];

  beforeAll(async () => {
    platform = await startPlatform(ISOLATION_ENV);
    t = await createTenants(platform.url);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const validPath = (endpoint: QueryEndpoint, override: Record<string, string> = {}) => {
    const values: Record<string, string> = {
      id: t.enterpriseIds.gz,
      period: MONTH,
      regionCode: '440100',
      version: 'no-such-version',
      ...override,
    };
    return endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name]!));
  };
  const query = (params: Record<string, string | string[]>) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      for (const v of Array.isArray(value) ? value : [value]) search.append(name, v);
    const text = search.toString();
    return text ? `?${text}` : '';
  };
  const expectRefused = async (role: RoleKey, path: string) => {
    const answer = await probe(t.url, 'GET', path, { token: t.tokens[role] });
    const label = `${role} GET ${path.slice(0, 200)}`;
    assertThat(refusedOrEmpty(answer.status, answer.body), describeAnswer(label, answer));
    if (answer.status !== 200) assertThat(hasErrorShape(answer), describeAnswer(label, answer));
    assertThat(
      !/\bat \S+ \(|node_modules|\.js:\d+|syntax error|SQLSTATE|Code: \d+\./i.test(answer.text),
      label,
    );
  };

  it('answers every valid request 200 (or the 403/404 its role deserves), the baseline', async () => {
    for (const endpoint of QUERY_ENDPOINTS) {
      const answer = await probe(t.url, 'GET', validPath(endpoint) + query(endpoint.params), {
        token: t.tokens.operator,
      });
      const expected = endpoint.name === 'methodology version' ? 404 : 200;
      assertThat(answer.status === expected, describeAnswer(endpoint.name, answer));
    }
  });

  it.each(QUERY_ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s: SQL-looking, NUL, unicode, 10,000-character and huge values in each parameter → 400/404 or empty',
    async (_name, endpoint) => {
      for (const role of roles) {
        for (const value of HOSTILE) {
          for (const name of endpoint.pathParams) {
            await expectRefused(role, validPath(endpoint, { [name]: value }) + query(endpoint.params));
          }
          for (const name of Object.keys(endpoint.params)) {
            await expectRefused(role, validPath(endpoint) + query({ ...endpoint.params, [name]: value }));
          }
        }
      }
    },
  );

  // Endpoints without query parameters ignore the query string; those with them refuse extras.
  it.each(QUERY_ENDPOINTS.filter((e) => Object.keys(e.params).length > 0).map((e) => [e.name, e] as const))(
    '%s: a repeated parameter (an array) or an unknown one (sort, limit) → 400',
    async (_name, endpoint) => {
      for (const [name, value] of Object.entries(endpoint.params)) {
        await expectRefused(
          'operator',
          validPath(endpoint) + query({ ...endpoint.params, [name]: [value, value] }),
        );
      }
      for (const unknown of ['sort', 'limit', 'where', 'order[id]']) {
        await expectRefused('operator', validPath(endpoint) + query({ ...endpoint.params, [unknown]: '1' }));
      }
    },
  );

  it('leaves the data intact', async () => {
    const list = await probe(t.url, 'GET', '/api/v1/enterprises?pageSize=200', { token: t.tokens.operator });
    expect((list.body as { total: number }).total).toBe(4);
    for (const id of Object.values(t.enterpriseIds)) {
      const devices = await probe(t.url, 'GET', `/api/v1/enterprises/${id}/devices`, {
        token: t.tokens.operator,
      });
      expect((devices.body as { total: number }).total).toBe(2);
    }
    const providers = await probe(t.url, 'GET', '/api/v1/providers', { token: t.tokens.operator });
    expect((providers.body as { total: number }).total).toBe(2);
  });
});
