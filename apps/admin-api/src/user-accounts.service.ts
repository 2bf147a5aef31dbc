import { Inject, Injectable } from '@nestjs/common';
import { RefreshTokenService, UserDenyList, type Actor } from '#grip/auth';
import { BUS } from '#grip/bus';
import type { Bus } from '#grip/bus';
import { REGISTRY_EVENTS_TOPIC, type UserEvent } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { summaryOf, UserRepository, type UserSummary } from '#grip/registry';
import { AuditTrail } from '#grip/audit';

/**
 * Disabling and enabling accounts: operators any account, providers the enterprise users of
 * their own enterprises. A disabled person cannot sign in or refresh, loses every refresh
 * session, and their unexpired access tokens are refused at once by every process (the
 * `user.disabled` event fills each process's deny list, as `credential.revoked` does for agents).
 */
@Injectable()
export class UserAccountsService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(RefreshTokenService) private readonly refreshTokens: RefreshTokenService,
    @Inject(UserDenyList) private readonly denied: UserDenyList,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  /** Resolves once every process has been told (in-process bus) or the event is stored (Kafka). */
  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<UserSummary> {
    const scope = actor.principal;
    if (scope.role !== 'operator' && scope.role !== 'provider') throw ApiError.forbidden();
    // Out of scope answers as an unknown id: another tenant's people do not exist for the caller.
    const user = await this.users.findById(scope, id);
    if (!user) throw ApiError.notFound('user');
    if (scope.role === 'provider' && user.role !== 'enterprise') {
      throw ApiError.forbidden('providers disable and enable enterprise users only');
    }
    if (disabled && user.id === scope.userId) throw ApiError.conflict('you cannot disable your own account');
    const after = await this.audit.recorded(actor, async () => {
      const updated = await this.users.setDisabled(user.id, disabled);
      if (!updated) throw ApiError.notFound('user');
      if (disabled) await this.refreshTokens.revokeUser(user.id);
      const summary = summaryOf(updated);
      return {
        result: summary,
        change: {
          action: disabled ? 'user.disable' : 'user.enable',
          targetType: 'user',
          targetId: user.id,
          before: auditView(summaryOf(user)),
          after: auditView(summary),
        },
      };
    });
    // After the commit, as every registry event: nobody acts on a change that could roll back.
    if (disabled) {
      // This process's clock: the one its sign-ins stamp `iat` with.
      const disabledAt = new Date();
      this.denied.deny(user.id, disabledAt);
      await this.publish({ type: 'user.disabled', userId: user.id, disabledAt: disabledAt.toISOString() });
    }
    return after;
  }

  private async publish(event: UserEvent): Promise<void> {
    await this.bus.publish(REGISTRY_EVENTS_TOPIC, [
      { key: event.userId, value: Buffer.from(JSON.stringify(event)) },
    ]);
  }
}

function auditView(user: UserSummary) {
  return { id: user.id, username: user.username, role: user.role, disabledAt: user.disabledAt };
}
