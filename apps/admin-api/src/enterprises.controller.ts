import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { AgentCredentialService } from './agent-credential.service.js';
import { DeviceService } from './device.service.js';
import { IssueAgentDto, RotateAgentDto } from './dto/agent.dto.js';
import { CreateDeviceDto, ListDevicesQuery } from './dto/device.dto.js';
import { CreateEnterpriseDto, ListEnterprisesQuery } from './dto/enterprise.dto.js';
import { OnboardingService } from './onboarding.service.js';
import { PageQuery } from './dto/page.query.js';

/** An id that is not a UUID cannot name anything the caller may see: 404, like any other. */
const uuid = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('enterprise') });
const agentUuid = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('agent') });

@ApiTags('onboarding')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1')
export class EnterprisesController {
  constructor(
    @Inject(OnboardingService) private readonly onboarding: OnboardingService,
    @Inject(DeviceService) private readonly devices: DeviceService,
    @Inject(AgentCredentialService) private readonly agents: AgentCredentialService,
  ) {}

  @Post('enterprises')
  @Roles('provider', 'operator')
  @ApiOperation({ summary: 'Onboard an enterprise (providers; operators naming the provider)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateEnterpriseDto) {
    return this.onboarding.createEnterprise(actor, body);
  }

  @Get('enterprises')
  @ApiOperation({ summary: 'List the enterprises the caller may see, paginated' })
  list(@CurrentPrincipal() scope: Principal, @Query() query: ListEnterprisesQuery) {
    return this.onboarding.listEnterprises(scope, query);
  }

  @Get('enterprises/:id')
  @ApiOperation({ summary: 'One enterprise, if the caller may see it' })
  get(@CurrentPrincipal() scope: Principal, @Param('id', uuid) id: string) {
    return this.onboarding.getEnterprise(scope, id);
  }

  @Post('enterprises/:id/devices')
  @Roles('provider', 'operator')
  @ApiOperation({ summary: 'Register a device with its metrics and attributes' })
  registerDevice(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: CreateDeviceDto) {
    return this.devices.register(actor, id, body);
  }

  @Get('enterprises/:id/devices')
  @ApiOperation({ summary: 'The devices of an enterprise, paginated' })
  listDevices(
    @CurrentPrincipal() scope: Principal,
    @Param('id', uuid) id: string,
    @Query() query: ListDevicesQuery,
  ) {
    return this.devices.list(scope, id, query);
  }

  @Post('enterprises/:id/agents')
  @Roles('provider', 'operator')
  @ApiOperation({ summary: 'Issue an edge-agent credential; the secret is shown once' })
  issueAgent(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() body: IssueAgentDto) {
    return this.agents.issue(actor, id, body);
  }

  @Get('enterprises/:id/agents')
  @Roles('provider', 'operator')
  @ApiOperation({
    summary: 'The edge-agent credentials of an enterprise, paginated (never a secret or hash)',
    description:
      'agentId, label, createdAt, expiresAt, revokedAt, previousSecretValidUntil, lastSeenAt, lastSeenAddress',
  })
  listAgents(@CurrentPrincipal() scope: Principal, @Param('id', uuid) id: string, @Query() query: PageQuery) {
    return this.agents.list(scope, id, query);
  }

  @Post('agents/:agentId/rotate')
  @HttpCode(200)
  @Roles('provider', 'operator')
  @ApiOperation({
    summary: 'Replace the secret of an edge agent; the new secret is shown once',
    description:
      'The old secret keeps working for overlapSeconds (default 86400, at most 604800, 0 ends it at once); ' +
      'DELETE /api/v1/agents/{agentId} ends the overlap and the credential together.',
  })
  rotateAgent(
    @CurrentActor() actor: Actor,
    @Param('agentId', agentUuid) agentId: string,
    @Body() body: RotateAgentDto,
  ) {
    return this.agents.rotate(actor, agentId, body.overlapSeconds);
  }

  @Delete('agents/:agentId')
  @HttpCode(204)
  @Roles('provider', 'operator')
  @ApiOperation({ summary: 'Revoke an edge-agent credential (and a rotation overlap), at once' })
  async revokeAgent(
    @CurrentActor() actor: Actor,
    @Param('agentId', agentUuid) agentId: string,
  ): Promise<void> {
    await this.agents.revoke(actor, agentId);
  }
}
