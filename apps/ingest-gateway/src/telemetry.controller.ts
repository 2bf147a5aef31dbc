import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentAuthGuard, CurrentAgent, type AgentPrincipal } from '#grip/auth';
import { IngestService } from './ingest.service.js';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('ingest/v1')
export class TelemetryController {
  constructor(@Inject(IngestService) private readonly ingestService: IngestService) {}

  @Post('telemetry')
  @HttpCode(202)
  @UseGuards(AgentAuthGuard)
  @ApiOperation({
    summary: 'Push a batch of telemetry points',
    description:
      'Authorization: Bearer <agentId>.<secret>. Answers 202 {accepted, rejected} once the accepted points are handed ' +
      'to the bus; invalid points are named in `rejected` and never stored. A repeated batchId is stored once. ' +
      'An agent over its rate (points or requests per second) gets 429 RATE_LIMITED with Retry-After, and ' +
      'nothing of that batch is stored.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['batchId', 'points'],
      properties: {
        batchId: { type: 'string', example: 'agent-7-000123' },
        points: {
          type: 'array',
          items: {
            type: 'object',
            required: ['device', 'metric', 'ts', 'value'],
            properties: {
              device: { type: 'string', example: 'meter-main' },
              metric: { type: 'string', example: 'electricity.active_energy' },
              ts: { type: 'string', format: 'date-time', example: '2026-03-01T08:00:00+08:00' },
              value: { type: 'number', example: 123456.7 },
            },
          },
        },
      },
    },
  })
  ingest(@CurrentAgent() agent: AgentPrincipal, @Body() body: unknown) {
    return this.ingestService.ingest(agent, body);
  }
}
