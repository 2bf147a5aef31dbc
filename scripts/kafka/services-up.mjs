#!/usr/bin/env node
// Starts a single-node Apache Kafka (KRaft, broker and controller in one JVM) for development
// and CI, from Kafka's own jars on Maven Central. See docs/kafka.md.
//
//   node scripts/kafka/services-up.mjs     (npm run services:up)
//
// KAFKA_BROKERS=host:port[,…]  use that broker instead: only check that it answers.
// KAFKA_PORT (9092)            client port; the controller listens on KAFKA_PORT + 1.
// KAFKA_DATA_DIR               where the broker keeps its data, pid and log (GRIP_CACHE_DIR/kafka-data).
// GRIP_CACHE_DIR (~/.cache/grip) jars in kafka-<version>/libs, broker data in kafka-data.
// KAFKA_HEAP_OPTS (-Xms256m -Xmx512m) JVM heap.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import {
  CACHE_DIR,
  DATA_DIR,
  LOG_FILE,
  PID_FILE,
  POM,
  fail,
  isBroker,
  kafkaVersion,
  pomHash,
  port,
  removePidFile,
  runningPid,
  say,
  waitForBroker,
  warmUpGroupCoordinator,
} from './common.mjs';
import { checkProtocol } from './protocol.mjs';

const START_TIMEOUT_MS = 90_000;
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

if (process.env.KAFKA_BROKERS) {
  const brokers = process.env.KAFKA_BROKERS.split(',').map((b) => b.trim());
  say(`KAFKA_BROKERS is set: using ${brokers.join(',')}, not starting a broker`);
  try {
    const topics = await waitForBroker(brokers, {
      timeoutMs: 30_000,
      progress: (s) => say(`waiting for ${brokers.join(',')} … ${s} s`),
    });
    await assertProtocol(brokers[0]);
    say(`${brokers.join(',')} answers (${topics} topics)`);
  } catch (error) {
    fail(`KAFKA_BROKERS=${process.env.KAFKA_BROKERS} is not usable: ${error.message}`);
  }
  process.exit(0);
}

const version = kafkaVersion();
const clientPort = port();
const controllerPort = clientPort + 1;
const bootstrap = `127.0.0.1:${clientPort}`;

const existing = runningPid();
if (existing) {
  const listening = /PLAINTEXT:\/\/127\.0\.0\.1:(\d+)/.exec(
    readFileSync(join(DATA_DIR, 'server.properties'), 'utf8'),
  )?.[1];
  if (listening && Number(listening) !== clientPort) {
    fail(`our broker (pid ${existing}) already runs on port ${listening}; npm run services:down first`);
  }
  try {
    await waitForBroker([bootstrap], { timeoutMs: START_TIMEOUT_MS, stillWorth: () => isBroker(existing) });
  } catch (error) {
    fail(
      `a broker is running (pid ${existing}) but does not answer on ${bootstrap}: ${error.message}; ` +
        `see ${LOG_FILE}, or run npm run services:down`,
    );
  }
  say(`already running (pid ${existing}) at ${bootstrap}`);
  process.exit(0);
}
if (existsSync(PID_FILE)) {
  say('removing a stale pid file (that broker is gone)');
  removePidFile();
}
for (const p of [clientPort, controllerPort]) {
  if (await portAnswers(p)) {
    fail(
      `port ${p} is taken by another process. To use a broker already listening there, set ` +
        `KAFKA_BROKERS=127.0.0.1:${p}; to run ours elsewhere, set KAFKA_PORT (the controller takes KAFKA_PORT+1)`,
    );
  }
}

const libs = ensureJars();
mkdirSync(DATA_DIR, { recursive: true });
const { properties, log4j } = writeConfig();
formatOnce(libs, properties, log4j);
await start(libs, properties, log4j);

