import type { ClickHouse } from './clickhouse.client.js';

export type IndicatorStatus = 'ok' | 'partial' | 'missing';

/** One indicator of one stored computation. */
export interface StoredIndicatorValue {
  readonly indicatorId: string;
  readonly value: number | null;
  readonly unit: string;
  readonly status: IndicatorStatus;
  readonly coverage: number | null;
  readonly formulaId: string;
  readonly methodologyVersion: string;
  /** The result's inputs, as JSON. */
  readonly inputs: string;
  /** The whole result object, as JSON: what the endpoint serves. */
  readonly result: string;
}

/** Equipment-rate counts by rate name, as the region aggregate sums them. */
export type EquipmentCounts = Record<string, { matching: number; population: number }>;

/** One enterprise's computation for a period and basis, with the extensive inputs a region sums. */
export interface StoredIndicatorSet {
  readonly enterpriseId: string;
  readonly periodKind: string;
  readonly periodKey: string;
  readonly basis: string;
  readonly regionCode: string;
  readonly industryCode: string;
  readonly periodFrom: Date;
  readonly periodTo: Date;
  readonly computedUntil: Date;
  readonly methodologyVersion: string;
  readonly energyCoverage: number | null;
  readonly energyTce: number | null;
  readonly carbonTco2: number | null;
  readonly outputValue: number | null;
  readonly valueAdded: number | null;
  readonly equipmentCounts: EquipmentCounts;
  /** Declaration version per month used (`{"2026-03": 2}`): a correction makes the set stale. */
  readonly declarationVersions: Record<string, number>;
  /** Fingerprint of the device register used. */
  readonly registerHash: string;
  /** Latest `ingested_at` of the period's telemetry when computed; null without telemetry. */
  readonly telemetryIngestedAt: Date | null;
  /** The set's envelope (period bounds, coverage, declarations, declared figures) as JSON. */
  readonly envelope: string;
  readonly computationId: string;
  readonly computedAt: Date;
}

export interface StoredSetKey {
  readonly periodKind: string;
  readonly periodKey: string;
  readonly basis: string;
}

/** A stored set whose period received telemetry after it was computed. */
export interface StaleSet {
  readonly enterpriseId: string;
  readonly periodKind: string;
  readonly periodKey: string;
  readonly basis: string;
}

const SET_COLUMNS = `toString(enterprise_id) AS enterpriseId, period_kind AS periodKind, period_key AS periodKey,
  basis, region_code AS regionCode, industry_code AS industryCode,
  toUnixTimestamp64Milli(period_from) AS periodFromMs, toUnixTimestamp64Milli(period_to) AS periodToMs,
  toUnixTimestamp64Milli(computed_until) AS computedUntilMs, methodology_version AS methodologyVersion,
  energy_coverage AS energyCoverage, energy_tce AS energyTce, carbon_tco2 AS carbonTco2,
  output_value AS outputValue, value_added AS valueAdded, equipment_counts AS equipmentCounts,
  declaration_versions AS declarationVersions, register_hash AS registerHash,
  toUnixTimestamp64Milli(telemetry_ingested_at) AS telemetryIngestedAtMs,
  toString(computation_id) AS computationId, toUnixTimestamp64Milli(computed_at) AS computedAtMs`;

type SetRow = Omit<
  StoredIndicatorSet,
  | 'periodFrom'
  | 'periodTo'
  | 'computedUntil'
  | 'telemetryIngestedAt'
  | 'computedAt'
  | 'equipmentCounts'
  | 'declarationVersions'
  | 'envelope'
> & {
  periodFromMs: string;
  periodToMs: string;
  computedUntilMs: string;
  telemetryIngestedAtMs: string | null;
  computedAtMs: string;
  equipmentCounts: string;
  declarationVersions: string;
  envelope?: string;
};

/** ClickHouse DateTime64(3, 'UTC') text: `2026-03-01 16:00:00.000`. */
const chTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Stored indicator values (migration 0010). Every read names the enterprise ids it may see —
 * the caller has applied the principal's scope to them — and uses FINAL, so the latest
 * computation of a key is what is read even before parts merge.
 */
