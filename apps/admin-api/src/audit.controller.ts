import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, HumanAuthGuard, Roles } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { AuditLogRepository } from '#grip/registry';
import { ListAuditQuery } from './dto/audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Roles('operator')
@Controller('api/v1/audit')
export class AuditController {
  constructor(@Inject(AuditLogRepository) private readonly log: AuditLogRepository) {}

  @Get()
  @ApiOperation({
    summary: 'The audit log, newest first (operators): who changed what, when and from where',
  })
  list(@CurrentPrincipal() scope: Principal, @Query() query: ListAuditQuery) {
    return this.log.list(scope, query);
  }
}
