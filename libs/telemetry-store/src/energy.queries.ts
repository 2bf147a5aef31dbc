import type { ClickHouse } from './clickhouse.client.js';
import { counterConsumptionSql } from './counter-consumption.sql.js';
import {
  anyHoursSql,
  HOUR,
  hourBucketsSql,
  hourReadingsSql,
  hourlyConsumption,
  hoursWithDataSql,
  rollUpHours,
  toHourBucket,
  type HourBucket,
  type HourConsumption,
} from './counter-rollup.js';

export type Granularity = 'hour' | 'day' | 'month';

export interface CounterMeter {
  readonly deviceId: string;
  readonly metric: string;
  /** The counter's maximum: a decrease from ≥ 90 % of it is a rollover, not a reset. */
  readonly counterMax?: number;
  /** Physical limit (e.g. rated power in kW for a kWh counter): faster growth is an outlier. */
  readonly maxRatePerHour?: number;
}

export interface CounterConsumptionQuery {
  readonly enterpriseId: string;
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly granularity: Granularity;
  readonly meters: readonly CounterMeter[];
}

export interface CounterConsumptionRow {
  /** Start of the bucket in Asia/Shanghai, ISO 8601 with its offset: `2024-03-01T00:00:00+08:00`. */
  readonly bucket: string;
  readonly deviceId: string;
  readonly metric: string;
  /** Sum of the accepted deltas whose later reading falls in the bucket, rounded to 6 decimals. */
  readonly consumption: number;
  /** Readings in the bucket (the look-back reading before `from` is not counted). */
  readonly readings: number;
  readonly resets: number;
  readonly rollovers: number;
  /** Deltas excluded because they exceed maxRatePerHour (not also counted as resets/rollovers). */
  readonly outliers: number;
}

/**
 * Fixed SQL fragments chosen by a closed union, never by caller text. Asia/Shanghai has had
 * no DST since 1991, so its offset is always +08:00.
 */
const BUCKET_START: Record<Granularity, string> = {
  hour: "toStartOfHour(ts, 'Asia/Shanghai')",
  day: "toStartOfDay(ts, 'Asia/Shanghai')",
  month: "toDateTime(toStartOfMonth(ts, 'Asia/Shanghai'), 'Asia/Shanghai')",
};

/** Hours with readings in a range, from the 1-hour rollup (coverage of site meters, indicators.md). */
export interface HoursWithData {
  /** Hours in which at least one of the devices reported any metric. */
  readonly hours: number;
  /** Hours started in [from, min(to, now)), counted from the hour holding `from`. */
  readonly elapsedHours: number;
  /** Share of expected (device, hour) pairs present: mean of the devices' hours ÷ elapsedHours, 0–1. */
  readonly coverage: number;
  /** Per requested device with at least one reading, ordered by device id. */
  readonly devices: readonly { readonly deviceId: string; readonly hours: number }[];
}

/** 0 stands for "not declared" in the parameter arrays; declared limits must be positive. */
const NOT_SET = 0;

/**
 * Energy read models over `telemetry_raw`. Every query is scoped by enterprise first; the
 * caller is responsible for having authorised that enterprise.
 */
export class EnergyQueries {
  private readonly sql: Record<Granularity, string>;
  private readonly hourBucketsSql: string;
  private readonly hourReadingsSql: string;
  private readonly hoursWithDataSql: string;
  private readonly anyHoursSql: string;

  constructor(private readonly ch: ClickHouse) {
    const table = ch.table('telemetry_raw');
    this.sql = {
      hour: counterConsumptionSql(table, BUCKET_START.hour),
      day: counterConsumptionSql(table, BUCKET_START.day),
      month: counterConsumptionSql(table, BUCKET_START.month),
    };
    this.hourBucketsSql = hourBucketsSql(ch.table('telemetry_1h'));
    this.hourReadingsSql = hourReadingsSql(ch.table('telemetry_1h'));
    this.hoursWithDataSql = hoursWithDataSql(ch.table('telemetry_1h'));
    this.anyHoursSql = anyHoursSql(ch.table('telemetry_1h'));
  }

