import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ENTERPRISE_SORTS } from '#grip/registry';
import { PageQuery } from './page.query.js';
import { SortOf } from './sort.js';

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;

/** Enterprise and device external ids: what a provider's systems and edge agents call them. */
export const EXTERNAL_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export class CreateEnterpriseDto {
  @ApiProperty({ example: '佛山市顺德区某家电制造有限公司' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: '18-character unified social credit code (GB 32100-2015)' })
  @IsString()
  creditCode!: string;

  @ApiProperty({ example: '440606', description: 'GB/T 2260 county-level or higher code' })
  @IsString()
  regionCode!: string;

  @ApiProperty({ example: 'C3851', description: 'GB/T 4754-2017 manufacturing code' })
  @IsString()
  industryCode!: string;

  @ApiPropertyOptional({ enum: SIZE_CLASSES })
  @IsOptional()
  @IsIn(SIZE_CLASSES)
  sizeClass?: (typeof SIZE_CLASSES)[number];

  @ApiPropertyOptional({
    example: 'CRM-000123',
    description: "the provider's own id for the enterprise, unique per provider (bulk imports match on it)",
  })
  @IsOptional()
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1–64 characters of A–Z a–z 0–9 . _ : -' })
  externalId?: string;

  @ApiPropertyOptional({ description: 'operators only: the provider that onboards it' })
  @IsOptional()
  @IsUUID()
  providerId?: string;
}

export class ListEnterprisesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only enterprises within this GB/T 2260 region' })
  @IsOptional()
  @IsString()
  @Length(6, 6)
  regionCode?: string;

  @ApiPropertyOptional({ description: 'GB/T 4754 code prefix, e.g. C38' })
  @IsOptional()
  @IsString()
  @Length(2, 5)
  industryCode?: string;

  @ApiPropertyOptional({ description: 'name containing this text (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: "the provider's own id, exactly" })
  @IsOptional()
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1–64 characters of A–Z a–z 0–9 . _ : -' })
  externalId?: string;

  @SortOf(ENTERPRISE_SORTS, 'createdAt')
  sort?: string;
}
