import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { DEVICE_KINDS, type DeviceKind } from '#grip/contracts';
import { DEVICE_SORTS } from '#grip/registry';
import { PageQuery } from './page.query.js';
import { SortOf } from './sort.js';

export class CreateDeviceDto {
  @ApiProperty({ example: 'meter-main', description: 'the id the edge agent uses for this device' })
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, {
    message: 'externalId must be 1–64 characters of A–Z a–z 0–9 . _ : -',
  })
  externalId!: string;

  @ApiProperty({ example: 'Main incoming meter' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: DEVICE_KINDS })
  @IsIn(DEVICE_KINDS)
  kind!: DeviceKind;

  @ApiProperty({ example: ['electricity.active_energy'], description: 'metric catalog names' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @IsString({ each: true })
  metrics!: string[];

  @ApiPropertyOptional({ example: { meterScope: 'site', ratedPowerKw: 800 } })
  @IsOptional()
  @IsObject()
  attributes: Record<string, unknown> = {};
}

export class ListDevicesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEVICE_KINDS })
  @IsOptional()
  @IsIn(DEVICE_KINDS)
  kind?: DeviceKind;

  @ApiPropertyOptional({ description: 'name containing this text (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'the id the edge agent uses, exactly' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, {
    message: 'externalId must be 1–64 characters of A–Z a–z 0–9 . _ : -',
  })
  externalId?: string;

  @SortOf(DEVICE_SORTS, 'externalId')
  sort?: string;
}
