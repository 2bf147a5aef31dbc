import { createConnection } from 'node:net';
import { gzipSync } from 'node:zlib';
import { makeCreditCode } from '#grip/contracts';
import { GripApiClient } from '../../apps/edge-agent/src/grip-api.client.js';
import { PlatformProcess, startPlatform } from './support/platform-process.js';
import { freePort, MqttAgent } from './support/mqtt-agent.js';

const ADMIN = { GRIP_ADMIN_USER: 'ops', GRIP_ADMIN_PASSWORD: 'a-long-operator-password' };
const HOUR = 3_600_000;
/** A Shanghai calendar day ten days ago: inside the retention window, never in the future. */
const DAY_START = (() => {
  const shanghaiMidnight = Math.floor((Date.now() + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
  return shanghaiMidnight - 10 * 24 * HOUR;
})();
const at = (hours: number) => new Date(DAY_START + hours * HOUR).toISOString();
const elec = (hours: number, value: number) => ({
  device: 'elec-site',
  metric: 'electricity.active_energy',
  ts: at(hours),
  value,
});
const batch = (batchId: string, points: unknown[]) => Buffer.from(JSON.stringify({ batchId, points }));

/** MQTT 3.1.1 packets by hand: the test must control exactly when each byte is written. */
const remainingLength = (n: number) => {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
};
const utf8 = (text: string) => {
  const bytes = Buffer.from(text);
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
};
const packet = (type: number, body: Buffer) =>
  Buffer.concat([Buffer.from([type]), remainingLength(body.length), body]);
const connectPacket = (clientId: string, username: string, password: string) =>
  packet(
    0x10,
    // protocol "MQTT" level 4, flags: user name, password, clean session; keep-alive 60 s
    Buffer.concat([
      utf8('MQTT'),
      Buffer.from([4, 0xc2, 0, 60]),
      utf8(clientId),
      utf8(username),
      utf8(password),
    ]),
  );
const publishQos1Packet = (topic: string, messageId: number, payload: Buffer) =>
  packet(0x32, Buffer.concat([utf8(topic), Buffer.from([messageId >> 8, messageId & 0xff]), payload]));

interface Issued {
  agentId: string;
  secret: string;
}

describe('MQTT ingest: grip/v1/{agentId}/telemetry with the agent credential', () => {
  let platform: PlatformProcess;
  let mqttPort: number;
  let provider: GripApiClient;
  let enterpriseId: string;
  let a: Issued;
  let b: Issued;
  const open: MqttAgent[] = [];
  const connect = async (agent: Issued, clientId?: string) => {
    const connected = await MqttAgent.connect(mqttPort, agent.agentId, agent.secret, clientId);
    open.push(connected);
    return connected;
  };
  const resultTopic = (agent: Issued) => `grip/v1/${agent.agentId}/telemetry/result`;
  const telemetryTopic = (agent: Issued) => `grip/v1/${agent.agentId}/telemetry`;
  const electricityOfDay = async () => {
    const energy = await provider.request<{ total: { carriers: { carrier: string; quantity: number }[] } }>(
      'GET',
      `/api/v1/enterprises/${enterpriseId}/energy?granularity=day&from=${at(0)}&to=${at(24)}`,
    );
    return energy.total.carriers.find((c) => c.carrier === 'electricity')?.quantity ?? 0;
  };
  const connectError = (agent: Issued, secret: string, clientId?: string) =>
    MqttAgent.connect(mqttPort, agent.agentId, secret, clientId).then(
      () => {
        throw new Error('expected the CONNECT to be refused');
      },
      (error: unknown) => error as { code?: number },
    );

  beforeAll(async () => {
    mqttPort = await freePort();
    platform = await startPlatform({ ...ADMIN, MQTT_PORT: String(mqttPort), INGEST_MAX_BYTES: '100000' });
    const operator = await new GripApiClient(platform.url).login('ops', 'a-long-operator-password');
    const { id: providerId } = await operator.request<{ id: string }>('POST', '/api/v1/providers', {
      name: 'MQTT 服务商',
      creditCode: makeCreditCode('91440101MA5MQTP01'),
    });
    await operator.request('POST', '/api/v1/users', {
      username: 'mqtt-provider',
      password: 'provider-password-1',
      role: 'provider',
      providerId,
    });
    provider = await new GripApiClient(platform.url).login('mqtt-provider', 'provider-password-1');
    ({ id: enterpriseId } = await provider.request<{ id: string }>('POST', '/api/v1/enterprises', {
      name: '广州 MQTT 制造有限公司',
      creditCode: makeCreditCode('91440106MA5MQTE01'),
      regionCode: '440106',
      industryCode: 'C3851',
    }));
    await provider.request('POST', `/api/v1/enterprises/${enterpriseId}/devices`, {
      externalId: 'elec-site',
      name: 'site meter',
      kind: 'meter',
      metrics: ['electricity.active_energy'],
      attributes: { meterScope: 'site' },
    });
    const issue = () => provider.request<Issued>('POST', `/api/v1/enterprises/${enterpriseId}/agents`);
    a = await issue();
    b = await issue();
  });
  afterAll(async () => {
    await Promise.all(open.map((agent) => agent.end().catch(() => undefined)));
    await platform?.stop();
  });

  it('stores a QoS 1 batch before the PUBACK and publishes the result to the agent', async () => {
    expect(platform.output()).toContain(`MQTT ingest mqtt://127.0.0.1:${mqttPort}`);
    const agent = await connect(a);
    await agent.client.subscribeAsync(resultTopic(a), { qos: 1 });
    await agent.client.publishAsync(
      telemetryTopic(a),
      batch('mqtt-1', [elec(1, 1000), elec(13, 1600), { ...elec(14, 1), device: 'ghost' }]),
      { qos: 1 },
    );
    expect(await agent.nextResult()).toEqual({
      accepted: 2,
      rejected: [{ index: 2, code: 'UNKNOWN_DEVICE', message: expect.any(String) }],
    });
    // The PUBACK came after the bus handoff, which on the in-process bus waits for the writer.
    expect(await electricityOfDay()).toBe(600);
  });

  it('stores a repeated batchId once, and takes gzip, QoS 0 and QoS 2 too', async () => {
    const agent = await connect(a, `${a.agentId}-second`);
    await agent.client.subscribeAsync(resultTopic(a), { qos: 1 });
    await agent.client.publishAsync(telemetryTopic(a), batch('mqtt-1', [elec(1, 1000), elec(13, 1600)]), {
      qos: 1,
    });
    expect(await agent.nextResult()).toEqual({ accepted: 2, rejected: [] });
    expect(await electricityOfDay()).toBe(600);

    const gzipped = gzipSync(batch('mqtt-2', [elec(15, 1700)]));
    await agent.client.publishAsync(telemetryTopic(a), gzipped, { qos: 0 });
    expect(await agent.nextResult()).toEqual({ accepted: 1, rejected: [] });
    expect(await electricityOfDay()).toBe(700);

    // QoS 2 takes the QoS 1 path (PUBREC after the handoff); a known reading again changes nothing.
    await agent.client.publishAsync(telemetryTopic(a), batch('mqtt-2b', [elec(15, 1700)]), { qos: 2 });
    expect(await agent.nextResult()).toEqual({ accepted: 1, rejected: [] });
    expect(await electricityOfDay()).toBe(700);
  });

  it('handles a PUBLISH written the instant the CONNACK arrives (issue 15), 20 connections of 20', async () => {
    // After the day the other cases check (a reading before it would change their totals).
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const socket = createConnection(mqttPort, '127.0.0.1');
      socket.on('error', () => undefined);
      const outcome = await new Promise<string>((resolve) => {
        let received = Buffer.alloc(0);
        socket.on('data', (chunk: Buffer) => {
          received = Buffer.concat([received, chunk]);
          if (received.length === 4 && received[0] === 0x20) {
            if (received[3] !== 0) return resolve(`CONNACK ${received[3]}`);
            socket.write(
              publishQos1Packet(telemetryTopic(a), 7, batch(`race-${i}`, [elec(30 + i / 10, 5000 + i)])),
            );
          }
          // CONNACK (4 bytes), then the PUBACK of message 7
          if (received.length >= 8)
            resolve(received.subarray(4, 8).equals(Buffer.from([0x40, 2, 0, 7])) ? 'PUBACK' : 'other');
        });
        socket.once('close', () => resolve('closed without PUBACK'));
        socket.write(connectPacket(`${a.agentId}-race`, a.agentId, a.secret));
      });
      socket.end(Buffer.from([0xe0, 0])); // DISCONNECT
      outcomes.push(outcome);
    }
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => 'PUBACK'));
  });

  it('answers malformed JSON and an invalid batch on the result topic and keeps the session', async () => {
    const agent = await connect(a);
    await agent.client.subscribeAsync(resultTopic(a), { qos: 1 });
    await agent.client.publishAsync(telemetryTopic(a), Buffer.from('{"batchId": "x", '), { qos: 1 });
    expect(await agent.nextResult()).toMatchObject({ error: { code: 'BAD_REQUEST', details: [] } });
    await agent.client.publishAsync(telemetryTopic(a), batch('mqtt-3', []), { qos: 1 });
    expect(await agent.nextResult()).toMatchObject({
      error: { code: 'INVALID_BATCH', details: [{ field: 'points' }] },
    });
    expect(agent.client.connected).toBe(true);
  });

  it('answers 413 to a payload over INGEST_MAX_BYTES and hangs up on a packet far over it', async () => {
    const agent = await connect(a);
    await agent.client.subscribeAsync(resultTopic(a), { qos: 1 });
    const padded = (bytes: number) =>
      Buffer.from(JSON.stringify({ batchId: 'mqtt-big', points: [elec(17, 1)], pad: ' '.repeat(bytes) }));
    await agent.client.publishAsync(telemetryTopic(a), padded(120_000), { qos: 1 });
    expect(await agent.nextResult()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(agent.client.connected).toBe(true);

    agent.client.publish(telemetryTopic(a), padded(400_000), { qos: 1 });
    await agent.closed;
    expect(await electricityOfDay()).toBe(700);
  });

  it('refuses a wrong password, another agent’s client id, topic and results', async () => {
    expect((await connectError(a, 'x'.repeat(43))).code).toBe(4);
    expect((await connectError(a, a.secret, b.agentId)).code).toBe(2);

    const agent = await connect(a);
    // SUBACK 0x80 (failure); mqtt.js rejects on it. The session stays.
    await expect(agent.client.subscribeAsync(resultTopic(b), { qos: 1 })).rejects.toThrow(/Subscribe error/);
    await agent.client.subscribeAsync(resultTopic(a), { qos: 1 });
    agent.client.publish(telemetryTopic(b), batch('mqtt-4', [elec(16, 1800)]), { qos: 1 });
    expect(await agent.nextResult()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await agent.closed;
    expect(await electricityOfDay()).toBe(700);
  });

  it('survives garbage and a PUBLISH before CONNECT: the connection closes, the gateway stays up', async () => {
    const junk = [
      Buffer.from('GET / HTTP/1.1\r\n\r\n'),
      Buffer.from([0x30, 0x05, 0x00, 0x01, 0x61, 0x7b, 0x7d]), // PUBLISH without CONNECT
      Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f]), // a malformed remaining length
    ];
    for (const bytes of junk) {
      const socket = createConnection(mqttPort, '127.0.0.1');
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.on('error', () => undefined);
      socket.write(bytes);
      await closed;
    }
    expect((await fetch(`${platform.url}/health/live`)).status).toBe(200);
    // Takes over the `-second` session of an earlier case (same client id), so one session stays open.
    const agent = await connect(a, `${a.agentId}-second`);
    expect(agent.client.connected).toBe(true);
  });

  it('disconnects a revoked agent at once and refuses its reconnect', async () => {
    const agent = await connect(b);
    await provider.request('DELETE', `/api/v1/agents/${b.agentId}`);
    await agent.closed;
    expect((await connectError(b, b.secret)).code).toBe(4);
  });

  it('counts connections, publishes and refusals in /metrics', async () => {
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toMatch(/ingest_mqtt_connects_total\{result="accepted"\} [1-9]/);
    expect(metrics).toMatch(/ingest_mqtt_publishes_total\{qos="1"\} [1-9]/);
    expect(metrics).toMatch(/ingest_mqtt_refusals_total\{code="FORBIDDEN"\} 1/);
    // The 400 kB publish and the malformed remaining length.
    expect(metrics).toMatch(/ingest_mqtt_refusals_total\{code="PACKET_TOO_LARGE"\} 2/);
    // Open now: only `{agentId}-second`. Every other session of agent a used the client id
    // agentId or `-second` again, so each CONNECT ended the one before (MQTT-3.1.4-2), or the
    // gateway closed it.
    expect(metrics).toMatch(/ingest_mqtt_connections 1\b/);
  });

  it('stops cleanly with an MQTT session open, closing it', async () => {
    const agent = await connect(a);
    expect(await platform.stop()).toBe(0);
    await agent.closed;
  });
});