export class IndicatorValuesStore {
  private readonly values: string;
  private readonly sets: string;
  private readonly raw: string;

  constructor(private readonly ch: ClickHouse) {
    this.values = ch.table('indicator_values');
    this.sets = ch.table('indicator_sets');
    this.raw = ch.table('telemetry_raw');
  }

  /** Stores a computation: its values first, then the set row that names it. */
  async save(set: StoredIndicatorSet, values: readonly StoredIndicatorValue[]): Promise<void> {
    const common = {
      enterprise_id: set.enterpriseId,
      period_kind: set.periodKind,
      period_key: set.periodKey,
      basis: set.basis,
      region_code: set.regionCode,
      industry_code: set.industryCode,
      computation_id: set.computationId,
      computed_at: chTime(set.computedAt),
    };
    if (values.length > 0) {
      await this.ch.client.insert({
        table: this.values,
        format: 'JSONEachRow',
        values: values.map((v) => ({
          ...common,
          indicator_id: v.indicatorId,
          value: v.value,
          unit: v.unit,
          status: v.status,
          coverage: v.coverage,
          formula_id: v.formulaId,
          methodology_version: v.methodologyVersion,
          inputs: v.inputs,
          result: v.result,
        })),
      });
    }
    await this.ch.client.insert({
      table: this.sets,
      format: 'JSONEachRow',
      values: [
        {
          ...common,
          period_from: chTime(set.periodFrom),
          period_to: chTime(set.periodTo),
          computed_until: chTime(set.computedUntil),
          methodology_version: set.methodologyVersion,
          energy_coverage: set.energyCoverage,
          energy_tce: set.energyTce,
          carbon_tco2: set.carbonTco2,
          output_value: set.outputValue,
          value_added: set.valueAdded,
          equipment_counts: JSON.stringify(set.equipmentCounts),
          declaration_versions: JSON.stringify(set.declarationVersions),
          register_hash: set.registerHash,
          telemetry_ingested_at: set.telemetryIngestedAt ? chTime(set.telemetryIngestedAt) : null,
          envelope: set.envelope,
        },
      ],
    });
  }

  /** One enterprise's latest stored set for a period and basis, with its values; undefined when none. */
  async read(
    enterpriseId: string,
    key: StoredSetKey,
  ): Promise<{ set: StoredIndicatorSet; values: StoredIndicatorValue[] } | undefined> {
    const params = {
      enterprise_id: enterpriseId,
      kind: key.periodKind,
      key: key.periodKey,
      basis: key.basis,
    };
    const where = `enterprise_id = {enterprise_id:UUID} AND period_kind = {kind:String}
      AND period_key = {key:String} AND basis = {basis:String}`;
    const setResult = await this.ch.client.query({
      query: `SELECT ${SET_COLUMNS}, envelope FROM ${this.sets} FINAL WHERE ${where}`,
      format: 'JSONEachRow',
      query_params: params,
    });
    const [row] = await setResult.json<SetRow>();
    if (!row) return undefined;
    const valueResult = await this.ch.client.query({
      query: `SELECT indicator_id AS indicatorId, value, unit, toString(status) AS status, coverage,
          formula_id AS formulaId, methodology_version AS methodologyVersion, inputs, result
        FROM ${this.values} FINAL WHERE ${where} AND computation_id = {computation_id:UUID}
        ORDER BY indicator_id`,
      format: 'JSONEachRow',
      query_params: { ...params, computation_id: row.computationId },
    });
    return { set: setOf(row), values: await valueResult.json<StoredIndicatorValue>() };
  }

  /** The latest stored sets of several enterprises for one period and basis (no envelope). */
  async readSets(enterpriseIds: readonly string[], key: StoredSetKey): Promise<StoredIndicatorSet[]> {
    if (enterpriseIds.length === 0) return [];
    const result = await this.ch.client.query({
      query: `SELECT ${SET_COLUMNS} FROM ${this.sets} FINAL
        WHERE enterprise_id IN {ids:Array(UUID)} AND period_kind = {kind:String}
          AND period_key = {key:String} AND basis = {basis:String}`,
      format: 'JSONEachRow',
      query_params: { ids: [...enterpriseIds], kind: key.periodKind, key: key.periodKey, basis: key.basis },
    });
    return (await result.json<SetRow>()).map(setOf);
  }

