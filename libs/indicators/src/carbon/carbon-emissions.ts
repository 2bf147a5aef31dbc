import { METRIC_CATALOG, type EnergyCarrier, type MetricDefinition } from '#grip/contracts';
import {
  DEFAULT_METHODOLOGY,
  factorIn,
  type FactorConfidence,
  type Methodology,
  type MethodologyFactor,
} from '../methodology/methodology.js';
import { measuredResult, missingResult, type IndicatorResult } from '../result.js';

/**
 * Carbon emissions (indicators.md §3):
 * CO₂ = Σ fuelᵢ·EFᵢ + (grid electricity − exported)·EF_grid + heat·EF_heat + steam·h·EF_heat,
 * with self-consumed on-site renewables at 0. In tCO₂, full precision.
 */
export const CARBON_EMISSIONS_FORMULA_ID = 'carbon.emissions.total';

/** `regional`: the province's factor for the data year (default); `carbon-market`: the reporting factor. */
export type GridFactorRegime = 'regional' | 'carbon-market';

export interface CarbonEmissionsInput {
  /** Quantity per carrier in its catalog unit; `electricity` is taken from the grid (kWh). */
  readonly consumption: Partial<Record<EnergyCarrier, number>>;
  /** Electricity sent to the grid, deducted at the grid factor. */
  readonly exportedElectricityKwh?: number;
  /** On-site renewable generation used on site: recorded, and counts 0 tCO₂. */
  readonly pvSelfConsumedKwh?: number;
  /** Region of the grid factor as the methodology names it: `guangdong`, `southern`, `national`. */
  readonly region: string;
  /** Data year of the period. */
  readonly year: number;
  readonly gridFactorRegime?: GridFactorRegime;
  /** Measured steam enthalpy; the methodology default (3.763 GJ/t) otherwise. */
  readonly steamHeatContentGjPerT?: number;
  /** Share of expected meter readings present behind the consumption (0–1). */
  readonly coverage?: number;
}

/** The grid factor used and why this one. */
export type GridFactorChoice = {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  readonly confidence: FactorConfidence;
  readonly source: string;
  readonly region: string;
  readonly dataYear: number;
  /** Year the factor was published for; null for the carbon-market factor, which has none. */
  readonly factorYear: number | null;
  readonly rule: string;
};

/** One emission source: quantity × factor = tCO₂. */
export type EmissionLine = {
  readonly source: EnergyCarrier | 'electricity.exported' | 'pv.self_consumed';
  readonly quantity: number;
  readonly unit: string;
  readonly factor: number;
  readonly factorUnit: string;
  /** null where a rule, not a published factor, gives the factor (self-consumed PV is 0). */
  readonly factorKey: string | null;
  /** Steam only: heat content used to convert tonnes to GJ, and where it came from. */
  readonly heatContentGjPerT?: number;
  readonly heatContentSource?: string;
  readonly tco2: number;
};

export type CarbonEmissionsInputs = {
  readonly region: string;
  readonly year: number;
  readonly gridFactor: GridFactorChoice | null;
  readonly lines: readonly EmissionLine[];
};

export type CarbonEmissions = IndicatorResult<typeof CARBON_EMISSIONS_FORMULA_ID, CarbonEmissionsInputs>;

const CARRIER_UNITS: ReadonlyMap<EnergyCarrier, string> = new Map(
  Object.values(METRIC_CATALOG as Record<string, MetricDefinition>).flatMap((d) =>
    d.energy?.direction === 'import' ? [[d.energy.carrier, d.unit] as const] : [],
  ),
);

// Factor unit per carrier and the scale from (quantity × factor) to tCO₂.
const FUEL_FACTOR_UNITS: Partial<Record<EnergyCarrier, { unit: string; toTonnes: number }>> = {
  natural_gas: { unit: 'kgCO2/m3', toTonnes: 1 / 1000 },
  diesel: { unit: 'tCO2/t', toTonnes: 1 },
  gasoline: { unit: 'tCO2/t', toTonnes: 1 },
  lpg: { unit: 'tCO2/t', toTonnes: 1 },
  fuel_oil: { unit: 'tCO2/t', toTonnes: 1 },
  coal: { unit: 'tCO2/t', toTonnes: 1 },
  coke: { unit: 'tCO2/t', toTonnes: 1 },
};

