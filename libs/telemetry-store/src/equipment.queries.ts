import type { ClickHouse } from './clickhouse.client.js';

export interface EquipmentQuery {
  readonly enterpriseId: string;
  readonly deviceIds: readonly string[];
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

export interface StateDurationRow {
  readonly deviceId: string;
  /** equipment.state: 0 off, 1 idle, 2 running, 3 fault, 4 setup. */
  readonly state: number;
  readonly seconds: number;
}

export interface DaysWithDataRow {
  readonly deviceId: string;
  /** Distinct calendar days (Asia/Shanghai) with at least one reading of any metric. */
  readonly days: number;
}

/**
 * A state reading holds until the next reading, but for at most this long: a silent machine
 * is "no data", not "still running" (GRIP's choice; agents report states every 1–60 s).
 */
export const MAX_STATE_HOLD_S = 900;

/** Machine read models for the intelligence indicators (indicators.md §4), scoped by enterprise. */
export class EquipmentQueries {
  private readonly stateSql: string;
  private readonly daysSql: string;

  constructor(private readonly ch: ClickHouse) {
    const table = ch.table('telemetry_raw');
    this.stateSql = stateDurationsSql(table);
    this.daysSql = daysWithDataSql(table);
  }

  /** Seconds spent in each state per device within [from, to). */
  async stateDurations(q: EquipmentQuery): Promise<StateDurationRow[]> {
    if (q.deviceIds.length === 0) return [];
    const result = await this.ch.client.query({
      query: this.stateSql,
      format: 'JSONEachRow',
      query_params: { ...params(q), max_hold_s: MAX_STATE_HOLD_S },
    });
    return result.json<StateDurationRow>();
  }

  /** Days with data per device: the networking rate counts devices reporting on ≥ 90 % of days. */
  async daysWithData(q: EquipmentQuery): Promise<DaysWithDataRow[]> {
    if (q.deviceIds.length === 0) return [];
    const result = await this.ch.client.query({
      query: this.daysSql,
      format: 'JSONEachRow',
      query_params: params(q),
    });
    return result.json<DaysWithDataRow>();
  }
}

function params(q: EquipmentQuery) {
  const fromMs = q.from.getTime();
  const toMs = q.to.getTime();
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
    throw new RangeError('from and to must be valid dates with from before to');
  }
  return { enterprise_id: q.enterpriseId, device_ids: [...q.deviceIds], from_ms: fromMs, to_ms: toMs };
}

function stateDurationsSql(table: string): string {
  return `
WITH
  fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC') AS range_from,
  fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC') AS range_to
SELECT toString(device_id) AS deviceId, toUInt8(value) AS state, round(sum(held_ms) / 1000, 3) AS seconds
FROM (
  SELECT device_id, value,
    least(
      toUnixTimestamp64Milli(leadInFrame(ts, 1, range_to) OVER w),
      toUnixTimestamp64Milli(range_to),
      toUnixTimestamp64Milli(ts) + {max_hold_s:UInt32} * 1000
    ) - toUnixTimestamp64Milli(ts) AS held_ms
  FROM ${table} FINAL
  WHERE enterprise_id = {enterprise_id:UUID} AND device_id IN {device_ids:Array(UUID)}
    AND metric = 'equipment.state' AND ts >= range_from AND ts < range_to
  WINDOW w AS (PARTITION BY device_id ORDER BY ts ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING)
)
GROUP BY device_id, state
ORDER BY device_id, state`;
}

function daysWithDataSql(table: string): string {
  return `
SELECT toString(device_id) AS deviceId, toUInt32(uniqExact(toDate(ts, 'Asia/Shanghai'))) AS days
FROM ${table}
WHERE enterprise_id = {enterprise_id:UUID} AND device_id IN {device_ids:Array(UUID)}
  AND ts >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC') AND ts < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
GROUP BY device_id
ORDER BY device_id`;
}
