import { ApiError, DEFAULT_JSON_SHAPE_LIMITS } from '#grip/http';
import type { IngestResult, IngestService } from '../ingest.service.js';
import { MqttTelemetryHandler } from './mqtt-telemetry.handler.js';

const agent = { agentId: '0b6f2c9e-6a55-4f5e-9d7a-1c2b3d4e5f60', enterpriseId: 'e-1' };
const own = `grip/v1/${agent.agentId}/telemetry`;

/** The handler's own decisions only; IngestService is exercised for real in the e2e suite. */
function handlerWith(outcome: () => Promise<IngestResult>) {
  const calls: Buffer[] = [];
  const ingest = {
    ingestPayload: (_agent: unknown, payload: Buffer) => {
      calls.push(payload);
      return outcome();
    },
  } as unknown as IngestService;
  return {
    handler: new MqttTelemetryHandler(ingest, {
      host: '127.0.0.1',
      port: 0,
      maxBytes: 1024,
      json: DEFAULT_JSON_SHAPE_LIMITS,
    }),
    calls,
  };
}

describe('MqttTelemetryHandler', () => {
  it('acks an accepted batch and returns the HTTP 202 body', async () => {
    const { handler } = handlerWith(async () => ({ accepted: 2, rejected: [] }));
    expect(await handler.handle(agent, own, Buffer.from('{}'))).toEqual({
      ack: true,
      disconnect: false,
      result: { accepted: 2, rejected: [] },
    });
  });

  it('refuses another topic with 403 and a disconnect, without ingesting anything', async () => {
    const { handler, calls } = handlerWith(async () => ({ accepted: 1, rejected: [] }));
    const outcome = await handler.handle(
      agent,
      'grip/v1/7d1e8a44-2f0c-4b7b-8e61-0a9b8c7d6e5f/telemetry',
      Buffer.from('{}'),
    );
    expect(outcome).toMatchObject({ ack: false, disconnect: true, code: 'FORBIDDEN' });
    expect(outcome.result).toMatchObject({ error: { code: 'FORBIDDEN', details: [{ field: 'topic' }] } });
    expect(calls).toHaveLength(0);
  });

  it('acks a permanent refusal (the same bytes can never succeed) and keeps the session', async () => {
    const { handler } = handlerWith(async () => {
      throw ApiError.badRequest('INVALID_BATCH', 'points must be a non-empty array');
    });
    expect(await handler.handle(agent, own, Buffer.from('{}'))).toMatchObject({
      ack: true,
      disconnect: false,
      code: 'INVALID_BATCH',
      result: { error: { code: 'INVALID_BATCH' } },
    });
  });

  it.each([
    [
      'the bus is unavailable',
      ApiError.unavailable('telemetry cannot be stored right now', 5),
      'UNAVAILABLE',
      '5',
    ],
    ['the agent is over its rate', ApiError.rateLimited('slow down', 2), 'RATE_LIMITED', '2'],
  ])('withholds the ack and disconnects when %s, saying when to retry', async (_, error, code, retry) => {
    const { handler } = handlerWith(async () => {
      throw error;
    });
    expect(await handler.handle(agent, own, Buffer.from('{}'))).toMatchObject({
      ack: false,
      disconnect: true,
      code,
      result: { error: { code, details: [{ field: 'retryAfterSeconds', message: retry }] } },
    });
  });

  it('turns an unexpected failure into a bare 500 and a disconnect, never a crash', async () => {
    const { handler } = handlerWith(async () => {
      throw new Error('SELECT … failed at host db-7');
    });
    const outcome = await handler.handle(agent, own, Buffer.from('{}'));
    expect(outcome).toMatchObject({ ack: false, disconnect: true, code: 'INTERNAL' });
    expect(JSON.stringify(outcome.result)).not.toContain('db-7');
  });
});
