import { Inject, Injectable } from '@nestjs/common';
import { hashSecret, type Actor } from '#grip/auth';
import { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { EnterpriseRepository, ProviderRepository, UserRepository } from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import { assertCodes } from './code-checks.js';
import { CreateEnterpriseDto, ListEnterprisesQuery } from './dto/enterprise.dto.js';
import { CreateProviderDto, ListProvidersQuery } from './dto/provider.dto.js';
import { CreateUserDto } from './dto/user.dto.js';

/** Providers, their users and their enterprises: who may create what is decided here. */
@Injectable()
export class OnboardingService {
  constructor(
    @Inject(ProviderRepository) private readonly providers: ProviderRepository,
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async createProvider(actor: Actor, body: CreateProviderDto) {
    assertCodes({ creditCode: body.creditCode });
    return this.audit.recorded(actor, async () => {
      const provider = await this.providers.create({ name: body.name, creditCode: body.creditCode });
      return {
        result: provider,
        change: { action: 'provider.create', targetType: 'provider', targetId: provider.id, after: provider },
      };
    });
  }

  listProviders(scope: Principal, query: ListProvidersQuery) {
    return this.providers.list(scope, query);
  }

  async createEnterprise(actor: Actor, body: CreateEnterpriseDto) {
    const scope = actor.principal;
    assertCodes({
      creditCode: body.creditCode,
      regionCode: body.regionCode,
      industryCode: body.industryCode,
    });
    let providerId: string;
    if (scope.role === 'provider') {
      if (body.providerId && body.providerId !== scope.providerId) throw ApiError.notFound('provider');
      providerId = scope.providerId;
    } else if (scope.role === 'operator') {
      if (!body.providerId) {
        throw ApiError.badRequest('VALIDATION_FAILED', 'operators must name the provider', [
          { field: 'providerId', message: 'providerId is required for operators' },
        ]);
      }
      if (!(await this.providers.findById(scope, body.providerId))) throw ApiError.notFound('provider');
      providerId = body.providerId;
    } else {
      throw ApiError.forbidden();
    }
    return this.audit.recorded(actor, async () => {
      const enterprise = await this.enterprises.create(scope, { ...body, providerId });
      return {
        result: enterprise,
        change: {
          action: 'enterprise.create',
          targetType: 'enterprise',
          targetId: enterprise.id,
          after: enterprise,
        },
      };
    });
  }

  async getEnterprise(scope: Principal, id: string) {
    const enterprise = await this.enterprises.findById(scope, id);
    if (!enterprise) throw ApiError.notFound('enterprise');
    return enterprise;
  }

  listEnterprises(scope: Principal, query: ListEnterprisesQuery) {
    return this.enterprises.list(scope, query);
  }

  async createUser(actor: Actor, body: CreateUserDto) {
    const binding = await this.bindingFor(actor.principal, body);
    // Hashed before the transaction: it would hold the registry's connection for the hash's time.
    const passwordHash = await hashSecret(body.password);
    return this.audit.recorded(actor, async () => {
      const user = await this.users.create({
        username: body.username,
        passwordHash,
        role: body.role,
        ...binding,
      });
      const created = { id: user.id, username: user.username, role: user.role, ...binding };
      // The account as created, never its password or hash.
      return {
        result: created,
        change: { action: 'user.create', targetType: 'user', targetId: user.id, after: created },
      };
    });
  }

  /** The one scope field a user's role needs, checked against what the caller may grant. */
  private async bindingFor(scope: Principal, body: CreateUserDto): Promise<Record<string, string>> {
    const missing = (field: string) =>
      ApiError.badRequest('VALIDATION_FAILED', `role ${body.role} needs ${field}`, [
        { field, message: `${field} is required for role ${body.role}` },
      ]);
    if (scope.role === 'provider' && body.role !== 'enterprise')
      throw ApiError.forbidden('providers create enterprise users only');
    if (scope.role !== 'operator' && scope.role !== 'provider') throw ApiError.forbidden();
    switch (body.role) {
      case 'operator':
        return {};
      case 'provider':
        if (!body.providerId) throw missing('providerId');
        if (!(await this.providers.findById(scope, body.providerId))) throw ApiError.notFound('provider');
        return { providerId: body.providerId };
      case 'enterprise':
        if (!body.enterpriseId) throw missing('enterpriseId');
        if (!(await this.enterprises.findById(scope, body.enterpriseId)))
          throw ApiError.notFound('enterprise');
        return { enterpriseId: body.enterpriseId };
      case 'official':
        if (!body.regionCode) throw missing('regionCode');
        assertCodes({ regionCode: body.regionCode });
        return { regionCode: body.regionCode };
    }
  }
}
