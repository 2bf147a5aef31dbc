import type { Principal } from '#grip/contracts';
import type { DataSource, Repository } from 'typeorm';
import { AgentCredential } from '../entities/agent-credential.entity.js';
import { withDbErrors } from '../translate-db-error.js';
import { writableEnterpriseScope } from '../scope/principal-scope.js';
import { isUuid } from '../scope/uuid.js';

export interface RevokedAgent {
  agentId: string;
  enterpriseId: string;
  revokedAt: Date;
  /** False when it had been revoked before: `revokedAt` is then that first time. */
  newlyRevoked: boolean;
}

/** Edge-agent credentials. The agentId is the row's uuid; only a slow hash of the secret is kept. */
export class AgentCredentialRepository {
  private readonly credentials: Repository<AgentCredential>;

  constructor(dataSource: DataSource) {
    this.credentials = dataSource.getRepository(AgentCredential);
  }

  /**
   * Unscoped: the admin service has already found the enterprise through the caller's scope.
   * Unknown enterprise → InvalidReferenceError. Returns the new agentId.
   */
  async create(enterpriseId: string, secretHash: string): Promise<string> {
    const credential = this.credentials.create({
      enterpriseId,
      secretHash,
      revokedAt: null,
      lastSeenAt: null,
    });
    await withDbErrors(() => this.credentials.insert(credential));
    return credential.id;
  }

  /** The credential to verify an agent's secret against; undefined when unknown or revoked. */
  async findActive(agentId: string): Promise<AgentCredential | undefined> {
    if (!isUuid(agentId)) return undefined;
    const found = await this.credentials
      .createQueryBuilder('c')
      .where('c.id = :agentId', { agentId })
      .andWhere('c.revoked_at IS NULL')
      .getOne();
    return found ?? undefined;
  }

  /**
   * Revokes at once, checked through the credential's enterprise against the caller's scope.
   * undefined when not visible (404); revoking twice keeps the first time. Officials → ForbiddenError.
   */
  async revoke(scope: Principal, agentId: string): Promise<RevokedAgent | undefined> {
    const condition = writableEnterpriseScope(scope, 'se');
    if (!isUuid(agentId)) return undefined;
    // One statement: the scope check and the update cannot be separated by a concurrent change.
    const update = this.credentials
      .createQueryBuilder()
      .update(AgentCredential)
      .set({ revokedAt: () => 'COALESCE(revoked_at, now())' })
      .where('id = :agentId', { agentId });
    if (condition) {
      update.andWhere(
        `enterprise_id IN (SELECT se.id FROM enterprises se WHERE ${condition.sql})`,
        condition.params,
      );
    }
    // now() is the statement's transaction time: equal only when this statement set it.
    const result = await update
      .returning('id, enterprise_id, revoked_at, revoked_at = now() AS newly_revoked')
      .execute();
    const row = (
      result.raw as { id: string; enterprise_id: string; revoked_at: Date; newly_revoked: boolean }[]
    )[0];
    return (
      row && {
        agentId: row.id,
        enterpriseId: row.enterprise_id,
        revokedAt: row.revoked_at,
        newlyRevoked: row.newly_revoked,
      }
    );
  }

  /** Records that the agent was seen; never moves the time backwards when calls arrive out of order. */
  async touchLastSeen(agentId: string, at: Date): Promise<void> {
    if (!isUuid(agentId)) return;
    await this.credentials
      .createQueryBuilder()
      .update(AgentCredential)
      .set({ lastSeenAt: at })
      .where('id = :agentId', { agentId })
      .andWhere('(last_seen_at IS NULL OR last_seen_at < :at)', { at })
      .execute();
  }
}
