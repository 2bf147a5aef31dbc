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
    BUS: z.enum(['inprocess']).default('inprocess'),
    GRIP_ADMIN_USER: z.string().min(1).optional(),
    GRIP_ADMIN_PASSWORD: z.string().min(1).optional(),
    GRIP_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_S: int(60, 86_400).default(3600),
    INGEST_MAX_POINTS: int(1, 100_000).default(10_000),
    INGEST_MAX_BYTES: int(1024, 64 * 1024 * 1024).default(5 * 1024 * 1024),
    INGEST_MAX_FUTURE_S: int(0, 86_400).default(300),
    INGEST_RETENTION_DAYS: int(1, 1825).default(1095),
    WRITER_BATCH_MESSAGES: int(1, 100_000).default(500),
    WRITER_BATCH_WAIT_MS: int(1, 60_000).default(10),
    BUS_QUEUE_CAPACITY: int(1, 10_000_000).default(200_000),
    CORS_ORIGINS: origins.default([]),
    TRUST_PROXY: int(0, 10).default(0),
    REQUEST_TIMEOUT_MS: int(1000, 600_000).default(30_000),
    API_RATE_PER_MIN: int(1, 1_000_000).default(600),
    INGEST_RATE_POINTS_PER_S: int(1, 10_000_000).default(20_000),
    INGEST_RATE_REQUESTS_PER_S: int(1, 100_000).default(50),
    LOGIN_MAX_FAILURES: int(1, 100).default(5),
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
    // The admin password only has a default in the single-machine demo (api.md, Identity).
    if (!c.DEMO && (!c.GRIP_ADMIN_USER || !c.GRIP_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['GRIP_ADMIN_PASSWORD'],
        message: 'GRIP_ADMIN_USER and GRIP_ADMIN_PASSWORD are required when DEMO=false',
      });
    }
    // The points bucket holds two seconds' worth; a batch it can never hold would be refused forever.
    if (c.INGEST_RATE_POINTS_PER_S * 2 < c.INGEST_MAX_POINTS) {
      ctx.addIssue({
        code: 'custom',
        path: ['INGEST_RATE_POINTS_PER_S'],
        message: `the burst (2 × INGEST_RATE_POINTS_PER_S) must hold a full batch of INGEST_MAX_POINTS (${c.INGEST_MAX_POINTS})`,
      });
    }
  });

export type PlatformConfig = z.infer<typeof platformConfigSchema>;
