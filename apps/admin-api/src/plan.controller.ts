import { Body, Controller, Get, Inject, Param, ParseIntPipe, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import type { Principal } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { PlanRepository, type PlanTargetValues } from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import { PlanTargetsQuery, SetPlanSharesDto, SetPlanTargetsDto } from './dto/plan.dto.js';

const year = new ParseIntPipe({
  exceptionFactory: () =>
    ApiError.badRequest('VALIDATION_FAILED', 'the year is a number', [
      { field: 'year', message: 'expected YYYY' },
    ]),
});

/**
 * Plan targets (indicators.md §8): operators set each region's yearly figures and the cities'
 * shares of their province; officials read their region, what lies inside it and the
 * lines of the regions it lies in. Progress against them is the query side's (GET /api/v1/plan/progress).
 */
@ApiTags('plan')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1/plan')
export class PlanController {
  constructor(
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Put('targets/:year/:regionCode')
  @Roles('operator')
  @ApiOperation({ summary: "Set a region's targets for a year (metrics left out keep theirs)" })
  setTargets(
    @CurrentActor() actor: Actor,
    @Param('year', year) targetYear: number,
    @Param('regionCode') regionCode: string,
    @Body() body: SetPlanTargetsDto,
  ) {
    const values: PlanTargetValues = {
      retrofits_started: body.retrofitsStarted,
      enterprises_on_cloud: body.enterprisesOnCloud,
      green_factories: body.greenFactories,
    };
    return this.audit.recorded(actor, async () => {
      const { before, after } = await this.plans.setTargets(actor.principal, targetYear, regionCode, values);
      return {
        result: { year: targetYear, regionCode, targets: after },
        change: {
          action: 'plan.targets_set',
          targetType: 'plan_target',
          targetId: `${targetYear}/${regionCode}`,
          before: { targets: before },
          after: { targets: after },
        },
      };
    });
  }

  @Put('shares/:provinceCode')
  @Roles('operator')
  @ApiOperation({ summary: "Set the cities' shares of a province's targets (replaces the province's set)" })
  setShares(
    @CurrentActor() actor: Actor,
    @Param('provinceCode') provinceCode: string,
    @Body() body: SetPlanSharesDto,
  ) {
    return this.audit.recorded(actor, async () => {
      const { before, after } = await this.plans.setShares(actor.principal, provinceCode, body.shares);
      return {
        result: { provinceCode, shares: after },
        change: {
          action: 'plan.shares_set',
          targetType: 'plan_city_shares',
          targetId: provinceCode,
          before: { shares: before },
          after: { shares: after },
        },
      };
    });
  }

  @Get('targets')
  @Roles('operator', 'official')
  @ApiOperation({
    summary: 'The targets of a year the caller may read, and the city shares',
    description:
      'Operators: every region. Officials: their region, the regions inside it, and the lines of their province and city.',
  })
  async targets(@CurrentPrincipal() scope: Principal, @Query() query: PlanTargetsQuery) {
    return {
      year: query.year,
      targets: await this.plans.listTargetsFor(scope, query.year),
      shares: await this.plans.listSharesFor(scope),
    };
  }
}
