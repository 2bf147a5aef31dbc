import { counterReading, machineState, MODEL_EPOCH_MS, productionCount, rateAt } from './factory-model.js';

const profile = { meanPerHour: 800, dailySwing: 0.4, peakHourLocal: 14 };
const HOUR = 3_600_000;

describe('factory model', () => {
  it('integrates the rate: a whole day consumes 24 × the mean', () => {
    const start = Date.UTC(2026, 2, 1, 16); // local midnight
    expect(counterReading(profile, start + 24 * HOUR) - counterReading(profile, start)).toBeCloseTo(
      800 * 24,
      6,
    );
  });

  it('never runs backwards and peaks at the configured local hour', () => {
    let previous = counterReading(profile, MODEL_EPOCH_MS);
    for (let t = MODEL_EPOCH_MS; t < MODEL_EPOCH_MS + 3 * 24 * HOUR; t += 600_000) {
      const reading = counterReading(profile, t);
      expect(reading).toBeGreaterThanOrEqual(previous);
      previous = reading;
    }
    const peakUtc = Date.UTC(2026, 2, 1, 6); // 14:00 in Shanghai
    expect(rateAt(profile, peakUtc)).toBeCloseTo(800 * 1.4, 6);
    // The counter's slope matches the rate.
    const slope =
      (counterReading(profile, peakUtc + 1000) - counterReading(profile, peakUtc - 1000)) / (2000 / HOUR);
    expect(slope).toBeCloseTo(rateAt(profile, peakUtc), 2);
  });

  it('switches machines off at night and counts production monotonically', () => {
    expect(machineState('m1', Date.UTC(2026, 2, 1, 19))).toBe(0); // 03:00 local
    const states = new Set(
      Array.from({ length: 500 }, (_, i) => machineState('m1', Date.UTC(2026, 2, 2, 2) + i * 300_000)),
    );
    expect([...states].every((s) => [0, 1, 2, 3, 4].includes(s))).toBe(true);
    expect(states.has(2)).toBe(true);
    expect(productionCount('m1', 30, Date.UTC(2026, 2, 2))).toBeLessThanOrEqual(
      productionCount('m1', 30, Date.UTC(2026, 2, 3)),
    );
  });
});
