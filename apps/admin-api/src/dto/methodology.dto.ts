import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';

export class PublishMethodologyDto {
  @ApiProperty({ example: '2026.2', description: 'a new, unique version name' })
  @Matches(/^[0-9A-Za-z._-]{1,32}$/, { message: 'version must be 1–32 characters of A–Z a–z 0–9 . _ -' })
  version!: string;

  @ApiPropertyOptional({ example: 'Guangdong 2024 grid factor published' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  notes?: string;

  @ApiProperty({
    description: 'every factor: {key, value, unit, source, clause?, validFrom?, validTo?, confidence H|M|U}',
    type: 'array',
    items: { type: 'object' },
  })
  @IsArray()
  @ArrayMaxSize(5000)
  factors!: unknown[];
}
