/** CONNACK reason code 0x84 of MQTT 5 (§3.2.2.2): Unsupported Protocol Version. */
export const MQTT5_UNSUPPORTED_PROTOCOL_VERSION = 0x84;
const REASON_STRING = 0x1f;

/**
 * An MQTT 5 CONNACK refusing the connection, with a Reason String a client can show. aedes
 * (1.2.0) speaks only 3.1 and 3.1.1 and answers a version-5 CONNECT with a 3.1.1 CONNACK
 * (return code 1), which a version-5 client has to guess at; this is the answer the MQTT 5
 * spec gives for it (§3.1.2.2). The reason string is kept under 128 bytes so every length
 * fits one byte of the variable-length encoding.
 */
export function mqtt5RefusalConnack(reasonCode: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8').subarray(0, 120);
  const properties = Buffer.concat([Buffer.from([REASON_STRING, 0, text.length]), text]);
  const variableHeader = Buffer.concat([Buffer.from([0x00, reasonCode, properties.length]), properties]);
  return Buffer.concat([Buffer.from([0x20, variableHeader.length]), variableHeader]);
}
