import type { Principal } from '#grip/contracts';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Enterprise, type SizeClass } from '../entities/enterprise.entity.js';
import { ForbiddenError, InvalidReferenceError, InvalidValueError } from '../registry.errors.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';
import { applyScope, enterpriseScope } from '../scope/principal-scope.js';
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

/** What enterprise lists may be sorted by (API name → property). */
export const ENTERPRISE_SORTS = {
  name: 'e.name',
  createdAt: 'e.createdAt',
  externalId: 'e.externalId',
  regionCode: 'e.regionCode',
  industryCode: 'e.industryCode',
} as const;

export interface NewEnterprise {
  name: string;
  creditCode: string;
  regionCode: string;
  industryCode: string;
  sizeClass?: SizeClass;
  /** The provider's own id for it, unique per provider (the key of bulk imports). */
  externalId?: string;
  /** Only an operator passes it; a provider always creates for itself. */
  providerId?: string;
}

export interface EnterpriseListRequest extends PageRequest, SortRequest {
  /** Name containing this text, case-insensitive. */
  name?: string;
  /** The provider's own id, exactly. */
  externalId?: string;
  /** The region and everything inside it (440100 → every 4401xx district). */
  regionCode?: string;
  /** The industry and its sub-classes (C39 → C391, C3911 …). */
  industryCode?: string;
}

/** Enterprises, narrowed to the caller's scope on every read (see enterpriseScope). */
export class EnterpriseRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get enterprises(): Repository<Enterprise> {
    return currentManager(this.dataSource).getRepository(Enterprise);
  }

  /**
   * A provider onboards for itself; an operator names the provider. Duplicate credit code →
   * ConflictError; unknown providerId → InvalidReferenceError.
   */
  async create(scope: Principal, input: NewEnterprise): Promise<Enterprise> {
    const providerId = ownerOf(scope, input.providerId);
    const enterprise = this.enterprises.create({
      providerId,
      name: input.name,
      creditCode: input.creditCode,
      regionCode: input.regionCode,
      industryCode: input.industryCode,
      sizeClass: input.sizeClass ?? null,
      externalId: input.externalId ?? null,
      updatedAt: null,
    });
    await withDbErrors(() => this.enterprises.insert(enterprise));
    return enterprise;
  }

  async findById(scope: Principal, id: string): Promise<Enterprise | undefined> {
    if (!isUuid(id)) return undefined;
    return (await this.scoped(scope).andWhere('e.id = :id', { id }).getOne()) ?? undefined;
  }

  async list(scope: Principal, request: EnterpriseListRequest = {}): Promise<Page<Enterprise>> {
    const { page, pageSize, skip } = normalisePage(request);
    const qb = this.scoped(scope);
    if (request.regionCode !== undefined) {
      qb.andWhere('e.region_code LIKE :regionPattern', {
        regionPattern: likePrefix(regionPrefix(request.regionCode)),
      });
    }
    if (request.industryCode !== undefined) {
      qb.andWhere('e.industry_code LIKE :industryPattern', {
        industryPattern: likePrefix(request.industryCode),
      });
    }
    if (request.name !== undefined)
      qb.andWhere('e.name ILIKE :namePattern', { namePattern: likeContains(request.name) });
    if (request.externalId !== undefined)
      qb.andWhere('e.external_id = :externalId', { externalId: request.externalId });
    const [items, total] = await applySort(qb, request.sort, ENTERPRISE_SORTS, 'createdAt', 'e.id')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }

  private scoped(scope: Principal): SelectQueryBuilder<Enterprise> {
    return applyScope(this.enterprises.createQueryBuilder('e').where('TRUE'), enterpriseScope(scope, 'e'));
  }
}

function ownerOf(scope: Principal, requested: string | undefined): string {
  switch (scope.role) {
    case 'provider':
      if (requested !== undefined && requested !== scope.providerId) {
        throw new ForbiddenError('a provider onboards enterprises only for itself');
      }
      return scope.providerId;
    case 'operator':
      if (requested === undefined) throw new InvalidValueError('', 'providerId');
      if (!isUuid(requested)) throw new InvalidReferenceError('fk_enterprises_provider', 'providerId');
      return requested;
    default:
      throw new ForbiddenError(`a ${scope.role} cannot onboard enterprises`);
  }
}