  /**
   * Consumption of cumulative counters per bucket (indicators.md §1.1), per meter. Each
   * delta between consecutive deduplicated readings is attributed to the bucket of the later
   * reading; the latest reading before `from` (however old) is the starting point, so the
   * first interval counts. An increase counts as is; a decrease is a rollover
   * (counterMax − prev + value) when counterMax is declared and prev ≥ 0.9 × counterMax,
   * otherwise a reset (the new reading is consumption since zero). A delta above
   * maxRatePerHour × elapsed hours × 1.1 is an outlier: counted, excluded from consumption.
   * Buckets without readings are absent.
   */
  async counterConsumption(q: CounterConsumptionQuery): Promise<CounterConsumptionRow[]> {
    const sql = this.sql[q.granularity];
    if (!sql) throw new RangeError(`unknown granularity ${String(q.granularity)}`);
    const params = validated(q);
    if (!params) return [];
    const result = await this.ch.client.query({ query: sql, format: 'JSONEachRow', query_params: params });
    return result.json<CounterConsumptionRow>();
  }

  /**
   * The same figures as {@link counterConsumption}, read from the 1-hour rollup
   * (telemetry_1h): per meter, consumption of an hour = last(hour) − last(previous hour with
   * data) with the same reset and rollover rules; day and month buckets are sums of their
   * hours. Hours the rollup cannot answer exactly — readings not monotonic inside, or more
   * consumption than maxRatePerHour allows over the hour — are recomputed from raw readings
   * (counter-rollup.ts). The one divergence: the rated-power check runs per hour, so a
   * single too-fast step inside an hour that is within the limit as a whole counts here and
   * is an outlier in the raw query. `from` and `to` must be whole hours; otherwise this is
   * the raw query. `readings` counts distinct minutes (telemetry_1h's masks): the raw count
   * for series reporting at most once a second. Rows are ordered by device id as text, metric, bucket.
   */
  async counterConsumptionFromRollups(q: CounterConsumptionQuery): Promise<CounterConsumptionRow[]> {
    if (!this.sql[q.granularity]) throw new RangeError(`unknown granularity ${String(q.granularity)}`);
    const params = validated(q);
    if (!params) return [];
    if (params.from_ms % HOUR !== 0 || params.to_ms % HOUR !== 0) return this.counterConsumption(q);

    const [buckets, counts] = await Promise.all([
      this.ch.client.query({ query: this.hourBucketsSql, format: 'JSONEachRow', query_params: params }),
      this.ch.client.query({ query: this.hourReadingsSql, format: 'JSONEachRow', query_params: params }),
    ]);
    const readings = new Map<string, number>();
    for (const r of await counts.json<{
      deviceId: string;
      metric: string;
      bucketMs: unknown;
      readings: unknown;
    }>()) {
      readings.set(`${r.deviceId}\n${r.metric}\n${Number(r.bucketMs)}`, Number(r.readings));
    }
    const series = new Map<string, { lookback?: HourBucket; hours: HourBucket[] }>();
    for (const r of await buckets.json<Record<string, unknown>>()) {
      const key = `${String(r.deviceId)}\n${String(r.metric)}`;
      const bucket = toHourBucket(r, readings.get(`${key}\n${Number(r.bucketMs)}`) ?? 0);
      const s = series.get(key) ?? { hours: [] };
      if (Number(r.lookback) === 1) s.lookback = bucket;
      else s.hours.push(bucket);
      series.set(key, s);
    }

    const hours: HourConsumption[] = [];
    const dirty = new Map<CounterMeter, number[]>();
    for (const meter of q.meters) {
      const s = series.get(`${meter.deviceId}\n${meter.metric}`);
      if (!s) continue;
      s.hours.sort((a, b) => a.bucketMs - b.bucketMs);
      const done = hourlyConsumption(meter, s.lookback, s.hours);
      hours.push(...done.rows);
      if (done.dirty.length > 0) dirty.set(meter, done.dirty);
    }
    if (dirty.size > 0) hours.push(...(await this.rawHours(q.enterpriseId, dirty)));
    return rollUpHours(hours, q.granularity);
  }

