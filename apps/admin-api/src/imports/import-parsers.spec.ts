import { makeCreditCode } from '#grip/contracts';
import { parseImportCsv } from './import-csv.parser.js';
import { parseImportJson } from './import-json.parser.js';
import { validateImportRows } from './import-row.validator.js';

const CODE_A = makeCreditCode('91440606MA4W00001');
const CODE_B = makeCreditCode('91440606MA4W00002');
const HEADER =
  'enterpriseExternalId,enterpriseName,creditCode,regionCode,industryCode,sizeClass,deviceExternalId,deviceName,kind,metrics,meterScope,ratedPowerKw,productionEquipment';

const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';
const checked = (parsed: ReturnType<typeof parseImportCsv>) => [
  ...parsed.issues,
  ...validateImportRows(parsed.enterprises),
];

describe('parseImportCsv', () => {
  it('groups device rows by enterpriseExternalId and types attribute cells', () => {
    const parsed = parseImportCsv(
      '\uFEFF' +
        csv(
          `E1,"佛山甲, 有限公司",${CODE_A},440606,C3851,large,meter-main,进线表,meter,electricity.active_energy;electricity.active_power,site,800,`,
          `E2,乙公司,${CODE_B},440606,C3399,,,,,,,,`,
          `E1,"佛山甲, 有限公司",${CODE_A},440606,C3851,large,cnc-01,1# CNC,machine,equipment.state,,,TRUE`,
        ),
    );
    expect(checked(parsed)).toEqual([]);
    expect(parsed.rows).toBe(3);
    expect(parsed.enterprises.map((e) => [e.externalId, e.name, e.devices.length])).toEqual([
      ['E1', '佛山甲, 有限公司', 2],
      ['E2', '乙公司', 0],
    ]);
    const [meter, cnc] = parsed.enterprises[0]!.devices;
    expect(meter).toMatchObject({
      metrics: ['electricity.active_energy', 'electricity.active_power'],
      attributes: { meterScope: 'site', ratedPowerKw: 800 },
    });
    expect(cnc!.attributes).toEqual({ productionEquipment: true });
    expect(parsed.enterprises[1]!.sizeClass).toBe('');
  });

  it('reports every bad cell by spreadsheet row and column, not just the first', () => {
    const parsed = parseImportCsv(
      csv(
        `E1,甲,${CODE_A.slice(0, 17)}X,449999,C9999,huge,m1,表,meter,electricity.active_energy,,-3,`,
        `E1,甲,${CODE_A.slice(0, 17)}X,449999,C9999,huge,m1,表,robot,nope,,,maybe`,
        `E3,丙,${CODE_A.slice(0, 17)}X,440606,C3851,,,,,,,,`,
      ),
    );
    const issues = checked(parsed).map((i) => [i.row, i.field, i.code]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [2, 'creditCode', 'INVALID_CREDIT_CODE'],
        [2, 'regionCode', 'UNKNOWN_REGION'],
        [2, 'industryCode', 'UNKNOWN_INDUSTRY'],
        [2, 'sizeClass', 'INVALID_SIZE_CLASS'],
        [2, 'ratedPowerKw', 'INVALID_ATTRIBUTE'],
        [2, 'meterScope', 'METER_SCOPE_REQUIRED'],
        [3, 'deviceExternalId', 'DUPLICATE_IN_FILE'],
        [3, 'kind', 'INVALID_KIND'],
        [3, 'metrics', 'UNKNOWN_METRIC'],
        [3, 'productionEquipment', 'INVALID_ATTRIBUTE'],
        [4, 'creditCode', 'DUPLICATE_IN_FILE'],
      ]),
    );
  });

  it('refuses enterprise columns that differ between rows of one enterprise', () => {
    const parsed = parseImportCsv(
      csv(
        `E1,甲,${CODE_A},440606,C3851,,m1,表,sensor,ambient.temperature,,,`,
        `E1,甲二,${CODE_A},440606,C3851,,m2,表,sensor,ambient.temperature,,,`,
      ),
    );
    expect(parsed.issues).toEqual([
      expect.objectContaining({ row: 3, field: 'enterpriseName', code: 'INCONSISTENT_ENTERPRISE' }),
    ]);
  });

  it('names unknown, duplicate and missing columns in the header', () => {
    const parsed = parseImportCsv('enterpriseExternalId,enterpriseName,colour,enterpriseName\nE1,x,red,x\n');
    expect(parsed.issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [1, 'colour', 'UNKNOWN_COLUMN'],
      [1, 'enterpriseName', 'DUPLICATE_COLUMN'],
      [1, 'creditCode', 'MISSING_COLUMN'],
      [1, 'regionCode', 'MISSING_COLUMN'],
      [1, 'industryCode', 'MISSING_COLUMN'],
    ]);
  });

  it('reports empty required cells and rows with the wrong number of cells', () => {
    const parsed = parseImportCsv(csv(`,,,,,,,,,,,,`.replace(/^/, 'E1'), 'E2,short'));
    expect(checked(parsed).map((i) => [i.row, i.field, i.code])).toEqual(
      expect.arrayContaining([
        [2, 'enterpriseName', 'REQUIRED'],
        [2, 'creditCode', 'REQUIRED'],
        [2, 'regionCode', 'REQUIRED'],
        [2, 'industryCode', 'REQUIRED'],
        [3, '', 'COLUMN_COUNT'],
      ]),
    );
  });

  it('reports a malformed file once, with the row', () => {
    expect(parseImportCsv(csv('E1,"unclosed')).issues).toEqual([
      expect.objectContaining({ row: 2, code: 'CSV_MALFORMED' }),
    ]);
  });
});

