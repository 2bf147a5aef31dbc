import { createHash } from 'node:crypto';
import type { Device, Enterprise } from '#grip/registry';
import type {
  EquipmentCounts,
  IndicatorStatus,
  StoredIndicatorSet,
  StoredIndicatorValue,
} from '#grip/telemetry-store';
import type { IndicatorPeriod } from './indicator-period.js';

/** The equipment rates whose counts a region sums. */
export const EQUIPMENT_RATES = [
  'digitisation_rate',
  'networking_rate',
  'key_process_nc_rate',
  'equipment_intelligence_rate',
  'equipment_on_cloud_rate',
] as const;

/** What an enterprise's set is, as the endpoint returns it (without `source`). */
export interface ComputedSet {
  readonly enterpriseId: string;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly computedUntil: string;
  readonly methodologyVersion: string;
  readonly basis: string;
  readonly coverage: { readonly energy: number | null };
  readonly declarations: readonly { period: string; version: number; declaredAt: Date | string }[];
  readonly declared: { readonly outputValue?: number; readonly valueAdded?: number };
  readonly indicators: Readonly<Record<string, IndicatorLike>>;
}

interface IndicatorLike {
  /** Absent on `energy.comprehensive`, which reports carriers rather than a graded value. */
  readonly status?: IndicatorStatus;
  readonly unit: string;
  readonly formulaId: string;
  readonly inputs?: unknown;
  readonly value?: unknown;
  readonly coverage?: number;
  readonly methodologyVersion?: string;
  readonly totalTce?: number;
}

/** Fingerprint of what the register says about an enterprise's devices (order-independent). */
export function registerHash(devices: readonly Device[]): string {
  const canonical = [...devices]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((d) => [d.id, [...d.metrics].sort(), sortedKeys(d.attributes)]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32);
}

function sortedKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export interface StoreContext {
  readonly enterprise: Enterprise;
  readonly period: IndicatorPeriod;
  readonly registerHash: string;
  readonly telemetryIngestedAt: Date | null;
  readonly computationId: string;
  readonly computedAt: Date;
  /** `quality.coverage.threshold`: grades `energy.comprehensive`, which carries no status itself. */
  readonly coverageThreshold: number;
}

/** A computed set as stored rows: one per indicator, and the set row with the extensive inputs. */
export function toStored(
  computed: ComputedSet,
  ctx: StoreContext,
): { set: StoredIndicatorSet; values: StoredIndicatorValue[] } {
  const { indicators } = computed;
  const carbon = indicators['carbon.emissions'];
  const energy = indicators['energy.comprehensive'];
  const equipmentCounts: EquipmentCounts = Object.fromEntries(
    EQUIPMENT_RATES.flatMap((name) => {
      const inputs = indicators[`intelligence.${name}`]?.inputs as
        { matchingCount?: number; classifiedCount?: number } | undefined;
      return inputs?.matchingCount === undefined || inputs.classifiedCount === undefined
        ? []
        : [[name, { matching: inputs.matchingCount, population: inputs.classifiedCount }]];
    }),
  );
  const { indicators: _omit, ...envelope } = computed;
  void _omit;
  const set: StoredIndicatorSet = {
    enterpriseId: computed.enterpriseId,
    periodKind: ctx.period.kind,
    periodKey: ctx.period.label,
    basis: computed.basis,
    regionCode: ctx.enterprise.regionCode,
    industryCode: ctx.enterprise.industryCode,
    periodFrom: ctx.period.from,
    periodTo: ctx.period.to,
    computedUntil: new Date(computed.computedUntil),
    methodologyVersion: computed.methodologyVersion,
    energyCoverage: computed.coverage.energy,
    energyTce: energy?.totalTce ?? null,
    carbonTco2: carbon && carbon.status !== 'missing' ? (carbon.value as number) : null,
    outputValue: computed.declared.outputValue ?? null,
    valueAdded: computed.declared.valueAdded ?? null,
    equipmentCounts,
    declarationVersions: Object.fromEntries(computed.declarations.map((d) => [d.period, d.version])),
    registerHash: ctx.registerHash,
    telemetryIngestedAt: ctx.telemetryIngestedAt,
    envelope: JSON.stringify(envelope),
    computationId: ctx.computationId,
    computedAt: ctx.computedAt,
  };
  const energyCoverage = computed.coverage.energy;
  const energyStatus: IndicatorStatus =
    energyCoverage === null || energyCoverage === 0
      ? 'missing'
      : energyCoverage < ctx.coverageThreshold
        ? 'partial'
        : 'ok';
  const values = Object.entries(indicators).map(([indicatorId, r]): StoredIndicatorValue => {
    const value = r.value ?? r.totalTce;
    const status = r.status ?? energyStatus;
    return {
      indicatorId,
      value:
        status === 'missing'
          ? null
          : typeof value === 'number'
            ? value
            : typeof value === 'boolean'
              ? Number(value)
              : null,
      unit: r.unit,
      status,
      coverage: r.coverage ?? (r.status === undefined ? energyCoverage : null),
      formulaId: r.formulaId,
      methodologyVersion: r.methodologyVersion ?? computed.methodologyVersion,
      inputs: JSON.stringify(r.inputs ?? r),
      result: JSON.stringify(r),
    };
  });
  return { set, values };
}

/** A stored computation as the endpoint returns it. */
export function fromStored(set: StoredIndicatorSet, values: readonly StoredIndicatorValue[]) {
  const envelope = JSON.parse(set.envelope) as Omit<ComputedSet, 'indicators'>;
  return {
    ...envelope,
    source: 'stored' as const,
    computedAt: set.computedAt.toISOString(),
    indicators: Object.fromEntries(values.map((v) => [v.indicatorId, JSON.parse(v.result) as IndicatorLike])),
  };
}
