import { gunzipSync } from 'node:zlib';
import kafkajs from 'kafkajs';
import { useFastGzip } from './kafka-gzip-codec.js';

describe('the Kafka bus gzip codec', () => {
  it('writes standard gzip that any consumer reads, and reads it back', async () => {
    useFastGzip();
    const codec = kafkajs.CompressionCodecs[kafkajs.CompressionTypes.GZIP]!();
    const payload = Buffer.from(
      '0e000000-0000-4000-8000-000000000001\tm\t2026-01-01 00:00:00.000\t1.5\n'.repeat(500),
    );
    const compressed = await codec.compress({ buffer: payload } as never);
    expect(compressed.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(compressed.length).toBeLessThan(payload.length / 10);
    expect(gunzipSync(compressed)).toEqual(payload);
    expect(await codec.decompress(compressed)).toEqual(payload);
  });
});
