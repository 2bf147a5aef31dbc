import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import { createServer, type Server } from 'node:net';
import { AgentAuthenticator, type AgentPrincipal } from '#grip/auth';
import { MQTT_OPTIONS, MqttTelemetryHandler, type MqttOptions } from './mqtt-telemetry.handler.js';
import { MqttFrameGuard, maxPublishRemainingLength } from './mqtt-frame.guard.js';
import { mayUseClientId, maySubscribe, resultTopic } from './mqtt-topics.js';
import { MqttMetrics } from './mqtt.metrics.js';

// CONNACK return codes of MQTT 3.1.1 (aedes declares them as a const enum, unusable here).
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;

interface Session {
  readonly principal: AgentPrincipal;
  /** `<agentId>.<secret>`, re-checked (from the authenticator's cache) on every publish. */
  readonly token: string;
}

/**
 * The MQTT side of the ingest gateway: an embedded aedes broker on its own port that is not a
 * general broker. CONNECT authenticates with the agent credential (username = agentId,
 * password = secret) through the same AgentAuthenticator as HTTP; a PUBLISH is ingested inside
 * authorizePublish — the hook aedes runs before it writes the PUBACK — so a QoS 1 ack means the
 * accepted points reached the bus; nothing is retained and nothing is forwarded except an
 * agent's own results to itself. Why not Mosquitto: docs/ingest.md.
 */
