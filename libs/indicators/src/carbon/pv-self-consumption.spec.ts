import { readFileSync } from 'node:fs';
import { carbonEmissions, type CarbonEmissionsInput, type EmissionLine } from './carbon-emissions.js';

// Golden fixture: self-consumed on-site PV counts 0 tCO2 (indicators.md §3).
interface Fixture {
  input: CarbonEmissionsInput;
  expected: { status: string; lines: (Partial<EmissionLine> & { tco2: number })[]; totalTco2: number };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/pv-self-consumption.json', import.meta.url), 'utf8'),
) as Fixture;

describe('carbon: self-consumed PV', () => {
  const result = carbonEmissions(fixture.input);

  it('shows the PV as a zero-emission line, not hidden', () => {
    fixture.expected.lines.forEach(({ tco2: expectedTco2, ...line }, i) => {
      const { tco2, ...actual } = result.inputs.lines[i];
      expect(actual).toMatchObject(line);
      expect(tco2).toBeCloseTo(expectedTco2, 6);
    });
  });

  it('counts only grid electricity', () => {
    expect(result.status).toBe(fixture.expected.status);
    expect(result.status !== 'missing' && result.value).toBeCloseTo(fixture.expected.totalTco2, 6);
  });
});
