import {
  encodeEnterpriseTsv,
  encodeTelemetryJson,
  encodeTelemetryTsv,
  TimestampFormatter,
} from './telemetry-tsv.js';

const E = '0e000000-0000-4000-8000-000000000001';
const D = 'de000000-0000-4000-8000-000000000001';

describe('telemetry row encoding', () => {
  it('formats timestamps as UTC date-times with milliseconds', () => {
    const f = new TimestampFormatter();
    expect(f.format(Date.parse('2024-03-10T00:00:00.007Z'))).toBe('2024-03-10 00:00:00.007');
    expect(f.format(Date.parse('2024-03-10T00:00:00.070Z'))).toBe('2024-03-10 00:00:00.070');
    expect(f.format(Date.parse('2024-03-10T23:59:59.999Z'))).toBe('2024-03-10 23:59:59.999');
    expect(f.format(Date.parse('1969-12-31T23:59:59.500Z'))).toBe('1969-12-31 23:59:59.500');
    expect(() => f.format(Number.NaN, 3)).toThrow('row 3: ts must be epoch milliseconds');
  });

  it('writes one TabSeparated line per row and escapes what would shift columns', () => {
    const ts = Date.parse('2024-03-10T08:00:00.250Z');
    expect(
      encodeTelemetryTsv([
        { enterpriseId: E, deviceId: D, metric: 'electricity.active_energy', ts, value: 12.5 },
        { enterpriseId: E, deviceId: D, metric: 'a\tb\nc\\d\re', ts, value: -1e21 },
      ]).toString('utf8'),
    ).toBe(
      `${E}\t${D}\telectricity.active_energy\t2024-03-10 08:00:00.250\t12.5\n` +
        `${E}\t${D}\ta\\tb\\nc\\\\d\\re\t2024-03-10 08:00:00.250\t-1e+21\n`,
    );
  });

  it('encodes batches longer than one piece, and non-ASCII metrics, as UTF-8', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ({
      enterpriseId: E,
      deviceId: D,
      metric: '温度',
      ts: i,
      value: i,
    }));
    const lines = encodeTelemetryTsv(rows).toString('utf8').split('\n');
    expect(lines).toHaveLength(1501);
    expect(lines[1499]).toBe(`${E}\t${D}\t温度\t1970-01-01 00:00:01.499\t1499`);
    expect(encodeTelemetryTsv([]).length).toBe(0);
  });

  it('encodes one enterprise’s points exactly as the same rows, escaping alternating values each time', () => {
    const points = [
      { deviceId: D, metric: 'a\tb', ts: 0, value: 1 },
      { deviceId: D, metric: 'plain', ts: 1, value: 2 },
      { deviceId: 'x\ny', metric: 'a\tb', ts: 2, value: 3 },
      { deviceId: D, metric: 'a\tb', ts: 3, value: 4 },
    ];
    const expected = encodeTelemetryTsv(points.map((p) => ({ ...p, enterpriseId: E })));
    expect(encodeEnterpriseTsv(E, points).toString()).toBe(expected.toString());
    expect(expected.toString().split('\n')[3]).toBe(`${E}\t${D}\ta\\tb\t1970-01-01 00:00:00.003\t4`);
    expect(encodeEnterpriseTsv('e\t1', points.slice(0, 1)).toString().startsWith('e\\t1\t')).toBe(true);
  });

  it('refuses values that are not finite numbers, naming the row', () => {
    const row = { enterpriseId: E, deviceId: D, metric: 'm', ts: 0, value: 1 };
    expect(() => encodeTelemetryTsv([row, { ...row, value: Number.POSITIVE_INFINITY }])).toThrow('row 1');
    expect(() => encodeTelemetryJson([{ ...row, value: Number.NaN }])).toThrow('row 0');
  });
});
