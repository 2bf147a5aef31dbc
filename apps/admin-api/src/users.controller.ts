import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { UserRepository } from '#grip/registry';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto.js';
import { OnboardingService } from './onboarding.service.js';
import { UserAccountsService } from './user-accounts.service.js';

@ApiTags('identity')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Roles('operator', 'provider')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    @Inject(OnboardingService) private readonly onboarding: OnboardingService,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(UserAccountsService) private readonly accounts: UserAccountsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a user; providers may create enterprise users of their own enterprises' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.onboarding.createUser(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List the users the caller may see (operators all; providers their staff and enterprise users)',
    description: 'Paginated; each item has `disabled` and `disabledAt`, never a password hash.',
  })
  list(@CurrentPrincipal() scope: Principal, @Query() query: ListUsersQuery) {
    return this.users.list(scope, query);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Disable or enable a user; providers only the enterprise users of their own enterprises',
    description:
      'Disabling refuses sign-in and refresh, ends every refresh session and refuses the user’s unexpired ' +
      'access tokens at once in every process. A user the caller may not see answers 404 as an unknown id; ' +
      'a provider naming its own staff gets 403; nobody may disable themselves (409). Answers the user.',
  })
  update(
    @CurrentActor() actor: Actor,
    // An id that is not a UUID cannot name anything the caller may see: 404, like any other.
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('user') })) id: string,
    @Body() body: UpdateUserDto,
  ) {
    return this.accounts.setDisabled(actor, id, body.disabled);
  }
}