const GRID_UNIT = 'tCO2/MWh';
const HEAT_EF_KEY = 'carbon.ef.heat';
const STEAM_HEAT_CONTENT_KEY = 'carbon.steam.heat_content';

function choice(
  f: MethodologyFactor,
  region: string,
  dataYear: number,
  factorYear: number | null,
  rule: string,
) {
  if (f.unit !== GRID_UNIT) throw new Error(`grid factor '${f.key}' is in ${f.unit}, expected ${GRID_UNIT}`);
  return {
    key: f.key,
    value: f.value,
    unit: f.unit,
    confidence: f.confidence,
    source: f.source,
    region,
    dataYear,
    factorYear,
    rule,
  };
}

/**
 * The grid factor for a region and data year: that year's when published; otherwise the latest
 * published year (factors appear about two years late); for a year before the first publication,
 * the earliest. Undefined when the methodology has no factor for the region.
 */
export function selectGridFactor(
  region: string,
  year: number,
  methodology: Methodology = DEFAULT_METHODOLOGY,
  regime: GridFactorRegime = 'regional',
): GridFactorChoice | undefined {
  if (regime === 'carbon-market') {
    const f = methodology.factors.find((x) => x.key === 'carbon.grid.carbon_market');
    return (
      f && choice(f, region, year, null, 'carbon-market reporting factor (reports under that regime only)')
    );
  }
  const prefix = `carbon.grid.${region}.`;
  const byYear = methodology.factors
    .filter((f) => f.key.startsWith(prefix) && /^\d{4}$/.test(f.key.slice(prefix.length)))
    .map((f) => ({ f, y: Number(f.key.slice(prefix.length)) }))
    .sort((a, b) => a.y - b.y);
  if (byYear.length === 0) return undefined;
  const exact = byYear.find((x) => x.y === year);
  if (exact) return choice(exact.f, region, year, year, 'factor of the data year');
  const earlier = byYear.filter((x) => x.y < year);
  if (earlier.length > 0) {
    const latest = earlier[earlier.length - 1];
    return choice(latest.f, region, year, latest.y, `data year ${year} not published: latest published year`);
  }
  const first = byYear[0];
  return choice(
    first.f,
    region,
    year,
    first.y,
    `data year ${year} precedes every publication: earliest year`,
  );
}

function checkQuantity(name: string, q: number): number {
  if (!Number.isFinite(q) || q < 0) {
    throw new RangeError(`quantity of ${name} must be a finite number ≥ 0, got ${q}`);
  }
  return q;
}

/** Emissions of one consumed carrier other than electricity, or the reason there is no factor. */
function carrierLine(
  carrier: EnergyCarrier,
  quantity: number,
  input: CarbonEmissionsInput,
  m: Methodology,
): EmissionLine | string {
  const unit = CARRIER_UNITS.get(carrier) as string;
  if (carrier === 'heat' || carrier === 'steam') {
    const ef = factorIn(m, HEAT_EF_KEY, 'tCO2/GJ');
    if (carrier === 'heat') {
      return {
        source: carrier,
        quantity,
        unit,
        factor: ef.value,
        factorUnit: ef.unit,
        factorKey: ef.key,
        tco2: quantity * ef.value,
      };
    }
    const measured = input.steamHeatContentGjPerT;
    if (measured !== undefined && (!Number.isFinite(measured) || measured <= 0)) {
      throw new RangeError(`measured steam heat content must be a positive number, got ${measured}`);
    }
    const h = measured ?? factorIn(m, STEAM_HEAT_CONTENT_KEY, 'GJ/t').value;
    return {
      source: carrier,
      quantity,
      unit,
      factor: ef.value,
      factorUnit: ef.unit,
      factorKey: ef.key,
      heatContentGjPerT: h,
      heatContentSource: measured === undefined ? STEAM_HEAT_CONTENT_KEY : 'measured',
      tco2: quantity * h * ef.value,
    };
  }
  const expected = FUEL_FACTOR_UNITS[carrier] as { unit: string; toTonnes: number };
  const key = `carbon.ef.${carrier}`;
  // A methodology version may not publish a fuel's factor (yet): that carbon is missing, not 0.
  if (!m.factors.some((f) => f.key === key)) {
    return `methodology ${m.version} has no emission factor '${key}'`;
  }
  const f = factorIn(m, key, expected.unit);
  return {
    source: carrier,
    quantity,
    unit,
    factor: f.value,
    factorUnit: f.unit,
    factorKey: key,
    tco2: quantity * f.value * expected.toTonnes,
  };
}

