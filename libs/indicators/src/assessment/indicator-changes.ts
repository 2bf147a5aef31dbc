/**
 * Indicator deltas between the baseline and reporting periods (indicators.md §6.4), and the
 * project's declared targets judged against them (§6.5).
 */
export interface IndicatorSnapshot {
  formulaId: string;
  status: 'ok' | 'partial' | 'missing';
  value?: number;
  unit: string;
  coverage?: number;
}

export interface RetrofitTarget {
  /** formulaId, e.g. 'energy.intensity.unit_product'. */
  indicator: string;
  /** −10 = −10 %. */
  changePercent: number;
}

export interface IndicatorChange {
  formulaId: string;
  unit: string;
  baseline?: number;
  reporting?: number;
  /** (reporting − baseline) ÷ |baseline| × 100; absent when either side is missing or the baseline is 0. */
  changePercent?: number;
  /** The worse of the two periods' statuses; `missing` also when the change cannot be computed. */
  status: 'ok' | 'partial' | 'missing';
  /** Why no change is given although both periods have a value (their units differ). */
  reason?: string;
}

export interface TargetOutcome {
  indicator: string;
  changePercent: number;
  actualChangePercent?: number;
  /** Absent when the indicator's change is not available. */
  met?: boolean;
  /** Which way the target is read: a ceiling on the change (lower is better) or a floor. */
  direction: 'lower_is_better' | 'higher_is_better';
}

/**
 * Indicators where less is better: energy and carbon (totals and intensities), water per unit
 * product, pollutant emissions and the aged-equipment share. Everything else (OEE, productivity,
 * rates, index, scores) is better higher.
 */
export function lowerIsBetter(formulaId: string): boolean {
  return (
    formulaId.startsWith('energy.') ||
    formulaId.startsWith('carbon.') ||
    formulaId.startsWith('green.pollutant') ||
    formulaId === 'green.water_per_unit_product' ||
    formulaId === 'intelligence.aged_equipment_share'
  );
}

/**
 * Percent changes are compared with this tolerance (in percentage points), so that a change
 * computed as −9.999999999 from exactly a tenth less is not read as missing a −10 % target.
 */
const PERCENT_TOLERANCE = 1e-9;

const RANK = { ok: 0, partial: 1, missing: 2 } as const;

function usable(s: IndicatorSnapshot | undefined): s is IndicatorSnapshot & { value: number } {
  return s !== undefined && s.status !== 'missing' && Number.isFinite(s.value);
}

/** One row per indicator in either period: baseline order first, then those only reported. */
export function indicatorChanges(
  baseline: readonly IndicatorSnapshot[],
  reporting: readonly IndicatorSnapshot[],
): IndicatorChange[] {
  const ids = [...new Set([...baseline, ...reporting].map((s) => s.formulaId))];
  return ids.map((formulaId) => {
    const b = baseline.find((s) => s.formulaId === formulaId);
    const r = reporting.find((s) => s.formulaId === formulaId);
    // A missing side carries only its formula's default unit: the unit is the one measured.
    const unit = (usable(b) ? b : usable(r) ? r : (b ?? r)!).unit;
    const worst = [b?.status ?? 'missing', r?.status ?? 'missing'].reduce((w, s) =>
      RANK[s] > RANK[w] ? s : w,
    );
    const row: IndicatorChange = {
      formulaId,
      unit,
      ...(usable(b) && { baseline: b.value }),
      ...(usable(r) && { reporting: r.value }),
      status: worst,
    };
    if (usable(b) && usable(r) && b.unit !== r.unit) {
      // e.g. product output declared in pcs before and in t after: no change can be told.
      return {
        ...row,
        status: 'missing',
        reason: `${formulaId} is in ${b.unit} in the baseline and ${r.unit} in the reporting period`,
      };
    }
    if (usable(b) && usable(r) && b.value !== 0) {
      return { ...row, changePercent: ((r.value - b.value) / Math.abs(b.value)) * 100 };
    }
    return { ...row, status: 'missing' };
  });
}

/**
 * A target on a lower-is-better indicator is met when the change is at or below it (−10 %: a
 * tenth less or better; +5 %: an increase of at most 5 %); on a higher-is-better one when the change
 * is at or above it (+15 %: OEE up by 15 % or more).
 */
export function judgeTargets(
  targets: readonly RetrofitTarget[],
  changes: readonly IndicatorChange[],
): TargetOutcome[] {
  return targets.map((t) => {
    const direction = lowerIsBetter(t.indicator) ? 'lower_is_better' : 'higher_is_better';
    const actual = changes.find((c) => c.formulaId === t.indicator)?.changePercent;
    if (actual === undefined) return { indicator: t.indicator, changePercent: t.changePercent, direction };
    const met =
      direction === 'lower_is_better'
        ? actual <= t.changePercent + PERCENT_TOLERANCE
        : actual >= t.changePercent - PERCENT_TOLERANCE;
    return {
      indicator: t.indicator,
      changePercent: t.changePercent,
      actualChangePercent: actual,
      met,
      direction,
    };
  });
}
