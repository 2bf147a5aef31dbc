import { Body, Controller, Get, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { CreateProviderDto, ListProvidersQuery } from './dto/provider.dto.js';
import { OnboardingService } from './onboarding.service.js';

@ApiTags('onboarding')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Roles('operator')
@Controller('api/v1/providers')
export class ProvidersController {
  constructor(@Inject(OnboardingService) private readonly onboarding: OnboardingService) {}

  @Post()
  @ApiOperation({ summary: 'Create a service provider (operators)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateProviderDto) {
    return this.onboarding.createProvider(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List service providers (operators)' })
  list(@CurrentPrincipal() scope: Principal, @Query() query: ListProvidersQuery) {
    return this.onboarding.listProviders(scope, query);
  }
}
