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
import {
  CreateRetrofitDto,
  ListEnterpriseRetrofitsQuery,
  ListRetrofitsQuery,
  UpdateRetrofitDto,
} from './dto/retrofit.dto.js';
import { RetrofitService } from './retrofit.service.js';

// An id that is not a UUID cannot name anything the caller may see: 404, like any other.
const enterpriseUuid = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('enterprise') });
const retrofitUuid = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('retrofit') });

@ApiTags('retrofits')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1')
export class RetrofitsController {
  constructor(@Inject(RetrofitService) private readonly retrofits: RetrofitService) {}

  @Post('enterprises/:id/retrofits')
  @Roles('provider', 'operator')
  @ApiOperation({
    summary: 'Register a retrofit project: kind, investment, dates, baseline and reporting months, targets',
  })
  register(
    @CurrentActor() actor: Actor,
    @Param('id', enterpriseUuid) id: string,
    @Body() body: CreateRetrofitDto,
  ) {
    return this.retrofits.register(actor, id, body);
  }

  @Get('enterprises/:id/retrofits')
  @ApiOperation({ summary: 'The retrofit projects of an enterprise, paginated' })
  listOfEnterprise(
    @CurrentPrincipal() scope: Principal,
    @Param('id', enterpriseUuid) id: string,
    @Query() query: ListEnterpriseRetrofitsQuery,
  ) {
    return this.retrofits.listOfEnterprise(scope, id, query);
  }

  @Get('retrofits')
  @ApiOperation({
    summary: 'The retrofit projects the caller may see, paginated; filter by region, status, enterprise',
  })
  list(@CurrentPrincipal() scope: Principal, @Query() query: ListRetrofitsQuery) {
    return this.retrofits.list(scope, query);
  }

  @Get('retrofits/:id')
  @ApiOperation({ summary: 'One retrofit project, if the caller may see it' })
  get(@CurrentPrincipal() scope: Principal, @Param('id', retrofitUuid) id: string) {
    return this.retrofits.get(scope, id);
  }

  @Patch('retrofits/:id')
  @Roles('provider', 'operator')
  @ApiOperation({
    summary: 'Change a retrofit project; status moves forward only (operators may set any)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', retrofitUuid) id: string,
    @Body() body: UpdateRetrofitDto,
  ) {
    return this.retrofits.update(actor, id, body);
  }
}
