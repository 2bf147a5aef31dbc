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
import { MQTT5_UNSUPPORTED_PROTOCOL_VERSION, mqtt5RefusalConnack } from './mqtt5-connack.js';

// CONNACK return codes of MQTT 3.1.1 (aedes declares them as a const enum, unusable here).
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;
const CONNACK_REASONS: Record<number, string> = {
  1: 'UNSUPPORTED_PROTOCOL_VERSION',
  2: 'CLIENT_ID_REJECTED',
  4: 'UNAUTHORIZED',
};

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
  /** Why the server is closing a connection, set where it decides to; read when aedes reports the close. */
  private readonly closeReasons = new WeakMap<Client, { reason: string; detail: string }>();
  /** Connections whose server-side close was already counted and logged: once each. */
  private readonly closeCounted = new WeakSet<Client>();

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
        if (packet.protocolVersion === 5) {
          this.refuseMqtt5(client, done);
          return;
        }
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
        this.logger.warn(
          `refused MQTT subscription of ${client.id} (agent ${session?.principal.agentId ?? 'unauthenticated'}) to ${subscription.topic}: SUBSCRIBE_FORBIDDEN — only the agent's own result topic, exactly`,
        );
        done(null, null); // SUBACK 0x80; the session stays
      },
      // Telemetry goes to the bus, never to subscribers; only an agent's own results reach it.
      authorizeForward: (client, packet) => {
        const session = this.sessions.get(client);
        return session && packet.topic === resultTopic(session.principal.agentId) ? packet : null;
      },
    });
    // A session is open from its CONNACK on: aedes reads the client's next packets from then,
    // while 'clientReady' (client.connected) comes only after the offline queue is flushed —
    // later than a fast client's first PUBLISH (issue 15). Registering here means a revocation
    // reaches a session that has not flushed yet, and the gauge counts each connection once.
    broker.on('connackSent', (packet, client) => {
      const session = this.sessions.get(client);
      if (packet.returnCode !== 0 || !session || client.closed) return;
      let clients = this.byAgent.get(session.principal.agentId);
      if (!clients) this.byAgent.set(session.principal.agentId, (clients = new Set()));
      clients.add(client);
      this.metrics.connected();
      client.conn.once('close', () => {
        if (clients.delete(client)) this.metrics.disconnected();
        if (clients.size === 0 && this.byAgent.get(session.principal.agentId) === clients)
          this.byAgent.delete(session.principal.agentId);
      });
    });
    // aedes closes a connection on every error it sees: ours (a refused PUBLISH, a refused
    // CONNECT) and its own (a malformed packet, a PUBLISH before CONNECT, a keep-alive timeout).
    broker.on('keepaliveTimeout', (client) =>
      this.closeReasons.set(client, {
        reason: 'KEEPALIVE_TIMEOUT',
        detail: 'no packet within 1.5 × keep-alive',
      }),
    );
    const onClientError = (client: Client, error: Error) => {
      const known = this.closeReasons.get(client);
      // A socket error (ECONNRESET, EPIPE …) is the peer or the network ending the connection.
      if (!known && typeof (error as { code?: unknown }).code === 'string') {
        this.logger.debug(`MQTT connection ${client.id ?? ''} lost: ${error.message}`);
        return;
      }
      const connackCode = (error as { errorCode?: unknown }).errorCode;
      const reason =
        known?.reason ??
        (typeof connackCode === 'number'
          ? (CONNACK_REASONS[connackCode] ?? `CONNACK_${connackCode}`)
          : undefined) ??
        (/did not arrive in time/.test(error.message) ? 'CONNECT_TIMEOUT' : 'PROTOCOL_ERROR');
      // A CONNECT aedes refused itself (a 3.1 client id over 23 characters, a keep-alive limit).
      if (!known && typeof connackCode === 'number') this.metrics.connectRefused(reason);
      this.serverClosed(client, reason, known?.detail ?? error.message);
    };
    broker.on('clientError', onClientError);
    broker.on('connectionError', onClientError);
    this.broker = broker;
    const maxRemainingLength = maxPublishRemainingLength(this.options.maxBytes);
    const server = createServer((socket) => {
      const client = broker.handle(socket);
      // Observes the chunks aedes reads (a 'data' listener beside its 'readable' one does not
      // change the flow), and hangs up on a packet too large to be worth buffering.
      const guard = new MqttFrameGuard(maxRemainingLength);
      socket.on('data', (chunk: Buffer) => {
        if (guard.accept(chunk)) return;
        this.metrics.refused('PACKET_TOO_LARGE');
        this.serverClosed(
          client,
          'PACKET_TOO_LARGE',
          `a packet announced more than ${maxRemainingLength} bytes`,
        );
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
    for (const clients of this.byAgent.values())
      for (const client of clients) this.serverClosed(client, 'SHUTDOWN', 'the gateway is stopping');
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
    for (const client of [...clients]) {
      this.serverClosed(client, 'REVOKED', 'the agent credential was revoked');
      client.close();
    }
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
      return this.refuseConnect(
        client,
        BAD_USERNAME_OR_PASSWORD,
        'missing, invalid or revoked agent credentials',
      );
    }
    const requestedId = this.requestedIds.get(client) ?? '';
    if (!mayUseClientId(principal.agentId, requestedId)) {
      this.metrics.connectRefused('CLIENT_ID_REJECTED');
      return this.refuseConnect(
        client,
        IDENTIFIER_REJECTED,
        'the client id must be empty, the agentId or start with "{agentId}-"',
      );
    }
    // aedes ends the session holding this id as it registers the new one (MQTT-3.1.4-2).
    const registered = (this.broker as (Aedes & { clients: Record<string, Client | undefined> }) | undefined)
      ?.clients;
    const holder = requestedId ? registered?.[requestedId] : undefined;
    if (holder && holder !== client && !holder.closed)
      this.serverClosed(holder, 'SESSION_TAKEN_OVER', 'a new CONNECT with the same client id');
    this.sessions.set(client, { principal, token });
    return null;
  }

  private refuseConnect(client: Client, returnCode: number, message: string): AuthenticateError {
    this.closeReasons.set(client, {
      reason: CONNACK_REASONS[returnCode] ?? `CONNACK_${returnCode}`,
      detail: message,
    });
    return refuse(returnCode, message);
  }

  /**
   * MQTT 5 is refused, explicitly: aedes 1.2.0 implements 3.1 and 3.1.1 only (its CONNECT
   * handler answers any other version with return code 1). The client gets the MQTT 5 CONNACK
   * for it, reason code 0x84 with a reason string, then the connection closes; docs/ingest.md.
   */
  private refuseMqtt5(client: Client, done: (error: Error | null, success: boolean) => void): void {
    const reason = 'GRIP ingest speaks MQTT 3.1.1 only; connect with protocol version 4 (3.1.1)';
    this.metrics.connectRefused('UNSUPPORTED_PROTOCOL_VERSION');
    this.closeReasons.set(client, {
      reason: 'UNSUPPORTED_PROTOCOL_VERSION',
      detail: 'MQTT 5 CONNECT; ' + reason,
    });
    client.conn.write(mqtt5RefusalConnack(MQTT5_UNSUPPORTED_PROTOCOL_VERSION, reason), () =>
      done(new Error('MQTT 5 is not supported'), false),
    );
  }

  /** Counts and logs, once per connection, that the server closes it and why. */
  private serverClosed(client: Client, reason: string, detail: string): void {
    if (this.closeCounted.has(client)) return;
    this.closeCounted.add(client);
    this.metrics.serverClosed(reason);
    const agentId = this.sessions.get(client)?.principal.agentId ?? 'unauthenticated';
    const clientId = client.id ?? this.requestedIds.get(client) ?? '(no CONNECT yet)';
    this.logger.warn(`closing MQTT connection ${clientId} (agent ${agentId}): ${reason} — ${detail}`);
  }

  /**
   * Resolves to let aedes PUBACK (and drop the message); an error closes the connection.
   * aedes hands a PUBLISH here as soon as it has sent the CONNACK — before `client.connected`
   * turns true, which waits for the offline queue — so the session (set when the CONNECT was
   * authenticated) is the only test of an open connection; a closed one can only be a will.
   */
  private async publish(client: Client | null, packet: PublishPacket): Promise<void> {
    const session = client ? this.sessions.get(client) : undefined;
    if (!client || client.closed) {
      // A will, published by aedes as the connection closes: not telemetry, and nobody to tell.
      this.metrics.refused('WILL_DROPPED');
      throw new Error('a will is not telemetry');
    }
    if (!session)
      throw this.refusePublish(client, 'NO_SESSION', 'a PUBLISH outside an authenticated session');
    this.metrics.published(packet.qos);
    // The authenticator's cache makes this cheap; it bounds a missed revocation event by its TTL.
    if (!(await this.agents.authenticate(session.token))) {
      throw this.refusePublish(client, 'UNAUTHORIZED', 'the agent credential was revoked');
    }
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const outcome = await this.telemetry.handle(session.principal, packet.topic, payload);
    await this.sendResult(client, session.principal.agentId, outcome.result);
    if (outcome.code) {
      const message = 'error' in outcome.result ? outcome.result.error.message : outcome.code;
      if (!outcome.ack || outcome.disconnect) throw this.refusePublish(client, outcome.code, message);
      // Acknowledged refusals (the same bytes can never succeed): the session stays.
      this.metrics.refused(outcome.code);
      this.logger.warn(
        `refused MQTT publish from ${client.id} (agent ${session.principal.agentId}, acknowledged): ${outcome.code} — ${message}`,
      );
    }
    // aedes publishes the packet after the ack: keep it from being retained or carried along.
    packet.retain = false;
    packet.payload = Buffer.alloc(0);
  }

  /** Counts a refused PUBLISH and marks the connection as closed for it; aedes closes it on the error. */
  private refusePublish(client: Client, code: string, message: string): Error {
    this.metrics.refused(code);
    this.closeReasons.set(client, { reason: code, detail: `PUBLISH refused: ${message}` });
    return new Error(`refused: ${code}`);
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
