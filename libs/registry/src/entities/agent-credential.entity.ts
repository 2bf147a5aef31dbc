import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An edge agent's credential: `id` is the agentId; the secret itself is never stored. */
@Entity({ name: 'agent_credentials' })
@Index('ix_agent_credentials_enterprise', ['enterpriseId'])
export class AgentCredential {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  /** The secret replaced by the last rotation, accepted until previousValidUntil. */
  @Column({ name: 'previous_secret_hash', type: 'text', nullable: true })
  previousSecretHash!: string | null;

  @Column({ name: 'previous_valid_until', type: 'timestamptz', nullable: true })
  previousValidUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Null: valid until revoked. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;

  @Column({ name: 'last_seen_address', type: 'text', nullable: true })
  lastSeenAddress!: string | null;
}
