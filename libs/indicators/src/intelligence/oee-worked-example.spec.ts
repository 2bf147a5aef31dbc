import { readFileSync } from 'node:fs';
import { firstPassYield, oee, type OeeInput } from './oee.js';

// Golden fixture: the indicators.md §4 OEE worked example, computed by hand (see its explanation).
interface Fixture {
  input: OeeInput;
  expected: {
    status: string;
    unit: string;
    formulaId: string;
    methodologyVersion: string;
    plannedS: number;
    availability: number;
    performance: number;
    quality: number;
    oee: number;
    firstPassYield: number;
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/oee-worked-example.json', import.meta.url), 'utf8'),
) as Fixture;

describe('OEE worked example (one machine, one day)', () => {
  const result = oee(fixture.input);
  const { expected } = fixture;

  it('gives availability 0.8333, performance 0.9 and quality 0.95', () => {
    expect(result.inputs.plannedS).toBe(expected.plannedS);
    expect(result.inputs.availability).toBeCloseTo(expected.availability, 9);
    expect(result.inputs.performance).toBeCloseTo(expected.performance, 12);
    expect(result.inputs.quality).toBeCloseTo(expected.quality, 12);
  });

  it('gives OEE 0.7125', () => {
    if (result.status === 'missing') throw new Error(result.reason);
    expect(result).toMatchObject({
      status: expected.status,
      unit: expected.unit,
      formulaId: expected.formulaId,
      methodologyVersion: expected.methodologyVersion,
    });
    expect(result.value).toBeCloseTo(expected.oee, 12);
  });

  it('gives a first-pass yield of 0.95', () => {
    const fpy = firstPassYield(fixture.input);
    expect(fpy).toMatchObject({ status: 'ok', formulaId: 'intelligence.first_pass_yield', unit: 'fraction' });
    expect(fpy.status !== 'missing' && fpy.value).toBeCloseTo(expected.firstPassYield, 12);
  });
});
