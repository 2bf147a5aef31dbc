import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Actor } from '#grip/auth';
import { AuditLogRepository, RegistryTransactions, type NewAuditEntry } from '#grip/registry';

/** Every admin write, and every export of a table, named `<target type>.<verb>`. */
export type AuditAction =
  | 'provider.create'
  | 'user.create'
  | 'user.disable'
  | 'user.enable'
  | 'user.password_change'
  | 'enterprise.create'
  | 'enterprise.import'
  | 'device.create'
  | 'agent.issue'
  | 'agent.revoke'
  | 'agent.rotate'
  | 'session.reuse_revoke'
  | 'user.lockout'
  | 'declaration.declare'
  | 'methodology.publish'
  | 'region.export'
  | 'retrofit_assessments.export'
  | 'benchmarks.export'
  | 'plan_progress.export'
  | 'retrofit.create'
  | 'retrofit.update'
  | 'retrofit.import'
  | 'plan.targets_set'
  | 'plan.shares_set';

export interface AuditedChange {
  readonly action: AuditAction;
  readonly targetType: string;
  readonly targetId: string;
  readonly before?: object;
  readonly after?: object;
}

/** The platform acting on its own: the first operator account, created from configuration. */
export const SYSTEM_ACTOR = 'system';

// A second line of defence: callers build before/after without secrets, and whatever a field
// named like one of these holds is dropped anyway, at any depth.
const SECRET_FIELD = /password|secret|token|hash/i;

/** What a recorded write returns: its result for the caller, and the change for the trail. */
export interface RecordedWrite<T> {
  readonly result: T;
  /** undefined: the work found nothing to record (and wrote nothing that needs an entry). */
  readonly change: AuditedChange | undefined;
}

/**
 * Records admin writes in the append-only audit log. A write and its entry are one transaction
 * (`recorded`): both are kept or neither, so a failed write is never recorded as done and a
 * write is never kept without its trail. If recording fails the request fails too, the write is
 * rolled back, and the log says which change went unrecorded.
 */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger('Audit');

  constructor(
    @Inject(AuditLogRepository) private readonly log: AuditLogRepository,
    @Inject(RegistryTransactions) private readonly transactions: RegistryTransactions,
  ) {}

  /**
   * Runs `work` — the registry write — and appends its entry in the same transaction. Every
   * registry call of `work` must go through the repositories (they join the transaction); keep
   * slow steps (hashing) before it and bus publishes after it: events follow the commit.
   */
  recorded<T>(
    actor: Actor | typeof SYSTEM_ACTOR,
    work: () => Promise<RecordedWrite<T>>,
    origin: { sourceIp?: string; requestId?: string } = {},
  ): Promise<T> {
    return this.transactions.run(async () => {
      const { result, change } = await work();
      if (change) await this.record(actor, change, origin);
      return result;
    });
  }

  /**
   * Appends one entry: for what the platform did without a registry write (a lockout lives in
   * memory), or inside a transaction the caller opened, which it then joins. `origin` says where
   * a request that made the platform act on its own came from (a lockout: the system locks, the
   * address tried).
   */
  async record(
    actor: Actor | typeof SYSTEM_ACTOR,
    change: AuditedChange,
    origin: { sourceIp?: string; requestId?: string } = {},
  ): Promise<void> {
    const entry = this.entryFor(actor, change, origin);
    try {
      await this.log.append(entry);
    } catch (error) {
      this.logger.error(`could not record ${JSON.stringify(entry)}: ${String(error)}`);
      throw error;
    }
  }

  /** The entry for a change, for writers that append it inside their own transaction. */
  entryFor(
    actor: Actor | typeof SYSTEM_ACTOR,
    change: AuditedChange,
    origin: { sourceIp?: string; requestId?: string } = {},
  ): NewAuditEntry {
    const who =
      actor === SYSTEM_ACTOR
        ? {
            actorUserId: null,
            actorRole: 'system' as const,
            sourceIp: origin.sourceIp ?? null,
            requestId: origin.requestId ?? null,
          }
        : {
            actorUserId: actor.principal.userId,
            actorRole: actor.principal.role,
            sourceIp: actor.sourceIp ?? null,
            requestId: actor.requestId ?? null,
          };
    return {
      ...who,
      action: change.action,
      targetType: change.targetType,
      targetId: change.targetId,
      before: change.before === undefined ? null : scrub(change.before),
      after: change.after === undefined ? null : scrub(change.after),
    };
  }
}

/** A JSON copy of the value without secret-looking fields (Dates become ISO strings). */
export function scrub(value: object): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key !== '' && SECRET_FIELD.test(key) ? undefined : v)),
  ) as Record<string, unknown>;
}
