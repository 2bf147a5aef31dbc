import { readFileSync } from 'node:fs';
import {
  equipmentDigitisationRate,
  equipmentIntelligenceRate,
  equipmentOnCloudRate,
  keyProcessNcRate,
  networkingRate,
  type EquipmentRate,
  type EquipmentTelemetryInput,
} from './equipment-rates.js';
import { intelligenceIndex } from './intelligence-index.js';

// Golden fixture: register + telemetry rates of indicators.md §4 and their index, by hand.
interface Expected {
  value: number;
  populationCount: number;
  matchingCount: number;
}
interface Fixture {
  input: EquipmentTelemetryInput;
  expected: Record<string, Expected> & { index: { value: number; weights: Record<string, number> } };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/equipment-register-rates.json', import.meta.url), 'utf8'),
) as Fixture;

describe('equipment rates of a 30-day month', () => {
  const rates: Record<string, EquipmentRate> = {
    digitisation_rate: equipmentDigitisationRate(fixture.input),
    networking_rate: networkingRate(fixture.input),
    key_process_nc_rate: keyProcessNcRate(fixture.input),
    equipment_intelligence_rate: equipmentIntelligenceRate(fixture.input),
    equipment_on_cloud_rate: equipmentOnCloudRate(fixture.input),
  };

  it.each(Object.keys(rates))('%s', (name) => {
    const result = rates[name];
    const { value, ...counts } = fixture.expected[name];
    if (result.status === 'missing') throw new Error(result.reason);
    expect(result).toMatchObject({ status: 'ok', unit: 'fraction', formulaId: `intelligence.${name}` });
    expect(result.value).toBeCloseTo(value, 12);
    expect(result.inputs).toMatchObject({ ...counts, unclassifiedIds: [] });
  });

  it('weights the rates into the index and publishes the weights', () => {
    const index = intelligenceIndex(rates);
    if (index.status === 'missing') throw new Error(index.reason);
    expect(index).toMatchObject({ status: 'ok', unit: 'index 0-100', formulaId: 'intelligence.index' });
    expect(index.value).toBeCloseTo(fixture.expected.index.value, 10);
    expect(index.inputs.weights).toEqual(fixture.expected.index.weights);
    expect(index.inputs.renormalised).toBe(false);
  });
});
