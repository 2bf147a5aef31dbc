/** Indicator engine settings, provided by the process that hosts the query API (libs/config). */
export interface IndicatorOptions {
  /** Run the nightly and monthly computations. */
  readonly schedule: boolean;
  /** Asia/Shanghai wall-clock times, HH:MM. */
  readonly nightlyAt: string;
  readonly monthlyAt: string;
  /** Minutes between late-telemetry checks; 0 turns the check off. */
  readonly lateCheckMinutes: number;
  /** How far back (days of reading time) the late-telemetry check looks. */
  readonly lateLookbackDays: number;
  /** A region query computes at most this many not-yet-stored enterprises on demand. */
  readonly regionOnDemandMax: number;
}

export const INDICATOR_OPTIONS = Symbol('INDICATOR_OPTIONS');

export const DEFAULT_INDICATOR_OPTIONS: IndicatorOptions = {
  schedule: false,
  nightlyAt: '02:30',
  monthlyAt: '03:30',
  lateCheckMinutes: 60,
  lateLookbackDays: 40,
  regionOnDemandMax: 50,
};
