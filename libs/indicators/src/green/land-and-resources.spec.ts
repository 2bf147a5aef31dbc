import { readFileSync } from 'node:fs';
import { carbonPerUnitProduct } from '../carbon/carbon-intensity.js';
import { energyPerUnitProduct } from '../energy/comprehensive-energy.js';
import type { AnyIndicatorResult, DeclarationPeriod } from '../result.js';
import { buildingDensity, outputPerLandArea, plotRatio } from './land-use.js';
import {
  pollutantsPerUnitProduct,
  solidWasteUtilisation,
  wastewaterReuse,
  waterPerUnitProduct,
  type Pollutant,
} from './resources.js';

// Golden fixture: GB/T 36132 performance indicators of one enterprise-month, by hand (indicators.md §5).
interface Fixture {
  declared: {
    landAreaM2: number;
    totalFloorAreaM2: number;
    buildingFootprintM2: number;
    outputValueWanYuan: number;
    period: DeclarationPeriod;
    solidWaste: { generatedT: number; utilisedT: number; priorYearStockUtilisedT: number };
    pollutantsKg: Partial<Record<Pollutant, number>>;
    productOutput: { quantity: number; unit: string };
  };
  measured: {
    reusedM3: number;
    treatedM3: number;
    withdrawalM3: number;
    energyTce: number;
    emissionsTco2: number;
  };
  expected: Record<string, { value: number; unit: string }> & {
    pollutants: Record<Pollutant, Record<string, unknown>>;
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/land-and-resources.json', import.meta.url), 'utf8'),
) as Fixture;

describe('green performance indicators of one month', () => {
  const { declared: d, measured: m } = fixture;
  const results: Record<string, AnyIndicatorResult> = {
    'green.plot_ratio': plotRatio(d),
    'green.building_density': buildingDensity(d),
    'green.output_per_land_area': outputPerLandArea(d),
    'green.solid_waste_utilisation': solidWasteUtilisation(d.solidWaste),
    'green.wastewater_reuse': wastewaterReuse(m),
    'green.water_per_unit_product': waterPerUnitProduct({
      withdrawalM3: m.withdrawalM3,
      productOutput: d.productOutput,
    }),
    // §2 and §3 functions, reused as GB/T 36132 indicators.
    'energy.intensity.unit_product': energyPerUnitProduct(m.energyTce, d.productOutput),
    'carbon.intensity.unit_product': carbonPerUnitProduct(m.emissionsTco2, d.productOutput),
  };

  it.each(Object.keys(results))('%s', (formulaId) => {
    const result = results[formulaId];
    const expected = fixture.expected[formulaId];
    expect(result).toMatchObject({
      status: 'ok',
      formulaId,
      unit: expected.unit,
      methodologyVersion: '2026.1',
    });
    expect(result.status !== 'missing' && result.value).toBeCloseTo(expected.value, 8);
  });

  it('gives each pollutant per unit product, missing the undeclared one', () => {
    const results = pollutantsPerUnitProduct({ emissionsKg: d.pollutantsKg, productOutput: d.productOutput });
    for (const [pollutant, expected] of Object.entries(fixture.expected.pollutants)) {
      const { value, ...rest } = expected;
      const result = results[pollutant as Pollutant];
      expect(result).toMatchObject({ ...rest, formulaId: `green.pollutant_per_unit_product.${pollutant}` });
      if (value === undefined) expect(result).not.toHaveProperty('value');
      else expect(result.status !== 'missing' && result.value).toBeCloseTo(value as number, 12);
    }
  });
});
