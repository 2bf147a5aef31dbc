import type { EnergyCarrier } from '#grip/contracts';
import {
  agedEquipmentShare,
  buildingDensity,
  carbonEmissions,
  carbonIntensity,
  carbonIntensityByValueAdded,
  carbonPerUnitProduct,
  comprehensiveEnergy,
  energyIntensity,
  energyIntensityByValueAdded,
  energyPerUnitProduct,
  equipmentDigitisationRate,
  equipmentIntelligenceRate,
  equipmentOnCloudRate,
  firstGradeRate,
  firstPassYield,
  intelligenceIndex,
  keyProcessNcRate,
  labourProductivity,
  networkingRate,
  oee,
  outputPerLandArea,
  plotRatio,
  pollutantsPerUnitProduct,
  robotDensity,
  solidWasteUtilisation,
  type Equipment,
  type Methodology,
} from '#grip/indicators';
import type { DeclaredFigures } from './declared-figures.js';
import type { IndicatorPeriod } from './indicator-period.js';

export interface MachineFigures {
  readonly deviceId: string;
  readonly idealCycleTimeS?: number;
  readonly seconds: {
    readonly running: number;
    readonly idle: number;
    readonly fault: number;
    readonly setup: number;
  };
  readonly produced?: number;
  readonly good?: number;
}

export interface EnterpriseIndicatorInputs {
  readonly period: IndicatorPeriod;
  readonly regionCode: string;
  readonly basis: 'equivalent' | 'equal-value';
  readonly energy: {
    readonly consumption: Partial<Record<EnergyCarrier, number>>;
    readonly exportedElectricityKwh: number;
    /** Share of the period's elapsed hours in which the site meters reported (0–1). */
    readonly coverage: number | undefined;
  };
  readonly equipment: readonly Equipment[];
  readonly daysWithData: Readonly<Record<string, number>>;
  readonly machines: readonly MachineFigures[];
  readonly declared: DeclaredFigures;
}

/** Grid emission factors are published per province; GB/T 2260 codes start with the province. */
const GRID_REGION_BY_PROVINCE: Readonly<Record<string, string>> = { '44': 'guangdong' };

/**
 * Every indicator of indicators.md §2–§5 for one enterprise and period, from inputs already
 * read: pure, so the same composition serves the API, scheduled runs and tests. Each value is
 * a result that explains itself; an absent input gives `missing`, never 0.
 */
