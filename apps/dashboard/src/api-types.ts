/** The parts of the public API's answers the dashboard reads (see /docs for the full schema). */

export interface Reason {
  readonly code: string;
  readonly message: string;
}

export interface RegionAssessmentRow {
  readonly projectId: string;
  readonly projectName: string;
  readonly kind: string;
  readonly status: string;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly regionCode: string;
  readonly industryCode: string;
  readonly verdict: string;
  /** Reason codes separated by spaces. */
  readonly reasons: string;
  readonly savingRateGbt13234Product?: number | null;
  readonly avoidedEnergyTce?: number | null;
  readonly fractionalSavings?: number | null;
  readonly r2?: number | null;
  readonly cvRmse?: number | null;
}

export interface SeriesPoint {
  readonly period: string;
  readonly phase: 'baseline' | 'reporting';
  readonly actual: number | null;
  readonly predicted: number | null;
}

export interface Assessment {
  readonly project: {
    readonly id: string;
    readonly name: string;
    readonly kind: string;
    readonly status: string;
  };
  readonly verdict: string;
  readonly reasons: readonly Reason[];
  readonly granularity?: 'day' | 'month';
  readonly methodologyVersion?: string;
  readonly computedAt?: string;
  readonly model?: {
    readonly r2: number;
    readonly cvRmse: number;
    readonly nmbe: number;
    readonly n: number;
    readonly acceptance: { readonly cvRmseMax: number; readonly nmbeMax: number; readonly passes: boolean };
  } | null;
  readonly savings?: {
    readonly adjustedBaseline: number;
    readonly actual: number;
    readonly avoided: number;
    readonly fractionalSavings: number;
    readonly fsu68: number;
    readonly fsuMax: number;
  } | null;
  readonly gbt13234?: { readonly product?: { readonly status: string; readonly savingRate?: number } };
  readonly series?: readonly SeriesPoint[];
  readonly coverage?: { readonly baseline: number; readonly reporting: number };
}

export interface Benchmarks {
  readonly period: string;
  readonly industry: string;
  readonly regionCode: string | null;
  readonly methodologyVersion: string;
  readonly peerGroup: {
    readonly level: string;
    readonly code: string;
    readonly size: number;
    readonly minimum: number;
    readonly reachedMinimum: boolean;
    readonly note: string;
  };
  readonly weights: Readonly<Record<string, number>>;
  readonly threshold: number;
  readonly ranked: readonly {
    readonly enterpriseId: string;
    readonly name: string;
    readonly percentiles: Readonly<Record<string, number>>;
    readonly composite: number;
    readonly rank: number;
    readonly selected: boolean;
    readonly rule?: string;
  }[];
  readonly excluded: readonly {
    readonly enterpriseId: string;
    readonly name: string;
    readonly rule: string;
    readonly message: string;
  }[];
}

export interface PlanProgress {
  readonly year: number;
  readonly regionCode: string;
  readonly lines: readonly {
    readonly regionCode: string;
    readonly regionName: string | null;
    readonly level: string;
    readonly metrics: readonly {
      readonly metric: string;
      readonly target: number | null;
      readonly targetSource: 'set' | 'share' | null;
      readonly actual: number;
      readonly progress: number | null;
    }[];
  }[];
}

export interface RegionRatio {
  readonly value: number | null;
  readonly unit: string;
  readonly enterprises: number;
  readonly status: 'ok' | 'missing';
}

export interface RegionIndicators {
  readonly regionCode: string;
  readonly regionName: string | null;
  readonly period: string;
  readonly methodologyVersion: string;
  readonly enterprises: {
    readonly inScope: number;
    readonly contributing: number;
    readonly excluded: readonly {
      readonly enterpriseId: string;
      readonly name: string;
      readonly reason: string;
    }[];
  };
  readonly totals: {
    readonly energyTce: number | null;
    readonly carbonTco2: number | null;
    readonly outputValue: number | null;
  };
  readonly indicators: Readonly<Record<string, RegionRatio>>;
  readonly equipmentRates: Readonly<Record<string, RegionRatio>>;
}
