import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** Finite and not negative: areas, masses, money and counts never are. */
const amount = () => [IsNumber({ allowNaN: false, allowInfinity: false }), Min(0)];
function NonNegative(): PropertyDecorator {
  return (target, key) => amount().forEach((decorate) => decorate(target, key));
}

export const CLOUD_SERVICES = ['ERP', 'MES', 'PLM', 'SCM'] as const;

export class ProductOutputDto {
  @NonNegative()
  quantity!: number;

  @IsString()
  @Length(1, 16)
  unit!: string;
}

export class SolidWasteDto {
  @IsOptional() @NonNegative() generated?: number;
  @IsOptional() @NonNegative() utilised?: number;
  @IsOptional() @NonNegative() priorStockUtilised?: number;
}

export class PollutantsDto {
  @IsOptional() @NonNegative() cod?: number;
  @IsOptional() @NonNegative() nh3n?: number;
  @IsOptional() @NonNegative() so2?: number;
  @IsOptional() @NonNegative() nox?: number;
  @IsOptional() @NonNegative() vocs?: number;
}

/**
 * Safety or environmental violations found in the month (a benchmark gate, indicators.md §7.1):
 * true = there was one, false = declared clean, absent = not declared.
 */
export class ViolationsDto {
  @ApiPropertyOptional({ description: 'a safety-production violation was found this month' })
  @IsOptional()
  @IsBoolean()
  safety?: boolean;

  @ApiPropertyOptional({ description: 'an environmental violation was found this month' })
  @IsOptional()
  @IsBoolean()
  environmental?: boolean;
}

/**
 * The monthly figures no meter measures (api.md, indicators.md §1.3): money in 万元, areas in
 * m², masses in t, pollutants in kg. An absent field is "not declared", never zero.
 */
export class DeclarationDto {
  @ApiPropertyOptional({ description: 'gross output value, 万元, comparable prices', example: 3180 })
  @IsOptional()
  @NonNegative()
  outputValue?: number;

  @ApiPropertyOptional({
    description: 'industrial value added, 万元 (may be negative in a loss month)',
    example: 812,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  valueAdded?: number;

  @ApiPropertyOptional({ description: 'revenue, 万元', example: 3400 })
  @IsOptional()
  @NonNegative()
  revenue?: number;

  @ApiPropertyOptional({ description: 'average employees', example: 415 })
  @IsOptional()
  @IsInt()
  @Min(0)
  employees?: number;

  @ApiPropertyOptional({ type: ProductOutputDto, example: { quantity: 12000, unit: 't' } })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductOutputDto)
  productOutput?: ProductOutputDto;

  @ApiPropertyOptional({ description: 'first-grade (优等品) output, in the product unit', example: 9100 })
  @IsOptional()
  @NonNegative()
  firstGradeOutput?: number;

  @ApiPropertyOptional({ description: 'land area, m²', example: 52000 })
  @IsOptional()
  @NonNegative()
  landArea?: number;

  @ApiPropertyOptional({
    description: 'total floor area, m² (storeys over 8 m counted twice)',
    example: 61000,
  })
  @IsOptional()
  @NonNegative()
  floorArea?: number;

  @ApiPropertyOptional({ description: 'building footprint, m²', example: 23000 })
  @IsOptional()
  @NonNegative()
  buildingFootprint?: number;

  @ApiPropertyOptional({ type: SolidWasteDto, description: 't' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SolidWasteDto)
  solidWaste?: SolidWasteDto;

  @ApiPropertyOptional({ type: PollutantsDto, description: 'kg' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PollutantsDto)
  pollutants?: PollutantsDto;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  digitalDesignTools?: boolean;

  @ApiPropertyOptional({ enum: CLOUD_SERVICES, isArray: true, example: ['ERP', 'MES'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CLOUD_SERVICES, { each: true })
  cloudServices?: (typeof CLOUD_SERVICES)[number][];

  @ApiPropertyOptional({
    description: 'GB/T 39116-2020 maturity level, 1 规划级 … 5 引领级',
    minimum: 1,
    maximum: 5,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  maturityLevel?: number;

  @ApiPropertyOptional({
    type: ViolationsDto,
    example: { safety: false, environmental: false },
    description: 'violation flags of the month; absent: not declared',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ViolationsDto)
  violations?: ViolationsDto;
}
