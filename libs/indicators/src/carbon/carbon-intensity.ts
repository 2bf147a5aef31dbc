import {
  ratioResult,
  type Amount,
  type IndicatorResult,
  type Operand,
  type RatioOptions,
} from '../result.js';

/** Carbon intensities (indicators.md §3), the counterparts of the energy intensities of §2. */
export const CARBON_INTENSITY_FORMULA_IDS = {
  outputValue: 'carbon.intensity.output_value',
  valueAdded: 'carbon.intensity.value_added',
  unitProduct: 'carbon.intensity.unit_product',
} as const;

export type CarbonIntensityFormulaId =
  (typeof CARBON_INTENSITY_FORMULA_IDS)[keyof typeof CARBON_INTENSITY_FORMULA_IDS];

export type CarbonIntensity = IndicatorResult<CarbonIntensityFormulaId>;

const CARBON: Pick<Operand, 'name' | 'label' | 'absent'> = {
  name: 'emissionsTco2',
  label: 'carbon emissions',
  absent: 'are missing',
};

/** CO₂ per output value, tCO₂/万元. Pass the coverage of the emissions to grade the result. */
export function carbonIntensity(
  totalTco2: Amount,
  outputValueWanYuan: Amount,
  options: RatioOptions = {},
): CarbonIntensity {
  return ratioResult({
    formulaId: CARBON_INTENSITY_FORMULA_IDS.outputValue,
    unit: 'tCO2/万元',
    numerator: { ...CARBON, value: totalTco2 },
    denominator: { name: 'outputValueWanYuan', value: outputValueWanYuan, label: 'output value (万元)' },
    noun: 'intensity',
    ...options,
  });
}

/** CO₂ per value added, tCO₂/万元. */
export function carbonIntensityByValueAdded(
  totalTco2: Amount,
  valueAddedWanYuan: Amount,
  options: RatioOptions = {},
): CarbonIntensity {
  return ratioResult({
    formulaId: CARBON_INTENSITY_FORMULA_IDS.valueAdded,
    unit: 'tCO2/万元',
    numerator: { ...CARBON, value: totalTco2 },
    denominator: { name: 'valueAddedWanYuan', value: valueAddedWanYuan, label: 'value added (万元)' },
    noun: 'intensity',
    ...options,
  });
}

/** CO₂ per unit of qualified product, tCO₂ per declared product unit (§5 table). */
export function carbonPerUnitProduct(
  totalTco2: Amount,
  productOutput: { readonly quantity: Amount; readonly unit: string } | undefined,
  options: RatioOptions = {},
): CarbonIntensity {
  return ratioResult({
    formulaId: CARBON_INTENSITY_FORMULA_IDS.unitProduct,
    unit: `tCO2/${productOutput?.unit ?? 'unit'}`,
    numerator: { ...CARBON, value: totalTco2 },
    denominator: { name: 'productOutput', value: productOutput?.quantity, label: 'qualified product output' },
    noun: 'intensity',
    ...options,
  });
}
