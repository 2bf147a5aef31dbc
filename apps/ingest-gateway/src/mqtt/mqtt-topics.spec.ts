import {
  checkPublishTopic,
  mayUseClientId,
  maySubscribe,
  resultTopic,
  telemetryTopic,
} from './mqtt-topics.js';

const A = '0b6f2c9e-6a55-4f5e-9d7a-1c2b3d4e5f60';
const B = '7d1e8a44-2f0c-4b7b-8e61-0a9b8c7d6e5f';

describe('MQTT topics', () => {
  it('names the telemetry and result topics of api.md', () => {
    expect(telemetryTopic(A)).toBe(`grip/v1/${A}/telemetry`);
    expect(resultTopic(A)).toBe(`grip/v1/${A}/telemetry/result`);
  });

  it('lets an agent publish on its own telemetry topic only', () => {
    expect(checkPublishTopic(A, `grip/v1/${A}/telemetry`)).toBe('allowed');
    expect(checkPublishTopic(A, `grip/v1/${B}/telemetry`)).toBe('other-agent');
    for (const topic of [
      `grip/v1/${A}/telemetry/result`,
      `grip/v1/${A}/telemetry/`,
      `grip/v2/${A}/telemetry`,
      `/grip/v1/${A}/telemetry`,
      `grip/v1/${A}`,
      `GRIP/v1/${A}/telemetry`,
      '$SYS/broker',
      'telemetry',
    ]) {
      expect(checkPublishTopic(A, topic)).toBe('not-a-telemetry-topic');
    }
  });

  it('lets an agent subscribe to its own result topic and to nothing wider', () => {
    expect(maySubscribe(A, `grip/v1/${A}/telemetry/result`)).toBe(true);
    for (const filter of [
      `grip/v1/${B}/telemetry/result`,
      'grip/v1/+/telemetry/result',
      `grip/v1/${A}/#`,
      `grip/v1/${A}/telemetry`,
      '#',
      '$SYS/#',
    ]) {
      expect(maySubscribe(A, filter)).toBe(false);
    }
  });

  it('keeps an agent from taking another agent’s client id (and so its session)', () => {
    expect(mayUseClientId(A, '')).toBe(true);
    expect(mayUseClientId(A, A)).toBe(true);
    expect(mayUseClientId(A, `${A}-line-2`)).toBe(true);
    expect(mayUseClientId(A, B)).toBe(false);
    expect(mayUseClientId(A, `${B}-${A}`)).toBe(false);
    expect(mayUseClientId(A, `${A}x`)).toBe(false);
    expect(mayUseClientId(A, 'mqttjs_1234')).toBe(false);
  });
});