  /**
   * Hours with readings of the given devices (any metric) in [from, min(to, now)), from the
   * 1-hour rollup: the coverage of site meters for telemetry-based indicators.
   */
  async hoursWithData(
    enterpriseId: string,
    deviceIds: readonly string[],
    from: Date,
    to: Date,
    now: Date = new Date(),
  ): Promise<HoursWithData> {
    const fromMs = Math.floor(from.getTime() / HOUR) * HOUR;
    const endMs = Math.min(to.getTime(), now.getTime());
    if (!Number.isFinite(fromMs) || !Number.isFinite(endMs))
      throw new RangeError('from, to and now must be valid dates');
    const elapsedHours = Math.max(0, Math.ceil((endMs - fromMs) / HOUR));
    if (deviceIds.length === 0 || elapsedHours === 0)
      return { hours: 0, elapsedHours, coverage: 0, devices: [] };
    const query_params = {
      enterprise_id: enterpriseId,
      device_ids: [...deviceIds],
      from_ms: fromMs,
      to_ms: endMs,
    };
    const perDevice = await this.ch.client.query({
      query: this.hoursWithDataSql,
      format: 'JSONEachRow',
      query_params,
    });
    const devices = (await perDevice.json<{ deviceId: string; hours: number | string }>()).map((d) => ({
      deviceId: d.deviceId,
      hours: Number(d.hours),
    }));
    // Hours with any device: the per-device figures cannot be added up (hours overlap).
    const any = await this.ch.client.query({ query: this.anyHoursSql, format: 'JSONEachRow', query_params });
    const hours = Number((await any.json<{ hours: number | string }>())[0]?.hours ?? 0);
    const present = devices.reduce((sum, d) => sum + d.hours, 0);
    const coverage = Math.min(1, present / (new Set(deviceIds).size * elapsedHours));
    return { hours, elapsedHours, coverage, devices };
  }

  /** The raw query's hour rows for the listed hours of each meter (one query over their span). */
  private async rawHours(
    enterpriseId: string,
    dirty: Map<CounterMeter, number[]>,
  ): Promise<HourConsumption[]> {
    const all = [...dirty.values()].flat();
    const from = new Date(Math.min(...all));
    const to = new Date(Math.max(...all) + HOUR);
    const meters = [...dirty.keys()];
    const rows = await this.counterConsumption({ enterpriseId, from, to, granularity: 'hour', meters });
    const wanted = new Set(
      meters.flatMap((m) => dirty.get(m)!.map((h) => `${m.deviceId}\n${m.metric}\n${h}`)),
    );
    return rows
      .map(({ bucket, ...rest }) => ({ ...rest, bucketMs: Date.parse(bucket) }))
      .filter((r) => wanted.has(`${r.deviceId}\n${r.metric}\n${r.bucketMs}`));
  }
}

/** Query parameters of a consumption query, or null when there is nothing to compute. */
function validated(q: CounterConsumptionQuery) {
  const fromMs = q.from.getTime();
  const toMs = q.to.getTime();
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
    throw new RangeError('from and to must be valid dates');
  if (q.meters.length === 0 || fromMs >= toMs) return null;
  const seen = new Set<string>();
  for (const m of q.meters) {
    // A meter listed twice would be joined twice and counted twice.
    const key = `${m.deviceId}\n${m.metric}`;
    if (seen.has(key)) throw new RangeError(`meter ${m.deviceId} ${m.metric} is listed twice`);
    seen.add(key);
  }
  return {
    enterprise_id: q.enterpriseId,
    from_ms: fromMs,
    to_ms: toMs,
    device_ids: q.meters.map((m) => m.deviceId),
    metrics: q.meters.map((m) => m.metric),
    counter_max: q.meters.map((m) => limit(m.counterMax, 'counterMax', m)),
    max_rate: q.meters.map((m) => limit(m.maxRatePerHour, 'maxRatePerHour', m)),
  };
}

function limit(value: number | undefined, name: string, meter: CounterMeter): number {
  if (value === undefined || value === null) return NOT_SET;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} of ${meter.deviceId} ${meter.metric} must be a positive number`);
  }
  return value;
}
