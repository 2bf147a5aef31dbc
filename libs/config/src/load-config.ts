import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration once, at start. An empty variable counts as unset so
 * `FOO=` in an env file falls back to the default instead of failing on ''.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|KEY/i;

/** For the start-up log: secrets and URL credentials masked. */
export function describeConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => {
      if (v === undefined) return [k, v];
      if (SECRET_NAME.test(k)) return [k, '***'];
      if (typeof v === 'string' && /^[a-z]+:\/\/[^/]*@/.test(v))
        return [k, v.replace(/\/\/[^/]*@/, '//***@')];
      return [k, v];
    }),
  );
}
