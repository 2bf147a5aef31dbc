#!/usr/bin/env node
// Stops the development broker that services-up.mjs started. See docs/kafka.md.
//
//   node scripts/kafka/services-down.mjs [--wipe]     (npm run services:down [-- --wipe])
//
// --wipe also deletes the broker's data (topics, offsets) in GRIP_CACHE_DIR/kafka-data; the
// cached jars stay. A broker named by KAFKA_BROKERS is never touched.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { DATA_DIR, PID_FILE, fail, isBroker, removePidFile, runningPid, say } from './common.mjs';

const STOP_TIMEOUT_MS = 30_000;
const KILL_TIMEOUT_MS = 5_000;

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--wipe');
if (unknown.length > 0) fail(`unknown argument ${unknown.join(' ')} (only --wipe)`);
const wipe = args.includes('--wipe');

if (process.env.KAFKA_BROKERS) say(`KAFKA_BROKERS is set: ${process.env.KAFKA_BROKERS} is not ours to stop`);

const pid = runningPid();
if (pid) {
  const started = Date.now();
  say(`stopping the broker (pid ${pid})`);
  signal(pid, 'SIGTERM');
  if (!(await exited(pid, STOP_TIMEOUT_MS))) {
    say(`still running after ${STOP_TIMEOUT_MS / 1000} s: SIGKILL`);
    signal(pid, 'SIGKILL');
    if (!(await exited(pid, KILL_TIMEOUT_MS))) fail(`pid ${pid} survived SIGKILL; pid file left in place`);
  }
  removePidFile();
  say(`stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} else if (existsSync(PID_FILE)) {
  say(
    `the broker of ${PID_FILE} (pid ${readFileSync(PID_FILE, 'utf8').trim()}) is gone; removing the pid file`,
  );
  removePidFile();
} else {
  say('no broker of ours is running');
}

if (wipe) {
  rmSync(DATA_DIR, { recursive: true, force: true });
  say(`wiped ${DATA_DIR}`);
}

function signal(target, name) {
  try {
    process.kill(target, name);
  } catch (error) {
    if (error.code !== 'ESRCH') fail(`cannot send ${name} to pid ${target}: ${error.message}`);
  }
}

async function exited(target, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isBroker(target)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return !isBroker(target);
}
