import { counterReading, FlowProfile, machineState, productionCount } from './factory-model.js';
import { GripApiClient, GripApiError, TelemetryPointInput } from './grip-api.client.js';

export type SimulatedDevice =
  | {
      readonly externalId: string;
      readonly kind: 'meter';
      readonly metric: string;
      readonly profile: FlowProfile;
    }
  | { readonly externalId: string; readonly kind: 'machine'; readonly idealCycleTimeS: number };

export interface SimulatedAgent {
  /** `<agentId>.<secret>` as issued by the admin API. */
  readonly token: string;
  readonly name: string;
  readonly devices: readonly SimulatedDevice[];
}

/** Every reading of an agent's devices at one instant. */
export function readingsAt(agent: SimulatedAgent, atMs: number): TelemetryPointInput[] {
  const ts = new Date(atMs).toISOString();
  return agent.devices.flatMap((device): TelemetryPointInput[] => {
    if (device.kind === 'meter') {
      return [
        {
          device: device.externalId,
          metric: device.metric,
          ts,
          value: round(counterReading(device.profile, atMs)),
        },
      ];
    }
    const key = `${agent.name}/${device.externalId}`;
    const produced = productionCount(key, device.idealCycleTimeS, atMs);
    return [
      { device: device.externalId, metric: 'equipment.state', ts, value: machineState(key, atMs) },
      { device: device.externalId, metric: 'production.count', ts, value: produced },
      { device: device.externalId, metric: 'production.good_count', ts, value: Math.floor(produced * 0.96) },
    ];
  });
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const MAX_POINTS_PER_REQUEST = 5000;
const MAX_ATTEMPTS = 5;

export interface SimulatorLog {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Simulated edge agents: they push through the public ingest endpoint, as real agents do,
 * retrying a batch with the same batchId after a 503 or a network error.
 */
export class FactorySimulator {
  private timer?: NodeJS.Timeout;
  private sequence = 0;
  private running?: Promise<void>;

  constructor(
    private readonly baseUrl: string,
    private readonly agents: readonly SimulatedAgent[],
    private readonly log: SimulatorLog,
  ) {}

  /** Pushes readings every `stepMs` between two instants, e.g. the last days before the demo starts. */
  async backfill(fromMs: number, toMs: number, stepMs: number): Promise<number> {
    let pushed = 0;
    await Promise.all(
      this.agents.map(async (agent) => {
        let pending: TelemetryPointInput[] = [];
        for (let t = fromMs; t <= toMs; t += stepMs) {
          pending.push(...readingsAt(agent, t));
          if (pending.length >= MAX_POINTS_PER_REQUEST || t + stepMs > toMs) {
            const accepted = await this.push(agent, pending);
            pushed += accepted;
            pending = [];
          }
        }
      }),
    );
    return pushed;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.running) return; // a slow round must not pile up behind itself
      const now = Date.now();
      this.running = Promise.all(this.agents.map((agent) => this.push(agent, readingsAt(agent, now))))
        .then(() => undefined)
        .catch((error: unknown) => this.log.warn(`simulator round failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async push(agent: SimulatedAgent, points: TelemetryPointInput[]): Promise<number> {
    const client = new GripApiClient(this.baseUrl, agent.token);
    const batchId = `${agent.name}-${Date.now()}-${this.sequence++}`;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await client.pushTelemetry(batchId, points);
        if (result.rejected.length > 0)
          this.log.warn(`${agent.name}: ${result.rejected.length} points rejected`);
        return result.accepted;
      } catch (error) {
        const retryable = !(error instanceof GripApiError) || error.status === 503 || error.status === 429;
        if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
        const waitS =
          error instanceof GripApiError && error.retryAfterSeconds ? error.retryAfterSeconds : attempt;
        await new Promise((resolve) => setTimeout(resolve, waitS * 1000));
      }
    }
  }
}
