import { createHash } from 'node:crypto';
import { verifySecret } from './secret-hasher.js';

export interface AgentCredentialRecord {
  readonly id: string;
  readonly enterpriseId: string;
  readonly secretHash: string;
  /** The secret a rotation replaced, accepted until previousValidUntil. */
  readonly previousSecretHash?: string | null;
  readonly previousValidUntil?: Date | null;
  /** Null or absent: valid until revoked. */
  readonly expiresAt?: Date | null;
}

/** Where active (not revoked, not expired) agent credentials are looked up; the registry implements it. */
export interface AgentCredentialLookup {
  findActive(agentId: string): Promise<AgentCredentialRecord | undefined>;
}

/** Told of every successful authentication (last-seen bookkeeping); must not block. */
export interface AgentSightings {
  seen(agentId: string, sourceAddress: string | undefined): void;
}

export interface AgentPrincipal {
  readonly agentId: string;
  readonly enterpriseId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * Checks `<agentId>.<secret>` bearer tokens. The secret is stored as a slow hash, which an
 * agent posting every few seconds cannot pay each time, so a verified token is remembered
 * (by its SHA-256, never in clear) until it expires from the cache or is revoked. A cache
 * entry never outlives what it proved: the old secret of a rotation is remembered only until
 * its overlap ends, any secret only until the credential expires. revoke() takes effect at
 * once in this process; the cache TTL bounds a missed revocation event.
 */
export class AgentAuthenticator {
  private readonly verified = new Map<string, { principal: AgentPrincipal; expiresAt: number }>();

  constructor(
    private readonly lookup: AgentCredentialLookup,
    private readonly cacheTtlMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly sightings?: AgentSightings,
  ) {}

  static parse(token: string): { agentId: string; secret: string } | undefined {
    const dot = token.indexOf('.');
    const agentId = token.slice(0, dot);
    const secret = token.slice(dot + 1);
    return dot > 0 && UUID.test(agentId) && SECRET.test(secret) ? { agentId, secret } : undefined;
  }

  async authenticate(token: string, sourceAddress?: string): Promise<AgentPrincipal | undefined> {
    const principal = await this.check(token);
    if (principal) this.sightings?.seen(principal.agentId, sourceAddress);
    return principal;
  }

  /** Drops everything remembered of the agent: it was revoked, or rotated again. */
  revoke(agentId: string): void {
    for (const [digest, entry] of this.verified) {
      if (entry.principal.agentId === agentId) this.verified.delete(digest);
    }
  }

  private async check(token: string): Promise<AgentPrincipal | undefined> {
    const parsed = AgentAuthenticator.parse(token);
    if (!parsed) return undefined;
    const digest = createHash('sha256').update(token).digest('hex');
    const now = this.now();
    const cached = this.verified.get(digest);
    if (cached && cached.expiresAt > now) return cached.principal;
    this.verified.delete(digest);

    const record = await this.lookup.findActive(parsed.agentId);
    if (!record) return undefined;
    let validUntil = record.expiresAt ? record.expiresAt.getTime() : Infinity;
    if (!(await verifySecret(parsed.secret, record.secretHash))) {
      const previousUntil = record.previousValidUntil?.getTime() ?? 0;
      if (!record.previousSecretHash || previousUntil <= now) return undefined;
      if (!(await verifySecret(parsed.secret, record.previousSecretHash))) return undefined;
      validUntil = Math.min(validUntil, previousUntil);
    }
    if (validUntil <= this.now()) return undefined;
    const principal = { agentId: record.id, enterpriseId: record.enterpriseId };
    this.verified.set(digest, { principal, expiresAt: Math.min(this.now() + this.cacheTtlMs, validUntil) });
    return principal;
  }
}
