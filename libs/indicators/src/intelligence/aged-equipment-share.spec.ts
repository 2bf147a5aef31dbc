import { readFileSync } from 'node:fs';
import { agedEquipmentShare, type Equipment } from './equipment-rates.js';

// Golden fixture: production equipment commissioned before 1990 (indicators.md §4).
interface Fixture {
  cases: {
    equipment: Equipment[];
    expected: { value: number; coverage?: number } & Record<string, unknown>;
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/aged-equipment-share.json', import.meta.url), 'utf8'),
) as Fixture;

describe('aged-equipment share', () => {
  it.each(fixture.cases.map((c, i) => [i + 1, c] as const))('case %s', (_i, c) => {
    const { value, coverage, ...expected } = c.expected;
    const result = agedEquipmentShare({ equipment: c.equipment });
    expect(result).toMatchObject({
      ...expected,
      formulaId: 'intelligence.aged_equipment_share',
      unit: 'fraction',
    });
    if (result.status === 'missing') throw new Error(result.reason);
    expect(result.value).toBeCloseTo(value, 12);
    if (coverage === undefined) expect(result).not.toHaveProperty('coverage');
    else expect(result.coverage).toBeCloseTo(coverage, 9);
  });
});
