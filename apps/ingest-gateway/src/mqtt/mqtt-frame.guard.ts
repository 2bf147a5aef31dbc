/**
 * Reads only the MQTT fixed headers (a type byte, then the remaining length in 1–4 bytes of
 * 7 bits) of the bytes a connection sends, and skips the bodies. aedes' parser buffers a whole
 * packet before anyone sees it, and MQTT allows 256 MB: the guard lets the listener close a
 * connection as soon as a packet announces more than the limit, before it is buffered.
 */
export class MqttFrameGuard {
  private phase: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private bodyLeft = 0;

  constructor(private readonly maxRemainingLength: number) {}

  /** false: a packet announced more than the limit, or a malformed length. Feed every chunk in order. */
  accept(chunk: Buffer): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.phase === 'body') {
        const skipped = Math.min(this.bodyLeft, chunk.length - i);
        i += skipped;
        this.bodyLeft -= skipped;
        if (this.bodyLeft === 0) this.phase = 'type';
        continue;
      }
      const byte = chunk[i++]!;
      if (this.phase === 'type') {
        this.phase = 'length';
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
        continue;
      }
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      this.lengthBytes++;
      if (byte & 0x80) {
        if (this.lengthBytes === 4) return false;
        continue;
      }
      if (this.length > this.maxRemainingLength) return false;
      this.bodyLeft = this.length;
      this.phase = this.length === 0 ? 'type' : 'body';
    }
    return true;
  }
}

/** The payload limit plus what a PUBLISH carries besides it: a topic (≤ 65,535 bytes + 2) and a packet id. */
export function maxPublishRemainingLength(maxPayloadBytes: number): number {
  return maxPayloadBytes + 65_535 + 2 + 2;
}
