import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One version of an enterprise's declared figures for a month (indicators.md §1.3). A
 * correction is a new version; earlier versions stay as history and are never updated.
 */
@Entity({ name: 'declarations' })
@Unique('uq_declarations_enterprise_period_version', ['enterpriseId', 'period', 'version'])
export class Declaration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  /** `YYYY-MM`, a calendar month in Asia/Shanghai. */
  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'declared_by', type: 'uuid' })
  declaredBy!: string;

  @Column({ name: 'declared_at', type: 'timestamptz', default: () => 'now()' })
  declaredAt!: Date;
}
