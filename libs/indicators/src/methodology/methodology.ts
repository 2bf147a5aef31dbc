/**
 * The methodology as data (shared/docs/indicators.md §0): every conversion and emission factor
 * lives here with its unit, source and confidence, and every result records the version it
 * used. Operators publish a new version instead of editing code.
 *
 * Units follow the metric catalog: energy coefficients are kgce per catalog unit (kWh, m3, t,
 * GJ), so quantities are never rescaled between reading and converting.
 */
export type FactorConfidence = 'H' | 'M' | 'U';

export interface MethodologyFactor {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  readonly source: string;
  readonly clause?: string;
  /** ISO date (inclusive) from which the factor applies, e.g. the first day of its data year. */
  readonly validFrom?: string;
  /** ISO date (inclusive) until which the factor applies. */
  readonly validTo?: string;
  readonly confidence: FactorConfidence;
}

export interface Methodology {
  readonly version: string;
  readonly publishedAt: string;
  readonly factors: readonly MethodologyFactor[];
}

const GBT2589 = 'GB/T 2589-2020 综合能耗计算通则';
const GBT2589_APPENDIX_A = 'Appendix A (reference coefficients)';
// Fuel CO2 factors rebuilt as GB/T 2589 net calorific value × default carbon content × oxidation rate.
const GHG_GUIDELINES = 'NDRC GHG accounting guidelines (工业其他行业企业温室气体排放核算方法与报告指南)';
const FUEL_EF_SOURCE = `${GBT2589} Appendix A NCV × carbon content and oxidation defaults of the ${GHG_GUIDELINES}`;
const GRID_EF_SOURCE = (year: number): string => `生态环境部、国家统计局 ${year}年电力二氧化碳排放因子`;

function energyCoefficient(
  carrier: string,
  value: number,
  unit: string,
  confidence: FactorConfidence,
  clause = GBT2589_APPENDIX_A,
): MethodologyFactor {
  return { key: `energy.coefficient.${carrier}`, value, unit, source: GBT2589, clause, confidence };
}

function gridFactor(
  region: string,
  year: number,
  value: number,
  confidence: FactorConfidence,
  clause: string,
): MethodologyFactor {
  return {
    key: `carbon.grid.${region}.${year}`,
    value,
    unit: 'tCO2/MWh',
    source: GRID_EF_SOURCE(year),
    clause,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    confidence,
  };
}

function fuelEmissionFactor(fuel: string, value: number, unit: string): MethodologyFactor {
  return { key: `carbon.ef.${fuel}`, value, unit, source: FUEL_EF_SOURCE, confidence: 'M' };
}

// GRIP's own defaults where the standards are silent: confidence U, documented in docs/indicators.md.
const GRIP_DEFAULT = 'GRIP default (docs/indicators.md, choices where the standards are silent)';

function gripDefault(key: string, value: number, unit: string, clause: string): MethodologyFactor {
  return { key, value, unit, source: GRIP_DEFAULT, clause, confidence: 'U' };
}

/** Weight of one rate in the intelligence index (indicators.md §4). */
function intelligenceWeight(rate: string, value: number): MethodologyFactor {
  return gripDefault(`intelligence.index.weight.${rate}`, value, 'weight', 'intelligence index component');
}

/** GB/T 36132-2018 (绿色工厂评价通则): the six scored parts' weights, out of 100 (spec §5, M). */
function green2018Weights(): MethodologyFactor[] {
  const weights: [string, number][] = [
    ['infrastructure', 20],
    ['management_system', 15],
    ['energy_resource_input', 15],
    ['product', 10],
    ['environmental_emissions', 10],
    ['performance', 30],
  ];
  return weights.map(([part, value]) => ({
    key: `green.2018.weight.${part}`,
    value,
    unit: 'points',
    source: 'GB/T 36132-2018 绿色工厂评价通则, evaluation weights as reported by secondary sources',
    clause: `part weight: ${part}`,
    confidence: 'M',
  }));
}

/**
 * One GB/T 36132-2025 quantitative indicator of an industry set: baseline (基准值, score 0),
 * leading value (引领值, full score) and weight. `indicator` is the indicator's formulaId.
 */
