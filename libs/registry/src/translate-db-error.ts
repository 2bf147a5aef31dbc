import { ConflictError, InvalidReferenceError, InvalidValueError } from './registry.errors.js';

// Field names per constraint, for constraints whose name alone does not say it. Keep in step with
// the migrations; unknown constraints fall back to the key list in the server's detail message.
const CONSTRAINT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  uq_providers_credit_code: ['creditCode'],
  uq_enterprises_credit_code: ['creditCode'],
  uq_enterprises_provider_external_id: ['externalId'],
  ck_enterprises_external_id: ['externalId'],
  uq_users_username: ['username'],
  uq_devices_enterprise_external_id: ['enterpriseId', 'externalId'],
  fk_enterprises_provider: ['providerId'],
  fk_users_provider: ['providerId'],
  fk_users_enterprise: ['enterpriseId'],
  fk_devices_enterprise: ['enterpriseId'],
  fk_agent_credentials_enterprise: ['enterpriseId'],
  ck_enterprises_region_code: ['regionCode'],
  ck_enterprises_industry_code: ['industryCode'],
  ck_enterprises_size_class: ['sizeClass'],
  ck_users_role: ['role'],
  ck_users_region_code: ['regionCode'],
  ck_users_role_binding: ['role'],
  ck_devices_kind: ['kind'],
  ck_devices_attributes: ['attributes'],
};

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
  column?: unknown;
}

const camelCase = (column: string): string =>
  column.trim().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function fieldsOf(constraint: string, detail: unknown): readonly string[] {
  const known = CONSTRAINT_FIELDS[constraint];
  if (known) return known;
  // detail reads "Key (credit_code)=(…) already exists." on both PG 15 and PGlite.
  const columns = typeof detail === 'string' ? /^Key \(([^)]*)\)=/.exec(detail)?.[1] : undefined;
  return columns ? columns.split(',').map(camelCase) : [];
}

/**
 * Turns a database constraint violation into a typed registry error; anything else is returned
 * unchanged so the caller rethrows it. TypeORM wraps pg errors in QueryFailedError with the pg
 * error as `driverError`, and copies its fields; both shapes are read.
 */
export function translateDbError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const driverError = (error as { driverError?: PgErrorFields }).driverError;
  const pgError: PgErrorFields = driverError ?? (error as PgErrorFields);
  const constraint = typeof pgError.constraint === 'string' ? pgError.constraint : '';
  switch (pgError.code) {
    case '23505':
      return new ConflictError(constraint, fieldsOf(constraint, pgError.detail));
    case '23503':
      return new InvalidReferenceError(constraint, fieldsOf(constraint, pgError.detail)[0]);
    case '23514':
      return new InvalidValueError(constraint, fieldsOf(constraint, pgError.detail)[0]);
    case '23502':
      // A missing required value has no constraint name, only the column.
      return new InvalidValueError(
        constraint,
        typeof pgError.column === 'string' ? camelCase(pgError.column) : undefined,
      );
    // Text Postgres cannot hold (a NUL byte from a query string or JSON body) or a number past
    // its column (a page offset of 1e308): the caller's input, so 400, never a 500.
    case '22P05':
    case '22021':
    case '22003':
      return new InvalidValueError(constraint, undefined);
    default:
      return error;
  }
}

/** Runs a write and rethrows constraint violations as typed registry errors. */
export async function withDbErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw translateDbError(error);
  }
}
