import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export const SIZE_CLASSES: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];

/**
 * An industrial enterprise, onboarded by one provider. Plain foreign-key ids instead of relation
 * objects: nothing here needs lazy loading, and it avoids ESM circular-import traps.
 */
@Entity({ name: 'enterprises' })
@Unique('uq_enterprises_credit_code', ['creditCode'])
@Unique('uq_enterprises_provider_external_id', ['providerId', 'externalId'])
@Index('ix_enterprises_provider', ['providerId'])
export class Enterprise {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  /** The provider's own id for the enterprise, unique per provider: the key of bulk imports. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'credit_code', type: 'text' })
  creditCode!: string;

  /** GB/T 2260 six-digit code of the county (or higher) the enterprise sits in. */
  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  /** GB/T 4754-2017 code, e.g. C39 or C3911. */
  @Column({ name: 'industry_code', type: 'text' })
  industryCode!: string;

  @Column({ name: 'size_class', type: 'text', nullable: true })
  sizeClass!: SizeClass | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When a bulk import last changed it; null if never changed since creation. */
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}
