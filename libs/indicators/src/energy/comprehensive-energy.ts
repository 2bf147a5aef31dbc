import { METRIC_CATALOG, type EnergyCarrier, type MetricDefinition } from '#grip/contracts';
import { DEFAULT_METHODOLOGY, factor, type Methodology } from '../methodology/methodology.js';
import {
  ratioResult,
  type Amount,
  type IndicatorResult,
  type Operand,
  type RatioOptions,
} from '../result.js';

/**
 * Comprehensive energy consumption (综合能耗), GB/T 2589-2020 (indicators.md §2):
 * E = Σ quantityᵢ × coefficientᵢ / 1000 tce over the carriers consumed inside the boundary,
 * minus exported electricity converted on the same basis. Values keep full precision;
 * rounding is for presentation only.
 */
export const COMPREHENSIVE_ENERGY_FORMULA_ID = 'energy.comprehensive.gbt2589';

/** Electricity basis: equivalent value (当量值, default) or equal value (等价值). */
export type EnergyBasis = 'equivalent' | 'equal-value';

export interface ComprehensiveEnergyInput {
  /** Quantity per carrier in its catalog unit (kWh, m3, t, GJ); an absent carrier was not consumed. */
  readonly consumption: Partial<Record<EnergyCarrier, number>>;
  /** Electricity sent out of the boundary, deducted from the total. */
  readonly exportedElectricityKwh?: number;
  readonly basis?: EnergyBasis;
}

export interface CarrierEnergy {
  readonly carrier: EnergyCarrier;
  readonly quantity: number;
  readonly unit: string;
  readonly coefficient: number;
  readonly coefficientUnit: string;
  /** The methodology factor the coefficient came from. */
  readonly factorKey: string;
  readonly tce: number;
}

export interface ComprehensiveEnergyResult {
  readonly totalTce: number;
  readonly unit: 'tce';
  readonly basis: EnergyBasis;
  readonly methodologyVersion: string;
  readonly formulaId: typeof COMPREHENSIVE_ENERGY_FORMULA_ID;
  /** Consumed carriers in catalog order. */
  readonly carriers: readonly CarrierEnergy[];
  /** Exported electricity (its `tce` is subtracted from the total), or undefined when none was given. */
  readonly exported: CarrierEnergy | undefined;
}

// Each carrier's unit is the unit of the meter that reports its intake, so quantities arrive as metered.
const CARRIER_UNITS: ReadonlyMap<EnergyCarrier, string> = new Map(
  Object.values(METRIC_CATALOG as Record<string, MetricDefinition>).flatMap((d) =>
    d.energy?.direction === 'import' ? [[d.energy.carrier, d.unit] as const] : [],
  ),
);

/** The methodology key of a carrier's coefficient on the given basis. */
export function energyCoefficientKey(carrier: EnergyCarrier, basis: EnergyBasis = 'equivalent'): string {
  if (carrier === 'electricity') {
    return basis === 'equivalent'
      ? 'energy.coefficient.electricity.equivalent'
      : 'energy.coefficient.electricity.equal_value';
  }
  return `energy.coefficient.${carrier}`;
}

function toTce(carrier: EnergyCarrier, quantity: number, basis: EnergyBasis, m: Methodology): CarrierEnergy {
  const unit = CARRIER_UNITS.get(carrier);
  if (unit === undefined) throw new RangeError(`'${carrier}' is not an energy carrier of the metric catalog`);
  if (!Number.isFinite(quantity) || quantity < 0) {
    throw new RangeError(`quantity of ${carrier} must be a finite number ≥ 0, got ${quantity}`);
  }
  const f = factor(m, energyCoefficientKey(carrier, basis));
  // A factor published per kg while meters count tonnes would be off by 1000: refuse it.
  if (f.unit !== `kgce/${unit}`) {
    throw new Error(`methodology ${m.version}: factor '${f.key}' is in ${f.unit}, expected kgce/${unit}`);
  }
  return {
    carrier,
    quantity,
    unit,
    coefficient: f.value,
    coefficientUnit: f.unit,
    factorKey: f.key,
    tce: (quantity * f.value) / 1000,
  };
}

