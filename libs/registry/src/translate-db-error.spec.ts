import { ConflictError, InvalidReferenceError, InvalidValueError } from './registry.errors.js';
import { translateDbError } from './translate-db-error.js';

// Shaped like TypeORM's QueryFailedError around a pg DatabaseError.
const failed = (driverError: Record<string, unknown>) =>
  Object.assign(new Error('query failed'), { driverError });

describe('translateDbError', () => {
  it('maps a unique violation to ConflictError with the known field', () => {
    const error = translateDbError(failed({ code: '23505', constraint: 'uq_enterprises_credit_code' }));
    expect(error).toEqual(new ConflictError('uq_enterprises_credit_code', ['creditCode']));
    expect((error as ConflictError).field).toBe('creditCode');
  });

  it('reads the key columns from the detail of an unknown unique constraint', () => {
    const error = translateDbError({
      code: '23505',
      constraint: 'x',
      detail: 'Key (site_id, external_id)=(1, a) exists.',
    });
    expect((error as ConflictError).fields).toEqual(['siteId', 'externalId']);
  });

  it('maps foreign-key, check and not-null violations', () => {
    expect(translateDbError(failed({ code: '23503', constraint: 'fk_devices_enterprise' }))).toEqual(
      new InvalidReferenceError('fk_devices_enterprise', 'enterpriseId'),
    );
    expect(translateDbError(failed({ code: '23514', constraint: 'ck_devices_kind' }))).toEqual(
      new InvalidValueError('ck_devices_kind', 'kind'),
    );
    expect(translateDbError(failed({ code: '23502', column: 'secret_hash' }))).toEqual(
      new InvalidValueError('', 'secretHash'),
    );
  });

  it('maps input Postgres cannot hold (NUL bytes, out-of-range numbers) to InvalidValueError', () => {
    for (const code of ['22P05', '22021', '22003'])
      expect(translateDbError(failed({ code }))).toEqual(new InvalidValueError('', undefined));
  });

  it('returns anything else unchanged', () => {
    const other = failed({ code: '40001' });
    expect(translateDbError(other)).toBe(other);
    expect(translateDbError('boom')).toBe('boom');
  });
});
