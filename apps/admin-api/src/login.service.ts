import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AccessTokenService,
  hashSecret,
  LoginThrottle,
  principalOf,
  RefreshTokenService,
  verifySecret,
} from '#grip/auth';
import type { Role } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { UserRepository } from '#grip/registry';
import { AuditTrail, SYSTEM_ACTOR } from '#grip/audit';

export interface SignedIn {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly role: Role;
  readonly refreshToken: string;
}

export interface LoginOrigin {
  readonly sourceIp?: string;
  readonly requestId?: string;
}

// Moved to libs/auth (the OIDC verifier needs it too); re-exported for existing importers.
export { principalOf };

@Injectable()
export class LoginService {
  private readonly logger = new Logger('Login');
  /** Verified against when the user does not exist, so both paths cost the same time. */
  private readonly decoyHash = hashSecret('decoy');

  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AccessTokenService) private readonly tokens: AccessTokenService,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(RefreshTokenService) private readonly refreshTokens: RefreshTokenService,
  ) {}

  async login(username: string, password: string, origin: LoginOrigin = {}): Promise<SignedIn> {
    // Refused before any look-up or hash: the answer costs the same for every username.
    const gate = this.throttle.begin(username);
    if (!gate.ok) {
      throw ApiError.rateLimited(
        'too many failed sign-ins for this username; try again later',
        gate.retryAfterSeconds,
      );
    }
    let user: Awaited<ReturnType<UserRepository['findByUsername']>>;
    let valid: boolean;
    try {
      user = await this.users.findByUsername(username);
      valid = await verifySecret(password, user?.passwordHash ?? (await this.decoyHash));
    } catch (error) {
      this.throttle.abandoned(username); // no verdict on the password: not a failure
      throw error;
    }
    if (!user || !valid || user.disabledAt) {
      await this.recordLockout(username, origin);
      throw ApiError.unauthorized('invalid username or password');
    }
    this.throttle.succeeded(username);
    const principal = principalOf(user);
    const refreshToken = await this.refreshTokens.issue(user.id);
    return { ...(await this.tokens.issue(principal)), role: principal.role, refreshToken };
  }

  /**
   * Exchanges a refresh token for a new access token and its successor. The principal is read
   * again from the registry, so a changed role or binding applies from the next refresh and a
   * disabled account gets nothing. A sign-in older than SESSION_MAX_AGE_S answers
   * SESSION_EXPIRED, so a client knows to ask for the password rather than retry.
   */
  async refresh(refreshToken: string): Promise<SignedIn> {
    // One transaction: a family revoked for reuse is revoked together with its entry, or not at all.
    const outcome = await this.audit.recorded(SYSTEM_ACTOR, async () => {
      const rotated = await this.refreshTokens.rotate(refreshToken);
      return {
        result: rotated,
        change:
          rotated.kind === 'reused'
            ? {
                action: 'session.reuse_revoke',
                targetType: 'user',
                targetId: rotated.session.userId,
                after: { familyId: rotated.session.familyId, reason: 'spent refresh token presented again' },
              }
            : undefined,
      };
    });
    if (outcome.kind === 'reused') {
      this.logger.warn(
        `a spent refresh token was presented again: revoked its family for ${outcome.session.userId}`,
      );
    }
    if (outcome.kind === 'ended') {
      throw new ApiError(401, 'SESSION_EXPIRED', 'this sign-in reached its maximum age; sign in again');
    }
    if (outcome.kind !== 'rotated') throw ApiError.unauthorized('invalid, expired or revoked refresh token');
    const user = await this.users.findForSession(outcome.session.userId);
    if (!user || user.disabledAt) {
      await this.refreshTokens.revokeUser(outcome.session.userId);
      throw ApiError.unauthorized('invalid, expired or revoked refresh token');
    }
    const principal = principalOf(user);
    return {
      ...(await this.tokens.issue(principal)),
      role: principal.role,
      refreshToken: outcome.refreshToken,
    };
  }

  /**
   * A failure that locked the username is recorded (the platform acts: actor `system`), with
   * the address that tried. Failures before the lock are not: an append-only table must not be
   * fillable by anyone who can type a wrong password, and a lock comes at most once per backoff.
   * The lock itself lives in memory (LoginThrottle): the entry is the only registry write.
   */
  private async recordLockout(username: string, origin: LoginOrigin): Promise<void> {
    const retryAfterSeconds = this.throttle.lockedFor(username);
    if (retryAfterSeconds === 0) return;
    this.logger.warn(`sign-ins for a username locked for ${retryAfterSeconds} s after repeated failures`);
    await this.audit.record(
      SYSTEM_ACTOR,
      {
        action: 'user.lockout',
        targetType: 'username',
        targetId: username,
        after: { retryAfterSeconds },
      },
      origin,
    );
  }

  /** Ends the sign-in; an unknown token is not an error (logging out twice is fine). */
  async logout(refreshToken: string): Promise<void> {
    await this.refreshTokens.revoke(refreshToken);
  }

  /** Creates the first operator account from configuration when it does not exist yet. */
  async ensureOperator(username: string, password: string): Promise<boolean> {
    if (await this.users.findByUsername(username)) return false;
    const passwordHash = await hashSecret(password);
    await this.audit.recorded(SYSTEM_ACTOR, async () => {
      const user = await this.users.create({ username, passwordHash, role: 'operator' });
      return {
        result: user.id,
        change: {
          action: 'user.create',
          targetType: 'user',
          targetId: user.id,
          after: { id: user.id, username, role: 'operator' },
        },
      };
    });
    return true;
  }
}
