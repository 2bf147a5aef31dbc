import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RetrofitKind, RetrofitStatus, RetrofitTarget } from '../retrofits/retrofit-rules.js';

/** numeric comes back from pg as a string (it may exceed a double); 万元 amounts fit one. */
const numericAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A technical-retrofit (技术改造) project of one enterprise: what was done, when, and which
 * periods and indicators its outcome is judged on (indicators.md §6). Visible exactly where its
 * enterprise is.
 */
@Entity({ name: 'retrofit_projects' })
@Index('ix_retrofit_projects_enterprise', ['enterpriseId'])
export class RetrofitProject {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: RetrofitKind;

  /** 万元. */
  @Column({ type: 'numeric', transformer: numericAsNumber })
  investment!: number;

  /** 'YYYY-MM-DD' (a date column read as text: no time zone ever shifts it). */
  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'completion_date', type: 'date', nullable: true })
  completionDate!: string | null;

  /** 'YYYY-MM', inclusive. */
  @Column({ name: 'baseline_from', type: 'text' })
  baselineFrom!: string;

  @Column({ name: 'baseline_to', type: 'text' })
  baselineTo!: string;

  /** Null until the project has a completion date (or explicit months). */
  @Column({ name: 'reporting_from', type: 'text', nullable: true })
  reportingFrom!: string | null;

  @Column({ name: 'reporting_to', type: 'text', nullable: true })
  reportingTo!: string | null;

  /** Device externalIds of the enterprise the project is measured on; null: the whole site. */
  @Column({ type: 'text', array: true, nullable: true })
  meters!: string[] | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  targets!: RetrofitTarget[];

  @Column({ type: 'text', default: 'planned' })
  status!: RetrofitStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}
