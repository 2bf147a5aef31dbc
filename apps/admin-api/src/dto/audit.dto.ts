import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListAuditQuery {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;

  @ApiPropertyOptional({ example: 'enterprise.create', description: '`<target type>.<verb>`' })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]+)+$/, { message: 'action looks like enterprise.create' })
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'only what this user did' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'agent' })
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/, { message: 'targetType is a lower-case word such as agent' })
  targetType?: string;

  @ApiPropertyOptional({ description: 'the changed object’s id' })
  @IsOptional()
  @IsUUID()
  targetId?: string;
}
