import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { hashSecret, type Actor } from '#grip/auth';
import { BUS } from '#grip/bus';
import type { Bus } from '#grip/bus';
import { REGISTRY_EVENTS_TOPIC, RegistryEvent } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { AgentCredentialRepository, EnterpriseRepository } from '#grip/registry';
import { AuditTrail } from './audit-trail.service.js';

@Injectable()
export class AgentCredentialService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(AgentCredentialRepository) private readonly credentials: AgentCredentialRepository,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  /** The secret is returned this once; only its slow hash is stored. */
  async issue(actor: Actor, enterpriseId: string) {
    const scope = actor.principal;
    if (scope.role !== 'operator' && scope.role !== 'provider') throw ApiError.forbidden();
    if (!(await this.enterprises.findById(scope, enterpriseId))) throw ApiError.notFound('enterprise');
    const secret = randomBytes(32).toString('base64url');
    const agentId = await this.credentials.create(enterpriseId, await hashSecret(secret));
    await this.audit.record(actor, {
      action: 'agent.issue',
      targetType: 'agent',
      targetId: agentId,
      after: { agentId, enterpriseId },
    });
    return { agentId, secret, enterpriseId, token: `${agentId}.${secret}` };
  }

  /** Resolves once every gateway has been told, so the credential is refused from then on. */
  async revoke(actor: Actor, agentId: string): Promise<void> {
    const scope = actor.principal;
    if (scope.role !== 'operator' && scope.role !== 'provider') throw ApiError.forbidden();
    const revoked = await this.credentials.revoke(scope, agentId);
    if (!revoked) throw ApiError.notFound('agent');
    const event: RegistryEvent = { type: 'credential.revoked', enterpriseId: revoked.enterpriseId, agentId };
    await this.bus.publish(REGISTRY_EVENTS_TOPIC, [
      { key: revoked.enterpriseId, value: Buffer.from(JSON.stringify(event)) },
    ]);
    // Recorded after the gateways were told: the trail must never delay a revocation.
    const { enterpriseId, revokedAt, newlyRevoked } = revoked;
    await this.audit.record(actor, {
      action: 'agent.revoke',
      targetType: 'agent',
      targetId: agentId,
      before: { agentId, enterpriseId, revokedAt: newlyRevoked ? null : revokedAt },
      after: { agentId, enterpriseId, revokedAt },
    });
  }
}
