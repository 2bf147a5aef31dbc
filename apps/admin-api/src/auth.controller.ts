import { Body, Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, HumanAuthGuard, type Actor } from '#grip/auth';
import { requestIdOf, sourceIpOf } from '#grip/http';
import type { Request } from 'express';
import { LoginDto } from './dto/login.dto.js';
import { ChangePasswordDto } from './dto/password.dto.js';
import { RefreshTokenDto } from './dto/refresh.dto.js';
import { LoginService } from './login.service.js';
import { PasswordChangeService } from './password-change.service.js';

@ApiTags('identity')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(LoginService) private readonly logins: LoginService,
    @Inject(PasswordChangeService) private readonly passwords: PasswordChangeService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a username and password for a short-lived access token and a refresh token',
    description:
      'Answers {accessToken, expiresIn, role, refreshToken}. After LOGIN_MAX_FAILURES failed attempts for a ' +
      'username within 15 minutes, attempts answer 429 RATE_LIMITED with Retry-After (30 s, doubling up to ' +
      '15 min) without checking the password; the failure that locks is recorded in the audit log (user.lockout).',
  })
  login(@Body() body: LoginDto, @Req() request: Request) {
    return this.logins.login(body.username, body.password, {
      sourceIp: sourceIpOf(request),
      requestId: requestIdOf(request),
    });
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new access token and a new refresh token',
    description:
      'The presented refresh token is spent. Presenting a spent token again revokes every token of that ' +
      'sign-in (theft detection) and answers 401; so do expired, revoked and unknown tokens. A sign-in ' +
      'older than SESSION_MAX_AGE_S cannot be refreshed, however often it was: 401 SESSION_EXPIRED.',
  })
  refresh(@Body() body: RefreshTokenDto) {
    return this.logins.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh token and every token rotated from the same sign-in' })
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.logins.logout(body.refreshToken);
  }

  @Post('password')
  @HttpCode(204)
  @UseGuards(HumanAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own password; every refresh session of yours ends',
    description:
      'Needs the current password: wrong → 400 WRONG_PASSWORD, counted toward the sign-in backoff of the ' +
      'username (429 RATE_LIMITED with Retry-After once locked). The new password needs 10–256 characters ' +
      'and must differ. Access tokens already issued keep working until they expire.',
  })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.passwords.change(actor, body.currentPassword, body.newPassword);
  }
}
