import { readCsv, type CsvRecord } from './csv-reader.js';
import {
  issue,
  type ImportDevice,
  type ImportEnterprise,
  type ImportIssue,
  type ParsedImport,
} from './import-rows.js';

/** The enterprise columns, repeated on every device row of the enterprise. */
export const ENTERPRISE_COLUMNS = [
  'enterpriseExternalId',
  'enterpriseName',
  'creditCode',
  'regionCode',
  'industryCode',
  'sizeClass',
] as const;
export const DEVICE_COLUMNS = ['deviceExternalId', 'deviceName', 'kind', 'metrics'] as const;

/** One column per device attribute, typed so that `true` and `800` arrive as JSON would send them. */
const BOOLEAN_ATTRIBUTES = ['productionEquipment', 'keyProcess', 'digital', 'numericalControl', 'robot'];
const NUMBER_ATTRIBUTES = ['commissionedYear', 'ratedPowerKw', 'idealCycleTimeS', 'counterMax'];
const TEXT_ATTRIBUTES = ['energyCarrier', 'meterScope'];
export const ATTRIBUTE_COLUMNS = [...BOOLEAN_ATTRIBUTES, ...NUMBER_ATTRIBUTES, ...TEXT_ATTRIBUTES];

const REQUIRED = ['enterpriseExternalId', 'enterpriseName', 'creditCode', 'regionCode', 'industryCode'];
const KNOWN = new Set<string>([...ENTERPRISE_COLUMNS, ...DEVICE_COLUMNS, ...ATTRIBUTE_COLUMNS]);
const DEVICE_CELLS = [...DEVICE_COLUMNS, ...ATTRIBUTE_COLUMNS];
const BOOLEAN_SET = new Set(BOOLEAN_ATTRIBUTES);
const NUMBER_SET = new Set(NUMBER_ATTRIBUTES);
// Logical enterprise fields and the columns that hold them.
const ENTERPRISE_FIELD_COLUMN: Record<string, string> = {
  externalId: 'enterpriseExternalId',
  name: 'enterpriseName',
};
const DEVICE_FIELD_COLUMN: Record<string, string> = { externalId: 'deviceExternalId', name: 'deviceName' };

/**
 * A provider's spreadsheet saved as CSV: a header row, then one row per device with its
 * enterprise's columns repeated (a row with empty device cells onboards an enterprise without
 * devices). Metrics are one cell separated by `;`; each device attribute has its own column.
 * Rows of one enterprise are grouped by enterpriseExternalId wherever they are in the file, and
 * must repeat the same enterprise values. Errors name the spreadsheet row and the column.
 */
export function parseImportCsv(text: string): ParsedImport {
  const read = readCsv(text);
  if (!read.ok) {
    return {
      enterprises: [],
      rows: 0,
      issues: [issue({ row: read.row, field: '' }, 'CSV_MALFORMED', read.message)],
    };
  }
  const [header, ...records] = read.records;
  if (!header) {
    return {
      enterprises: [],
      rows: 0,
      issues: [issue({ row: 1, field: '' }, 'EMPTY_FILE', 'the file has no header row')],
    };
  }
  const issues: ImportIssue[] = [];
  const columns = header.cells.map((c) => c.trim());
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    if (!KNOWN.has(name))
      issues.push(
        issue(
          { row: header.row, field: name },
          'UNKNOWN_COLUMN',
          `${name} is not a column of the import format`,
        ),
      );
    else if (index.has(name))
      issues.push(issue({ row: header.row, field: name }, 'DUPLICATE_COLUMN', `${name} appears twice`));
    else index.set(name, i);
  });
  for (const name of REQUIRED) {
    if (!index.has(name))
      issues.push(issue({ row: header.row, field: name }, 'MISSING_COLUMN', `the header needs ${name}`));
  }
  if (issues.length > 0) return { enterprises: [], rows: records.length, issues };

  // Column positions resolved once, not per cell: 100,000 rows × 20 lookups add up.
  const position: Record<string, number | undefined> = Object.fromEntries(index);
  const cell = (record: CsvRecord, name: string): string => {
    const i = position[name];
    return i === undefined ? '' : (record.cells[i] ?? '').trim();
  };
  const deviceCells = DEVICE_CELLS.filter((name) => index.has(name));
  const attributeColumns = ATTRIBUTE_COLUMNS.filter((name) => index.has(name));
  const byKey = new Map<string, { enterprise: ImportEnterprise; firstRow: CsvRecord }>();
  const enterprises: ImportEnterprise[] = [];
  let rows = 0;
  for (const record of records) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    rows++;
    if (record.cells.length !== columns.length) {
      issues.push(
        issue(
          { row: record.row, field: '' },
          'COLUMN_COUNT',
          `${record.cells.length} cells where the header has ${columns.length}`,
        ),
      );
      continue;
    }
    const key = cell(record, 'enterpriseExternalId');
    let entry = key === '' ? undefined : byKey.get(key);
    if (entry) {
      for (const name of ENTERPRISE_COLUMNS) {
        if (cell(record, name) !== cell(entry.firstRow, name)) {
          issues.push(
            issue(
              { row: record.row, field: name },
              'INCONSISTENT_ENTERPRISE',
              `${name} differs from row ${entry.firstRow.row} of the same enterpriseExternalId`,
            ),
          );
        }
      }
    } else {
      const firstRow = record;
      entry = {
        firstRow,
        enterprise: {
          externalId: key,
          name: cell(record, 'enterpriseName'),
          creditCode: cell(record, 'creditCode'),
          regionCode: cell(record, 'regionCode'),
          industryCode: cell(record, 'industryCode'),
          sizeClass: cell(record, 'sizeClass'),
          devices: [],
          at: (field) => ({ row: firstRow.row, field: ENTERPRISE_FIELD_COLUMN[field] ?? field }),
        },
      };
      if (key !== '') byKey.set(key, entry);
      enterprises.push(entry.enterprise);
    }
    if (deviceCells.some((name) => cell(record, name) !== ''))
      entry.enterprise.devices.push(deviceOf(record, cell, attributeColumns));
  }
  return { enterprises, rows, issues };
}

function deviceOf(
  record: CsvRecord,
  cell: (record: CsvRecord, name: string) => string,
  attributeColumns: readonly string[],
): ImportDevice {
  const attributes: Record<string, unknown> = {};
  for (const name of attributeColumns) {
    const value = cell(record, name);
    if (value !== '') attributes[name] = typed(name, value);
  }
  const metrics = cell(record, 'metrics');
  return {
    externalId: cell(record, 'deviceExternalId'),
    name: cell(record, 'deviceName'),
    kind: cell(record, 'kind'),
    metrics: metrics === '' ? [] : metrics.split(';').map((m) => m.trim()),
    attributes,
    at: (field) => ({
      row: record.row,
      field:
        DEVICE_FIELD_COLUMN[field] ??
        (field.startsWith('metrics') ? 'metrics' : field.startsWith('attributes.') ? field.slice(11) : field),
    }),
  };
}

/**
 * A cell as the attribute's type, when it reads as one; otherwise the text itself, which the
 * attribute check then rejects with the same message the JSON endpoints give.
 */
function typed(name: string, value: string): unknown {
  if (BOOLEAN_SET.has(name)) {
    const lower = value.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : value;
  }
  if (NUMBER_SET.has(name)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  return value;
}
