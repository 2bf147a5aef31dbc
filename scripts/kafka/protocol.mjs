// Whether the installed kafkajs can talk to a broker: for every API kafkajs implements, the
// version it sends (its highest one, capped at the broker's highest — kafkajs ignores the
// broker's lowest) must be one the broker still accepts. Kafka 4.0 removed old protocol
// versions (KIP-896) and kafkajs has had no release since 2023, hence this check.
import net from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { requests } = require('kafkajs/src/protocol/requests/index.js');
const apiKeys = require('kafkajs/src/protocol/requests/apiKeys.js');
export const KAFKAJS_VERSION = require('kafkajs/package.json').version;

/** The APIs GRIP's KafkaBus and these scripts use (producer, consumer group, admin). */
export const USED = new Set([
  'Produce',
  'Fetch',
  'ListOffsets',
  'Metadata',
  'OffsetCommit',
  'OffsetFetch',
  'GroupCoordinator',
  'JoinGroup',
  'Heartbeat',
  'LeaveGroup',
  'SyncGroup',
  'DescribeGroups',
  'ApiVersions',
  'CreateTopics',
  'DeleteTopics',
  'InitProducerId',
]);

/** ApiVersions v0 (every broker answers it: it is how clients negotiate) → {apiKey: [min, max]}. */
export function brokerApiVersions(target, timeoutMs = 5000) {
  const [host, port] = target.split(':');
  return new Promise((resolve, reject) => {
    const clientId = Buffer.from('grip-check');
    const body = Buffer.alloc(10 + clientId.length);
    body.writeInt16BE(18, 0); // api key: ApiVersions
    body.writeInt16BE(0, 2); // api version
    body.writeInt32BE(1, 4); // correlation id
    body.writeInt16BE(clientId.length, 8);
    clientId.copy(body, 10);
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length, 0);
    const socket = net.connect({ host, port: Number(port) });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${target}`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.write(Buffer.concat([size, body])));
    let data = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 4 || data.length < 4 + data.readInt32BE(0)) return;
      socket.end();
      // size(4) correlation id(4) error code(2) count(4) then [key, min, max] int16 triples
      const errorCode = data.readInt16BE(8);
      if (errorCode !== 0) return reject(new Error(`ApiVersions answered error code ${errorCode}`));
      const versions = {};
      for (let i = 0, at = 14; i < data.readInt32BE(10); i++, at += 6) {
        versions[data.readInt16BE(at)] = [data.readInt16BE(at + 2), data.readInt16BE(at + 4)];
      }
      resolve(versions);
    });
  });
}

/** {rows, broken: names of used APIs without a common version, summary}. */
export async function checkProtocol(target) {
  const broker = await brokerApiVersions(target);
  const rows = [];
  const broken = [];
  for (const [name, definition] of Object.entries(requests)) {
    const implemented = definition.versions.map(Number);
    if (implemented.length === 0) continue; // kafkajs never sends it
    const range = broker[apiKeys[name]];
    const kafkajsMax = Math.max(...implemented);
    const sent = range ? Math.min(kafkajsMax, range[1]) : undefined;
    const ok = range !== undefined && sent >= range[0] && implemented.includes(sent);
    if (USED.has(name) && !ok) broken.push(name);
    rows.push({
      name,
      used: USED.has(name),
      kafkajs: `v${Math.min(...implemented)}-${kafkajsMax}`,
      broker: range ? `v${range[0]}-${range[1]}` : '-',
      verdict: ok ? `ok, v${sent}` : range ? `BROKEN: would send v${sent}` : 'broker lacks this API',
    });
  }
  const summary = `kafkajs ${KAFKAJS_VERSION}, ${rows.filter((r) => r.used).length} APIs used`;
  return { rows, broken, summary };
}
