import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { MAX_PLAN_YEAR, MIN_PLAN_YEAR } from '#grip/registry';

/** A region's yearly plan figures (indicators.md §8); a metric left out keeps its target. */
export class SetPlanTargetsDto {
  @ApiPropertyOptional({ example: 8200, description: 'enterprises starting a retrofit project this year' })
  @IsOptional()
  @IsInt()
  @Min(0)
  retrofitsStarted?: number;

  @ApiPropertyOptional({ example: 10000, description: 'enterprises on the cloud (上云用云)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  enterprisesOnCloud?: number;

  @ApiPropertyOptional({ example: 100, description: 'green factories' })
  @IsOptional()
  @IsInt()
  @Min(0)
  greenFactories?: number;
}

/** Every city's share of its province's targets; replaces the province's whole set. */
export class SetPlanSharesDto {
  @ApiProperty({
    example: { '440100': 0.3, '440300': 0.25 },
    description:
      'city code → fraction 0…1; each city lies in the province; the fractions add up to at most 1',
  })
  @IsObject()
  shares!: Record<string, number>;
}

export class PlanTargetsQuery {
  @ApiProperty({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_PLAN_YEAR)
  @Max(MAX_PLAN_YEAR)
  year!: number;
}
