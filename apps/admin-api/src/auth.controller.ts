import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoginDto } from './dto/login.dto.js';
import { LoginService } from './login.service.js';

@ApiTags('identity')
@Controller('api/v1/auth')
export class AuthController {
  constructor(@Inject(LoginService) private readonly logins: LoginService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a username and password for a short-lived access token',
    description:
      'After LOGIN_MAX_FAILURES failed attempts for a username within 15 minutes, attempts answer 429 ' +
      'RATE_LIMITED with Retry-After (30 s, doubling up to 15 min) without checking the password.',
  })
  login(@Body() body: LoginDto) {
    return this.logins.login(body.username, body.password);
  }
}