function greenBenchmark(
  industry: string,
  indicator: string,
  unit: string,
  baseline: number,
  leading: number,
  weight: number,
): MethodologyFactor[] {
  const key = `green.2025.${industry}.${indicator}`;
  const clause = `GB/T 36132-2025 linear scoring, ${industry} set: seeded placeholder until the industry values are published`;
  return [
    { key: `${key}.baseline`, value: baseline, unit, source: GRIP_DEFAULT, clause, confidence: 'U' },
    { key: `${key}.leading`, value: leading, unit, source: GRIP_DEFAULT, clause, confidence: 'U' },
    { key: `${key}.weight`, value: weight, unit: 'points', source: GRIP_DEFAULT, clause, confidence: 'U' },
  ];
}

const ASHRAE_G14 = 'ASHRAE Guideline 14-2014 Measurement of Energy, Demand, and Water Savings';

/** ASHRAE Guideline 14 baseline-model acceptance for a data granularity (indicators.md §6.3). */
function ashraeAcceptance(granularity: string, cvRmseMax: number, nmbeMax: number): MethodologyFactor[] {
  const clause = `${granularity === 'month' ? 'monthly' : 'daily/hourly'} baseline model calibration`;
  return [
    {
      key: `assessment.acceptance.${granularity}.cv_rmse_max`,
      value: cvRmseMax,
      unit: 'fraction',
      source: ASHRAE_G14,
      clause: `${clause}: CV(RMSE) at most`,
      confidence: 'M',
    },
    {
      key: `assessment.acceptance.${granularity}.nmbe_max`,
      value: nmbeMax,
      unit: 'fraction',
      source: ASHRAE_G14,
      clause: `${clause}: |NMBE| at most`,
      confidence: 'M',
    },
  ];
}

/** Weight of one metric in the benchmark composite (indicators.md §7.4). */
function benchmarkWeight(metric: string, value: number): MethodologyFactor {
  return gripDefault(`benchmark.weight.${metric}`, value, 'weight', 'benchmark composite component');
}

/** Lower bounds of an industrial size class: employees and annual revenue must both reach them (§7.2). */
function sizeClassBounds(sizeClass: string, employees: number, revenueWanYuan: number): MethodologyFactor[] {
  const source = '国家统计局 统计上大中小微型企业划分办法（2017）, industry (工业) row';
  const clause = `${sizeClass}: both lower bounds must hold`;
  return [
    {
      key: `size_class.${sizeClass}.employees`,
      value: employees,
      unit: 'persons',
      source,
      clause,
      confidence: 'H',
    },
    {
      key: `size_class.${sizeClass}.revenue`,
      value: revenueWanYuan,
      unit: '万元',
      source,
      clause,
      confidence: 'H',
    },
  ];
}

