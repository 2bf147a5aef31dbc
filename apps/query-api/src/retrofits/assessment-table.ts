import type { Enterprise } from '#grip/registry';
import type { CsvCell } from '../csv-table.js';

/** What a row of the region's assessment table is made from (see the service). */
export interface AssessmentRow {
  readonly enterprise: Enterprise;
  readonly assessment: {
    readonly project: {
      readonly id: string;
      readonly name: string;
      readonly kind: string;
      readonly status: string;
    };
    readonly verdict: string;
    readonly reasons: readonly { readonly code: string }[];
    readonly methodologyVersion?: string;
    readonly computedAt?: string;
    readonly gbt13234?: { readonly product?: Gbt13234Like; readonly outputValue?: Gbt13234Like };
    readonly model?: { readonly r2: number; readonly cvRmse: number; readonly nmbe: number } | null;
    readonly savings?: {
      readonly avoided: number;
      readonly fractionalSavings: number;
      readonly fsu68: number;
    } | null;
  };
}

interface Gbt13234Like {
  readonly status: string;
  readonly savings?: number;
  readonly savingRate?: number;
}

interface Column {
  readonly key: string;
  readonly cell: (row: AssessmentRow) => CsvCell;
}

const computedOnly = (g: Gbt13234Like | undefined, pick: 'savings' | 'savingRate') =>
  g && g.status !== 'missing' ? g[pick] : undefined;

/**
 * The region's retrofit table, as JSON fields and CSV columns alike. Figures are blank where
 * there are none (a project not yet assessable, a missing declaration), never 0.
 */
export const ASSESSMENT_COLUMNS: readonly Column[] = [
  { key: 'projectId', cell: (r) => r.assessment.project.id },
  { key: 'projectName', cell: (r) => r.assessment.project.name },
  { key: 'kind', cell: (r) => r.assessment.project.kind },
  { key: 'status', cell: (r) => r.assessment.project.status },
  { key: 'enterpriseId', cell: (r) => r.enterprise.id },
  { key: 'enterpriseName', cell: (r) => r.enterprise.name },
  { key: 'regionCode', cell: (r) => r.enterprise.regionCode },
  { key: 'industryCode', cell: (r) => r.enterprise.industryCode },
  { key: 'verdict', cell: (r) => r.assessment.verdict },
  { key: 'reasons', cell: (r) => r.assessment.reasons.map((x) => x.code).join(' ') },
  { key: 'savingsTceGbt13234Product', cell: (r) => computedOnly(r.assessment.gbt13234?.product, 'savings') },
  {
    key: 'savingRateGbt13234Product',
    cell: (r) => computedOnly(r.assessment.gbt13234?.product, 'savingRate'),
  },
  {
    key: 'savingRateGbt13234OutputValue',
    cell: (r) => computedOnly(r.assessment.gbt13234?.outputValue, 'savingRate'),
  },
  { key: 'avoidedEnergyTce', cell: (r) => r.assessment.savings?.avoided },
  { key: 'fractionalSavings', cell: (r) => r.assessment.savings?.fractionalSavings },
  { key: 'savingsUncertainty68', cell: (r) => r.assessment.savings?.fsu68 },
  { key: 'r2', cell: (r) => r.assessment.model?.r2 },
  { key: 'cvRmse', cell: (r) => r.assessment.model?.cvRmse },
  { key: 'nmbe', cell: (r) => r.assessment.model?.nmbe },
  { key: 'methodologyVersion', cell: (r) => r.assessment.methodologyVersion },
  { key: 'computedAt', cell: (r) => r.assessment.computedAt },
];