export function comprehensiveEnergy(
  input: ComprehensiveEnergyInput,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): ComprehensiveEnergyResult {
  const basis = input.basis ?? 'equivalent';
  // Callers pass query parameters through; an unknown basis must not silently pick one.
  if (basis !== 'equivalent' && basis !== 'equal-value') {
    throw new RangeError(`unknown electricity basis '${String(basis)}' (equivalent or equal-value)`);
  }
  for (const carrier of Object.keys(input.consumption)) {
    if (!CARRIER_UNITS.has(carrier as EnergyCarrier)) {
      throw new RangeError(`'${carrier}' is not an energy carrier of the metric catalog`);
    }
  }
  const carriers: CarrierEnergy[] = [];
  for (const carrier of CARRIER_UNITS.keys()) {
    const quantity = input.consumption[carrier];
    if (quantity !== undefined) carriers.push(toTce(carrier, quantity, basis, methodology));
  }
  const exported =
    input.exportedElectricityKwh === undefined
      ? undefined
      : toTce('electricity', input.exportedElectricityKwh, basis, methodology);
  const consumedTce = carriers.reduce((sum, c) => sum + c.tce, 0);
  return {
    totalTce: consumedTce - (exported?.tce ?? 0),
    unit: 'tce',
    basis,
    methodologyVersion: methodology.version,
    formulaId: COMPREHENSIVE_ENERGY_FORMULA_ID,
    carriers,
    exported,
  };
}

export const ENERGY_INTENSITY_FORMULA_IDS = {
  outputValue: 'energy.intensity.output_value',
  valueAdded: 'energy.intensity.value_added',
  unitProduct: 'energy.intensity.unit_product',
} as const;

export type EnergyIntensityFormulaId =
  (typeof ENERGY_INTENSITY_FORMULA_IDS)[keyof typeof ENERGY_INTENSITY_FORMULA_IDS];

/**
 * An intensity, or why it cannot be given (the shared result shape of result.ts). `missing`
 * carries no value at all, so an absent or zero denominator can never be read as 0 (§0);
 * `partial` when the energy was measured with a coverage below the methodology threshold.
 */
export type EnergyIntensity = IndicatorResult<EnergyIntensityFormulaId>;

const ENERGY: Pick<Operand, 'name' | 'label' | 'absent'> = {
  name: 'energyTce',
  label: 'comprehensive energy consumption',
  absent: 'is missing',
};

/** Energy per output value (单位产值综合能耗) E / G in tce/万元. */
export function energyIntensity(
  totalTce: Amount,
  outputValueWanYuan: Amount,
  options: RatioOptions = {},
): EnergyIntensity {
  return ratioResult({
    formulaId: ENERGY_INTENSITY_FORMULA_IDS.outputValue,
    unit: 'tce/万元',
    numerator: { ...ENERGY, value: totalTce },
    denominator: { name: 'outputValueWanYuan', value: outputValueWanYuan, label: 'output value (万元)' },
    noun: 'intensity',
    ...options,
  });
}

/** Energy per value added (单位工业增加值综合能耗) E / VA in tce/万元. */
export function energyIntensityByValueAdded(
  totalTce: Amount,
  valueAddedWanYuan: Amount,
  options: RatioOptions = {},
): EnergyIntensity {
  return ratioResult({
    formulaId: ENERGY_INTENSITY_FORMULA_IDS.valueAdded,
    unit: 'tce/万元',
    numerator: { ...ENERGY, value: totalTce },
    denominator: { name: 'valueAddedWanYuan', value: valueAddedWanYuan, label: 'value added (万元)' },
    noun: 'intensity',
    ...options,
  });
}

/** Energy per unit of qualified product (单位产品综合能耗) E / P in kgce per product unit. */
export function energyPerUnitProduct(
  totalTce: Amount,
  productOutput: { readonly quantity: Amount; readonly unit: string } | undefined,
  options: RatioOptions = {},
): EnergyIntensity {
  return ratioResult({
    formulaId: ENERGY_INTENSITY_FORMULA_IDS.unitProduct,
    unit: `kgce/${productOutput?.unit ?? 'unit'}`,
    numerator: { ...ENERGY, value: totalTce },
    denominator: { name: 'productOutput', value: productOutput?.quantity, label: 'qualified product output' },
    scale: 1000, // tce → kgce
    noun: 'intensity',
    ...options,
  });
}
