import { MQTT5_UNSUPPORTED_PROTOCOL_VERSION, mqtt5RefusalConnack } from './mqtt5-connack.js';

describe('mqtt5RefusalConnack', () => {
  it('encodes an MQTT 5 CONNACK: type 2, no session, reason 0x84, a Reason String property', () => {
    const bytes = mqtt5RefusalConnack(MQTT5_UNSUPPORTED_PROTOCOL_VERSION, 'use 3.1.1');
    // 0x20, remaining 15 = flags 1 + reason 1 + property length 1 + (id 1 + length 2 + 9 bytes)
    expect([...bytes.subarray(0, 8)]).toEqual([0x20, 15, 0x00, 0x84, 12, 0x1f, 0x00, 9]);
    expect(bytes.subarray(8).toString()).toBe('use 3.1.1');
    expect(bytes.length).toBe(2 + 15);
  });

  it('keeps every length within one byte for a long reason', () => {
    const bytes = mqtt5RefusalConnack(0x84, 'x'.repeat(500));
    expect(bytes[1]).toBe(bytes.length - 2);
    expect(bytes[1]! < 128).toBe(true);
  });
});
