import { DEFAULT_METHODOLOGY } from '#grip/indicators';
import { RETROFIT_TARGET_INDICATORS } from '#grip/registry';
import { composeEnterpriseIndicators } from '../../../query-api/src/indicators/compose-enterprise-indicators.js';
import { combineDeclarations } from '../../../query-api/src/indicators/declared-figures.js';
import { parseIndicatorPeriod } from '../../../query-api/src/indicators/indicator-period.js';

// A retrofit target names an indicator the enterprise indicator set computes: the registry keeps
// its own copy of the ids (it does not depend on the query side), and this holds the two equal.
describe('retrofit target indicators', () => {
  it('are exactly the ids of the enterprise indicator set (indicators.md §2–§5)', () => {
    const set = composeEnterpriseIndicators(
      {
        period: parseIndicatorPeriod('2025-03')!,
        regionCode: '440106',
        basis: 'equivalent',
        energy: { consumption: {}, exportedElectricityKwh: 0, coverage: undefined },
        equipment: [],
        daysWithData: {},
        machines: [],
        declared: combineDeclarations(['2025-03'], new Map()),
      },
      DEFAULT_METHODOLOGY,
    );
    expect([...RETROFIT_TARGET_INDICATORS].sort()).toEqual(Object.keys(set).sort());
  });
});
