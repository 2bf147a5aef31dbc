#!/usr/bin/env node
// Prints, API by API, which protocol version kafkajs would use with a broker, and exits 1 if
// one that GRIP uses has no common version. Run it when changing the pinned Kafka version:
//   node scripts/kafka/check-protocol.mjs [host:port]   (default: KAFKA_BROKERS or 127.0.0.1:9092)
import { KAFKAJS_VERSION, checkProtocol } from './protocol.mjs';

const target = process.argv[2] ?? (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0].trim();
let result;
try {
  result = await checkProtocol(target);
} catch (error) {
  console.error(`check-protocol: cannot ask ${target} for its API versions: ${error.message}`);
  process.exit(1);
}
console.log(`kafkajs ${KAFKAJS_VERSION} against ${target} (* = used by GRIP):`);
for (const row of result.rows) {
  console.log(
    `${row.used ? '*' : ' '} ${row.name.padEnd(28)} kafkajs ${row.kafkajs.padEnd(8)} broker ${row.broker.padEnd(8)} ${row.verdict}`,
  );
}
if (result.broken.length > 0) {
  console.error(`check-protocol: no common version for ${result.broken.join(', ')}`);
  process.exit(1);
}
console.log('check-protocol: every API GRIP uses has a common version');
