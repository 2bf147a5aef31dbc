import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PROVIDER_SORTS } from '#grip/registry';
import { PageQuery } from './page.query.js';
import { SortOf } from './sort.js';

export class CreateProviderDto {
  @ApiProperty({ example: '广州智造工业互联网服务有限公司' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: '18-character unified social credit code (GB 32100-2015)' })
  @IsString()
  creditCode!: string;
}

export class ListProvidersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'name containing this text (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'the credit code, exactly' })
  @IsOptional()
  @IsString()
  @Length(18, 18)
  creditCode?: string;

  @SortOf(PROVIDER_SORTS, 'createdAt')
  sort?: string;
}
