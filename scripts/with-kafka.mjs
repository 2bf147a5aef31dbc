// Runs a command with a Kafka broker available: uses KAFKA_BROKERS or a broker already on
// 127.0.0.1:$KAFKA_PORT, otherwise starts the development broker (npm run services:up) and
// stops it again afterwards, so `npm test` works on a fresh machine with no other step.
// Usage: node scripts/with-kafka.mjs <command> [args…]
import { spawnSync } from 'node:child_process';
import net from 'node:net';

const port = Number(process.env.KAFKA_PORT ?? 9092);
const answers = () =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: false }).status ?? 1;

const ours = !process.env.KAFKA_BROKERS && !(await answers());
if (ours && run(process.execPath, ['scripts/kafka/services-up.mjs']) !== 0) process.exit(1);
const [command, ...args] = process.argv.slice(2);
const status = run(command, args);
if (ours) run(process.execPath, ['scripts/kafka/services-down.mjs']);
process.exit(status);
