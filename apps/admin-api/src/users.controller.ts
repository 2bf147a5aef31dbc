import { Body, Controller, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import { CreateUserDto } from './dto/user.dto.js';
import { OnboardingService } from './onboarding.service.js';

@ApiTags('identity')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Roles('operator', 'provider')
@Controller('api/v1/users')
export class UsersController {
  constructor(@Inject(OnboardingService) private readonly onboarding: OnboardingService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user; providers may create enterprise users of their own enterprises' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.onboarding.createUser(actor, body);
  }
}
