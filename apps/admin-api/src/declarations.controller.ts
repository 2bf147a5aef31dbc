import { Body, Controller, Get, Inject, Logger, Param, ParseUUIDPipe, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { instanceToPlain } from 'class-transformer';
import { CurrentActor, CurrentPrincipal, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import { BUS, type Bus } from '#grip/bus';
import { REGISTRY_EVENTS_TOPIC, type Principal, type RegistryEvent } from '#grip/contracts';
import { ApiError } from '#grip/http';
import { DeclarationRepository } from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import { DeclarationDto } from './dto/declaration.dto.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const uuid = new ParseUUIDPipe({ exceptionFactory: () => ApiError.notFound('enterprise') });

function month(period: string): string {
  if (!MONTH.test(period)) {
    throw ApiError.badRequest('VALIDATION_FAILED', 'the period must be a month, YYYY-MM', [
      { field: 'period', message: 'expected YYYY-MM' },
    ]);
  }
  return period;
}

/** Declared monthly figures: a PUT adds a version; corrections keep the history. */
@ApiTags('onboarding')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1/enterprises/:id/declarations')
export class DeclarationsController {
  constructor(
    @Inject(DeclarationRepository) private readonly declarations: DeclarationRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(BUS) private readonly bus: Bus,
  ) {}

  private readonly logger = new Logger(DeclarationsController.name);

  @Put(':period')
  @Roles('provider', 'operator')
  @ApiOperation({ summary: 'Declare (or correct) the figures of a month; earlier versions are kept' })
  async declare(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Param('period') period: string,
    @Body() body: DeclarationDto,
  ) {
    const data = instanceToPlain(body) as Record<string, unknown>;
    const checkedPeriod = month(period);
    const declared = await this.audit.recorded(actor, async () => {
      const added = await this.declarations.declare(actor.principal, id, checkedPeriod, data);
      // Earlier versions stay in the declarations table: `after` is the version this call added.
      return {
        result: added,
        change: {
          action: 'declaration.declare',
          targetType: 'declaration',
          targetId: added.id,
          after: added,
        },
      };
    });
    // Stored indicator sets fed by this month are recomputed by the indicator engine.
    const event: RegistryEvent = { type: 'declaration.declared', enterpriseId: id, period: declared.period };
    try {
      await this.bus.publish(REGISTRY_EVENTS_TOPIC, [{ key: id, value: Buffer.from(JSON.stringify(event)) }]);
    } catch (error) {
      // The declaration is saved; the enterprise endpoint notices the new version by itself.
      this.logger.warn(`declaration event not published: ${String(error)}`);
    }
    return declared;
  }

  @Get(':period')
  @ApiOperation({ summary: 'The current declaration of a month and its history, newest first' })
  async history(
    @CurrentPrincipal() scope: Principal,
    @Param('id', uuid) id: string,
    @Param('period') period: string,
  ) {
    const versions = await this.declarations.history(scope, id, month(period));
    if (!versions) throw ApiError.notFound('enterprise');
    if (versions.length === 0) throw ApiError.notFound('declaration');
    return { current: versions[0], history: versions };
  }
}
