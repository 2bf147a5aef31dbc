import { DEFAULT_METHODOLOGY, type Methodology } from '../methodology/methodology.js';
import {
  FRACTION,
  periodsPerYearOf,
  ratioResult,
  type Amount,
  type DeclarationPeriod,
  type IndicatorResult,
} from '../result.js';

/** Intensive land use, GB/T 36132 performance indicators (indicators.md §5), from declared data. */
export const LAND_USE_FORMULA_IDS = {
  plotRatio: 'green.plot_ratio',
  buildingDensity: 'green.building_density',
  outputPerLandArea: 'green.output_per_land_area',
} as const;

const M2_PER_HA = 10_000;

const LAND = { name: 'landAreaM2', label: 'land area (m²)' } as const;

/**
 * Plot ratio (容积率): total floor area ÷ land area. The declared floor area already counts
 * storeys over 8 m twice (indicators.md §1.3); this function does not adjust it.
 */
export function plotRatio(
  input: { readonly totalFloorAreaM2: Amount; readonly landAreaM2: Amount },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof LAND_USE_FORMULA_IDS.plotRatio> {
  return ratioResult({
    formulaId: LAND_USE_FORMULA_IDS.plotRatio,
    unit: 'm2/m2',
    numerator: { name: 'totalFloorAreaM2', value: input.totalFloorAreaM2, label: 'total floor area (m²)' },
    denominator: { ...LAND, value: input.landAreaM2 },
    methodology,
  });
}

/** Building density (建筑密度): building footprint ÷ land area, a fraction. */
export function buildingDensity(
  input: { readonly buildingFootprintM2: Amount; readonly landAreaM2: Amount },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof LAND_USE_FORMULA_IDS.buildingDensity> {
  return ratioResult({
    formulaId: LAND_USE_FORMULA_IDS.buildingDensity,
    unit: FRACTION,
    numerator: {
      name: 'buildingFootprintM2',
      value: input.buildingFootprintM2,
      label: 'building footprint (m²)',
    },
    denominator: { ...LAND, value: input.landAreaM2 },
    share: true,
    methodology,
  });
}

/**
 * Output per land area (单位用地面积产值): output value per year ÷ land area, 万元/ha
 * (m² ÷ 10,000 = ha). Output value is a flow and land a stock, so a month's or quarter's output
 * is annualised (×12, ×4) to compare with the annual benchmarks.
 */
export function outputPerLandArea(
  input: {
    readonly outputValueWanYuan: Amount;
    readonly landAreaM2: Amount;
    readonly period: DeclarationPeriod;
  },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof LAND_USE_FORMULA_IDS.outputPerLandArea> {
  const periodsPerYear = periodsPerYearOf(input.period);
  return ratioResult({
    formulaId: LAND_USE_FORMULA_IDS.outputPerLandArea,
    unit: '万元/ha',
    numerator: { name: 'outputValueWanYuan', value: input.outputValueWanYuan, label: 'output value (万元)' },
    denominator: { ...LAND, value: input.landAreaM2 },
    // ÷ (m² / 10,000) is × 10,000 over m².
    scale: M2_PER_HA * periodsPerYear,
    context: { period: input.period, annualisationFactor: periodsPerYear, m2PerHa: M2_PER_HA },
    methodology,
  });
}
