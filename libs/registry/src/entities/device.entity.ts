import type { DeviceAttributes, DeviceKind } from '#grip/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A meter, machine, sensor or line; `externalId` is the name the edge agent uses for it. */
@Entity({ name: 'devices' })
@Unique('uq_devices_enterprise_external_id', ['enterpriseId', 'externalId'])
export class Device {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: DeviceKind;

  /** Metric catalog names this device reports (libs/contracts metric-catalog). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  metrics!: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes!: DeviceAttributes;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When a bulk import last changed it; null if never changed since creation. */
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}
