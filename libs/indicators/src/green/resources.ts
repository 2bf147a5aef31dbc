import { DEFAULT_METHODOLOGY, type Methodology } from '../methodology/methodology.js';
import {
  FRACTION,
  missingResult,
  present,
  ratioResult,
  type Amount,
  type IndicatorResult,
} from '../result.js';

/**
 * Resource and emission performance, GB/T 36132 (indicators.md §5). Energy and carbon per unit
 * product are the §2 / §3 functions `energyPerUnitProduct` and `carbonPerUnitProduct`.
 */
export const RESOURCE_FORMULA_IDS = {
  solidWasteUtilisation: 'green.solid_waste_utilisation',
  wastewaterReuse: 'green.wastewater_reuse',
  waterPerUnitProduct: 'green.water_per_unit_product',
} as const;

/** Main pollutants declared monthly (indicators.md §1.3), in kg. */
export const POLLUTANTS = ['cod', 'nh3_n', 'so2', 'nox', 'vocs'] as const;
export type Pollutant = (typeof POLLUTANTS)[number];

const POLLUTANT_NAMES: Readonly<Record<Pollutant, string>> = {
  cod: 'COD',
  nh3_n: 'NH3-N',
  so2: 'SO2',
  nox: 'NOx',
  vocs: 'VOCs',
};

export type PollutantFormulaId = `green.pollutant_per_unit_product.${Pollutant}`;

/** Declared qualified product output with its unit. */
export interface ProductOutput {
  readonly quantity: Amount;
  readonly unit: string;
}

const OUTPUT = (p: ProductOutput | undefined) =>
  ({ name: 'productOutput', value: p?.quantity, label: 'qualified product output' }) as const;

/**
 * Industrial solid-waste utilisation (工业固体废物综合利用率):
 * utilised ÷ (generated + prior-year stock utilised). `utilisedT` is everything utilised in the
 * period, prior-year stock included, so the share stays within 0–1.
 */
export function solidWasteUtilisation(
  input: {
    readonly generatedT: Amount;
    readonly utilisedT: Amount;
    readonly priorYearStockUtilisedT: Amount;
  },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof RESOURCE_FORMULA_IDS.solidWasteUtilisation> {
  const { generatedT, priorYearStockUtilisedT } = input;
  // Each part of the denominator must be declared: a blank prior-year stock is not a 0.
  if (!present(generatedT) || !present(priorYearStockUtilisedT)) {
    const absent = !present(generatedT) ? 'solid waste generated (t)' : 'prior-year stock utilised (t)';
    return missingResult(
      RESOURCE_FORMULA_IDS.solidWasteUtilisation,
      FRACTION,
      {
        utilisedT: present(input.utilisedT) ? input.utilisedT : undefined,
        generatedT: present(generatedT) ? generatedT : undefined,
        priorYearStockUtilisedT: present(priorYearStockUtilisedT) ? priorYearStockUtilisedT : undefined,
      },
      `${absent} is not declared`,
    );
  }
  return ratioResult({
    formulaId: RESOURCE_FORMULA_IDS.solidWasteUtilisation,
    unit: FRACTION,
    numerator: { name: 'utilisedT', value: input.utilisedT, label: 'solid waste utilised (t)' },
    denominator: {
      name: 'generatedPlusPriorStockT',
      value: generatedT + priorYearStockUtilisedT,
      label: 'solid waste generated + prior-year stock utilised (t)',
    },
    share: true,
    context: { generatedT, priorYearStockUtilisedT },
    methodology,
  });
}

/** Wastewater reuse (废水处理回用率): treated wastewater reused ÷ wastewater treated (meters). */
export function wastewaterReuse(
  input: { readonly reusedM3: Amount; readonly treatedM3: Amount; readonly coverage?: number },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof RESOURCE_FORMULA_IDS.wastewaterReuse> {
  return ratioResult({
    formulaId: RESOURCE_FORMULA_IDS.wastewaterReuse,
    unit: FRACTION,
    numerator: {
      name: 'reusedM3',
      value: input.reusedM3,
      label: 'water reused (m³)',
      absent: 'is not measured',
    },
    denominator: {
      name: 'treatedM3',
      value: input.treatedM3,
      label: 'wastewater treated (m³)',
      absent: 'is not measured',
    },
    share: true,
    methodology,
    coverage: input.coverage,
  });
}

/** Water withdrawal per unit product (单位产品取水量), m³ per declared product unit. */
export function waterPerUnitProduct(
  input: {
    readonly withdrawalM3: Amount;
    readonly productOutput: ProductOutput | undefined;
    readonly coverage?: number;
  },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof RESOURCE_FORMULA_IDS.waterPerUnitProduct> {
  return ratioResult({
    formulaId: RESOURCE_FORMULA_IDS.waterPerUnitProduct,
    unit: `m3/${input.productOutput?.unit ?? 'unit'}`,
    numerator: {
      name: 'withdrawalM3',
      value: input.withdrawalM3,
      label: 'water withdrawal (m³)',
      absent: 'is not measured',
    },
    denominator: OUTPUT(input.productOutput),
    noun: 'intensity',
    methodology,
    coverage: input.coverage,
  });
}

/** One pollutant per unit product, kg per declared product unit. */
export function pollutantPerUnitProduct(
  input: {
    readonly pollutant: Pollutant;
    readonly emissionKg: Amount;
    readonly productOutput: ProductOutput | undefined;
  },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<PollutantFormulaId> {
  const name = POLLUTANT_NAMES[input.pollutant];
  if (name === undefined) throw new RangeError(`unknown pollutant '${String(input.pollutant)}'`);
  return ratioResult({
    formulaId: `green.pollutant_per_unit_product.${input.pollutant}` as PollutantFormulaId,
    unit: `kg/${input.productOutput?.unit ?? 'unit'}`,
    numerator: { name: 'emissionKg', value: input.emissionKg, label: `${name} emission (kg)` },
    denominator: OUTPUT(input.productOutput),
    noun: 'intensity',
    context: { pollutant: name },
    methodology,
  });
}

/** Every main pollutant per unit product; an undeclared pollutant is missing, never 0. */
export function pollutantsPerUnitProduct(
  input: {
    readonly emissionsKg: Partial<Record<Pollutant, Amount>>;
    readonly productOutput: ProductOutput | undefined;
  },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): Record<Pollutant, IndicatorResult<PollutantFormulaId>> {
  return Object.fromEntries(
    POLLUTANTS.map((pollutant) => [
      pollutant,
      pollutantPerUnitProduct(
        { pollutant, emissionKg: input.emissionsKg[pollutant], productOutput: input.productOutput },
        methodology,
      ),
    ]),
  ) as Record<Pollutant, IndicatorResult<PollutantFormulaId>>;
}
