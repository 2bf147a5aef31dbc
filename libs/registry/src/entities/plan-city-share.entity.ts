import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The fraction of a province's yearly targets one of its cities carries ("the province splits
 * yearly targets by city"): the query side splits a province total by these when a city has no
 * target of its own.
 */
@Entity({ name: 'plan_city_shares' })
export class PlanCityShare {
  @PrimaryColumn({ name: 'province_code', type: 'text' })
  provinceCode!: string;

  @PrimaryColumn({ name: 'city_code', type: 'text' })
  cityCode!: string;

  /** 0 … 1; the shares of a province add up to at most 1. */
  @Column({
    type: 'numeric',
    transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  share!: number;
}
