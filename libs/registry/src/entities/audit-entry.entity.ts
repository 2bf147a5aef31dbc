import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who acts: a person's role, or `system` for what the platform does itself (the first operator). */
export type AuditActorRole = 'operator' | 'provider' | 'enterprise' | 'official' | 'system';

/**
 * One change recorded in the append-only audit log: who (user and role), what (action, target,
 * the state before and after), when, and from where (source address, request id). Secrets and
 * password hashes are never part of `before` or `after`.
 */
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: AuditActorRole;

  /** `<target type>.<verb>`, e.g. `enterprise.create`, `agent.revoke`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType!: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ name: 'source_ip', type: 'text', nullable: true })
  sourceIp!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;
}
