import { readFileSync } from 'node:fs';
import { greenScore2018, type Green2018Input } from './green-2018.js';

// Golden fixture: the 2018 edition's gate and six weighted parts (indicators.md §5), by hand.
interface Case {
  name: string;
  gates?: Record<string, boolean | null>;
  omitParts?: string[];
  performance?: { status: 'ok' | 'partial' | 'missing'; value?: number } | null;
  expected: { status: string; value?: number; gate: string; failedGates?: string[]; absentParts?: string[] };
}
interface Fixture {
  gatesPass: Record<string, boolean>;
  parts: Record<string, number>;
  performance: { status: 'ok'; value: number };
  cases: Case[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/green-2018-gate-and-parts.json', import.meta.url), 'utf8'),
) as Fixture;

describe('green score, GB/T 36132-2018 edition', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const input: Green2018Input = {
      gates: { ...fixture.gatesPass, ...c.gates },
      parts: Object.fromEntries(Object.entries(fixture.parts).filter(([k]) => !c.omitParts?.includes(k))),
      performance: c.performance === undefined ? fixture.performance : c.performance,
    };
    const result = greenScore2018(input);
    expect(result.status).toBe(c.expected.status);
    expect(result.inputs.gate).toBe(c.expected.gate);
    if (c.expected.value === undefined) expect(result).not.toHaveProperty('value');
    else expect(result.status !== 'missing' && result.value).toBeCloseTo(c.expected.value, 8);
    if (c.expected.failedGates) expect(result.inputs.failedGates).toEqual(c.expected.failedGates);
    if (c.expected.absentParts) expect(result.inputs.absentParts).toEqual(c.expected.absentParts);
    if (result.status !== 'missing') expect(result.methodologyVersion).toBe('2026.1');
  });

  it('names every part’s weight and points once the gate passed', () => {
    const result = greenScore2018({
      gates: fixture.gatesPass,
      parts: fixture.parts,
      performance: fixture.performance,
    });
    expect(result.inputs.parts).toMatchObject({
      infrastructure: { weight: 20, achieved: 0.9, points: 18 },
      performance: { weight: 30, achieved: 0.75, points: 22.5 },
    });
    const weights = Object.values(result.inputs.parts!).reduce((acc, p) => acc + p.weight, 0);
    expect(weights).toBe(100);
  });

  it('refuses shares outside 0–1 and scores outside 0–100 (a caller error)', () => {
    expect(() => greenScore2018({ gates: fixture.gatesPass, parts: { product: 1.2 } })).toThrow(RangeError);
    expect(() =>
      greenScore2018({ gates: fixture.gatesPass, parts: {}, performance: { status: 'ok', value: 120 } }),
    ).toThrow(RangeError);
  });
});
