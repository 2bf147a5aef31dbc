import { readFileSync } from 'node:fs';
import { carbonEmissions, type CarbonEmissionsInput, type EmissionLine } from './carbon-emissions.js';

// Golden fixture: exported electricity is deducted at the grid factor (indicators.md §3).
interface Fixture {
  input: CarbonEmissionsInput;
  expected: { status: string; lines: (Partial<EmissionLine> & { tco2: number })[]; totalTco2: number };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/exported-electricity.json', import.meta.url), 'utf8'),
) as Fixture;

describe('carbon: exported electricity', () => {
  const result = carbonEmissions(fixture.input);

  it('records the export as a negative line at the grid factor', () => {
    expect(result.inputs.lines).toHaveLength(fixture.expected.lines.length);
    fixture.expected.lines.forEach(({ tco2: expectedTco2, ...line }, i) => {
      const { tco2, ...actual } = result.inputs.lines[i];
      expect(actual).toMatchObject(line);
      expect(tco2).toBeCloseTo(expectedTco2, 6);
    });
  });

  it('deducts it from the total', () => {
    expect(result.status).toBe(fixture.expected.status);
    expect(result.status !== 'missing' && result.value).toBeCloseTo(fixture.expected.totalTco2, 6);
  });
});
