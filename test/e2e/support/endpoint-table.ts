import { at, MONTH } from './tenant-fixture.js';

/**
 * The endpoints the security suites walk, one row each. A new endpoint is one row here: the
 * isolation matrix then tries it for every role against every enterprise (its own, another
 * tenant's, another region's, and an id that does not exist), and the hostile-input suite tries
 * every parameter it names.
 */
export type ApiRole = 'operator' | 'provider' | 'enterprise' | 'official';

/** An endpoint about one enterprise, addressed by its id in the path. */
export interface EnterpriseEndpoint {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: (enterpriseId: string) => string;
  /** A valid body (writes); a function so each call can differ (unique external ids …). */
  readonly body?: (n: number, enterpriseId: string) => unknown;
  /** The roles api.md lets call it at all; the others get 403 whatever the id. */
  readonly roles: readonly ApiRole[];
}

const ALL: readonly ApiRole[] = ['operator', 'provider', 'enterprise', 'official'];
const WRITERS: readonly ApiRole[] = ['operator', 'provider'];

export const ENTERPRISE_READS: readonly EnterpriseEndpoint[] = [
  { name: 'enterprise', method: 'GET', path: (id) => `/api/v1/enterprises/${id}`, roles: ALL },
  { name: 'devices', method: 'GET', path: (id) => `/api/v1/enterprises/${id}/devices`, roles: ALL },
  { name: 'agents', method: 'GET', path: (id) => `/api/v1/enterprises/${id}/agents`, roles: WRITERS },
  {
    name: 'declaration',
    method: 'GET',
    path: (id) => `/api/v1/enterprises/${id}/declarations/${MONTH}`,
    roles: ALL,
  },
  {
    name: 'energy',
    method: 'GET',
    path: (id) => `/api/v1/enterprises/${id}/energy?granularity=day&from=${at(0)}&to=${at(24)}`,
    roles: ALL,
  },
  {
    name: 'indicators',
    method: 'GET',
    path: (id) => `/api/v1/enterprises/${id}/indicators?period=${MONTH}`,
    roles: ALL,
  },
];

export const ENTERPRISE_WRITES: readonly EnterpriseEndpoint[] = [
  {
    name: 'register device',
    method: 'POST',
    path: (id) => `/api/v1/enterprises/${id}/devices`,
    body: (n) => ({
      externalId: `intruder-${n}`,
      name: 'Intruder',
      kind: 'meter',
      metrics: ['electricity.active_energy'],
      attributes: { meterScope: 'site' },
    }),
    roles: WRITERS,
  },
  {
    name: 'register retrofit',
    method: 'POST',
    path: (id) => `/api/v1/enterprises/${id}/retrofits`,
    body: (n) => ({
      name: `Intruder retrofit ${n}`,
      kind: 'energy_saving',
      investment: 1,
      startDate: '2025-03-01',
    }),
    roles: WRITERS,
  },
  { name: 'issue agent', method: 'POST', path: (id) => `/api/v1/enterprises/${id}/agents`, roles: WRITERS },
  {
    name: 'declare',
    method: 'PUT',
    path: (id) => `/api/v1/enterprises/${id}/declarations/${MONTH}`,
    body: () => ({ outputValue: 999_999 }),
    roles: WRITERS,
  },
  {
    name: 'create enterprise user',
    method: 'POST',
    path: () => '/api/v1/users',
    body: (n, id) => ({
      username: `intruder-${n}`,
      password: 'intruder-password-1',
      role: 'enterprise',
      enterpriseId: id,
    }),
    roles: WRITERS,
  },
];

/** Endpoints that are not about one enterprise: who may call them, and nothing else. */
export interface RoleGatedEndpoint {
  readonly name: string;
  readonly path: string;
  readonly roles: readonly ApiRole[];
}

export const ROLE_GATED_READS: readonly RoleGatedEndpoint[] = [
  { name: 'providers', path: '/api/v1/providers', roles: ['operator'] },
  { name: 'audit log', path: '/api/v1/audit', roles: ['operator'] },
  { name: 'users', path: '/api/v1/users', roles: WRITERS },
  { name: 'methodology', path: '/api/v1/methodology', roles: ALL },
];

/**
 * Query parameters of the query endpoints and a valid value of each: the hostile-input suite
 * replaces one at a time. `{id}` in the path is an enterprise the operator sees.
 */
export interface QueryEndpoint {
  readonly name: string;
  readonly path: string;
  readonly params: Record<string, string>;
  /** Path parameters the hostile suite replaces too (their placeholder in `path`). */
  readonly pathParams: readonly string[];
}

export const QUERY_ENDPOINTS: readonly QueryEndpoint[] = [
  {
    name: 'enterprise list',
    path: '/api/v1/enterprises',
    params: { page: '1', pageSize: '10', regionCode: '440100', industryCode: 'C38', sort: 'name' },
    pathParams: [],
  },
  { name: 'enterprise', path: '/api/v1/enterprises/{id}', params: {}, pathParams: ['id'] },
  { name: 'devices', path: '/api/v1/enterprises/{id}/devices', params: {}, pathParams: ['id'] },
  {
    name: 'declaration',
    path: '/api/v1/enterprises/{id}/declarations/{period}',
    params: {},
    pathParams: ['id', 'period'],
  },
  {
    name: 'energy',
    path: '/api/v1/enterprises/{id}/energy',
    params: { from: at(0), to: at(24), granularity: 'day', basis: 'equivalent' },
    pathParams: ['id'],
  },
  {
    name: 'indicators',
    path: '/api/v1/enterprises/{id}/indicators',
    params: { period: MONTH, basis: 'equivalent' },
    pathParams: ['id'],
  },
  {
    name: 'region indicators',
    path: '/api/v1/regions/{regionCode}/indicators',
    params: { period: MONTH, industry: 'C38' },
    pathParams: ['regionCode'],
  },
  {
    name: 'region export',
    path: '/api/v1/regions/{regionCode}/indicators/export',
    params: { period: MONTH, industry: 'C38' },
    pathParams: ['regionCode'],
  },
  {
    name: 'audit log',
    path: '/api/v1/audit',
    params: { page: '1', pageSize: '10', action: 'enterprise.create', targetType: 'enterprise' },
    pathParams: [],
  },
  { name: 'providers', path: '/api/v1/providers', params: { page: '1', pageSize: '10' }, pathParams: [] },
  {
    name: 'retrofit list',
    path: '/api/v1/retrofits',
    params: { page: '1', pageSize: '10', regionCode: '440100', status: 'planned', sort: '-createdAt' },
    pathParams: [],
  },
  { name: 'methodology version', path: '/api/v1/methodology/{version}', params: {}, pathParams: ['version'] },
];
