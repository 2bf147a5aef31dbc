import { Body, Controller, Get, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { UserRepository } from '#grip/registry';
import { CreateUserDto, ListUsersQuery } from './dto/user.dto.js';
import { OnboardingService } from './onboarding.service.js';

@ApiTags('identity')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Roles('operator', 'provider')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    @Inject(OnboardingService) private readonly onboarding: OnboardingService,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a user; providers may create enterprise users of their own enterprises' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.onboarding.createUser(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List the users the caller may see (operators all; providers their staff and enterprise users)',
  })
  list(@CurrentPrincipal() scope: Principal, @Query() query: ListUsersQuery) {
    return this.users.list(scope, query);
  }
}