/** Total CO₂ with one line per source; missing when a consumed carrier or the grid has no factor. */
export function carbonEmissions(
  input: CarbonEmissionsInput,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): CarbonEmissions {
  if (!Number.isInteger(input.year)) throw new RangeError(`year must be an integer, got ${input.year}`);
  const regime = input.gridFactorRegime ?? 'regional';
  // Callers pass query parameters through; an unknown regime must not silently pick a factor.
  if (regime !== 'regional' && regime !== 'carbon-market') {
    throw new RangeError(`unknown grid-factor regime '${String(regime)}' (regional or carbon-market)`);
  }
  for (const carrier of Object.keys(input.consumption)) {
    if (!CARRIER_UNITS.has(carrier as EnergyCarrier)) {
      throw new RangeError(`'${carrier}' is not an energy carrier of the metric catalog`);
    }
  }
  const imported = input.consumption.electricity;
  const exported = input.exportedElectricityKwh;
  const usesGrid = imported !== undefined || exported !== undefined;
  const grid = usesGrid ? selectGridFactor(input.region, input.year, methodology, regime) : undefined;

  const lines: EmissionLine[] = [];
  const problems: string[] = [];
  const gridLine = (source: EmissionLine['source'], kwh: number, sign: 1 | -1): EmissionLine | undefined =>
    grid && {
      source,
      quantity: kwh,
      unit: 'kWh',
      factor: grid.value,
      factorUnit: grid.unit,
      factorKey: grid.key,
      tco2: (sign * kwh * grid.value) / 1000, // kWh → MWh
    };
  if (usesGrid && !grid) {
    problems.push(`methodology ${methodology.version} has no grid factor for region '${input.region}'`);
  }
  for (const carrier of CARRIER_UNITS.keys()) {
    const q = input.consumption[carrier];
    if (q === undefined) continue;
    checkQuantity(carrier, q);
    const line =
      carrier === 'electricity' ? gridLine('electricity', q, 1) : carrierLine(carrier, q, input, methodology);
    if (typeof line === 'string') problems.push(line);
    else if (line) lines.push(line);
  }
  if (exported !== undefined) {
    // Net electricity may go negative (more exported than taken): kept, as the GHG guideline's net purchase.
    const line = gridLine('electricity.exported', checkQuantity('exported electricity', exported), -1);
    if (line) lines.push(line);
  }
  if (input.pvSelfConsumedKwh !== undefined) {
    lines.push({
      source: 'pv.self_consumed',
      quantity: checkQuantity('self-consumed PV', input.pvSelfConsumedKwh),
      unit: 'kWh',
      factor: 0,
      factorUnit: GRID_UNIT,
      factorKey: null,
      tco2: 0,
    });
  }

  const inputs: CarbonEmissionsInputs = {
    region: input.region,
    year: input.year,
    gridFactor: grid ?? null,
    lines,
  };
  if (problems.length > 0) {
    return missingResult(CARBON_EMISSIONS_FORMULA_ID, 'tCO2', inputs, problems.join('; '));
  }
  return measuredResult({
    formulaId: CARBON_EMISSIONS_FORMULA_ID,
    unit: 'tCO2',
    value: lines.reduce((sum, l) => sum + l.tco2, 0),
    inputs,
    methodology,
    coverage: input.coverage,
  });
}
