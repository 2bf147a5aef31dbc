import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class ImportQuery {
  @ApiProperty({ enum: ['true', 'false'], description: 'true: check and count only, write nothing' })
  @IsIn(['true', 'false'], { message: 'dryRun is true or false' })
  dryRun!: 'true' | 'false';

  @ApiPropertyOptional({ description: 'operators only: the provider whose enterprises these are' })
  @IsOptional()
  @IsUUID()
  providerId?: string;
}
