import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { EnterpriseRepository, RetrofitRepository, type RetrofitPatch } from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import {
  CreateRetrofitDto,
  ListEnterpriseRetrofitsQuery,
  ListRetrofitsQuery,
  UpdateRetrofitDto,
} from './dto/retrofit.dto.js';

/** Fields every project has: a PATCH may change them, never clear them. */
const REQUIRED_FIELDS = [
  'name',
  'kind',
  'investment',
  'startDate',
  'baselineFrom',
  'baselineTo',
  'targets',
  'status',
];

/** Retrofit projects: registered and changed by providers (and operators), read by everyone in scope. */
@Injectable()
export class RetrofitService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(RetrofitRepository) private readonly retrofits: RetrofitRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  register(actor: Actor, enterpriseId: string, body: CreateRetrofitDto) {
    return this.audit.recorded(actor, async () => {
      const created = await this.retrofits.create(actor.principal, enterpriseId, body);
      return {
        result: created,
        change: { action: 'retrofit.create', targetType: 'retrofit', targetId: created.id, after: created },
      };
    });
  }

  async listOfEnterprise(scope: Principal, enterpriseId: string, query: ListEnterpriseRetrofitsQuery) {
    if (!(await this.enterprises.findById(scope, enterpriseId))) throw ApiError.notFound('enterprise');
    return this.retrofits.list(scope, { ...query, enterpriseId });
  }

  list(scope: Principal, query: ListRetrofitsQuery) {
    return this.retrofits.list(scope, query);
  }

  get(scope: Principal, id: string) {
    return this.retrofits.get(scope, id);
  }

  async update(actor: Actor, id: string, body: UpdateRetrofitDto) {
    const cleared = REQUIRED_FIELDS.filter((f) => (body as Record<string, unknown>)[f] === null);
    if (cleared.length > 0) {
      throw ApiError.badRequest(
        'VALIDATION_FAILED',
        'the request is invalid',
        cleared.map((field) => ({ field, message: `${field} cannot be cleared` })),
      );
    }
    return this.audit.recorded(actor, async () => {
      const { before, after } = await this.retrofits.update(actor.principal, id, body as RetrofitPatch);
      return {
        result: after,
        change: { action: 'retrofit.update', targetType: 'retrofit', targetId: id, before, after },
      };
    });
  }
}
