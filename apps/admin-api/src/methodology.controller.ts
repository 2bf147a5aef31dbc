import { Body, Controller, Get, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, HumanAuthGuard, Roles, type Actor } from '#grip/auth';
import { ApiError } from '#grip/http';
import { checkMethodologyFactors } from '#grip/indicators';
import { MethodologyRepository } from '#grip/registry';
import { AuditTrail } from '#grip/audit';
import { PublishMethodologyDto } from './dto/methodology.dto.js';

/** Factors, thresholds and weights as versioned data (indicators.md §0). */
@ApiTags('indicators')
@ApiBearerAuth()
@UseGuards(HumanAuthGuard)
@Controller('api/v1/methodology')
export class MethodologyController {
  constructor(
    @Inject(MethodologyRepository) private readonly methodologies: MethodologyRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Published methodology versions, newest first (the first is the one in use)' })
  list() {
    return this.methodologies.list();
  }

  @Get(':version')
  @ApiOperation({ summary: 'One version with every factor, its unit, source, clause and confidence' })
  async get(@Param('version') version: string) {
    const found = await this.methodologies.byVersion(version);
    if (!found) throw ApiError.notFound('methodology version');
    return found;
  }

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Publish a new version; indicators computed from then on use it and name it' })
  async publish(@CurrentActor() actor: Actor, @Body() body: PublishMethodologyDto) {
    const problems = checkMethodologyFactors(body.factors);
    if (problems.length > 0)
      throw ApiError.badRequest('VALIDATION_FAILED', 'the methodology is invalid', problems);
    return this.audit.recorded(actor, async () => {
      const published = await this.methodologies.publish({
        version: body.version,
        factors: body.factors,
        notes: body.notes,
        publishedBy: actor.principal.userId,
      });
      return {
        result: published,
        change: {
          action: 'methodology.publish',
          targetType: 'methodology',
          targetId: published.version,
          after: { version: published.version, notes: published.notes, factors: published.factors.length },
        },
      };
    });
  }
}
