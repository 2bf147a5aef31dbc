import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What plan progress counts (indicators.md §8). */
export const PLAN_METRICS = ['retrofits_started', 'enterprises_on_cloud', 'green_factories'] as const;
export type PlanMetric = (typeof PLAN_METRICS)[number];

/** One yearly plan figure of a region (the province total, or a city's own), set by an operator. */
@Entity({ name: 'plan_targets' })
export class PlanTarget {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  /** GB/T 2260 code of the region the target is for. */
  @PrimaryColumn({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @PrimaryColumn({ type: 'text' })
  metric!: PlanMetric;

  /** A count: enterprises, factories. */
  @Column({ type: 'integer' })
  target!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
