import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One published methodology: its factors as stored JSON (libs/indicators MethodologyFactor[]). */
@Entity({ name: 'methodology_versions' })
export class MethodologyVersion {
  @PrimaryColumn({ type: 'text' })
  version!: string;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'jsonb' })
  factors!: unknown[];
}
