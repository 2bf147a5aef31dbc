import { Logger } from '@nestjs/common';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsRepository } from '#grip/registry';
import { FactorySimulator, SimulatedAgent } from '../../../edge-agent/src/factory-simulator.js';
import { seedDemo } from './demo-seed.js';

const SEED_KEY = 'demo.seed.v1';
const BACKFILL_DAYS = 7;
const BACKFILL_STEP_MS = 15 * 60_000;

export interface DemoOptions {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly admin: { username: string; password: string };
  readonly simulate: boolean;
  readonly intervalMs: number;
}

/**
 * Seeds the demo once (a flag in Postgres makes later starts skip it), backfills a week of
 * readings through the ingest API, then keeps the simulated agents pushing. The agents'
 * credentials live in the data directory, as a real agent keeps its own in its config file.
 */
export async function runDemo(settings: SettingsRepository, options: DemoOptions): Promise<FactorySimulator> {
  const logger = new Logger('Demo');
  const agentsFile = join(options.dataDir, 'demo', 'agents.json');
  let agents: SimulatedAgent[];
  if (await settings.get(SEED_KEY)) {
    agents = JSON.parse(readFileSync(agentsFile, 'utf8')) as SimulatedAgent[];
  } else {
    const started = Date.now();
    agents = await seedDemo(options.baseUrl, options.admin);
    mkdirSync(join(options.dataDir, 'demo'), { recursive: true, mode: 0o700 });
    writeFileSync(agentsFile, JSON.stringify(agents, null, 2), { mode: 0o600 });
    chmodSync(agentsFile, 0o600);
    await settings.set(SEED_KEY, { seededAt: new Date().toISOString(), enterprises: agents.length });
    logger.log(`seeded ${agents.length} demo enterprises in ${Date.now() - started} ms`);
  }
  const simulator = new FactorySimulator(options.baseUrl, agents, logger);
  const now = Date.now();
  const from = now - BACKFILL_DAYS * 86_400_000;
  const backfillStarted = Date.now();
  const points = await simulator.backfill(from - (from % BACKFILL_STEP_MS), now, BACKFILL_STEP_MS);
  logger.log(
    `pushed ${points} readings of the last ${BACKFILL_DAYS} days through the ingest API in ${Date.now() - backfillStarted} ms`,
  );
  if (options.simulate) simulator.start(options.intervalMs);
  return simulator;
}
