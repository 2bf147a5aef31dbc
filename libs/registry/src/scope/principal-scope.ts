import type { Principal } from '#grip/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError } from '../registry.errors.js';
import { isUuid } from './uuid.js';
import { likePrefix, regionPrefix } from './region-prefix.js';

/** A WHERE fragment and its parameters; the fragment is constant SQL, inputs only travel as parameters. */
export interface ScopeCondition {
  sql: string;
  params: ObjectLiteral;
}

// A scope id that is not a uuid cannot match anything; comparing it would raise 22P02 instead.
export const MATCH_NOTHING: ScopeCondition = { sql: 'FALSE', params: {} };

/**
 * Which enterprises a principal sees: operator all; provider its own; enterprise itself; official
 * every enterprise in its region or inside it. `alias` is the enterprises alias of the query.
 * Returns undefined when nothing is narrowed (operator). Parameter names start with `scope` so
 * they cannot collide with the query's own.
 */
export function enterpriseScope(scope: Principal, alias: string): ScopeCondition | undefined {
  switch (scope.role) {
    case 'operator':
      return undefined;
    case 'provider':
      return isUuid(scope.providerId)
        ? { sql: `${alias}.provider_id = :scopeProviderId`, params: { scopeProviderId: scope.providerId } }
        : MATCH_NOTHING;
    case 'enterprise':
      return isUuid(scope.enterpriseId)
        ? { sql: `${alias}.id = :scopeEnterpriseId`, params: { scopeEnterpriseId: scope.enterpriseId } }
        : MATCH_NOTHING;
    case 'official':
      return {
        sql: `${alias}.region_code LIKE :scopeRegionPattern`,
        params: { scopeRegionPattern: likePrefix(regionPrefix(scope.regionCode)) },
      };
    default:
      return assertNever(scope);
  }
}

/**
 * Enterprises a principal may change (devices, agents): its visible set, except that officials
 * only read. Throws ForbiddenError for a role that may never write, which reveals nothing.
 */
export function writableEnterpriseScope(scope: Principal, alias: string): ScopeCondition | undefined {
  if (scope.role === 'official') throw new ForbiddenError('officials have read-only access to the registry');
  return enterpriseScope(scope, alias);
}

/** Narrows a query to the condition; undefined narrows nothing. */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  condition: ScopeCondition | undefined,
): SelectQueryBuilder<T> {
  return condition ? qb.andWhere(condition.sql, condition.params) : qb;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected principal ${JSON.stringify(value)}`);
}
