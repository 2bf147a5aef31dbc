import type { ClickHouse } from './clickhouse.client.js';

export interface ClimateQuery {
  readonly enterpriseId: string;
  /** Devices whose `ambient.temperature` is the site's outdoor temperature. */
  readonly deviceIds: readonly string[];
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
}

export interface DailyTemperatureRow {
  /** Calendar day in Asia/Shanghai, `YYYY-MM-DD`. */
  readonly day: string;
  /** Mean of the thermometers' hourly mid-range temperatures, °C. */
  readonly meanC: number;
  /** Hours of the day with a reading (any of the devices). */
  readonly hours: number;
}

/**
 * Outdoor temperature for degree days (indicators.md §6, the IPMVP model's CDD/HDD terms).
 * Read from the 1-hour rollup, which keeps each hour's min and max but no sum (sums are not
 * idempotent under replays, docs/storage.md): a thermometer's hour is its mid-range
 * (min + max) ÷ 2, and a day's mean is the mean of its thermometer-hours.
 */
export class ClimateQueries {
  private readonly dailySql: string;

  constructor(private readonly ch: ClickHouse) {
    this.dailySql = dailyMeanSql(ch.table('telemetry_1h'));
  }

  async dailyMeanTemperature(q: ClimateQuery): Promise<DailyTemperatureRow[]> {
    if (q.deviceIds.length === 0) return [];
    const fromMs = q.from.getTime();
    const toMs = q.to.getTime();
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
      throw new RangeError('from and to must be valid dates with from before to');
    }
    const result = await this.ch.client.query({
      query: this.dailySql,
      format: 'JSONEachRow',
      query_params: {
        enterprise_id: q.enterpriseId,
        device_ids: [...q.deviceIds],
        from_ms: fromMs,
        to_ms: toMs,
      },
    });
    return result.json<DailyTemperatureRow>();
  }
}

function dailyMeanSql(table: string): string {
  return `
SELECT toString(toDate(bucket, 'Asia/Shanghai')) AS day, round(avg(mid), 4) AS meanC,
  toUInt32(uniqExact(bucket)) AS hours
FROM (
  SELECT bucket, (min(min_value) + max(max_value)) / 2 AS mid
  FROM ${table}
  WHERE enterprise_id = {enterprise_id:UUID} AND device_id IN {device_ids:Array(UUID)}
    AND metric = 'ambient.temperature'
    AND bucket >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
    AND bucket < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
  GROUP BY device_id, bucket
)
GROUP BY day
ORDER BY day`;
}
