import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { createServer, type AddressInfo } from 'node:net';

/** A port free right now, for MQTT_PORT (the platform's PORT=0 trick has no MQTT banner to read). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An MQTT edge agent as the tests drive it: no automatic reconnect, results collected in order. */
export class MqttAgent {
  readonly results: unknown[] = [];
  private waiters: ((result: unknown) => void)[] = [];
  readonly closed: Promise<void>;

  private constructor(readonly client: MqttClient) {
    client.on('message', (_topic, payload) => {
      const result: unknown = JSON.parse(payload.toString());
      const waiter = this.waiters.shift();
      if (waiter) waiter(result);
      else this.results.push(result);
    });
    this.closed = new Promise((resolve) => client.once('close', () => resolve()));
  }

  static async connect(
    port: number,
    agentId: string,
    secret: string,
    clientId: string = agentId,
  ): Promise<MqttAgent> {
    const client = await mqtt.connectAsync(
      `mqtt://127.0.0.1:${port}`,
      { username: agentId, password: secret, clientId, reconnectPeriod: 0, connectTimeout: 10_000 },
      false,
    );
    return new MqttAgent(client);
  }

  /** The next result published on the agent's result topic. */
  nextResult(): Promise<unknown> {
    const ready = this.results.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async end(): Promise<void> {
    await this.client.endAsync(true);
  }
}
