import type { ClickHouse } from './clickhouse.client.js';

export interface TelemetryScope {
  readonly enterpriseId: string;
  readonly deviceId?: string;
  readonly metric?: string;
}

export interface LatestReading {
  readonly deviceId: string;
  readonly metric: string;
  /** Epoch milliseconds, UTC. */
  readonly ts: number;
  readonly value: number;
}

/** Small reads over `telemetry_raw`: health checks, demos and tests. Always tenant-scoped. */
export class TelemetryQueries {
  private readonly table: string;

  private readonly daily: string;

  constructor(private readonly ch: ClickHouse) {
    this.table = ch.table('telemetry_raw');
    this.daily = ch.table('enterprise_1d');
  }

  /**
   * Which of these enterprises sent any reading timed in [from, to): measured adoption (an
   * enterprise streaming to the platform is on the cloud), read from the daily rollup.
   */
  async enterprisesReporting(enterpriseIds: readonly string[], from: Date, to: Date): Promise<string[]> {
    if (enterpriseIds.length === 0) return [];
    const result = await this.ch.client.query({
      query: `SELECT DISTINCT toString(enterprise_id) AS id FROM ${this.daily}
        WHERE enterprise_id IN {ids:Array(UUID)}
          AND bucket >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
          AND bucket < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
        ORDER BY id`,
      query_params: { ids: [...enterpriseIds], from_ms: from.getTime(), to_ms: to.getTime() },
      format: 'JSONEachRow',
    });
    return (await result.json<{ id: string }>()).map((r) => r.id);
  }

  /** Distinct points (a point delivered twice counts once). */
  async countPoints(scope: TelemetryScope): Promise<number> {
    const { where, params } = scopeFilter(scope);
    const result = await this.ch.client.query({
      query: `SELECT toString(count()) AS n FROM ${this.table} FINAL WHERE ${where}`,
      query_params: params,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string }>();
    return Number(row?.n ?? 0);
  }

  /** The newest reading in the scope, or null when there is none. */
  async latestReading(scope: TelemetryScope): Promise<LatestReading | null> {
    const { where, params } = scopeFilter(scope);
    const result = await this.ch.client.query({
      query: `
        SELECT toString(device_id) AS deviceId, metric, toFloat64(toUnixTimestamp64Milli(ts)) AS ts, value
        FROM ${this.table} FINAL
        WHERE ${where}
        ORDER BY ts DESC
        LIMIT 1`,
      query_params: params,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<LatestReading>();
    return row ?? null;
  }
}

// The conditions are fixed fragments; only their values vary, as parameters.
function scopeFilter(scope: TelemetryScope): { where: string; params: Record<string, string> } {
  const conditions = ['enterprise_id = {enterprise_id:UUID}'];
  const params: Record<string, string> = { enterprise_id: scope.enterpriseId };
  if (scope.deviceId !== undefined) {
    conditions.push('device_id = {device_id:UUID}');
    params.device_id = scope.deviceId;
  }
  if (scope.metric !== undefined) {
    conditions.push('metric = {metric:String}');
    params.metric = scope.metric;
  }
  return { where: conditions.join(' AND '), params };
}
