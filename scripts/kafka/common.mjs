// Shared by services-up.mjs and services-down.mjs: where the development broker lives and
// how to tell whether it is ours and whether it answers.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

export const POM = fileURLToPath(new URL('./pom.xml', import.meta.url));

/** The pinned broker version: pom.xml is the one place it is written. */
export function kafkaVersion() {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match) fail(`no <kafka.version> in ${POM}`);
  return match[1].trim();
}

export function pomHash() {
  return createHash('sha256').update(readFileSync(POM)).digest('hex');
}

/** Outside the repository, so `git clean` and fresh CI clones keep the ~45 MB of jars. */
export const CACHE_DIR = process.env.GRIP_CACHE_DIR || join(homedir(), '.cache', 'grip');
/** KAFKA_DATA_DIR lets a test run a second, private broker beside the development one. */
export const DATA_DIR = process.env.KAFKA_DATA_DIR || join(CACHE_DIR, 'kafka-data');
export const PID_FILE = join(DATA_DIR, 'kafka.pid');
export const LOG_FILE = join(DATA_DIR, 'kafka.log');

export function port() {
  const value = Number(process.env.KAFKA_PORT ?? 9092);
  if (!Number.isInteger(value) || value < 1 || value > 65534) fail(`KAFKA_PORT must be a port number`);
  return value;
}

export function fail(message) {
  console.error(`kafka: ${message}`);
  process.exit(1);
}

export function say(message) {
  console.log(`kafka: ${message}`);
}

/** The pid in the pid file if that process is alive and is a Kafka broker (pids get reused). */
export function runningPid() {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isBroker(pid)) return undefined;
  return pid;
}

export function isBroker(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code === 'ESRCH') return false;
    // EPERM: alive but not ours to signal; the command line below decides.
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('kafka.Kafka');
  } catch {
    return false; // no /proc entry: the process is gone
  }
}

export function removePidFile() {
  rmSync(PID_FILE, { force: true });
}

/**
 * Waits until `brokers` answer a metadata request (kafkajs listTopics), as the bus will talk
 * to them. Returns the topic count; throws after `timeoutMs`. `stillWorth()` lets the caller
 * give up early (the broker process died).
 */
export async function waitForBroker(brokers, { timeoutMs, stillWorth = () => true, progress = () => {} }) {
  const kafka = new Kafka({
    clientId: 'grip-services',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const started = Date.now();
  let lastError;
  let lastReport = 0;
  while (Date.now() - started < timeoutMs) {
    if (!stillWorth()) throw new Error('the broker process exited');
    const admin = kafka.admin();
    try {
      await admin.connect();
      const topics = await admin.listTopics();
      return topics.length;
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    const waited = Date.now() - started;
    if (waited - lastReport >= 5000) {
      lastReport = waited;
      progress(Math.round(waited / 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no answer from ${brokers.join(',')} in ${timeoutMs / 1000} s (${lastError?.message})`);
}

/**
 * Makes the group coordinator ready before anyone needs it: the first FindCoordinator creates
 * __consumer_offsets, and until it is loaded every consumer's join fails and backs off. Doing
 * it here keeps the first test (or the first writer) from paying that price.
 */
export async function warmUpGroupCoordinator(brokers) {
  const kafka = new Kafka({ clientId: 'grip-services', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin({ retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 } });
  try {
    await admin.connect();
    await admin.describeGroups(['grip-services-warm-up']);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
