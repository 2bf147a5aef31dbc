import {
  issue,
  WRONG_TYPE,
  type ImportDevice,
  type ImportEnterprise,
  type ImportIssue,
  type ParsedImport,
} from './import-rows.js';

const ENTERPRISE_FIELDS = new Set([
  'externalId',
  'name',
  'creditCode',
  'regionCode',
  'industryCode',
  'sizeClass',
  'devices',
]);
const DEVICE_FIELDS = new Set(['externalId', 'name', 'kind', 'metrics', 'attributes']);

type JsonObject = Record<string, unknown>;
const NUL = '\u0000';
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `{"enterprises": [{externalId, name, creditCode, regionCode, industryCode, sizeClass?,
 * devices: [{externalId, name, kind, metrics: [...], attributes: {...}}]}]}` — the bodies of the
 * single-item endpoints, nested. `row` in errors is the enterprise's index in `enterprises`
 * (from 0) and `field` the path inside it (`devices[3].metrics[0]`). Unknown fields are refused,
 * as the single-item endpoints refuse them.
 */
export function parseImportJson(text: string): ParsedImport {
  let body: unknown;
  try {
    body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return {
      enterprises: [],
      rows: 0,
      issues: [issue({ row: 0, field: '' }, 'JSON_MALFORMED', 'the body is not valid JSON')],
    };
  }
  if (!isObject(body) || !Array.isArray(body.enterprises)) {
    return {
      enterprises: [],
      rows: 0,
      issues: [issue({ row: 0, field: 'enterprises' }, 'REQUIRED', 'the body is {"enterprises": [...]}')],
    };
  }
  const issues: ImportIssue[] = [];
  for (const key of Object.keys(body)) {
    if (key !== 'enterprises')
      issues.push(issue({ row: 0, field: key }, 'UNKNOWN_FIELD', `${key} is not a field of an import`));
  }
  const enterprises: ImportEnterprise[] = [];
  let rows = 0;
  body.enterprises.forEach((item: unknown, row) => {
    const at = (field: string) => ({ row, field });
    if (!isObject(item)) {
      issues.push(issue(at(''), 'INVALID_TYPE', 'an enterprise is an object'));
      rows++;
      return;
    }
    unknownFields(item, ENTERPRISE_FIELDS, at, '', issues);
    const text = (field: string, optional = false) => stringField(item, field, at(field), issues, optional);
    const devices: ImportDevice[] = [];
    if (item.devices !== undefined && !Array.isArray(item.devices)) {
      issues.push(issue(at('devices'), 'INVALID_TYPE', 'devices is an array'));
    } else {
      ((item.devices as unknown[] | undefined) ?? []).forEach((d, i) => {
        const device = deviceOf(d, row, `devices[${i}]`, issues);
        if (device) devices.push(device);
      });
    }
    rows += Math.max(1, devices.length);
    enterprises.push({
      externalId: text('externalId'),
      name: text('name'),
      creditCode: text('creditCode'),
      regionCode: text('regionCode'),
      industryCode: text('industryCode'),
      sizeClass: text('sizeClass', true),
      devices,
      at,
    });
  });
  return { enterprises, rows, issues };
}

function deviceOf(
  value: unknown,
  row: number,
  path: string,
  issues: ImportIssue[],
): ImportDevice | undefined {
  const at = (field: string) => ({ row, field: field === '' ? path : `${path}.${field}` });
  if (!isObject(value)) {
    issues.push(issue(at(''), 'INVALID_TYPE', 'a device is an object'));
    return undefined;
  }
  unknownFields(value, DEVICE_FIELDS, at, '', issues);
  let metrics: string[] = [];
  if (Array.isArray(value.metrics)) {
    metrics = value.metrics.map((m: unknown, i) => {
      if (typeof m === 'string') return m;
      issues.push(issue(at(`metrics[${i}]`), 'INVALID_TYPE', 'a metric is a catalog name'));
      return '';
    });
  } else if (value.metrics !== undefined) {
    issues.push(issue(at('metrics'), 'INVALID_TYPE', 'metrics is an array of catalog names'));
  }
  let attributes: Record<string, unknown> = {};
  if (isObject(value.attributes)) {
    attributes = value.attributes;
    for (const [key, v] of Object.entries(attributes)) {
      if (typeof v === 'string' && v.includes(NUL)) {
        issues.push(issue(at(`attributes.${key}`), 'NUL_CHARACTER', `${key} contains U+0000`));
      }
    }
  } else if (value.attributes !== undefined)
    issues.push(issue(at('attributes'), 'INVALID_TYPE', 'attributes is an object'));
  return {
    externalId: stringField(value, 'externalId', at('externalId'), issues),
    name: stringField(value, 'name', at('name'), issues),
    kind: stringField(value, 'kind', at('kind'), issues),
    metrics,
    attributes,
    at,
  };
}

/** The field's text; a non-string is reported once here and read as empty (not reported again). */
function stringField(
  object: JsonObject,
  field: string,
  where: { row: number; field: string },
  issues: ImportIssue[],
  optional = false,
): string {
  const value = object[field];
  if (typeof value === 'string') {
    if (!value.includes(NUL)) return value;
    // "\u0000" in JSON: Postgres text cannot hold it.
    issues.push(issue(where, 'NUL_CHARACTER', `${field} contains U+0000`));
    return WRONG_TYPE;
  }
  if (value === undefined || (optional && value === null)) return '';
  issues.push(issue(where, 'INVALID_TYPE', `${field} is a string`));
  return WRONG_TYPE;
}

function unknownFields(
  object: JsonObject,
  known: ReadonlySet<string>,
  at: (field: string) => { row: number; field: string },
  prefix: string,
  issues: ImportIssue[],
): void {
  for (const key of Object.keys(object)) {
    if (!known.has(key)) issues.push(issue(at(prefix + key), 'UNKNOWN_FIELD', `${key} is not a field here`));
  }
}