@Injectable()
export class MqttListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MqttListener.name);
  private broker?: Aedes;
  private server?: Server;
  private readonly requestedIds = new WeakMap<Client, string>();
  private readonly sessions = new WeakMap<Client, Session>();
  private readonly byAgent = new Map<string, Set<Client>>();
  /** When each agent was last revoked here: a CONNECT whose check began before loses. */
  private readonly revokedAt = new Map<string, number>();

  constructor(
    @Inject(MQTT_OPTIONS) private readonly options: MqttOptions,
    @Inject(AgentAuthenticator) private readonly agents: AgentAuthenticator,
    @Inject(MqttTelemetryHandler) private readonly telemetry: MqttTelemetryHandler,
    @Inject(MqttMetrics) private readonly metrics: MqttMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.port === 0) {
      this.logger.log('MQTT ingest is off (MQTT_PORT=0)');
      return;
    }
    const broker = await Aedes.createBroker({
      preConnect: (client, packet, done) => {
        this.requestedIds.set(client, packet.clientId ?? '');
        done(null, true);
      },
      authenticate: (client, username, password, done) => {
        this.authenticate(client, username, password)
          .then(
            (error) => done(error, error === null),
            (error: unknown) => done(refuse(BAD_USERNAME_OR_PASSWORD, String(error)), false),
          )
          .catch((error: unknown) => this.broken(error));
      },
      authorizePublish: (client, packet, done) => {
        this.publish(client, packet)
          .then(
            () => done(null),
            (error: unknown) => done(asError(error)),
          )
          .catch((error: unknown) => this.broken(error));
      },
      authorizeSubscribe: (client, subscription, done) => {
        const session = this.sessions.get(client);
        if (session && maySubscribe(session.principal.agentId, subscription.topic)) {
          // At most QoS 1: results are published at QoS 1 at most.
          done(null, { ...subscription, qos: Math.min(subscription.qos, 1) as 0 | 1 });
          return;
        }
        this.metrics.refused('SUBSCRIBE_FORBIDDEN');
        done(null, null); // SUBACK 0x80; the session stays
      },
      // Telemetry goes to the bus, never to subscribers; only an agent's own results reach it.
      authorizeForward: (client, packet) => {
        const session = this.sessions.get(client);
        return session && packet.topic === resultTopic(session.principal.agentId) ? packet : null;
      },
    });
    broker.on('clientReady', (client) => {
      const session = this.sessions.get(client);
      if (!session) return;
      let clients = this.byAgent.get(session.principal.agentId);
      if (!clients) this.byAgent.set(session.principal.agentId, (clients = new Set()));
      clients.add(client);
      this.metrics.connected();
    });
    broker.on('clientDisconnect', (client) => {
      const session = this.sessions.get(client);
      if (!session) return;
      const clients = this.byAgent.get(session.principal.agentId);
      if (clients?.delete(client)) this.metrics.disconnected();
      if (clients?.size === 0) this.byAgent.delete(session.principal.agentId);
    });
    this.broker = broker;
    const maxRemainingLength = maxPublishRemainingLength(this.options.maxBytes);
    const server = createServer((socket) => {
      broker.handle(socket);
      // Observes the chunks aedes reads (a 'data' listener beside its 'readable' one does not
      // change the flow), and hangs up on a packet too large to be worth buffering.
      const guard = new MqttFrameGuard(maxRemainingLength);
      socket.on('data', (chunk: Buffer) => {
        if (guard.accept(chunk)) return;
        this.metrics.refused('PACKET_TOO_LARGE');
        socket.destroy();
      });
    });
    this.server = server;
    const host = this.options.host;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.logger.log(`MQTT ingest listening on ${this.url} (topic grip/v1/{agentId}/telemetry)`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    const broker = this.broker;
    // server.close() waits for open connections: stop accepting, end the sessions, then wait.
    const closed = server && new Promise<void>((resolve) => server.close(() => resolve()));
    if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
    await closed;
  }

  /** `mqtt://host:port` once listening; undefined when MQTT is off. For the start-up banner. */
  get url(): string | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? `mqtt://${this.options.host}:${address.port}` : undefined;
  }

  /** A revoked credential: its sessions end now and the authenticator refuses it from now on. */
  disconnectAgent(agentId: string): void {
    this.revokedAt.set(agentId, Date.now());
    const clients = this.byAgent.get(agentId);
    if (!clients) return;
    this.logger.log(`closing ${clients.size} MQTT session(s) of revoked agent ${agentId}`);
    for (const client of [...clients]) client.close();
  }

  private async authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<AuthenticateError | null> {
    const startedAt = Date.now();
    const token = username && password ? `${username}.${password.toString('utf8')}` : undefined;
    const principal = token ? await this.agents.authenticate(token) : undefined;
    if (!token || !principal || (this.revokedAt.get(principal.agentId) ?? -1) >= startedAt) {
      this.metrics.connectRefused('UNAUTHORIZED');
      return refuse(BAD_USERNAME_OR_PASSWORD, 'missing, invalid or revoked agent credentials');
    }
    if (!mayUseClientId(principal.agentId, this.requestedIds.get(client) ?? '')) {
      this.metrics.connectRefused('CLIENT_ID_REJECTED');
      return refuse(
        IDENTIFIER_REJECTED,
        'the client id must be empty, the agentId or start with "{agentId}-"',
      );
    }
    this.sessions.set(client, { principal, token });
    return null;
  }

  /** Resolves to let aedes PUBACK (and drop the message); an error closes the connection. */
  private async publish(client: Client | null, packet: PublishPacket): Promise<void> {
    const session = client ? this.sessions.get(client) : undefined;
    // A will (published as the connection closes) is not telemetry: drop it.
    if (!client || !session || client.closed || !client.connected)
      throw new Error('not an open agent session');
    this.metrics.published(packet.qos);
    // The authenticator's cache makes this cheap; it bounds a missed revocation event by its TTL.
    if (!(await this.agents.authenticate(session.token))) {
      this.metrics.refused('UNAUTHORIZED');
      throw new Error('the agent credential was revoked');
    }
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const outcome = await this.telemetry.handle(session.principal, packet.topic, payload);
    if (outcome.code) this.metrics.refused(outcome.code);
    await this.sendResult(client, session.principal.agentId, outcome.result);
    if (!outcome.ack || outcome.disconnect) throw new Error(`refused: ${outcome.code ?? 'unknown'}`);
    // aedes publishes the packet after the ack: keep it from being retained or carried along.
    packet.retain = false;
    packet.payload = Buffer.alloc(0);
  }

  /** aedes threw from a callback: log it rather than let an unhandled rejection end the process. */
  private broken(error: unknown): void {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }

  /** To this connection only, if it subscribed to its result topic; before the PUBACK. */
  private async sendResult(client: Client, agentId: string, result: object): Promise<void> {
    const topic = resultTopic(agentId);
    const subscription = (client as Client & { subscriptions: Record<string, { qos: number } | undefined> })
      .subscriptions[topic];
    if (!subscription || client.closed) return;
    const payload = Buffer.from(JSON.stringify(result));
    const qos = Math.min(subscription.qos, 1) as 0 | 1;
    await new Promise<void>((resolve) =>
      client.publish({ cmd: 'publish', topic, payload, qos, retain: false, dup: false }, () => resolve()),
    );
  }
}

function refuse(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
