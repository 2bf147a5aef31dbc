import { Inject, Injectable } from '@nestjs/common';
import { hashSecret, LoginThrottle, RefreshTokenService, verifySecret, type Actor } from '#grip/auth';
import { ApiError } from '#grip/http';
import { UserRepository } from '#grip/registry';
import { AuditTrail } from '#grip/audit';

/**
 * A signed-in person sets a new password. The current one is asked for (a borrowed or stolen
 * access token alone must not take the account over), and wrong guesses count toward the same
 * backoff as sign-ins. Every refresh session ends: whoever knew the old password is signed out
 * when their access token expires.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(RefreshTokenService) private readonly refreshTokens: RefreshTokenService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async change(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findForSession(actor.principal.userId);
    if (!user || user.disabledAt) throw ApiError.unauthorized();
    const gate = this.throttle.begin(user.username);
    if (!gate.ok) {
      throw ApiError.rateLimited(
        'too many wrong passwords for this username; try again later',
        gate.retryAfterSeconds,
      );
    }
    let valid: boolean;
    try {
      valid = await verifySecret(currentPassword, user.passwordHash);
    } catch (error) {
      this.throttle.abandoned(user.username);
      throw error;
    }
    if (!valid) {
      throw ApiError.badRequest('WRONG_PASSWORD', 'the current password is wrong', [
        { field: 'currentPassword', message: 'does not match the account’s password' },
      ]);
    }
    this.throttle.succeeded(user.username);
    if (newPassword === currentPassword) {
      throw ApiError.badRequest('VALIDATION_FAILED', 'the new password must differ from the current one', [
        { field: 'newPassword', message: 'must differ from currentPassword' },
      ]);
    }
    // Hashed before the transaction: a slow step must not hold the registry's connection.
    const passwordHash = await hashSecret(newPassword);
    await this.audit.recorded(actor, async () => {
      if (!(await this.users.setPasswordHash(user.id, passwordHash))) throw ApiError.unauthorized();
      await this.refreshTokens.revokeUser(user.id);
      // Who and when only: neither password nor hash.
      return {
        result: undefined,
        change: {
          action: 'user.password_change',
          targetType: 'user',
          targetId: user.id,
          after: { id: user.id, username: user.username, sessionsEnded: true },
        },
      };
    });
  }
}
