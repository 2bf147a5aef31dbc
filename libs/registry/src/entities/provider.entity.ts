import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A service provider: the company that onboards enterprises and installs their agents. */
@Entity({ name: 'providers' })
@Unique('uq_providers_credit_code', ['creditCode'])
export class Provider {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Unified social credit code (GB 32100-2015), validated by the API before it gets here. */
  @Column({ name: 'credit_code', type: 'text' })
  creditCode!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
