import { DEFAULT_METHODOLOGY, factorIn, type Methodology } from '../methodology/methodology.js';
import { missingResult, type IndicatorResult, type IndicatorStatus } from '../result.js';

/**
 * GB/T 36132-2018 green-factory evaluation (indicators.md §5, 2018 edition): the basic
 * requirements (基本要求) are a pass/fail gate evaluated before anything is scored; then six
 * parts earn points by their weights (methodology `green.2018.weight.<part>`, out of 100). Five
 * parts come from the enterprise's declared self-assessment (the share of the part's points
 * achieved, 0–1); the performance part is computed from data — the green score of the
 * performance indicators (out of 100), scaled to the part's weight.
 */
export const GREEN_2018_FORMULA_ID = 'green.score.gbt36132_2018';

export const GREEN_2018_DECLARED_PARTS = [
  'infrastructure',
  'management_system',
  'energy_resource_input',
  'product',
  'environmental_emissions',
] as const;
export type Green2018DeclaredPart = (typeof GREEN_2018_DECLARED_PARTS)[number];
const PARTS = [...GREEN_2018_DECLARED_PARTS, 'performance'] as const;

export interface Green2018Input {
  /** Basic requirements by name: true passed, false failed, null/undefined not answered. */
  readonly gates: Readonly<Record<string, boolean | null | undefined>>;
  /** Self-assessed share (0–1) of each declared part's points; absent = not declared. */
  readonly parts: Readonly<Partial<Record<Green2018DeclaredPart, number | null>>>;
  /** The performance indicators' green score out of 100 (e.g. `greenScore`); absent = not computed. */
  readonly performance?: { readonly status: IndicatorStatus; readonly value?: number } | null;
}

export interface Green2018PartInputs {
  readonly weight: number;
  /** Share achieved (0–1), or null when not declared / not computed. */
  readonly achieved: number | null;
  readonly points: number;
  readonly status: IndicatorStatus;
}

export interface Green2018Inputs {
  readonly [key: string]: unknown;
  readonly gate: 'pass' | 'fail' | 'unanswered';
  readonly gates: Readonly<Record<string, boolean | null>>;
  readonly failedGates: readonly string[];
  readonly unansweredGates: readonly string[];
  /** Present once the gate passed: each part's weight, share achieved and points. */
  readonly parts?: Readonly<Record<string, Green2018PartInputs>>;
  readonly absentParts?: readonly string[];
}

export type Green2018Score = IndicatorResult<typeof GREEN_2018_FORMULA_ID, Green2018Inputs>;

export function greenScore2018(
  input: Green2018Input,
  methodology: Methodology = DEFAULT_METHODOLOGY,
): Green2018Score {
  const names = Object.keys(input.gates).sort();
  const failedGates = names.filter((n) => input.gates[n] === false);
  const unansweredGates = names.filter((n) => typeof input.gates[n] !== 'boolean');
  const gates = Object.fromEntries(names.map((n) => [n, input.gates[n] ?? null]));
  const base = { unit: 'points', formulaId: GREEN_2018_FORMULA_ID } as const;

  // The gate comes first: a failed basic requirement ends the evaluation with no points.
  if (failedGates.length > 0) {
    const inputs: Green2018Inputs = { gate: 'fail', gates, failedGates, unansweredGates };
    return { status: 'ok', value: 0, ...base, inputs, methodologyVersion: methodology.version };
  }
  if (names.length === 0 || unansweredGates.length > 0) {
    const inputs: Green2018Inputs = { gate: 'unanswered', gates, failedGates, unansweredGates };
    const reason =
      names.length === 0
        ? 'no basic requirement is answered'
        : `basic requirements not answered: ${unansweredGates.join(', ')}`;
    return missingResult(GREEN_2018_FORMULA_ID, 'points', inputs, reason);
  }

  const parts: Record<string, Green2018PartInputs> = {};
  for (const part of PARTS) {
    const weight = factorIn(methodology, `green.2018.weight.${part}`, 'points').value;
    const [achieved, status] = achievedShare(part, input);
    parts[part] = { weight, achieved, points: achieved === null ? 0 : weight * achieved, status };
  }
  const absentParts = PARTS.filter((p) => parts[p]!.status === 'missing');
  const inputs: Green2018Inputs = { gate: 'pass', gates, failedGates, unansweredGates, parts, absentParts };
  if (absentParts.length === PARTS.length) {
    return missingResult(GREEN_2018_FORMULA_ID, 'points', inputs, 'no part is declared or computed');
  }
  const value = PARTS.reduce((acc, p) => acc + parts[p]!.points, 0);
  const partial = PARTS.filter((p) => parts[p]!.status !== 'ok');
  if (partial.length === 0)
    return { status: 'ok', value, ...base, inputs, methodologyVersion: methodology.version };
  // Absent parts earn nothing and are not renormalised (as in the 2025 score): a lower bound.
  const reason = `parts absent or below the coverage threshold: ${partial.join(', ')}; the score is a lower bound`;
  return { status: 'partial', value, ...base, inputs, methodologyVersion: methodology.version, reason };
}

function achievedShare(
  part: (typeof PARTS)[number],
  input: Green2018Input,
): [number | null, IndicatorStatus] {
  if (part === 'performance') {
    const p = input.performance;
    if (!p || p.status === 'missing' || p.value === undefined) return [null, 'missing'];
    if (!Number.isFinite(p.value) || p.value < 0 || p.value > 100) {
      throw new RangeError(`the performance score must be between 0 and 100, got ${p.value}`);
    }
    return [p.value / 100, p.status];
  }
  const share = input.parts[part];
  if (share === undefined || share === null) return [null, 'missing'];
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new RangeError(`the self-assessed share of ${part} must be between 0 and 1, got ${share}`);
  }
  return [share, 'ok'];
}
