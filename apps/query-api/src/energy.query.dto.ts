import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export const GRANULARITIES = ['hour', 'day', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const ELECTRICITY_BASES = ['equivalent', 'equal-value'] as const;

export class EnergyQuery {
  @ApiPropertyOptional({ description: 'ISO 8601 with offset; default 24 hours before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 with offset, exclusive; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'hour' })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity: Granularity = 'hour';

  @ApiPropertyOptional({
    enum: ELECTRICITY_BASES,
    default: 'equivalent',
    description: '当量 (default) or 等价 basis',
  })
  @IsOptional()
  @IsIn(ELECTRICITY_BASES)
  basis: (typeof ELECTRICITY_BASES)[number] = 'equivalent';
}
