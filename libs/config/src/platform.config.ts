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
    WRITER_BATCH_WAIT_MS: int(1, 60_000).default(200),
    BUS_QUEUE_CAPACITY: int(1, 10_000_000).default(200_000),
    DEMO: bool.default(true),
    SIMULATOR: bool.default(true),
    SIMULATOR_INTERVAL_MS: int(100, 3_600_000).default(5000),
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
  });

export type PlatformConfig = z.infer<typeof platformConfigSchema>;
