import fc from 'fast-check';
import { makeCreditCode } from '#grip/contracts';
import type { RoleKey, Tenants } from './tenant-fixture.js';

/**
 * The admin write endpoints the fuzz suite throws bodies at, one row each, with a generator of
 * near-valid bodies (right field names, wrong or extreme values). A new endpoint is one row.
 */
export interface AdminWrite {
  readonly name: string;
  readonly method: 'POST' | 'PUT';
  readonly path: (t: Tenants) => string;
  readonly role: RoleKey;
  readonly nearValid: fc.Arbitrary<unknown>;
}

/** Strings a validator must survive: empty, long, NUL, unicode, SQL, prototype keys. */
const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    "' OR 1=1 --",
    '__proto__',
    '广州🚀\u202e',
    'x'.repeat(10_000),
  ),
);
/** Any JSON-ish value in a field's place. */
const anyValue = fc.oneof(
  nasty,
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, 1e308, -1, [], {}, ['a'], { $gt: '' }),
);
const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid, anyValue);
const creditCode = field(fc.constantFrom(makeCreditCode('91440101MA5FAKE01'), '91440101MA5FAKE01X'));
const regionCode = field(fc.constantFrom('440106', '440100', '999999', '4401'));
const industryCode = field(fc.constantFrom('C3851', 'C39', 'A01', 'C'));
const record = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields, { requiredKeys: [] });

export const ADMIN_WRITES: readonly AdminWrite[] = [
  {
    name: 'login',
    method: 'POST',
    path: () => '/api/v1/auth/login',
    role: 'operator',
    nearValid: record({ username: field(fc.constant('fuzz-nobody')), password: anyValue }),
  },
  {
    name: 'providers',
    method: 'POST',
    path: () => '/api/v1/providers',
    role: 'operator',
    nearValid: record({ name: nasty, creditCode }),
  },
  {
    name: 'users',
    method: 'POST',
    path: () => '/api/v1/users',
    role: 'operator',
    nearValid: record({
      username: nasty,
      password: nasty,
      role: field(fc.constantFrom('operator', 'provider', 'enterprise', 'official', 'root')),
      providerId: field(fc.uuid()),
      enterpriseId: field(fc.uuid()),
      regionCode,
    }),
  },
  {
    name: 'enterprises',
    method: 'POST',
    path: () => '/api/v1/enterprises',
    role: 'providerA',
    nearValid: record({
      name: nasty,
      creditCode,
      regionCode,
      industryCode,
      sizeClass: field(fc.constantFrom('large', 'huge')),
      providerId: field(fc.uuid()),
    }),
  },
  {
    name: 'devices',
    method: 'POST',
    path: (t) => `/api/v1/enterprises/${t.enterpriseIds.gz}/devices`,
    role: 'providerA',
    nearValid: record({
      externalId: nasty,
      name: nasty,
      kind: field(fc.constantFrom('meter', 'machine', 'robot')),
      metrics: field(fc.array(field(fc.constant('electricity.active_energy')), { maxLength: 80 })),
      attributes: field(fc.dictionary(nasty, anyValue, { maxKeys: 5 })),
    }),
  },
  {
    name: 'declarations',
    method: 'PUT',
    path: (t) => `/api/v1/enterprises/${t.enterpriseIds.gz}/declarations/2026-09`,
    role: 'providerA',
    nearValid: record({
      outputValue: anyValue,
      valueAdded: anyValue,
      employees: anyValue,
      productOutput: field(record({ quantity: anyValue, unit: nasty })),
      solidWaste: field(record({ generated: anyValue, utilised: anyValue })),
      pollutants: field(record({ cod: anyValue, nox: anyValue })),
      cloudServices: field(fc.array(field(fc.constantFrom('ERP', 'MES')), { maxLength: 6 })),
      maturityLevel: anyValue,
    }),
  },
  {
    name: 'methodology',
    method: 'POST',
    path: () => '/api/v1/methodology',
    role: 'operator',
    nearValid: record({
      version: nasty,
      notes: nasty,
      factors: field(
        fc.array(
          field(
            record({
              key: nasty,
              value: anyValue,
              unit: nasty,
              source: nasty,
              confidence: field(fc.constantFrom('H', 'M', 'U')),
            }),
          ),
          { maxLength: 10 },
        ),
      ),
    }),
  },
];
