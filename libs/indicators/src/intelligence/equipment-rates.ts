import type { DeviceAttributes } from '#grip/contracts';
import { DEFAULT_METHODOLOGY, factorIn, type Methodology } from '../methodology/methodology.js';
import {
  FRACTION,
  measuredResult,
  missingResult,
  present,
  ratioResult,
  type Amount,
  type IndicatorResult,
} from '../result.js';

/**
 * Equipment rates from the device register and telemetry (indicators.md §4).
 *
 * Who is counted: `productionEquipment` and `keyProcess` are markers, set on the devices they
 * apply to; an unset marker means "not a member" (meters and sensors carry neither). The
 * properties judged over the members — `digital`, `numericalControl`, `robot`,
 * `commissionedYear` — must be stated: a member that leaves one unset is *unclassified*,
 * left out of both numerator and denominator and listed by id, never counted as "no". The
 * share of members classified is the rate's register coverage, graded like data coverage.
 */
export const EQUIPMENT_RATE_FORMULA_IDS = {
  digitisation: 'intelligence.digitisation_rate',
  networking: 'intelligence.networking_rate',
  keyProcessNc: 'intelligence.key_process_nc_rate',
  equipmentIntelligence: 'intelligence.equipment_intelligence_rate',
  onCloud: 'intelligence.equipment_on_cloud_rate',
  agedEquipment: 'intelligence.aged_equipment_share',
  robotDensity: 'intelligence.robot_density',
} as const;

type EquipmentRateFormulaId = (typeof EQUIPMENT_RATE_FORMULA_IDS)[keyof typeof EQUIPMENT_RATE_FORMULA_IDS];

/** A registered device: its id and the attributes the service provider registered. */
export interface Equipment {
  readonly id: string;
  readonly attributes: DeviceAttributes;
}

export interface EquipmentRegisterInput {
  readonly equipment: readonly Equipment[];
}

export interface EquipmentTelemetryInput extends EquipmentRegisterInput {
  /** Calendar days in the period (Asia/Shanghai). */
  readonly daysInPeriod: Amount;
  /**
   * Days on which each device reported at least one reading, by device id. A device absent here
   * reported on no day: the telemetry store lists only devices that reported, so this is a real 0.
   */
  readonly daysWithData: Readonly<Record<string, number>>;
}

export type EquipmentRateInputs = {
  readonly population: string;
  readonly criterion: string;
  /** Members of the population, unclassified ones included. */
  readonly populationCount: number;
  readonly classifiedCount: number;
  readonly matchingCount: number;
  readonly unclassifiedIds: readonly string[];
  readonly [key: string]: string | number | readonly string[] | boolean;
};

export type EquipmentRate = IndicatorResult<EquipmentRateFormulaId, EquipmentRateInputs>;

type Tri = boolean | undefined;

/**
 * Share of the population matching the criterion. `member` is true, false, or undefined when
 * membership itself depends on an unset property; `matches` likewise for the criterion.
 */
function classifiedShare(spec: {
  formulaId: EquipmentRateFormulaId;
  equipment: readonly Equipment[];
  population: string;
  criterion: string;
  member: (a: DeviceAttributes) => Tri;
  matches: (e: Equipment) => Tri;
  context?: Readonly<Record<string, string | number | boolean>>;
  /** Why no device can be judged (e.g. a period without days); the population is still counted. */
  precondition?: string;
  methodology: Methodology;
}): EquipmentRate {
  let populationCount = 0;
  let matchingCount = 0;
  let classifiedCount = 0;
  const unclassifiedIds: string[] = [];
  for (const e of spec.equipment) {
    const member = spec.member(e.attributes);
    if (member === false) continue;
    populationCount += 1;
    const matches = member === undefined || spec.precondition ? undefined : spec.matches(e);
    if (matches === undefined) unclassifiedIds.push(e.id);
    else {
      classifiedCount += 1;
      if (matches) matchingCount += 1;
    }
  }
  unclassifiedIds.sort();
  const inputs: EquipmentRateInputs = {
    ...spec.context,
    population: spec.population,
    criterion: spec.criterion,
    populationCount,
    classifiedCount,
    matchingCount,
    unclassifiedIds,
  };
  if (populationCount === 0) {
    return missingResult(spec.formulaId, FRACTION, inputs, `no ${spec.population} is registered`);
  }
  if (spec.precondition) return missingResult(spec.formulaId, FRACTION, inputs, spec.precondition);
  if (classifiedCount === 0) {
    return missingResult(
      spec.formulaId,
      FRACTION,
      inputs,
      `none of the ${populationCount} ${spec.population} states what the criterion needs (${spec.criterion})`,
    );
  }
  return measuredResult({
    formulaId: spec.formulaId,
    unit: FRACTION,
    value: matchingCount / classifiedCount,
    inputs,
    methodology: spec.methodology,
    // Register coverage: an unclassified member is a missing reading of the register.
    coverage: unclassifiedIds.length > 0 ? classifiedCount / populationCount : undefined,
  });
}

const isProduction = (a: DeviceAttributes): Tri => a.productionEquipment === true;
const PRODUCTION = 'production equipment (productionEquipment = true)';

/**
 * A device is networked when it reported on at least the methodology's share of the days.
 * `precondition` is set when the period has no days, so nothing can be judged.
 */
