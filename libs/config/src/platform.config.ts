import { z } from 'zod';

/**
 * The platform's configuration: every variable, its type and its default. Defaults make
 * `npm start` work on one machine with embedded engines; setting DATABASE_URL or
 * CLICKHOUSE_URL switches to a server with no code change.
 */
const bool = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** A wall-clock time HH:MM (the indicator schedule's, in Asia/Shanghai). */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM, 00:00–23:59');

/**
 * A comma-separated list of browser origins (scheme, host, port; no path, no trailing slash,
 * no wildcard): exactly what the Origin header carries and what CORS compares.
 */
const origins = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of list) {
    if (!isOrigin(item)) {
      ctx.addIssue({
        code: 'custom',
        message: `${item} is not an origin such as https://portal.example.gov.cn (scheme, host and port only)`,
      });
    }
  }
  return list;
});

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** The services one process can run; `all` is the single-machine platform. */
export const ROLES = ['admin-api', 'ingest-gateway', 'telemetry-writer', 'query-api'] as const;
export type Role = (typeof ROLES)[number];

const roles = z.string().transform((value, ctx): Role[] => {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (list.length === 1 && list[0] === 'all') return [...ROLES];
  const unknown = list.filter((item) => !(ROLES as readonly string[]).includes(item));
  if (unknown.length > 0 || list.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown role ${unknown.join(', ') || '(none)'}: expected all, or a comma-separated list of ${ROLES.join(', ')}`,
    });
  }
  return [...new Set(list)] as Role[];
});

/** host:port pairs, comma-separated. */
const brokers = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of list) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(item)) {
      ctx.addIssue({ code: 'custom', message: `${item} is not a broker address host:port` });
    }
  }
  return list;
});

export const platformConfigSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(0, 65535).default(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'expected postgres://…' }).optional(),
    CLICKHOUSE_URL: z.url({ protocol: /^https?$/, message: 'expected http(s)://…' }).optional(),
    CLICKHOUSE_USER: z.string().default('default'),
    CLICKHOUSE_PASSWORD: z.string().default(''),
    CLICKHOUSE_DATABASE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _ only')
      .default('grip'),
    // A cluster from the server's remote_servers: ON CLUSTER DDL, Replicated and Distributed tables.
    CLICKHOUSE_CLUSTER: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _ only')
      .optional(),
    ROLES: roles.default([...ROLES]),
    BUS: z.enum(['inprocess', 'kafka']).default('inprocess'),
    KAFKA_BROKERS: brokers.optional(),
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]{0,100}$/, 'letters, digits, . _ and - only')
      .default('grip.'),
    KAFKA_PARTITIONS: int(1, 1000).default(6),
    KAFKA_CLIENT_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, . _ and - only')
      .default('grip'),
    GRIP_ADMIN_USER: z.string().min(1).optional(),
    GRIP_ADMIN_PASSWORD: z.string().min(1).optional(),
    GRIP_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_S: int(60, 86_400).default(900),
    ACCESS_KEY_ROTATION_DAYS: int(1, 365).default(30),
    REFRESH_TOKEN_TTL_S: int(300, 365 * 86_400).default(14 * 86_400),
    // Small values are allowed so tests can watch a session end; production keeps days.
    SESSION_MAX_AGE_S: int(1, 365 * 86_400).default(7 * 86_400),
    OIDC_ISSUER: z.url({ protocol: /^https?$/, message: 'expected http(s)://…' }).optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_JWKS_URL: z.url({ protocol: /^https?$/, message: 'expected http(s)://…' }).optional(),
    OIDC_USER_CLAIM: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_.:-]*$/)
      .default('grip_user'),
    INGEST_MAX_POINTS: int(1, 100_000).default(10_000),
    INGEST_MAX_BYTES: int(1024, 64 * 1024 * 1024).default(5 * 1024 * 1024),
    // Checked on the bytes of every JSON body and MQTT payload before parsing (docs/ingest.md).
    JSON_MAX_DEPTH: int(8, 1000).default(64),
    JSON_MAX_MEMBERS: int(1000, 10_000_000).default(200_000),
    JSON_MAX_OBJECT_KEYS: int(16, 100_000).default(1000),
    INGEST_MAX_FUTURE_S: int(0, 86_400).default(300),
    INGEST_RETENTION_DAYS: int(1, 1825).default(1095),
    WRITER_BATCH_MESSAGES: int(1, 100_000).default(500),
    WRITER_BATCH_WAIT_MS: int(1, 60_000).default(10),
    WRITER_MAX_IN_FLIGHT: int(1, 64).default(6),
    BUS_QUEUE_CAPACITY: int(1, 10_000_000).default(200_000),
    CORS_ORIGINS: origins.default([]),
    TRUST_PROXY: int(0, 10).default(0),
    REQUEST_TIMEOUT_MS: int(1000, 600_000).default(30_000),
    API_RATE_PER_MIN: int(1, 1_000_000).default(600),
    INGEST_RATE_POINTS_PER_S: int(1, 10_000_000).default(20_000),
    INGEST_RATE_TENANT_POINTS_PER_S: int(1, 100_000_000).default(200_000),
    INGEST_RATE_REQUESTS_PER_S: int(1, 100_000).default(50),
    // 1883 is the conventional MQTT port, often taken by a Mosquitto on the same host (docs/ingest.md).
    MQTT_PORT: int(0, 65535).default(1884),
    MQTT_HOST: z.string().min(1).optional(),
    LOGIN_MAX_FAILURES: int(1, 100).default(5),
    IMPORT_MAX_ROWS: int(1, 1_000_000).default(200_000),
    IMPORT_MAX_BYTES: int(1024, 512 * 1024 * 1024).default(64 * 1024 * 1024),
    IMPORT_TIMEOUT_MS: int(1000, 3_600_000).default(600_000),
    DEMO: bool.default(true),
    SIMULATOR: bool.default(true),
    SIMULATOR_INTERVAL_MS: int(100, 3_600_000).default(5000),
    INDICATOR_SCHEDULE: bool.default(true),
    INDICATOR_NIGHTLY_AT: timeOfDay.default('02:30'),
    INDICATOR_MONTHLY_AT: timeOfDay.default('03:30'),
    INDICATOR_LATE_CHECK_MINUTES: int(0, 1440).default(60),
    INDICATOR_LATE_LOOKBACK_DAYS: int(1, 400).default(40),
    INDICATOR_REGION_ON_DEMAND_MAX: int(0, 100_000).default(50),
  })
  .superRefine((c, ctx) => {
    // Kafka settings only when the bus is Kafka; a process running some roles needs shared stores.
    if (c.BUS === 'kafka' && (!c.KAFKA_BROKERS || c.KAFKA_BROKERS.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'required when BUS=kafka' });
    }
    if (c.ROLES.length < ROLES.length) {
      if (c.BUS !== 'kafka') {
        ctx.addIssue({
          code: 'custom',
          path: ['BUS'],
          message: `ROLES=${c.ROLES.join(',')} runs part of the platform: the others are reached through BUS=kafka`,
        });
      }
      const needsTokens = c.ROLES.some((r) => r === 'admin-api' || r === 'query-api');
      if (needsTokens && !c.GRIP_JWT_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: ['GRIP_JWT_SECRET'],
          message: `ROLES=${c.ROLES.join(',')} must verify tokens other processes sign: set the shared GRIP_JWT_SECRET`,
        });
      }
      const needsRegistry = c.ROLES.some((r) => r !== 'telemetry-writer');
      if (needsRegistry && !c.DATABASE_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_URL'],
          message: `ROLES=${c.ROLES.join(',')} shares the registry with other processes: set DATABASE_URL to a PostgreSQL server`,
        });
      }
    }
    // chDB is one process: a cluster is only reachable through a server.
    if (c.CLICKHOUSE_CLUSTER && !c.CLICKHOUSE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['CLICKHOUSE_CLUSTER'],
        message: 'CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL (a ClickHouse server of that cluster)',
      });
    }
    // The admin password only has a default in the single-machine demo (api.md, Identity).
    if (!isDemo(c) && c.ROLES.includes('admin-api') && (!c.GRIP_ADMIN_USER || !c.GRIP_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['GRIP_ADMIN_PASSWORD'],
        message:
          'GRIP_ADMIN_USER and GRIP_ADMIN_PASSWORD are required outside the demo (DEMO=false or ROLES other than all)',
      });
    }
    // OIDC is all or nothing: an issuer without its audience or keys would accept too much or nothing.
    const oidc = [c.OIDC_ISSUER, c.OIDC_AUDIENCE, c.OIDC_JWKS_URL].filter((v) => v !== undefined).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL together (or none)',
      });
    }
    // The points bucket holds two seconds' worth; a batch it can never hold would be refused forever.
    if (c.INGEST_RATE_TENANT_POINTS_PER_S * 2 < c.INGEST_MAX_POINTS) {
      ctx.addIssue({
        code: 'custom',
        path: ['INGEST_RATE_TENANT_POINTS_PER_S'],
        message: `the burst (2 × INGEST_RATE_TENANT_POINTS_PER_S) must hold a full batch of INGEST_MAX_POINTS (${c.INGEST_MAX_POINTS})`,
      });
    }
    // A full batch is 1 + 4 members per point (the element and its device, metric, ts, value),
    // plus batchId and points; room for 5 per point keeps the member limit out of its way.
    if (c.JSON_MAX_MEMBERS < 6 * c.INGEST_MAX_POINTS) {
      ctx.addIssue({
        code: 'custom',
        path: ['JSON_MAX_MEMBERS'],
        message: `must be at least 6 × INGEST_MAX_POINTS (${6 * c.INGEST_MAX_POINTS}) so that a full batch fits`,
      });
    }
    if (c.INGEST_RATE_POINTS_PER_S * 2 < c.INGEST_MAX_POINTS) {
      ctx.addIssue({
        code: 'custom',
        path: ['INGEST_RATE_POINTS_PER_S'],
        message: `the burst (2 × INGEST_RATE_POINTS_PER_S) must hold a full batch of INGEST_MAX_POINTS (${c.INGEST_MAX_POINTS})`,
      });
    }
  });

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

/** The demo (seeded data, default operator password, simulator) runs only in the whole single process. */
export function isDemo(c: Pick<PlatformConfig, 'DEMO' | 'ROLES'>): boolean {
  return c.DEMO && c.ROLES.length === ROLES.length;
}
