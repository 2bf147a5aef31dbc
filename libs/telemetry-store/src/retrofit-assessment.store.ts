import type { ClickHouse } from './clickhouse.client.js';

/** One stored assessment of a retrofit project: the whole answer as JSON, and what it was computed from. */
export interface StoredAssessment {
  readonly projectId: string;
  readonly enterpriseId: string;
  readonly regionCode: string;
  readonly methodologyVersion: string;
  /** Digest of every input read (see migration 0030). */
  readonly fingerprint: string;
  readonly verdict: string;
  /** The assessment as served, JSON. */
  readonly result: string;
  readonly computedAt: Date;
}

type Row = Omit<StoredAssessment, 'computedAt'> & { computedAtMs: string };

const chTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

const COLUMNS = `toString(project_id) AS projectId, toString(enterprise_id) AS enterpriseId,
  region_code AS regionCode, methodology_version AS methodologyVersion, fingerprint, verdict, result,
  toUnixTimestamp64Milli(computed_at) AS computedAtMs`;

/**
 * Retrofit assessments (migration 0030). Reads name the project ids the caller may see — the
 * registry has applied the principal's scope to them — and use FINAL (latest computation wins).
 */
export class RetrofitAssessmentStore {
  private readonly table: string;

  constructor(private readonly ch: ClickHouse) {
    this.table = ch.table('retrofit_assessments');
  }

  async save(assessment: StoredAssessment): Promise<void> {
    await this.ch.client.insert({
      table: this.table,
      format: 'JSONEachRow',
      values: [
        {
          project_id: assessment.projectId,
          enterprise_id: assessment.enterpriseId,
          region_code: assessment.regionCode,
          methodology_version: assessment.methodologyVersion,
          fingerprint: assessment.fingerprint,
          verdict: assessment.verdict,
          result: assessment.result,
          computed_at: chTime(assessment.computedAt),
        },
      ],
    });
  }

  /** The latest stored assessment of each of these projects (absent ones are left out). */
  async read(projectIds: readonly string[]): Promise<StoredAssessment[]> {
    if (projectIds.length === 0) return [];
    const result = await this.ch.client.query({
      query: `SELECT ${COLUMNS} FROM ${this.table} FINAL WHERE project_id IN {ids:Array(UUID)} ORDER BY project_id`,
      format: 'JSONEachRow',
      query_params: { ids: [...projectIds] },
    });
    return (await result.json<Row>()).map(({ computedAtMs, ...row }) => ({
      ...row,
      computedAt: new Date(Number(computedAtMs)),
    }));
  }
}
