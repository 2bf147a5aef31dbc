import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { AUDIT_SORTS } from '#grip/registry';
import { PageQuery } from './page.query.js';
import { SortOf } from './sort.js';

export class ListAuditQuery extends PageQuery {
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

  @ApiPropertyOptional({ description: 'the changed object’s id, or the exported region’s code' })
  @IsOptional()
  @Matches(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{6})$/i, {
    message: 'targetId is an object id (UUID) or a six-digit region code',
  })
  targetId?: string;

  @SortOf(AUDIT_SORTS, '-at')
  sort?: string;
}