/** Kafka's jars, resolved by Maven once per version (and pom change) into the cache. */
function ensureJars() {
  const home = join(CACHE_DIR, `kafka-${version}`);
  const libsDir = join(home, 'libs');
  const stamp = join(home, 'pom.sha256');
  if (existsSync(libsDir) && existsSync(stamp) && readFileSync(stamp, 'utf8') === pomHash()) return libsDir;
  say(`fetching Apache Kafka ${version} jars with Maven into ${libsDir} (once)`);
  const partial = `${libsDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const t0 = Date.now();
  const mvn = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      POM,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${partial}`,
    ],
    // Quiet on success (mvn -q still prints colour resets); the whole output on failure.
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (mvn.error?.code === 'ENOENT') {
    fail('Maven (mvn) is needed to fetch the Kafka jars; install it, or point KAFKA_BROKERS at a broker');
  }
  if (mvn.status !== 0) {
    fail(
      `Maven could not resolve org.apache.kafka:kafka_2.13:${version} (exit ${mvn.status}):\n` +
        `${mvn.stdout ?? ''}${mvn.stderr ?? ''}`,
    );
  }
  // The rename makes the cache all-or-nothing: an interrupted download is fetched again.
  rmSync(libsDir, { recursive: true, force: true });
  renameSync(partial, libsDir);
  writeFileSync(stamp, pomHash());
  say(`${readdirSync(libsDir).length} jars fetched in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return libsDir;
}

function writeConfig() {
  const properties = join(DATA_DIR, 'server.properties');
  const log4j = join(DATA_DIR, 'log4j2.properties');
  // Rewritten on every start so KAFKA_PORT and this file stay the truth; the data
  // (log.dirs, formatted once) is what persists.
  writeFileSync(
    properties,
    [
      '# Written by scripts/kafka/services-up.mjs on every start: edit that script, not this file.',
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${clientPort},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${clientPort}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${join(DATA_DIR, 'logs')}`,
      'num.partitions=6',
      // The bus creates its topics (with its partition count); a typo must not create one.
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      // 6 instead of 50: a single-node dev broker, and a faster first consumer-group join.
      'offsets.topic.num.partitions=6',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      // Development data: a day is plenty, and keeps the cache from growing without bound.
      'log.retention.hours=24',
      '',
    ].join('\n'),
  );
  writeFileSync(
    log4j,
    [
      'rootLogger.level=INFO',
      'rootLogger.appenderRef.stdout.ref=STDOUT',
      'appender.stdout.type=Console',
      'appender.stdout.name=STDOUT',
      'appender.stdout.layout.type=PatternLayout',
      'appender.stdout.layout.pattern=[%d] %p %m (%c)%n',
      // Each topic a test creates logs dozens of INFO lines from these; warnings still show.
      'logger.state.name=state.change.logger',
      'logger.state.level=WARN',
      'logger.log.name=org.apache.kafka.storage.internals.log',
      'logger.log.level=WARN',
      'logger.unified.name=kafka.log.UnifiedLog',
      'logger.unified.level=WARN',
      '',
    ].join('\n'),
  );
  return { properties, log4j };
}

function java() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** KRaft needs its storage formatted with a cluster id once; later starts reuse it. */
function formatOnce(libsDir, properties, log4j) {
  if (existsSync(join(DATA_DIR, 'logs', 'meta.properties'))) return;
  // Kafka's Uuid: 16 random bytes, base64url; ids starting with '-' are avoided like Kafka does.
  let clusterId;
  do clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-'));
  say(`formatting ${join(DATA_DIR, 'logs')} (cluster ${clusterId})`);
  const format = spawnSync(
    java(),
    [
      `-Dlog4j2.configurationFile=${log4j}`,
      '-cp',
      `${libsDir}/*`,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      properties,
    ],
    { encoding: 'utf8' },
  );
  if (format.error?.code === 'ENOENT') fail('Java 17+ (java) is needed to run the broker');
  if (format.status !== 0) fail(`formatting the storage failed:\n${format.stdout}${format.stderr}`);
  writeFileSync(join(DATA_DIR, 'formatted-by'), `${version}\n`);
}

async function start(libsDir, properties, log4j) {
  const formattedBy = existsSync(join(DATA_DIR, 'formatted-by'))
    ? readFileSync(join(DATA_DIR, 'formatted-by'), 'utf8').trim()
    : version;
  const heap = (process.env.KAFKA_HEAP_OPTS ?? '-Xms256m -Xmx512m').split(/\s+/).filter(Boolean);
  const log = openSync(LOG_FILE, 'w');
  const child = spawn(
    java(),
    [
      ...heap,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${log4j}`,
      '-cp',
      `${libsDir}/*`,
      'kafka.Kafka',
      properties,
    ],
    // Detached in its own process group, so it outlives this script and the shell's Ctrl-C.
    { detached: true, stdio: ['ignore', log, log] },
  );
  let exited;
  child.on('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
  child.on('error', (error) =>
    fail(error.code === 'ENOENT' ? 'Java 17+ (java) is needed to run the broker' : error.message),
  );
  child.unref();
  writeFileSync(PID_FILE, `${child.pid}\n`);
  say(`starting Apache Kafka ${version} (pid ${child.pid}), log: ${LOG_FILE}`);

  try {
    await waitForBroker([bootstrap], {
      timeoutMs: START_TIMEOUT_MS,
      stillWorth: () => exited === undefined,
      progress: (s) => say(`waiting for the broker … ${s} s`),
    });
    await warmUpGroupCoordinator([bootstrap]);
    await assertProtocol(bootstrap);
  } catch (error) {
    if (exited === undefined) {
      process.kill(child.pid, 'SIGKILL');
    }
    removePidFile();
    const tail = readFileSync(LOG_FILE, 'utf8').split('\n').slice(-25).join('\n');
    const hint =
      formattedBy !== version
        ? `\nThe data in ${DATA_DIR} was formatted by Kafka ${formattedBy}; npm run services:down -- --wipe resets it.`
        : '';
    fail(
      `the broker did not come up (${exited ?? error.message}). Last lines of ${LOG_FILE}:\n${tail}${hint}`,
    );
  }
  say(`Apache Kafka ${version} is up at ${bootstrap} in ${seconds()} s (KAFKA_BROKERS=${bootstrap})`);
  say('stop it with npm run services:down');
}

/** kafkajs is unmaintained: refuse a broker it cannot speak to, rather than fail later. */
async function assertProtocol(broker) {
  const { broken, summary } = await checkProtocol(broker);
  if (broken.length > 0) {
    throw new Error(
      `kafkajs cannot speak ${broken.join(', ')} to this broker (${summary}); ` +
        'see node scripts/kafka/check-protocol.mjs',
    );
  }
}

function portAnswers(p) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: p });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}
