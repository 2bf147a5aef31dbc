import type { Principal } from '#grip/contracts';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Provider } from '../entities/provider.entity.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';
import { assertNever, MATCH_NOTHING, type ScopeCondition } from '../scope/principal-scope.js';
import { likePrefix, regionPrefix } from '../scope/region-prefix.js';
import { isUuid } from '../scope/uuid.js';
import {
  applySort,
  likeContains,
  normalisePage,
  type Page,
  type PageRequest,
  type SortRequest,
} from './page.js';

export const PROVIDER_SORTS = {
  name: 'p.name',
  createdAt: 'p.createdAt',
  creditCode: 'p.creditCode',
} as const;

export interface ProviderListRequest extends PageRequest, SortRequest {
  /** Name containing this text, case-insensitive. */
  name?: string;
  creditCode?: string;
}

export interface NewProvider {
  name: string;
  creditCode: string;
}

/**
 * Providers. Visibility: operator all; a provider itself; an enterprise the provider that onboarded
 * it; an official the providers with at least one enterprise in its region.
 */
export class ProviderRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get providers(): Repository<Provider> {
    return currentManager(this.dataSource).getRepository(Provider);
  }

  /** Operator-only: the caller checks the role. Duplicate credit code → ConflictError. */
  async create(input: NewProvider): Promise<Provider> {
    const provider = this.providers.create({ name: input.name, creditCode: input.creditCode });
    await withDbErrors(() => this.providers.insert(provider));
    return provider;
  }

  async findById(scope: Principal, id: string): Promise<Provider | undefined> {
    if (!isUuid(id)) return undefined;
    const found = await this.scoped(scope).andWhere('p.id = :id', { id }).getOne();
    return found ?? undefined;
  }

  async list(scope: Principal, request: ProviderListRequest = {}): Promise<Page<Provider>> {
    const { page, pageSize, skip } = normalisePage(request);
    const qb = this.scoped(scope);
    if (request.name !== undefined)
      qb.andWhere('p.name ILIKE :namePattern', { namePattern: likeContains(request.name) });
    if (request.creditCode !== undefined)
      qb.andWhere('p.credit_code = :creditCode', { creditCode: request.creditCode });
    const [items, total] = await applySort(qb, request.sort, PROVIDER_SORTS, 'createdAt', 'p.id')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  private scoped(scope: Principal): SelectQueryBuilder<Provider> {
    const qb = this.providers.createQueryBuilder('p');
    const condition = providerScope(scope);
    return condition ? qb.where(condition.sql, condition.params) : qb.where('TRUE');
  }
}

function providerScope(scope: Principal): ScopeCondition | undefined {
  switch (scope.role) {
    case 'operator':
      return undefined;
    case 'provider':
      return isUuid(scope.providerId)
        ? { sql: 'p.id = :scopeProviderId', params: { scopeProviderId: scope.providerId } }
        : MATCH_NOTHING;
    case 'enterprise':
      return isUuid(scope.enterpriseId)
        ? {
            sql: 'p.id IN (SELECT se.provider_id FROM enterprises se WHERE se.id = :scopeEnterpriseId)',
            params: { scopeEnterpriseId: scope.enterpriseId },
          }
        : MATCH_NOTHING;
    case 'official':
      return {
        sql: 'EXISTS (SELECT 1 FROM enterprises se WHERE se.provider_id = p.id AND se.region_code LIKE :scopeRegionPattern)',
        params: { scopeRegionPattern: likePrefix(regionPrefix(scope.regionCode)) },
      };
    default:
      return assertNever(scope);
  }
}
