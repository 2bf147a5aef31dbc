import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { hashSecret, type Actor } from '#grip/auth';
import { BUS } from '#grip/bus';
import type { Bus } from '#grip/bus';
import { Principal, REGISTRY_EVENTS_TOPIC, RegistryEvent } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { AgentCredentialRepository, EnterpriseRepository, type PageRequest } from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import { DEFAULT_OVERLAP_SECONDS, type IssueAgentDto } from './dto/agent.dto.js';

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Issue, list, rotate and revoke edge-agent credentials; providers for their enterprises, operators all. */
@Injectable()
export class AgentCredentialService {
  constructor(
    @Inject(EnterpriseRepository) private readonly enterprises: EnterpriseRepository,
    @Inject(AgentCredentialRepository) private readonly credentials: AgentCredentialRepository,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  /** The secret is returned this once; only its slow hash is stored. */
  async issue(actor: Actor, enterpriseId: string, body: IssueAgentDto = {}) {
    await this.visibleEnterprise(actor.principal, enterpriseId);
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'expiresAt must be in the future', [
        { field: 'expiresAt', message: 'must be in the future' },
      ]);
    }
    const secret = newSecret();
    const label = body.label ?? null;
    const secretHash = await hashSecret(secret);
    const agentId = await this.audit.recorded(actor, async () => {
      const id = await this.credentials.create(enterpriseId, secretHash, { label, expiresAt });
      return {
        result: id,
        change: {
          action: 'agent.issue',
          targetType: 'agent',
          targetId: id,
          after: { agentId: id, enterpriseId, label, expiresAt },
        },
      };
    });
    return { agentId, secret, enterpriseId, label, expiresAt, token: `${agentId}.${secret}` };
  }

  async list(scope: Principal, enterpriseId: string, page: PageRequest) {
    await this.visibleEnterprise(scope, enterpriseId);
    return this.credentials.listForEnterprise(enterpriseId, page);
  }

  /**
   * A new secret, shown once. The old one keeps working for the overlap so the agent can be
   * reconfigured without a gap; every gateway is told to forget what it cached for the agent.
   */
  async rotate(actor: Actor, agentId: string, overlapSeconds = DEFAULT_OVERLAP_SECONDS) {
    this.writer(actor.principal);
    const secret = newSecret();
    const secretHash = await hashSecret(secret);
    const rotated = await this.audit.recorded(actor, async () => {
      const done = await this.credentials.rotate(actor.principal, agentId, secretHash, overlapSeconds);
      if (!done) throw ApiError.notFound('agent');
      return {
        result: done,
        change: {
          action: 'agent.rotate',
          targetType: 'agent',
          targetId: agentId,
          after: {
            agentId,
            enterpriseId: done.enterpriseId,
            previousSecretValidUntil: done.previousValidUntil,
          },
        },
      };
    });
    await this.publish({ type: 'credential.rotated', enterpriseId: rotated.enterpriseId, agentId });
    return {
      agentId,
      secret,
      enterpriseId: rotated.enterpriseId,
      previousSecretValidUntil: rotated.previousValidUntil,
      token: `${agentId}.${secret}`,
    };
  }

  /** Resolves once every gateway has been told, so the credential is refused from then on. */
  async revoke(actor: Actor, agentId: string): Promise<void> {
    this.writer(actor.principal);
    const enterpriseId = await this.audit.recorded(actor, async () => {
      const revoked = await this.credentials.revoke(actor.principal, agentId);
      if (!revoked) throw ApiError.notFound('agent');
      const { revokedAt, newlyRevoked } = revoked;
      return {
        result: revoked.enterpriseId,
        change: {
          action: 'agent.revoke',
          targetType: 'agent',
          targetId: agentId,
          before: { agentId, enterpriseId: revoked.enterpriseId, revokedAt: newlyRevoked ? null : revokedAt },
          after: { agentId, enterpriseId: revoked.enterpriseId, revokedAt },
        },
      };
    });
    // Told after the commit, so no gateway acts on a revocation that could still roll back.
    await this.publish({ type: 'credential.revoked', enterpriseId, agentId });
  }

  private writer(scope: Principal): void {
    if (scope.role !== 'operator' && scope.role !== 'provider') throw ApiError.forbidden();
  }

  private async visibleEnterprise(scope: Principal, enterpriseId: string): Promise<void> {
    this.writer(scope);
    if (!(await this.enterprises.findById(scope, enterpriseId))) throw ApiError.notFound('enterprise');
  }

  private async publish(event: RegistryEvent): Promise<void> {
    await this.bus.publish(REGISTRY_EVENTS_TOPIC, [
      { key: event.enterpriseId, value: Buffer.from(JSON.stringify(event)) },
    ]);
  }
}
