import fc from 'fast-check';
import { MqttFrameGuard } from './mqtt-frame.guard.js';

/** A packet as the wire carries it: type byte, remaining length (7 bits a byte), body. */
function packet(type: number, bodyBytes: number): Buffer {
  const length: number[] = [];
  let left = bodyBytes;
  do {
    const digit = left % 128;
    left = Math.floor(left / 128);
    length.push(left > 0 ? digit | 0x80 : digit);
  } while (left > 0);
  return Buffer.concat([Buffer.from([type, ...length]), Buffer.alloc(bodyBytes, 0x20)]);
}
// PUBLISH QoS 1: topic (2 + 19 bytes) and packet id (2) besides the payload.
const publish = (payloadBytes: number) => packet(0x32, 2 + 19 + 2 + payloadBytes);
const ping = packet(0xc0, 0);

/** Feeds the stream in chunks of `size` bytes, as a socket may deliver it. */
function feed(guard: MqttFrameGuard, stream: Buffer, size: number): boolean {
  for (let i = 0; i < stream.length; i += size) {
    if (!guard.accept(stream.subarray(i, i + size))) return false;
  }
  return true;
}

describe('MqttFrameGuard', () => {
  const stream = Buffer.concat([ping, publish(100), ping, publish(20_000), publish(0), ping]);

  it.each([1, 2, 3, 7, 1000, stream.length])(
    'lets packets within the limit through in chunks of %i bytes',
    (size) => {
      expect(feed(new MqttFrameGuard(20_100), stream, size)).toBe(true);
    },
  );

  it.each([1, 3, 4096])(
    'refuses a packet announcing more than the limit from its header alone (chunks of %i)',
    (size) => {
      const header = publish(30_000).subarray(0, 5); // type byte and remaining length only
      expect(feed(new MqttFrameGuard(20_100), Buffer.concat([ping, publish(100), header]), size)).toBe(false);
    },
  );

  it('refuses a remaining length longer than four bytes', () => {
    expect(new MqttFrameGuard(1e9).accept(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(false);
  });

  it('accepts any stream whose largest packet fits, refuses it one byte tighter, however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 5000 }),
        (bodies, chunkSize) => {
          const wire = Buffer.concat(bodies.map((bytes) => packet(0x30, bytes)));
          const largest = Math.max(...bodies);
          expect(feed(new MqttFrameGuard(largest), wire, chunkSize)).toBe(true);
          if (largest > 0) expect(feed(new MqttFrameGuard(largest - 1), wire, chunkSize)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