export function composeEnterpriseIndicators(input: EnterpriseIndicatorInputs, methodology: Methodology) {
  const { period, declared } = input;
  const declarationPeriod =
    period.kind === 'day'
      ? undefined
      : period.kind === 'range'
        ? { months: period.months.length }
        : period.kind;
  const coverage = input.energy.coverage;

  const energy = comprehensiveEnergy(
    {
      consumption: input.energy.consumption,
      exportedElectricityKwh: input.energy.exportedElectricityKwh,
      basis: input.basis,
    },
    methodology,
  );
  const carbon = carbonEmissions(
    {
      consumption: input.energy.consumption,
      exportedElectricityKwh: input.energy.exportedElectricityKwh,
      region: GRID_REGION_BY_PROVINCE[input.regionCode.slice(0, 2)] ?? 'national',
      year: period.year,
      ...(coverage === undefined ? {} : { coverage }),
    },
    methodology,
  );
  const tce = coverage === 0 ? undefined : energy.totalTce;
  const tco2 = carbon.status === 'missing' ? undefined : carbon.value;
  const ratio = { methodology, ...(coverage === undefined ? {} : { coverage }) };

  const telemetryRates = {
    equipment: input.equipment,
    daysInPeriod: period.days,
    daysWithData: input.daysWithData,
  };
  const rates = {
    digitisation_rate: equipmentDigitisationRate({ equipment: input.equipment }, methodology),
    networking_rate: networkingRate(telemetryRates, methodology),
    key_process_nc_rate: keyProcessNcRate({ equipment: input.equipment }, methodology),
    equipment_intelligence_rate: equipmentIntelligenceRate(telemetryRates, methodology),
    equipment_on_cloud_rate: equipmentOnCloudRate(
      { equipment: input.equipment, daysWithData: input.daysWithData },
      methodology,
    ),
  };

  return {
    'energy.comprehensive': energy,
    'energy.intensity.output_value': energyIntensity(tce, declared.outputValue, ratio),
    'energy.intensity.value_added': energyIntensityByValueAdded(tce, declared.valueAdded, ratio),
    'energy.intensity.unit_product': energyPerUnitProduct(tce, declared.productOutput, ratio),
    'carbon.emissions': carbon,
    'carbon.intensity.output_value': carbonIntensity(tco2, declared.outputValue, ratio),
    'carbon.intensity.value_added': carbonIntensityByValueAdded(tco2, declared.valueAdded, ratio),
    'carbon.intensity.unit_product': carbonPerUnitProduct(tco2, declared.productOutput, ratio),
    'intelligence.digitisation_rate': rates.digitisation_rate,
    'intelligence.networking_rate': rates.networking_rate,
    'intelligence.key_process_nc_rate': rates.key_process_nc_rate,
    'intelligence.equipment_intelligence_rate': rates.equipment_intelligence_rate,
    'intelligence.equipment_on_cloud_rate': rates.equipment_on_cloud_rate,
    'intelligence.aged_equipment_share': agedEquipmentShare({ equipment: input.equipment }, methodology),
    'intelligence.robot_density': robotDensity(
      { equipment: input.equipment, averageEmployees: declared.averageEmployees },
      methodology,
    ),
    'intelligence.index': intelligenceIndex(rates, methodology),
    'intelligence.oee': oee(machineTotals(input.machines), methodology),
    'intelligence.first_pass_yield': firstPassYield(machineCounts(input.machines), methodology),
    'intelligence.labour_productivity': declarationPeriod
      ? labourProductivity(
          {
            valueAddedWanYuan: declared.valueAdded,
            averageEmployees: declared.averageEmployees,
            period: declarationPeriod,
          },
          methodology,
        )
      : monthlyOnly('intelligence.labour_productivity', 'yuan/person-year'),
    'intelligence.first_grade_rate': firstGradeRate(
      { firstGradeOutput: declared.firstGradeOutput, totalOutput: declared.productOutput?.quantity },
      methodology,
    ),
    'green.plot_ratio': plotRatio(
      { totalFloorAreaM2: declared.floorArea, landAreaM2: declared.landArea },
      methodology,
    ),
    'green.building_density': buildingDensity(
      { buildingFootprintM2: declared.buildingFootprint, landAreaM2: declared.landArea },
      methodology,
    ),
    'green.output_per_land_area': declarationPeriod
      ? outputPerLandArea(
          {
            outputValueWanYuan: declared.outputValue,
            landAreaM2: declared.landArea,
            period: declarationPeriod,
          },
          methodology,
        )
      : monthlyOnly('green.output_per_land_area', '万元/ha'),
    'green.solid_waste_utilisation': solidWasteUtilisation(
      {
        generatedT: declared.solidWaste.generated,
        utilisedT: declared.solidWaste.utilised,
        priorYearStockUtilisedT: declared.solidWaste.priorStockUtilised,
      },
      methodology,
    ),
    ...Object.fromEntries(
      Object.entries(
        pollutantsPerUnitProduct(
          {
            emissionsKg: {
              cod: declared.pollutants.cod,
              nh3_n: declared.pollutants.nh3n,
              so2: declared.pollutants.so2,
              nox: declared.pollutants.nox,
              vocs: declared.pollutants.vocs,
            },
            productOutput: declared.productOutput,
          },
          methodology,
        ),
      ).map(([pollutant, result]) => [`green.pollutant_per_unit_product.${pollutant}`, result]),
    ),
  };
}

/**
 * All machines as one: durations and counts add up; performance needs Σ(ideal cycle × produced),
 * expressed as the produced-weighted ideal cycle time so the single-machine formula applies.
 */
function machineTotals(machines: readonly MachineFigures[]) {
  const sum = (pick: (m: MachineFigures) => number | undefined) =>
    machines.length === 0 || machines.some((m) => pick(m) === undefined)
      ? undefined
      : machines.reduce((acc, m) => acc + pick(m)!, 0);
  const produced = sum((m) => m.produced);
  const idealWork = sum((m) =>
    m.idealCycleTimeS === undefined || m.produced === undefined ? undefined : m.idealCycleTimeS * m.produced,
  );
  return {
    stateDurationsS: {
      running: sum((m) => m.seconds.running),
      idle: sum((m) => m.seconds.idle),
      fault: sum((m) => m.seconds.fault),
      setup: sum((m) => m.seconds.setup),
    },
    idealCycleTimeS: produced && idealWork !== undefined ? idealWork / produced : undefined,
    producedCount: produced,
    goodCount: sum((m) => m.good),
  };
}

function machineCounts(machines: readonly MachineFigures[]) {
  const totals = machineTotals(machines);
  return { producedCount: totals.producedCount, goodCount: totals.goodCount };
}

function monthlyOnly(formulaId: string, unit: string) {
  return {
    status: 'missing' as const,
    unit,
    formulaId,
    inputs: {},
    reason: 'declared figures are monthly: ask for a month, a quarter or a year',
  };
}
