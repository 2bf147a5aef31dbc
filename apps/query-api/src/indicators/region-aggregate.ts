/**
 * A region's (or industry's) figures from its enterprises' (indicators.md §0): extensive
 * quantities are summed first and then divided, never ratios averaged; an enterprise whose
 * meters covered too little of the period is left out of the energy and carbon figures and
 * listed with the reason, and each ratio is taken over the enterprises that have both sides.
 */
export interface EnterpriseContribution {
  readonly enterpriseId: string;
  readonly name: string;
  /** Share of the period's hours the site meters reported in; undefined without site meters. */
  readonly energyCoverage: number | undefined;
  readonly energyTce: number;
  readonly carbonTco2: number | undefined;
  readonly outputValue: number | undefined;
  readonly valueAdded: number | undefined;
  /** Equipment-rate counts, by rate name: how many match out of how many judged. */
  readonly equipmentCounts: Readonly<
    Record<string, { readonly matching: number; readonly population: number }>
  >;
}

export interface RegionRatio {
  readonly value: number | null;
  readonly unit: string;
  readonly enterprises: number;
  readonly status: 'ok' | 'missing';
}

const ratio = (num: number, den: number, unit: string, enterprises: number): RegionRatio =>
  den > 0 && enterprises > 0
    ? { value: num / den, unit, enterprises, status: 'ok' }
    : { value: null, unit, enterprises, status: 'missing' };

export function aggregateRegion(contributions: readonly EnterpriseContribution[], coverageThreshold: number) {
  const excluded: { enterpriseId: string; name: string; reason: string }[] = [];
  const measured = contributions.filter((c) => {
    if (c.energyCoverage === undefined || c.energyCoverage === 0) {
      excluded.push({
        enterpriseId: c.enterpriseId,
        name: c.name,
        reason: 'no site-meter data in the period',
      });
      return false;
    }
    if (c.energyCoverage < coverageThreshold) {
      excluded.push({
        enterpriseId: c.enterpriseId,
        name: c.name,
        reason: `site meters covered ${(c.energyCoverage * 100).toFixed(1)}% of the period, below ${coverageThreshold * 100}%`,
      });
      return false;
    }
    return true;
  });
  const sum = (
    items: readonly EnterpriseContribution[],
    pick: (c: EnterpriseContribution) => number | undefined,
  ) => items.reduce((acc, c) => acc + (pick(c) ?? 0), 0);
  const withOutput = measured.filter((c) => c.outputValue !== undefined && c.outputValue > 0);
  const withValueAdded = measured.filter((c) => c.valueAdded !== undefined && c.valueAdded > 0);
  const withCarbon = withOutput.filter((c) => c.carbonTco2 !== undefined);

  const rateNames = [...new Set(contributions.flatMap((c) => Object.keys(c.equipmentCounts)))].sort();
  const equipmentRates: Record<string, RegionRatio> = Object.fromEntries(
    rateNames.map((name) => {
      const judged = contributions.filter((c) => (c.equipmentCounts[name]?.population ?? 0) > 0);
      return [
        name,
        ratio(
          sum(judged, (c) => c.equipmentCounts[name]!.matching),
          sum(judged, (c) => c.equipmentCounts[name]!.population),
          'fraction',
          judged.length,
        ),
      ];
    }),
  );

  return {
    enterprises: { inScope: contributions.length, contributing: measured.length, excluded },
    // A total of no enterprise is absent (null), never 0: nothing was measured.
    totals: {
      energyTce: measured.length === 0 ? null : sum(measured, (c) => c.energyTce),
      carbonTco2: measured.some((c) => c.carbonTco2 !== undefined)
        ? sum(measured, (c) => c.carbonTco2)
        : null,
      outputValue: withOutput.length === 0 ? null : sum(withOutput, (c) => c.outputValue),
    },
    indicators: {
      'energy.intensity.output_value': ratio(
        sum(withOutput, (c) => c.energyTce),
        sum(withOutput, (c) => c.outputValue),
        'tce/万元',
        withOutput.length,
      ),
      'energy.intensity.value_added': ratio(
        sum(withValueAdded, (c) => c.energyTce),
        sum(withValueAdded, (c) => c.valueAdded),
        'tce/万元',
        withValueAdded.length,
      ),
      'carbon.intensity.output_value': ratio(
        sum(withCarbon, (c) => c.carbonTco2),
        sum(withCarbon, (c) => c.outputValue),
        'tCO2/万元',
        withCarbon.length,
      ),
    },
    /** Σ matching ÷ Σ judged equipment over every enterprise in scope (registers need no meters). */
    equipmentRates,
  };
}
