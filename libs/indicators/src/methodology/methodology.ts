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
