import { createHash } from 'node:crypto';
import { verifySecret } from './secret-hasher.js';

export interface AgentCredentialRecord {
  readonly id: string;
  readonly enterpriseId: string;
  readonly secretHash: string;
}

/** Where active (not revoked) agent credentials are looked up; the registry implements it. */
export interface AgentCredentialLookup {
  findActive(agentId: string): Promise<AgentCredentialRecord | undefined>;
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
 * (by its SHA-256, never in clear) until it expires from the cache or is revoked. revoke()
 * takes effect at once in this process; the cache TTL bounds a missed revocation event.
 */
export class AgentAuthenticator {
  private readonly verified = new Map<string, { principal: AgentPrincipal; expiresAt: number }>();

  constructor(
    private readonly lookup: AgentCredentialLookup,
    private readonly cacheTtlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  static parse(token: string): { agentId: string; secret: string } | undefined {
    const dot = token.indexOf('.');
    const agentId = token.slice(0, dot);
    const secret = token.slice(dot + 1);
    return dot > 0 && UUID.test(agentId) && SECRET.test(secret) ? { agentId, secret } : undefined;
  }

  async authenticate(token: string): Promise<AgentPrincipal | undefined> {
    const parsed = AgentAuthenticator.parse(token);
    if (!parsed) return undefined;
    const digest = createHash('sha256').update(token).digest('hex');
    const cached = this.verified.get(digest);
    if (cached && cached.expiresAt > this.now()) return cached.principal;
    this.verified.delete(digest);

    const record = await this.lookup.findActive(parsed.agentId);
    if (!record || !(await verifySecret(parsed.secret, record.secretHash))) return undefined;
    const principal = { agentId: record.id, enterpriseId: record.enterpriseId };
    this.verified.set(digest, { principal, expiresAt: this.now() + this.cacheTtlMs });
    return principal;
  }

  revoke(agentId: string): void {
    for (const [digest, entry] of this.verified) {
      if (entry.principal.agentId === agentId) this.verified.delete(digest);
    }
  }
}
