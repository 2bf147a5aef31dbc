import type { Principal } from '#grip/contracts';
import type { DataSource, Repository, UpdateQueryBuilder } from 'typeorm';
import { AgentCredential } from '../entities/agent-credential.entity.js';
import { withDbErrors } from '../translate-db-error.js';
import { currentManager } from '../registry-transactions.js';
import { writableEnterpriseScope } from '../scope/principal-scope.js';
import { isUuid } from '../scope/uuid.js';
import { normalisePage, type Page, type PageRequest } from './page.js';

export interface RevokedAgent {
  agentId: string;
  enterpriseId: string;
  revokedAt: Date;
  /** False when it had been revoked before: `revokedAt` is then that first time. */
  newlyRevoked: boolean;
}

export interface RotatedAgent {
  agentId: string;
  enterpriseId: string;
  /** Until when the replaced secret still works. */
  previousValidUntil: Date;
}

/** What an admin may see of a credential: never a hash. */
export interface AgentCredentialSummary {
  agentId: string;
  enterpriseId: string;
  label: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Set while a rotation overlaps: the old secret works until then. */
  previousSecretValidUntil: Date | null;
  lastSeenAt: Date | null;
  lastSeenAddress: string | null;
}

export interface NewAgentCredential {
  label?: string | null;
  expiresAt?: Date | null;
}

/** Edge-agent credentials. The agentId is the row's uuid; only slow hashes of secrets are kept. */
export class AgentCredentialRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get credentials(): Repository<AgentCredential> {
    return currentManager(this.dataSource).getRepository(AgentCredential);
  }

  /**
   * Unscoped: the admin service has already found the enterprise through the caller's scope.
   * Unknown enterprise → InvalidReferenceError. Returns the new agentId.
   */
  async create(enterpriseId: string, secretHash: string, options: NewAgentCredential = {}): Promise<string> {
    const credential = this.credentials.create({
      enterpriseId,
      secretHash,
      label: options.label ?? null,
      expiresAt: options.expiresAt ?? null,
      previousSecretHash: null,
      previousValidUntil: null,
      revokedAt: null,
      lastSeenAt: null,
      lastSeenAddress: null,
    });
    await withDbErrors(() => this.credentials.insert(credential));
    return credential.id;
  }

  /**
   * The credential to verify an agent's secret against; undefined when unknown, revoked or
   * expired. The previous hash comes only while its overlap lasts.
   */
  async findActive(agentId: string): Promise<AgentCredential | undefined> {
    if (!isUuid(agentId)) return undefined;
    const found = await this.credentials
      .createQueryBuilder('c')
      .where('c.id = :agentId', { agentId })
      .andWhere('c.revoked_at IS NULL')
      .andWhere('(c.expires_at IS NULL OR c.expires_at > now())')
      .getOne();
    if (found && !(found.previousValidUntil && found.previousValidUntil.getTime() > Date.now())) {
      found.previousSecretHash = null;
      found.previousValidUntil = null;
    }
    return found ?? undefined;
  }

  /**
   * An enterprise's credentials, oldest first. Unscoped like create(): the admin service has
   * found the enterprise through the caller's scope first.
   */
  async listForEnterprise(
    enterpriseId: string,
    request: PageRequest = {},
  ): Promise<Page<AgentCredentialSummary>> {
    const { page, pageSize, skip } = normalisePage(request);
    if (!isUuid(enterpriseId)) return { items: [], total: 0, page, pageSize };
    const [rows, total] = await this.credentials
      .createQueryBuilder('c')
      .where('c.enterprise_id = :enterpriseId', { enterpriseId })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(summaryOf), total, page, pageSize };
  }

  /**
   * Replaces the secret; the replaced one keeps working for `overlapSeconds` (0: not at all).
   * A second rotation during an overlap drops the oldest secret at once. undefined when not
   * visible, revoked or expired (404). Officials → ForbiddenError.
   */
  async rotate(
    scope: Principal,
    agentId: string,
    secretHash: string,
    overlapSeconds: number,
  ): Promise<RotatedAgent | undefined> {
    const condition = writableEnterpriseScope(scope, 'se');
    if (!isUuid(agentId)) return undefined;
    const update = this.credentials
      .createQueryBuilder()
      .update(AgentCredential)
      .set({
        previousSecretHash: () => 'secret_hash',
        previousValidUntil: () => 'now() + make_interval(secs => :overlapSeconds)',
        secretHash,
      })
      .setParameter('overlapSeconds', overlapSeconds)
      .where('id = :agentId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())', {
        agentId,
      });
    narrow(update, condition);
    const result = await update.returning('id, enterprise_id, previous_valid_until').execute();
    const row = (result.raw as { id: string; enterprise_id: string; previous_valid_until: Date }[])[0];
    return (
      row && {
        agentId: row.id,
        enterpriseId: row.enterprise_id,
        previousValidUntil: row.previous_valid_until,
      }
    );
  }

  /**
   * Revokes at once (and ends a rotation's overlap), checked through the credential's
   * enterprise against the caller's scope. undefined when not visible (404); revoking twice
   * keeps the first time. Officials → ForbiddenError.
   */
  async revoke(scope: Principal, agentId: string): Promise<RevokedAgent | undefined> {
    const condition = writableEnterpriseScope(scope, 'se');
    if (!isUuid(agentId)) return undefined;
    // One statement: the scope check and the update cannot be separated by a concurrent change.
    const update = this.credentials
      .createQueryBuilder()
      .update(AgentCredential)
      .set({
        revokedAt: () => 'COALESCE(revoked_at, now())',
        previousSecretHash: null,
        previousValidUntil: null,
      })
      .where('id = :agentId', { agentId });
    narrow(update, condition);
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

  /**
   * Records that the agent was seen and from where; never moves the time backwards when calls
   * arrive out of order.
   */
  async touchLastSeen(agentId: string, at: Date, address?: string): Promise<void> {
    if (!isUuid(agentId)) return;
    const set: Partial<AgentCredential> = { lastSeenAt: at };
    if (address !== undefined) set.lastSeenAddress = address.slice(0, 64);
    await this.credentials
      .createQueryBuilder()
      .update(AgentCredential)
      .set(set)
      .where('id = :agentId', { agentId })
      .andWhere('(last_seen_at IS NULL OR last_seen_at < :at)', { at })
      .execute();
  }
}

function narrow(
  update: UpdateQueryBuilder<AgentCredential>,
  condition: ReturnType<typeof writableEnterpriseScope>,
): void {
  if (condition) {
    update.andWhere(
      `enterprise_id IN (SELECT se.id FROM enterprises se WHERE ${condition.sql})`,
      condition.params,
    );
  }
}

function summaryOf(c: AgentCredential): AgentCredentialSummary {
  const overlapping = c.previousValidUntil && c.previousValidUntil.getTime() > Date.now() && !c.revokedAt;
  return {
    agentId: c.id,
    enterpriseId: c.enterpriseId,
    label: c.label,
    createdAt: c.createdAt,
    expiresAt: c.expiresAt,
    revokedAt: c.revokedAt,
    previousSecretValidUntil: overlapping ? c.previousValidUntil : null,
    lastSeenAt: c.lastSeenAt,
    lastSeenAddress: c.lastSeenAddress,
  };
}
