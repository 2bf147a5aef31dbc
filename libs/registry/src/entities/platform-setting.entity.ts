import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
// The column's declared type stays shallow: TypeORM's deep-partial types recurse forever on JsonValue.
export type JsonColumn = string | number | boolean | null | unknown[] | Record<string, unknown>;

/** Small platform-wide state, e.g. the marker that makes the demo seed run only once. */
@Entity({ name: 'platform_settings' })
export class PlatformSetting {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: JsonColumn;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
