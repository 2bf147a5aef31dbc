import { ConfigError, describeConfig, loadConfig } from './load-config.js';
import { isDemo, platformConfigSchema } from './platform.config.js';

describe('loadConfig', () => {
  it('gives defaults that start the single-machine demo', () => {
    const config = loadConfig(platformConfigSchema, {});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEMO: true, BUS: 'inprocess' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names the variable that is invalid', () => {
    expect(() => loadConfig(platformConfigSchema, { PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig(platformConfigSchema, { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig(platformConfigSchema, { CLICKHOUSE_DATABASE: 'x;drop' })).toThrow(
      /CLICKHOUSE_DATABASE/,
    );
  });

  it('takes a ClickHouse cluster name only with a server URL', () => {
    const url = 'http://clickhouse:8123';
    expect(
      loadConfig(platformConfigSchema, { CLICKHOUSE_URL: url, CLICKHOUSE_CLUSTER: 'grip' }),
    ).toMatchObject({
      CLICKHOUSE_CLUSTER: 'grip',
    });
    expect(loadConfig(platformConfigSchema, {}).CLICKHOUSE_CLUSTER).toBeUndefined();
    expect(() => loadConfig(platformConfigSchema, { CLICKHOUSE_CLUSTER: 'grip' })).toThrow(/CLICKHOUSE_URL/);
    expect(() =>
      loadConfig(platformConfigSchema, { CLICKHOUSE_URL: url, CLICKHOUSE_CLUSTER: "a' b" }),
    ).toThrow(/CLICKHOUSE_CLUSTER/);
  });

  it('requires an admin password outside the demo', () => {
    try {
      loadConfig(platformConfigSchema, { DEMO: 'false' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual([expect.stringMatching(/^GRIP_ADMIN_PASSWORD: /)]);
    }
  });

  it('runs every role by default and a named subset on request', () => {
    expect(loadConfig(platformConfigSchema, {}).ROLES).toEqual([
      'admin-api',
      'ingest-gateway',
      'telemetry-writer',
      'query-api',
    ]);
    const writer = loadConfig(platformConfigSchema, {
      ROLES: 'telemetry-writer',
      BUS: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    expect(writer).toMatchObject({ ROLES: ['telemetry-writer'], KAFKA_BROKERS: ['127.0.0.1:9092'] });
    expect(isDemo(writer)).toBe(false);
  });

  it.each([
    [{ ROLES: 'ingest-gateway,printer' }, /ROLES: unknown role printer/],
    [{ BUS: 'kafka' }, /KAFKA_BROKERS: required when BUS=kafka/],
    [{ BUS: 'kafka', KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS: localhost is not a broker address/],
    [{ ROLES: 'telemetry-writer' }, /BUS: ROLES=telemetry-writer runs part of the platform/],
    [
      { ROLES: 'ingest-gateway', BUS: 'kafka', KAFKA_BROKERS: 'k:9092' },
      /DATABASE_URL: ROLES=ingest-gateway shares the registry/,
    ],
    [
      {
        ROLES: 'admin-api',
        BUS: 'kafka',
        KAFKA_BROKERS: 'k:9092',
        DATABASE_URL: 'postgres://db/grip',
        GRIP_JWT_SECRET: 'x'.repeat(32),
      },
      /GRIP_ADMIN_PASSWORD: .*required outside the demo/,
    ],
    [
      { ROLES: 'query-api', BUS: 'kafka', KAFKA_BROKERS: 'k:9092', DATABASE_URL: 'postgres://db/grip' },
      /GRIP_JWT_SECRET: ROLES=query-api must verify tokens/,
    ],
  ])('refuses an inconsistent split %j', (env, message) => {
    expect(() => loadConfig(platformConfigSchema, env)).toThrow(message);
  });

  it('has short access tokens, monthly key rotation, two-week refresh tokens in week-long sessions, and OIDC all or nothing', () => {
    expect(loadConfig(platformConfigSchema, {})).toMatchObject({
      ACCESS_TOKEN_TTL_S: 900,
      ACCESS_KEY_ROTATION_DAYS: 30,
      REFRESH_TOKEN_TTL_S: 1_209_600,
      SESSION_MAX_AGE_S: 604_800,
      OIDC_USER_CLAIM: 'grip_user',
    });
    expect(() => loadConfig(platformConfigSchema, { OIDC_ISSUER: 'https://idp.example/realms/gd' })).toThrow(
      /OIDC_ISSUER: set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL together/,
    );
    const oidc = {
      OIDC_ISSUER: 'https://idp.example/realms/gd',
      OIDC_AUDIENCE: 'grip',
      OIDC_JWKS_URL: 'https://idp.example/realms/gd/certs',
    };
    expect(loadConfig(platformConfigSchema, oidc)).toMatchObject(oidc);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig(platformConfigSchema, { PORT: '' }).PORT).toBe(3000);
  });

  it('masks secrets when the configuration is logged', () => {
    const shown = describeConfig({
      GRIP_ADMIN_PASSWORD: 'hunter2',
      DATABASE_URL: 'postgres://u:p@db/grip',
      PORT: 3000,
    });
    expect(shown).toEqual({ GRIP_ADMIN_PASSWORD: '***', DATABASE_URL: 'postgres://***@db/grip', PORT: 3000 });
  });

  it('defaults the limits and hardening settings', () => {
    expect(loadConfig(platformConfigSchema, {})).toMatchObject({
      CORS_ORIGINS: [],
      TRUST_PROXY: 0,
      REQUEST_TIMEOUT_MS: 30_000,
      API_RATE_PER_MIN: 600,
      INGEST_RATE_POINTS_PER_S: 20_000,
      INGEST_RATE_REQUESTS_PER_S: 50,
      LOGIN_MAX_FAILURES: 5,
    });
  });

  it('reads CORS_ORIGINS as a list of origins and refuses anything else', () => {
    const config = loadConfig(platformConfigSchema, {
      CORS_ORIGINS: ' https://portal.example.gov.cn, http://localhost:5173 ,',
    });
    expect(config.CORS_ORIGINS).toEqual(['https://portal.example.gov.cn', 'http://localhost:5173']);
    for (const bad of [
      '*',
      'portal.example.gov.cn',
      'https://a.example/',
      'https://a.example/path',
      'ftp://a.example',
    ]) {
      expect(() => loadConfig(platformConfigSchema, { CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });

  it('validates the limits', () => {
    for (const [name, value] of [
      ['REQUEST_TIMEOUT_MS', '10'],
      ['API_RATE_PER_MIN', '0'],
      ['INGEST_RATE_REQUESTS_PER_S', '-1'],
      ['LOGIN_MAX_FAILURES', 'many'],
      ['TRUST_PROXY', 'true'],
    ]) {
      expect(() => loadConfig(platformConfigSchema, { [name!]: value })).toThrow(new RegExp(name!));
    }
  });

  it('requires the ingest burst to hold a full batch', () => {
    expect(() =>
      loadConfig(platformConfigSchema, { INGEST_RATE_POINTS_PER_S: '100', INGEST_MAX_POINTS: '201' }),
    ).toThrow(/INGEST_RATE_POINTS_PER_S/);
    expect(
      loadConfig(platformConfigSchema, { INGEST_RATE_POINTS_PER_S: '100', INGEST_MAX_POINTS: '200' })
        .INGEST_RATE_POINTS_PER_S,
    ).toBe(100);
  });
});
