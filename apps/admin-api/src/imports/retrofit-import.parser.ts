import { readCsv } from './csv-reader.js';
import { issue, type ImportIssue, type Located } from './import-rows.js';

/**
 * A retrofit project as read from an import file, before validation. `fields` holds the
 * project's fields typed as JSON would send them (the registry's rules check them); `at` maps a
 * field (`startDate`, `meters[1]`, `targets[0].indicator`) to where it sits in the file.
 */
export interface ImportRetrofit {
  /** The provider's own id of the enterprise (its key in enterprise imports). */
  readonly enterpriseExternalId: string;
  readonly fields: Record<string, unknown>;
  at(field: string): Located;
}

export interface ParsedRetrofitImport {
  readonly retrofits: ImportRetrofit[];
  readonly rows: number;
  readonly issues: ImportIssue[];
}

/** The project fields of a row, as named in CSV headers and JSON objects. */
export const RETROFIT_IMPORT_FIELDS = [
  'name',
  'kind',
  'investment',
  'startDate',
  'completionDate',
  'baselineFrom',
  'baselineTo',
  'reportingFrom',
  'reportingTo',
  'meters',
  'targets',
  'status',
] as const;
export const RETROFIT_CSV_COLUMNS = ['enterpriseExternalId', ...RETROFIT_IMPORT_FIELDS] as const;
const KNOWN = new Set<string>(RETROFIT_CSV_COLUMNS);
const REQUIRED_COLUMNS = ['enterpriseExternalId', 'name', 'kind', 'investment', 'startDate'];
const NUL = '\u0000';

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `{"retrofits": [{enterpriseExternalId, name, kind, investment, startDate, …}]}` — the body of
 * POST /enterprises/{id}/retrofits with the enterprise named by its external id. `row` in errors
 * is the index in `retrofits` (from 0), `field` the path inside it.
 */
export function parseRetrofitJson(text: string): ParsedRetrofitImport {
  let body: unknown;
  try {
    body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return malformed(issue({ row: 0, field: '' }, 'JSON_MALFORMED', 'the body is not valid JSON'));
  }
  if (!isObject(body) || !Array.isArray(body.retrofits)) {
    return malformed(issue({ row: 0, field: 'retrofits' }, 'REQUIRED', 'the body is {"retrofits": [...]}'));
  }
  const issues: ImportIssue[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'retrofits')
      issues.push(issue({ row: 0, field: key }, 'UNKNOWN_FIELD', `${key} is not a field of an import`));
  }
  const retrofits: ImportRetrofit[] = [];
  body.retrofits.forEach((item: unknown, row) => {
    const at = (field: string) => ({ row, field });
    if (!isObject(item)) {
      issues.push(issue(at(''), 'INVALID_TYPE', 'a retrofit project is an object'));
      return;
    }
    const fields: Record<string, unknown> = {};
    let enterpriseExternalId = '';
    for (const [key, value] of Object.entries(item)) {
      if (JSON.stringify(value)?.includes('\\u0000')) {
        issues.push(issue(at(key), 'NUL_CHARACTER', `${key} contains U+0000`));
        continue;
      }
      if (key === 'enterpriseExternalId') {
        if (typeof value === 'string') enterpriseExternalId = value;
        else issues.push(issue(at(key), 'INVALID_TYPE', 'enterpriseExternalId is a string'));
      } else if ((RETROFIT_IMPORT_FIELDS as readonly string[]).includes(key)) fields[key] = value;
      else issues.push(issue(at(key), 'UNKNOWN_FIELD', `${key} is not a field of a retrofit project`));
    }
    retrofits.push({ enterpriseExternalId, fields, at });
  });
  return { retrofits, rows: body.retrofits.length, issues };
}

/**
 * A spreadsheet saved as CSV: a header row, then one project per row. `meters` is one cell of
 * device externalIds separated by `;`; `targets` one cell of `indicator=changePercent` pairs
 * separated by `;` (`energy.intensity.unit_product=-10;intelligence.oee=5`). Empty cells are
 * "not given" (periods then take their defaults). Errors name the spreadsheet row and column.
 */
export function parseRetrofitCsv(text: string): ParsedRetrofitImport {
  const read = readCsv(text);
  if (!read.ok) return malformed(issue({ row: read.row, field: '' }, 'CSV_MALFORMED', read.message));
  const [header, ...records] = read.records;
  if (!header) return malformed(issue({ row: 1, field: '' }, 'EMPTY_FILE', 'the file has no header row'));
  const issues: ImportIssue[] = [];
  const columns = header.cells.map((c) => c.trim());
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    const at = { row: header.row, field: name };
    if (!KNOWN.has(name))
      issues.push(issue(at, 'UNKNOWN_COLUMN', `${name} is not a column of the import format`));
    else if (index.has(name)) issues.push(issue(at, 'DUPLICATE_COLUMN', `${name} appears twice`));
    else index.set(name, i);
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!index.has(name))
      issues.push(issue({ row: header.row, field: name }, 'MISSING_COLUMN', `the header needs ${name}`));
  }
  if (issues.length > 0) return { retrofits: [], rows: records.length, issues };

  const retrofits: ImportRetrofit[] = [];
  let rows = 0;
  for (const record of records) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    rows++;
    const located = (field: string): Located => ({
      row: record.row,
      field: field.startsWith('meters') ? 'meters' : field.startsWith('targets') ? 'targets' : field,
    });
    if (record.cells.length !== columns.length) {
      issues.push(
        issue(
          located(''),
          'COLUMN_COUNT',
          `${record.cells.length} cells where the header has ${columns.length}`,
        ),
      );
      continue;
    }
    const cell = (name: string) => {
      const i = index.get(name);
      return i === undefined ? '' : (record.cells[i] ?? '').trim();
    };
    const fields: Record<string, unknown> = {};
    for (const name of RETROFIT_IMPORT_FIELDS) {
      const value = cell(name);
      if (value === '') continue;
      if (value.includes(NUL)) {
        issues.push(issue(located(name), 'NUL_CHARACTER', `${name} contains U+0000`));
        continue;
      }
      if (name === 'investment') fields[name] = numberOrText(value);
      else if (name === 'meters') fields[name] = value.split(';').map((m) => m.trim());
      else if (name === 'targets') {
        const targets = targetsOf(value);
        if (targets) fields[name] = targets;
        else
          issues.push(
            issue(
              located(name),
              'INVALID_TARGETS',
              'targets are indicator=changePercent pairs separated by ;',
            ),
          );
      } else fields[name] = value;
    }
    retrofits.push({ enterpriseExternalId: cell('enterpriseExternalId'), fields, at: located });
  }
  return { retrofits, rows, issues };
}

/** `a=-10;b=5` → [{indicator: 'a', changePercent: -10}, …]; undefined when a pair is malformed. */
function targetsOf(cell: string): { indicator: string; changePercent: unknown }[] | undefined {
  const pairs = cell.split(';').map((p) => p.trim());
  const targets = pairs.map((pair) => {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0) return undefined;
    return { indicator: pair.slice(0, eq).trim(), changePercent: numberOrText(pair.slice(eq + 1).trim()) };
  });
  return targets.every((t) => t !== undefined) ? targets : undefined;
}

/** A cell as a number when it reads as one; otherwise its text, which the rules then refuse. */
function numberOrText(value: string): unknown {
  const n = Number(value);
  return value !== '' && Number.isFinite(n) ? n : value;
}

function malformed(only: ImportIssue): ParsedRetrofitImport {
  return { retrofits: [], rows: 0, issues: [only] };
}