  /** Latest `ingested_at` of an enterprise's telemetry with readings in [from, to); null when none. */
  async telemetryIngestedAt(enterpriseId: string, from: Date, to: Date): Promise<Date | null> {
    const result = await this.ch.client.query({
      query: `SELECT toUnixTimestamp64Milli(max(ingested_at)) AS ms, count() AS n FROM ${this.raw}
        WHERE enterprise_id = {enterprise_id:UUID}
          AND ts >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
          AND ts < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')`,
      format: 'JSONEachRow',
      query_params: { enterprise_id: enterpriseId, from_ms: from.getTime(), to_ms: to.getTime() },
    });
    const [row] = await result.json<{ ms: string; n: string }>();
    return row && Number(row.n) > 0 ? new Date(Number(row.ms)) : null;
  }

  /**
   * Stored sets whose period received telemetry ingested after they were computed (late data).
   * Scans only readings timed at or after `readingsFrom` and ingested after `ingestedAfter`:
   * the late-telemetry check runs periodically over a bounded look-back.
   */
  async staleByLateTelemetry(readingsFrom: Date, ingestedAfter: Date): Promise<StaleSet[]> {
    const result = await this.ch.client.query({
      query: `
WITH late AS (
  SELECT enterprise_id, min(ts) AS first_ts, max(ts) AS last_ts, max(ingested_at) AS last_ingested
  FROM ${this.raw}
  WHERE ts >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
    AND ingested_at > fromUnixTimestamp64Milli({after_ms:Int64}, 'UTC')
  GROUP BY enterprise_id, toStartOfDay(ts, 'Asia/Shanghai')
)
SELECT DISTINCT toString(s.enterprise_id) AS enterpriseId, s.period_kind AS periodKind,
  s.period_key AS periodKey, s.basis AS basis
FROM ${this.sets} AS s FINAL
INNER JOIN late AS l ON s.enterprise_id = l.enterprise_id
WHERE s.period_to > fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
  AND l.last_ts >= s.period_from AND l.first_ts < s.period_to AND l.last_ingested > s.computed_at
ORDER BY enterpriseId, periodKind, periodKey`,
      format: 'JSONEachRow',
      query_params: { from_ms: readingsFrom.getTime(), after_ms: ingestedAfter.getTime() },
    });
    return result.json<StaleSet>();
  }

  /** The stored sets of an enterprise among the given period keys (any kind, any basis). */
  async storedKeys(enterpriseId: string, periodKeys: readonly string[]): Promise<StaleSet[]> {
    if (periodKeys.length === 0) return [];
    const result = await this.ch.client.query({
      query: `SELECT DISTINCT toString(enterprise_id) AS enterpriseId, period_kind AS periodKind,
          period_key AS periodKey, basis
        FROM ${this.sets} FINAL
        WHERE enterprise_id = {enterprise_id:UUID} AND period_key IN {keys:Array(String)}
        ORDER BY periodKind, periodKey, basis`,
      format: 'JSONEachRow',
      query_params: { enterprise_id: enterpriseId, keys: [...periodKeys] },
    });
    return result.json<StaleSet>();
  }
}

function setOf(row: SetRow): StoredIndicatorSet {
  const {
    periodFromMs,
    periodToMs,
    computedUntilMs,
    telemetryIngestedAtMs,
    computedAtMs,
    equipmentCounts,
    declarationVersions,
    envelope,
    ...rest
  } = row;
  return {
    ...rest,
    periodFrom: new Date(Number(periodFromMs)),
    periodTo: new Date(Number(periodToMs)),
    computedUntil: new Date(Number(computedUntilMs)),
    telemetryIngestedAt: telemetryIngestedAtMs === null ? null : new Date(Number(telemetryIngestedAtMs)),
    computedAt: new Date(Number(computedAtMs)),
    equipmentCounts: JSON.parse(equipmentCounts) as EquipmentCounts,
    declarationVersions: JSON.parse(declarationVersions) as Record<string, number>,
    envelope: envelope ?? '{}',
  };
}
