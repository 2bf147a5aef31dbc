import { readFileSync } from 'node:fs';
import {
  agedEquipmentShare,
  equipmentDigitisationRate,
  equipmentOnCloudRate,
  keyProcessNcRate,
  networkingRate,
  robotDensity,
  type Equipment,
} from './equipment-rates.js';
import { firstPassYield, oee } from './oee.js';
import { labourProductivity } from './productivity.js';

// Golden fixture: zero denominators are missing, never a division by zero (indicators.md §0).
interface Fixture {
  meterOnly: Equipment[];
  cases: { fn: string; input: unknown; daysInPeriod?: number; reason: string }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/zero-denominators.json', import.meta.url), 'utf8'),
) as Fixture;

const equipmentOf = (input: unknown): Equipment[] =>
  input === 'meterOnly' ? fixture.meterOnly : (input as Equipment[]);

const FNS: Record<string, (c: Fixture['cases'][number]) => { status: string }> = {
  equipmentDigitisationRate: (c) => equipmentDigitisationRate({ equipment: equipmentOf(c.input) }),
  equipmentOnCloudRate: (c) => equipmentOnCloudRate({ equipment: equipmentOf(c.input), daysWithData: {} }),
  agedEquipmentShare: (c) => agedEquipmentShare({ equipment: equipmentOf(c.input) }),
  keyProcessNcRate: (c) => keyProcessNcRate({ equipment: equipmentOf(c.input) }),
  networkingRate: (c) =>
    networkingRate({ equipment: equipmentOf(c.input), daysInPeriod: c.daysInPeriod, daysWithData: {} }),
  oee: (c) => oee(c.input as Parameters<typeof oee>[0]),
  firstPassYield: (c) => firstPassYield(c.input as Parameters<typeof firstPassYield>[0]),
  labourProductivity: (c) => labourProductivity(c.input as Parameters<typeof labourProductivity>[0]),
  robotDensity: (c) => robotDensity(c.input as Parameters<typeof robotDensity>[0]),
};

describe('intelligence: zero denominators', () => {
  it.each(fixture.cases.map((c) => [c.fn, c] as const))('%s', (fn, c) => {
    const result = FNS[fn](c);
    expect(result).toMatchObject({ status: 'missing', reason: c.reason });
    expect(result).not.toHaveProperty('value');
  });
});
