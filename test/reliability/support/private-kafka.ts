import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPTS = join(process.cwd(), 'scripts/kafka');

/**
 * A broker of the suite's own (port, data directory), started from Kafka's jars by the same
 * script as the development broker, so the suite can kill it without disturbing anyone else.
 */
export class PrivateKafka {
  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    return this.script('services-up.mjs');
  }

  /** A crash: SIGKILL, no controlled shutdown. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const pid = Number(readFileSync(join(this.dataDir, 'kafka.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    for (;;) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): Promise<void> {
    return this.script('services-down.mjs');
  }

  private script(name: string): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_PORT: String(this.port),
      KAFKA_DATA_DIR: this.dataDir,
    };
    delete env.KAFKA_BROKERS; // ours, not a shared one
    const child = spawn(process.execPath, [join(SCRIPTS, name)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    return new Promise((resolve, reject) =>
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}:\n${output}`)),
      ),
    );
  }
}
