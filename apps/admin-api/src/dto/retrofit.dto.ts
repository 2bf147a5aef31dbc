import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MAX_RETROFIT_METERS,
  MAX_RETROFIT_TARGETS,
  RETROFIT_KINDS,
  RETROFIT_SORTS,
  RETROFIT_STATUSES,
  RETROFIT_TARGET_INDICATORS,
  type RetrofitKind,
  type RetrofitStatus,
} from '#grip/registry';
import { PageQuery } from './page.query.js';
import { SortOf } from './sort.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const date = { message: '$property is a date, YYYY-MM-DD' };
const month = { message: '$property is a month, YYYY-MM' };
const finite = { allowNaN: false, allowInfinity: false };

export class RetrofitTargetDto {
  @ApiProperty({ enum: RETROFIT_TARGET_INDICATORS, example: 'energy.intensity.unit_product' })
  @IsIn(RETROFIT_TARGET_INDICATORS, { message: 'indicator is a formula id of indicators.md §2–§5' })
  indicator!: string;

  @ApiProperty({ example: -10, description: 'the planned change in percent; −10 = 10 % lower' })
  @IsNumber(finite)
  changePercent!: number;
}

/**
 * A retrofit project (indicators.md §6). Dates are calendar dates, periods whole months, both
 * inclusive. Periods left out take their defaults: baseline the 12 months before the start
 * month, reporting the 12 months after the completion month (none until completion is known).
 */
export class CreateRetrofitDto {
  @ApiProperty({ example: '空压站节能改造' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: RETROFIT_KINDS })
  @IsIn(RETROFIT_KINDS)
  kind!: RetrofitKind;

  @ApiProperty({ example: 320.5, description: 'investment, 万元' })
  @IsNumber(finite)
  @Min(0)
  investment!: number;

  @ApiProperty({ example: '2025-03-15' })
  @Matches(DATE, date)
  startDate!: string;

  @ApiPropertyOptional({ example: '2025-08-31', nullable: true, description: 'not before startDate' })
  @IsOptional()
  @Matches(DATE, date)
  completionDate?: string | null;

  @ApiPropertyOptional({ example: '2024-03', description: 'default: 12 months before the start month' })
  @IsOptional()
  @Matches(MONTH, month)
  baselineFrom?: string;

  @ApiPropertyOptional({ example: '2025-02' })
  @IsOptional()
  @Matches(MONTH, month)
  baselineTo?: string;

  @ApiPropertyOptional({
    example: '2025-09',
    nullable: true,
    description: 'default: 12 months after completion',
  })
  @IsOptional()
  @Matches(MONTH, month)
  reportingFrom?: string | null;

  @ApiPropertyOptional({ example: '2026-08', nullable: true })
  @IsOptional()
  @Matches(MONTH, month)
  reportingTo?: string | null;

  @ApiPropertyOptional({
    example: ['meter-compressors'],
    nullable: true,
    description:
      'device externalIds of the enterprise the project is measured on; null or absent: the whole site',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RETROFIT_METERS)
  @IsString({ each: true })
  meters?: string[] | null;

  @ApiPropertyOptional({ type: [RetrofitTargetDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RETROFIT_TARGETS)
  @ValidateNested({ each: true })
  @Type(() => RetrofitTargetDto)
  targets?: RetrofitTargetDto[];

  @ApiPropertyOptional({ enum: RETROFIT_STATUSES, default: 'planned' })
  @IsOptional()
  @IsIn(RETROFIT_STATUSES)
  status?: RetrofitStatus;
}

/**
 * Changes to a project: absent fields stay; `null` clears completionDate, the reporting months
 * or meters. Periods that hold their defaults follow a moved date. Status moves forward only
 * (planned → in_progress → completed → assessed), except for operators.
 */
export class UpdateRetrofitDto extends PartialType(CreateRetrofitDto) {}

export class ListRetrofitsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only projects of enterprises within this GB/T 2260 region' })
  @IsOptional()
  @IsString()
  @Length(6, 6)
  regionCode?: string;

  @ApiPropertyOptional({ enum: RETROFIT_STATUSES })
  @IsOptional()
  @IsIn(RETROFIT_STATUSES)
  status?: RetrofitStatus;

  @ApiPropertyOptional({ description: 'only projects of this enterprise' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @SortOf(RETROFIT_SORTS, '-createdAt')
  sort?: string;
}

export class ListEnterpriseRetrofitsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RETROFIT_STATUSES })
  @IsOptional()
  @IsIn(RETROFIT_STATUSES)
  status?: RetrofitStatus;

  @SortOf(RETROFIT_SORTS, '-createdAt')
  sort?: string;
}
