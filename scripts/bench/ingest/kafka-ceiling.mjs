// The Kafka ceiling: Kafka's own producer perf test (org.apache.kafka.tools.ProducerPerformance,
// what kafka-producer-perf-test.sh runs) with GRIP's own telemetry.raw messages as payloads —
// the TabSeparated batches the gateway publishes, so sizes and gzip ratio are the same — and
// GRIP's producer settings (acks=all, idempotent, gzip). Converted to points/s with the points
// per message.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { CACHE_DIR, kafkaVersion } from '../../kafka/common.mjs';
import { STORE, children, tempDir } from './common.mjs';
import { readings, rowOf } from './load.mjs';

/** Between payloads in the payload file; ProducerPerformance splits on it (a regex, so plain). */
const DELIMITER = '@@GRIP@@';

/** The gateway's message for each request body: the batch's points as TabSeparated rows. */
export async function telemetryPayloads({ perAgent, startSec, devices, batch, enterprises }) {
  const { encodeTelemetryTsv } = await import(STORE);
  const payloads = [];
  for (let a = 0; a < perAgent.length; a++) {
    const e = enterprises[a];
    let rows = [];
    for (const r of readings(a, perAgent[a], startSec, devices)) {
      rows.push(rowOf(e, r));
      if (rows.length === batch) {
        payloads.push(encodeTelemetryTsv(rows));
        rows = [];
      }
    }
    if (rows.length) payloads.push(encodeTelemetryTsv(rows));
  }
  return payloads;
}

export async function producerPerfTest({ brokers, topic, partitions, payloads, points, records }) {
  const kafka = new kafkajs.Kafka({
    clientId: 'grip-bench',
    brokers: [brokers],
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();

  const file = join(tempDir('grip-bench-payloads-'), 'payloads.txt');
  writeFileSync(file, payloads.map((p) => p.toString('utf8')).join(DELIMITER));
  const meanBytes = payloads.reduce((s, p) => s + p.length, 0) / payloads.length;
  const libs = join(CACHE_DIR, `kafka-${kafkaVersion()}`, 'libs');
  const args = [
    '-Xmx1g',
    '-cp',
    `${libs}/*`,
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--payload-file',
    file,
    '--payload-delimiter',
    DELIMITER,
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${brokers}`,
    'acks=all',
    'enable.idempotence=true',
    'compression.type=gzip',
    'max.in.flight.requests.per.connection=1', // as GRIP's producer: one request in flight
    `max.request.size=${64 * 1024 * 1024}`,
  ];
  const out = await new Promise((res, rej) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let text = '';
    child.stdout.on('data', (c) => (text += c));
    child.stderr.on('data', (c) => (text += c));
    child.once('error', rej);
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) res(text);
      else rej(new Error(`ProducerPerformance exited ${code}:\n${text.slice(-3000)}`));
    });
  });
  // The summary line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, …"
  const summary = out
    .split('\n')
    .filter((l) => /records sent, [0-9.]+ records\/sec/.test(l))
    .at(-1);
  if (!summary) throw new Error(`no summary from ProducerPerformance:\n${out.slice(-3000)}`);
  const recordsPerS = Number(/records sent, ([0-9.]+) records\/sec/.exec(summary)[1]);
  const pointsPerRecord = points / payloads.length;
  return {
    summary: summary.trim(),
    recordsPerS,
    meanBytes,
    pointsPerRecord,
    pointsPerS: recordsPerS * pointsPerRecord,
  };
}