function networkedTest(input: EquipmentTelemetryInput, m: Methodology) {
  const minShare = factorIn(m, 'intelligence.networked.min_day_share', FRACTION).value;
  const days = present(input.daysInPeriod) && input.daysInPeriod > 0 ? input.daysInPeriod : undefined;
  return {
    minShare,
    context: { daysInPeriod: days ?? 'not given', minDayShare: minShare },
    precondition:
      days === undefined ? `daysInPeriod is ${input.daysInPeriod}; it must be positive` : undefined,
    networked: (e: Equipment): boolean => {
      const d = input.daysWithData[e.id] ?? 0;
      // Computed by the telemetry store, never declared: an impossible count is a programming error.
      if (!Number.isFinite(d) || d < 0 || d > (days as number)) {
        throw new RangeError(`days with data of '${e.id}' must be within 0…${days}, got ${d}`);
      }
      return d / (days as number) >= minShare;
    },
  };
}

/** Equipment digitisation rate (生产设备数字化率): digital production equipment ÷ production equipment. */
export function equipmentDigitisationRate(
  input: EquipmentRegisterInput,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): EquipmentRate {
  return classifiedShare({
    formulaId: EQUIPMENT_RATE_FORMULA_IDS.digitisation,
    equipment: input.equipment,
    population: PRODUCTION,
    criterion: 'digital = true',
    member: isProduction,
    matches: (e) => e.attributes.digital,
    methodology,
  });
}

/**
 * Networking rate (数字化生产设备联网率): digital production equipment that reported on at least
 * 90% of the days ÷ digital production equipment.
 */
export function networkingRate(
  input: EquipmentTelemetryInput,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): EquipmentRate {
  const { minShare, networked, context, precondition } = networkedTest(input, methodology);
  return classifiedShare({
    formulaId: EQUIPMENT_RATE_FORMULA_IDS.networking,
    equipment: input.equipment,
    population: 'digital production equipment (productionEquipment and digital = true)',
    criterion: `reported on ≥ ${minShare} of the days`,
    member: (a) => (a.productionEquipment === true ? a.digital : false),
    matches: networked,
    context,
    precondition,
    methodology,
  });
}

/** Key-process NC rate (关键工序数控化率): key-process equipment under NC ÷ key-process equipment. */
export function keyProcessNcRate(
  input: EquipmentRegisterInput,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): EquipmentRate {
  return classifiedShare({
    formulaId: EQUIPMENT_RATE_FORMULA_IDS.keyProcessNc,
    equipment: input.equipment,
    population: 'key-process production equipment (productionEquipment and keyProcess = true)',
    criterion: 'numericalControl = true',
    member: (a) => a.productionEquipment === true && a.keyProcess === true,
    matches: (e) => e.attributes.numericalControl,
    methodology,
  });
}

/**
 * Equipment intelligence rate (装备智能化率), GRIP's definition: production equipment that is
 * (CNC or robot or digital) and networked ÷ production equipment.
 */
export function equipmentIntelligenceRate(
  input: EquipmentTelemetryInput,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): EquipmentRate {
  const { minShare, networked, context, precondition } = networkedTest(input, methodology);
  return classifiedShare({
    formulaId: EQUIPMENT_RATE_FORMULA_IDS.equipmentIntelligence,
    equipment: input.equipment,
    population: PRODUCTION,
    criterion: `(numericalControl or robot or digital) and reported on ≥ ${minShare} of the days`,
    member: isProduction,
    matches: (e) => {
      // Not networked settles it; otherwise one true flag does, and all three must be stated to say no.
      if (!networked(e)) return false;
      const { numericalControl: nc, robot, digital } = e.attributes;
      if (nc === true || robot === true || digital === true) return true;
      return nc === false && robot === false && digital === false ? false : undefined;
    },
    context,
    precondition,
    methodology,
  });
}

/** Equipment-on-cloud rate (工业设备上云率): production equipment that reported at all ÷ production equipment. */
export function equipmentOnCloudRate(
  input: EquipmentRegisterInput & Pick<EquipmentTelemetryInput, 'daysWithData'>,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): EquipmentRate {
  return classifiedShare({
    formulaId: EQUIPMENT_RATE_FORMULA_IDS.onCloud,
    equipment: input.equipment,
    population: PRODUCTION,
    criterion: 'reported to the platform on at least one day of the period',
    member: isProduction,
    matches: (e) => (input.daysWithData[e.id] ?? 0) > 0,
    methodology,
  });
}

/** Aged-equipment share: production equipment commissioned before 1990 ÷ production equipment. */
export function agedEquipmentShare(
  input: EquipmentRegisterInput,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): EquipmentRate {
  const before = factorIn(methodology, 'intelligence.aged_equipment.before_year', 'year').value;
  return classifiedShare({
    formulaId: EQUIPMENT_RATE_FORMULA_IDS.agedEquipment,
    equipment: input.equipment,
    population: PRODUCTION,
    criterion: `commissionedYear < ${before}`,
    member: isProduction,
    matches: (e) =>
      e.attributes.commissionedYear === undefined ? undefined : e.attributes.commissionedYear < before,
    context: { beforeYear: before },
    methodology,
  });
}

/** Robot density: industrial robots ÷ average employees × 10,000 (robots per 10,000 employees). */
export function robotDensity(
  input: EquipmentRegisterInput & { readonly averageEmployees: Amount },
  methodology: Methodology = DEFAULT_METHODOLOGY,
): IndicatorResult<typeof EQUIPMENT_RATE_FORMULA_IDS.robotDensity> {
  // Every device flagged as a robot counts, production marker or not: a robot is a robot.
  const robotIds = input.equipment.filter((e) => e.attributes.robot === true).map((e) => e.id);
  return ratioResult({
    formulaId: EQUIPMENT_RATE_FORMULA_IDS.robotDensity,
    unit: 'robots/10,000 employees',
    numerator: { name: 'robots', value: robotIds.length, label: 'robots' },
    denominator: { name: 'averageEmployees', value: input.averageEmployees, label: 'average employees' },
    scale: 10_000,
    noun: 'density',
    context: { robotIds: robotIds.sort() },
    methodology,
  });
}