export const DEFAULT_METHODOLOGY: Methodology = {
  version: '2026.1',
  publishedAt: '2026-01-01T00:00:00+08:00',
  factors: [
    {
      key: 'energy.kgce.calorific_value',
      value: 29307.6,
      unit: 'kJ/kgce',
      source: GBT2589,
      clause: 'definition of kgce',
      confidence: 'H',
    },
    // Electricity: the equivalent value (当量值) is the default basis, as in national statistics.
    energyCoefficient('electricity.equivalent', 0.1229, 'kgce/kWh', 'H'),
    {
      key: 'energy.coefficient.electricity.equal_value',
      value: 0.3,
      unit: 'kgce/kWh',
      source:
        "GRIP default: the year's thermal-power supply coal rate (≈0.30–0.32 kgce/kWh); set it per year",
      clause: 'equal value (等价值)',
      confidence: 'U',
    },
    energyCoefficient('natural_gas', 1.2143, 'kgce/m3', 'M', `${GBT2589_APPENDIX_A}: gas-field gas`),
    energyCoefficient('natural_gas.oil_field', 1.33, 'kgce/m3', 'M', `${GBT2589_APPENDIX_A}: oil-field gas`),
    // 0.1286 kgce/kg low-pressure steam; a measured enthalpy (MJ/t × 0.03412) is better when known.
    energyCoefficient('steam', 128.6, 'kgce/t', 'M', `${GBT2589_APPENDIX_A}: low-pressure steam`),
    energyCoefficient('heat', 34.12, 'kgce/GJ', 'H', `${GBT2589_APPENDIX_A}: 0.03412 kgce/MJ`),
    energyCoefficient('coal', 714.3, 'kgce/t', 'M', `${GBT2589_APPENDIX_A}: raw coal 0.7143 kgce/kg`),
    energyCoefficient('coke', 971.4, 'kgce/t', 'M', `${GBT2589_APPENDIX_A}: 0.9714 kgce/kg`),
    energyCoefficient(
      'fuel_oil',
      1428.6,
      'kgce/t',
      'M',
      `${GBT2589_APPENDIX_A}: crude / fuel oil 1.4286 kgce/kg`,
    ),
    energyCoefficient('gasoline', 1471.4, 'kgce/t', 'M', `${GBT2589_APPENDIX_A}: 1.4714 kgce/kg`),
    energyCoefficient('diesel', 1457.1, 'kgce/t', 'M', `${GBT2589_APPENDIX_A}: 1.4571 kgce/kg`),
    energyCoefficient('lpg', 1714.3, 'kgce/t', 'M', `${GBT2589_APPENDIX_A}: 1.7143 kgce/kg`),

    // Grid factors by data year; the default is the province's for the year, else the latest.
    gridFactor('guangdong', 2021, 0.4715, 'M', 'provincial average, Guangdong'),
    gridFactor('guangdong', 2022, 0.4403, 'M', 'provincial average, Guangdong'),
    gridFactor('guangdong', 2023, 0.4419, 'M', 'provincial average, Guangdong'),
    gridFactor('southern', 2022, 0.3869, 'H', 'regional average, Southern grid'),
    gridFactor('southern', 2023, 0.4042, 'H', 'regional average, Southern grid'),
    gridFactor('national', 2021, 0.5568, 'H', 'national average'),
    gridFactor('national', 2022, 0.5366, 'H', 'national average'),
    gridFactor('national', 2023, 0.5306, 'H', 'national average'),
    {
      key: 'carbon.grid.carbon_market',
      value: 0.5703,
      unit: 'tCO2/MWh',
      source: '生态环境部 环办气候函〔2023〕43号 (national carbon market reporting)',
      clause: 'only for reports under the carbon-market regime',
      confidence: 'H',
    },
    fuelEmissionFactor('natural_gas', 2.1622, 'kgCO2/m3'),
    fuelEmissionFactor('diesel', 3.0959, 'tCO2/t'),
    fuelEmissionFactor('gasoline', 2.9251, 'tCO2/t'),
    fuelEmissionFactor('lpg', 3.1013, 'tCO2/t'),
    fuelEmissionFactor('fuel_oil', 3.1705, 'tCO2/t'),
    fuelEmissionFactor('coke', 2.8604, 'tCO2/t'),
    {
      key: 'carbon.ef.heat',
      value: 0.11,
      unit: 'tCO2/GJ',
      source: GHG_GUIDELINES,
      clause: 'purchased heat or steam',
      confidence: 'M',
    },
    {
      key: 'carbon.steam.heat_content',
      value: 3.763,
      unit: 'GJ/t',
      source: `${GBT2589} Appendix A (low-pressure steam 3763 MJ/t)`,
      clause: 'steam converted to heat unless its enthalpy is measured',
      confidence: 'M',
    },
    // Raw coal is a catalog carrier but indicators.md §3 lists no factor; without one every coal
    // user's carbon would be missing. Rebuilt like the others (20.908 GJ/t × 26.37 tC/TJ × 94% × 44/12).
    {
      ...fuelEmissionFactor('coal', 1.9003, 'tCO2/t'),
      clause: 'raw coal: not in indicators.md §3, rebuilt from the guideline defaults',
      confidence: 'U',
    },

    // Data quality (§0): below this share of expected readings a value is `partial`.
    gripDefault('quality.coverage.threshold', 0.9, 'fraction', 'indicators.md §0 default 90%'),

    // Intelligence (§4).
    {
      key: 'intelligence.networked.min_day_share',
      value: 0.9,
      unit: 'fraction',
      source: 'indicators.md §4 networking rate (数字化生产设备联网率)',
      clause: 'a device is networked when it reported on at least this share of the days',
      confidence: 'M',
    },
    {
      key: 'intelligence.aged_equipment.before_year',
      value: 1990,
      unit: 'year',
      source: 'indicators.md §4 aged-equipment share (the retrofit plan retires it)',
      clause: 'commissioned before this year',
      confidence: 'M',
    },
    intelligenceWeight('digitisation_rate', 20),
    intelligenceWeight('networking_rate', 20),
    intelligenceWeight('key_process_nc_rate', 20),
    intelligenceWeight('equipment_intelligence_rate', 25),
    intelligenceWeight('equipment_on_cloud_rate', 15),
    gripDefault(
      'intelligence.index.min_weight_share',
      0.5,
      'fraction',
      'below this share of the weight present the index is missing, not renormalised',
    ),

    // Green factory (§5), GB/T 36132-2025: a generic set for enterprises whose industry has none.
    // Only industry-independent indicators: per-unit-product values need an industry's product unit.
    ...greenBenchmark('default', 'energy.intensity.output_value', 'tce/万元', 0.1, 0.03, 20),
    ...greenBenchmark('default', 'carbon.intensity.output_value', 'tCO2/万元', 0.25, 0.08, 20),
    ...greenBenchmark('default', 'green.solid_waste_utilisation', 'fraction', 0.7, 0.95, 10),
    ...greenBenchmark('default', 'green.wastewater_reuse', 'fraction', 0.3, 0.9, 10),
    ...greenBenchmark('default', 'green.plot_ratio', 'm2/m2', 0.8, 2, 15),
    ...greenBenchmark('default', 'green.building_density', 'fraction', 0.3, 0.6, 10),
    ...greenBenchmark('default', 'green.output_per_land_area', '万元/ha', 1500, 7500, 15),
    ...green2018Weights(),
    // Retrofit assessment (§6): ASHRAE Guideline 14 acceptance, savings uncertainty, data sufficiency.
    ...ashraeAcceptance('month', 0.15, 0.05),
    ...ashraeAcceptance('day', 0.3, 0.1),
    {
      key: 'assessment.fsu.max_share',
      value: 0.5,
      unit: 'fraction',
      source: ASHRAE_G14,
      clause: 'savings uncertainty must stay below this share of the savings (indicators.md §6.3)',
      confidence: 'M',
    },
    {
      key: 'assessment.fsu.confidence',
      value: 0.68,
      unit: 'fraction',
      source: ASHRAE_G14,
      clause: 'two-sided confidence level of the fractional savings uncertainty (indicators.md §6.2)',
      confidence: 'M',
    },
    gripDefault('assessment.min_points.baseline.month', 12, 'count', 'a monthly baseline spans a full year'),
    gripDefault(
      'assessment.min_points.baseline.day',
      60,
      'count',
      'fewest days a daily baseline is fitted on',
    ),
    gripDefault('assessment.min_points.reporting.month', 3, 'count', 'fewest reporting months judged'),
    gripDefault('assessment.min_points.reporting.day', 30, 'count', 'fewest reporting days judged'),
    {
      key: 'assessment.degree_days.base',
      value: 18,
      unit: '°C',
      source: "GRIP default: 18 °C, the base of China's building-climate degree days (GB 50176)",
      clause: 'daily CDD = max(0, T − base), HDD = max(0, base − T)',
      confidence: 'U',
    },

    // Benchmark enterprises (§7): GRIP's own method, every number configurable.
    gripDefault(
      'benchmark.peer_group.min_size',
      30,
      'count',
      'fewest gated enterprises in a peer group (§7.2)',
    ),
    gripDefault(
      'benchmark.select.threshold',
      75,
      'points',
      'composite percentile a benchmark reaches (§7.5)',
    ),
    // §7.4 groups: energy & carbon 30, digital & intelligent 25, productivity & quality 25, green 20;
    // a group's weight is split evenly over its metrics.
    benchmarkWeight('energy.intensity.output_value', 15),
    benchmarkWeight('carbon.intensity.output_value', 15),
    benchmarkWeight('intelligence.index', 25),
    benchmarkWeight('intelligence.oee', 12.5),
    benchmarkWeight('intelligence.labour_productivity', 12.5),
    benchmarkWeight('green.score', 20),
    ...sizeClassBounds('large', 1000, 40000),
    ...sizeClassBounds('medium', 300, 2000),
    ...sizeClassBounds('small', 20, 300),

    gripDefault(
      'green.candidate.threshold',
      80,
      'points',
      'green-factory candidate pass mark out of 100 (no official provincial mark found)',
    ),
  ],
};

/** The factor with this key; throws when the methodology version does not define it. */
export function factor(m: Methodology, key: string): MethodologyFactor {
  const found = m.factors.find((f) => f.key === key);
  if (!found) {
    throw new Error(`methodology ${m.version} has no factor '${key}'`);
  }
  return found;
}

/**
 * The factor with this key in the expected unit. A factor published in another unit (kg where
 * tonnes are meant, % where a fraction is meant) would be silently off by a constant: refuse it.
 */
export function factorIn(m: Methodology, key: string, unit: string): MethodologyFactor {
  const f = factor(m, key);
  if (f.unit !== unit) {
    throw new Error(`methodology ${m.version}: factor '${key}' is in ${f.unit}, expected ${unit}`);
  }
  return f;
}