describe('parseImportJson', () => {
  const enterprise = (over: Record<string, unknown> = {}) => ({
    externalId: 'E1',
    name: '甲',
    creditCode: CODE_A,
    regionCode: '440606',
    industryCode: 'C3851',
    devices: [
      {
        externalId: 'meter-main',
        name: '进线表',
        kind: 'meter',
        metrics: ['electricity.active_energy'],
        attributes: { meterScope: 'site' },
      },
    ],
    ...over,
  });

  it('accepts the single-item bodies nested, and counts rows like the CSV form', () => {
    const parsed = parseImportJson(
      JSON.stringify({
        enterprises: [enterprise(), enterprise({ externalId: 'E2', creditCode: CODE_B, devices: [] })],
      }),
    );
    expect([...parsed.issues, ...validateImportRows(parsed.enterprises)]).toEqual([]);
    expect(parsed.rows).toBe(2);
  });

  it('reports by array index and path: wrong types once, unknown fields, duplicates', () => {
    const parsed = parseImportJson(
      JSON.stringify({
        enterprises: [
          enterprise({ colour: 'red', creditCode: 42 }),
          enterprise({
            devices: [
              { externalId: 'd', name: 'x', kind: 'meter', metrics: ['electricity.active_energy', 7] },
            ],
          }),
        ],
      }),
    );
    const issues = [...parsed.issues, ...validateImportRows(parsed.enterprises)].map((i) => [
      i.row,
      i.field,
      i.code,
    ]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [0, 'colour', 'UNKNOWN_FIELD'],
        [0, 'creditCode', 'INVALID_TYPE'],
        [1, 'externalId', 'DUPLICATE_IN_FILE'],
        [1, 'devices[0].metrics[1]', 'INVALID_TYPE'],
        [1, 'devices[0].attributes.meterScope', 'METER_SCOPE_REQUIRED'],
      ]),
    );
    expect(issues.filter(([row, field]) => row === 0 && field === 'creditCode')).toHaveLength(1);
  });

  it('reports U+0000 escaped inside JSON strings, which Postgres text cannot hold', () => {
    const body = JSON.stringify({
      enterprises: [
        enterprise({
          name: 'a\u0000b',
          devices: [
            {
              externalId: 'd',
              name: 'x',
              kind: 'sensor',
              metrics: ['ambient.temperature'],
              attributes: { energyCarrier: 'x\u0000' },
            },
          ],
        }),
      ],
    });
    const parsed = parseImportJson(body);
    expect(parsed.issues.map((i) => [i.field, i.code])).toEqual([
      ['devices[0].attributes.energyCarrier', 'NUL_CHARACTER'],
      ['name', 'NUL_CHARACTER'],
    ]);
    expect(validateImportRows(parsed.enterprises)).toEqual([]);
  });

  it('refuses a body that is not JSON or has no enterprises array', () => {
    expect(parseImportJson('{').issues[0]!.code).toBe('JSON_MALFORMED');
    expect(parseImportJson('[]').issues[0]!.field).toBe('enterprises');
  });
});
