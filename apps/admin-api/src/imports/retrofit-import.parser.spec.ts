import { parseRetrofitCsv, parseRetrofitJson } from './retrofit-import.parser.js';

describe('retrofit import files', () => {
  it('reads CSV rows typed as JSON would send them, with meters and targets in one cell each', () => {
    const csv = [
      'enterpriseExternalId,name,kind,investment,startDate,completionDate,meters,targets',
      'CRM-1,空压站改造,energy_saving,320.5,2025-03-15,,meter-a; meter-b,energy.intensity.unit_product=-10;intelligence.oee=5',
      '',
      'CRM-2,"SMT, line 3",smart_digital,abc,2025-06-01,2025-11-30,,',
    ].join('\r\n');
    const parsed = parseRetrofitCsv(csv);
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows).toBe(2);
    expect(parsed.retrofits.map((r) => [r.enterpriseExternalId, r.fields])).toEqual([
      [
        'CRM-1',
        {
          name: '空压站改造',
          kind: 'energy_saving',
          investment: 320.5,
          startDate: '2025-03-15',
          meters: ['meter-a', 'meter-b'],
          targets: [
            { indicator: 'energy.intensity.unit_product', changePercent: -10 },
            { indicator: 'intelligence.oee', changePercent: 5 },
          ],
        },
      ],
      [
        'CRM-2',
        {
          name: 'SMT, line 3',
          kind: 'smart_digital',
          investment: 'abc',
          startDate: '2025-06-01',
          completionDate: '2025-11-30',
        },
      ],
    ]);
    // Spreadsheet rows: the header is row 1, the blank line still counts.
    expect(parsed.retrofits[1]!.at('investment')).toEqual({ row: 4, field: 'investment' });
    expect(parsed.retrofits[0]!.at('targets[1].indicator')).toEqual({ row: 2, field: 'targets' });
  });

  it('refuses unknown and missing columns, malformed targets and short rows, by row and column', () => {
    expect(
      parseRetrofitCsv('enterpriseExternalId,name,kind,startDate,colour\n').issues.map((i) => [
        i.field,
        i.code,
      ]),
    ).toEqual([
      ['colour', 'UNKNOWN_COLUMN'],
      ['investment', 'MISSING_COLUMN'],
    ]);
    const parsed = parseRetrofitCsv(
      'enterpriseExternalId,name,kind,investment,startDate,targets\nE,n,energy_saving,1,2025-01-01,oee\nE,n\n',
    );
    expect(parsed.issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [2, 'targets', 'INVALID_TARGETS'],
      [3, '', 'COLUMN_COUNT'],
    ]);
  });

  it('reads JSON projects with the single-item field names, index as row', () => {
    const parsed = parseRetrofitJson(
      JSON.stringify({
        retrofits: [
          {
            enterpriseExternalId: 'CRM-1',
            name: 'n',
            kind: 'energy_saving',
            investment: 1,
            startDate: '2025-01-01',
          },
          { enterpriseExternalId: 7, name: 'n', colour: 'red' },
          'nope',
        ],
      }),
    );
    expect(parsed.rows).toBe(3);
    expect(parsed.retrofits[0]!.fields).toEqual({
      name: 'n',
      kind: 'energy_saving',
      investment: 1,
      startDate: '2025-01-01',
    });
    expect(parsed.issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [1, 'enterpriseExternalId', 'INVALID_TYPE'],
      [1, 'colour', 'UNKNOWN_FIELD'],
      [2, '', 'INVALID_TYPE'],
    ]);
    expect(parseRetrofitJson('{"enterprises": []}').issues[0]).toMatchObject({ code: 'REQUIRED' });
    expect(parseRetrofitJson('{').issues[0]).toMatchObject({ code: 'JSON_MALFORMED' });
    expect(parseRetrofitJson('{"retrofits":[{"name":"a\\u0000b"}]}').issues[0]).toMatchObject({
      field: 'name',
      code: 'NUL_CHARACTER',
    });
  });
});
