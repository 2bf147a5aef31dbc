import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/** The MQTT listener's own figures; points and batches are counted by IngestMetrics for both transports. */
@Injectable()
export class MqttMetrics {
  private readonly connections: Gauge;
  private readonly connects: Counter<'result'>;
  private readonly publishes: Counter<'qos'>;
  private readonly refusals: Counter<'code'>;
  private readonly serverCloses: Counter<'reason'>;

  constructor(@Inject(Registry) registry: Registry) {
    this.connections = new Gauge({
      name: 'ingest_mqtt_connections',
      help: 'authenticated MQTT sessions open now',
      registers: [registry],
    });
    this.connects = new Counter({
      name: 'ingest_mqtt_connects_total',
      help: 'MQTT CONNECTs by result (accepted, refused)',
      labelNames: ['result'],
      registers: [registry],
    });
    this.publishes = new Counter({
      name: 'ingest_mqtt_publishes_total',
      help: 'MQTT PUBLISHes received from agents, by QoS',
      labelNames: ['qos'],
      registers: [registry],
    });
    this.refusals = new Counter({
      name: 'ingest_mqtt_refusals_total',
      help: 'MQTT connects, publishes and subscriptions refused, by code',
      labelNames: ['code'],
      registers: [registry],
    });
    this.serverCloses = new Counter({
      name: 'ingest_mqtt_server_closes_total',
      help: 'MQTT connections the server closed, by reason (a refused CONNECT or PUBLISH, revocation, protocol error, keep-alive, takeover, shutdown)',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  connected(): void {
    this.connects.inc({ result: 'accepted' });
    this.connections.inc();
  }
  disconnected(): void {
    this.connections.dec();
  }
  connectRefused(code: string): void {
    this.connects.inc({ result: 'refused' });
    this.refusals.inc({ code });
  }
  published(qos: number): void {
    this.publishes.inc({ qos: String(qos) });
  }
  refused(code: string): void {
    this.refusals.inc({ code });
  }
  serverClosed(reason: string): void {
    this.serverCloses.inc({ reason });
  }
}
