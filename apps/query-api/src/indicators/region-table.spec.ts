import type { Enterprise } from '#grip/registry';
import type { StoredIndicatorSet } from '#grip/telemetry-store';
import { REGION_TABLE_COLUMNS, tableRowOf, type RegionTableRow } from './region-table.js';

const enterprise = {
  id: 'e-1',
  name: '甲',
  creditCode: 'C',
  regionCode: '440106',
  industryCode: 'C38',
} as Enterprise;
const set = (over: Partial<StoredIndicatorSet>) =>
  ({
    energyCoverage: 1,
    energyTce: 120,
    carbonTco2: 300,
    outputValue: 1000,
    valueAdded: 250,
    equipmentCounts: { digitisation_rate: { matching: 3, population: 4 } },
    methodologyVersion: '2026.1',
    computedAt: new Date('2026-11-01T00:00:00Z'),
    ...over,
  }) as StoredIndicatorSet;
const rowOf = (stored: StoredIndicatorSet) => tableRowOf(enterprise, stored, 0.9);
const cells = (row: RegionTableRow) =>
  Object.fromEntries(REGION_TABLE_COLUMNS.map((c) => [c.header, c.cell(row)]));

describe('the region table row', () => {
  it('holds the enterprise’s own figures and the ratios it brings to the region', () => {
    const row = cells(rowOf(set({})));
    expect(row).toMatchObject({
      enterprise_id: 'e-1',
      status: 'included',
      reason: null,
      energy_tce: 120,
      energy_intensity_output_value_tce_per_wan_yuan: 0.12,
      energy_intensity_value_added_tce_per_wan_yuan: 0.48,
      carbon_intensity_output_value_tco2_per_wan_yuan: 0.3,
      digitisation_rate: 0.75,
      computed_at: '2026-11-01T00:00:00.000Z',
    });
  });

  it('leaves the intensities of an enterprise below the coverage threshold empty, saying why', () => {
    const row = cells(rowOf(set({ energyCoverage: 0.5 })));
    expect(row.status).toBe('excluded');
    expect(row.reason).toMatch(/50\.0%.*below 90%/);
    expect(row.energy_tce).toBe(120);
    expect(row.energy_intensity_output_value_tce_per_wan_yuan).toBeNull();
    // Registers need no meters: the equipment rates still count.
    expect(row.digitisation_rate).toBe(0.75);
  });

  it('has one header per column, each distinct', () => {
    const headers = REGION_TABLE_COLUMNS.map((c) => c.header);
    expect(new Set(headers).size).toBe(headers.length);
    expect(headers.slice(0, 7)).toEqual([
      'enterprise_id',
      'name',
      'credit_code',
      'region_code',
      'industry_code',
      'status',
      'reason',
    ]);
  });
});
