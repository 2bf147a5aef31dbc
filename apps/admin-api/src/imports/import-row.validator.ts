import { DEVICE_KINDS } from '#grip/contracts';
import { codeProblems } from '../code-checks.js';
import { deviceProblems } from '../device-checks.js';
import { EXTERNAL_ID, SIZE_CLASSES } from '../dto/enterprise.dto.js';
import {
  issue,
  WRONG_TYPE,
  type ImportDevice,
  type ImportEnterprise,
  type ImportIssue,
} from './import-rows.js';

const MAX_NAME = 200;
const MAX_METRICS = 64;

/**
 * Everything that can be checked without the database, for every row: the same rules as the
 * single-item endpoints (national codes, device kind, metrics, attributes) plus duplicates
 * inside the file. Returns every problem, not the first.
 */
export function validateImportRows(enterprises: readonly ImportEnterprise[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const seenExternal = new Map<string, ImportEnterprise>();
  const seenCredit = new Map<string, ImportEnterprise>();
  for (const e of enterprises) {
    externalId(e.externalId, e.at('externalId'), issues);
    name(e.name, e.at('name'), issues);
    for (const field of ['creditCode', 'regionCode', 'industryCode'] as const) {
      const value = e[field];
      if (value === WRONG_TYPE) continue;
      if (value === '') issues.push(issue(e.at(field), 'REQUIRED', `${field} is required`));
    }
    const codes = codeProblems({
      creditCode: present(e.creditCode),
      regionCode: present(e.regionCode),
      industryCode: present(e.industryCode),
    });
    for (const p of codes) issues.push(issue(e.at(p.field ?? ''), p.code ?? 'INVALID', p.message));
    if (
      e.sizeClass !== '' &&
      e.sizeClass !== WRONG_TYPE &&
      !(SIZE_CLASSES as readonly string[]).includes(e.sizeClass)
    ) {
      issues.push(
        issue(e.at('sizeClass'), 'INVALID_SIZE_CLASS', `sizeClass is one of ${SIZE_CLASSES.join(', ')}`),
      );
    }
    duplicate(seenExternal, e.externalId, e, 'externalId', issues);
    duplicate(seenCredit, e.creditCode, e, 'creditCode', issues);
    const seenDevices = new Map<string, ImportDevice>();
    for (const d of e.devices) {
      validateDevice(d, issues);
      duplicate(seenDevices, d.externalId, d, 'externalId', issues);
    }
  }
  return issues;
}

function validateDevice(d: ImportDevice, issues: ImportIssue[]): void {
  externalId(d.externalId, d.at('externalId'), issues);
  name(d.name, d.at('name'), issues);
  if (d.kind !== WRONG_TYPE && !(DEVICE_KINDS as readonly string[]).includes(d.kind)) {
    issues.push(issue(d.at('kind'), 'INVALID_KIND', `kind is one of ${DEVICE_KINDS.join(', ')}`));
  }
  if (d.metrics.length === 0)
    issues.push(issue(d.at('metrics'), 'REQUIRED', 'a device reports at least one metric'));
  if (d.metrics.length > MAX_METRICS)
    issues.push(issue(d.at('metrics'), 'TOO_MANY', `at most ${MAX_METRICS} metrics`));
  for (const p of deviceProblems({ metrics: d.metrics.filter((m) => m !== ''), attributes: d.attributes })) {
    issues.push(issue(d.at(p.field ?? ''), p.code ?? 'INVALID', p.message));
  }
}

function externalId(value: string, at: { row: number; field: string }, issues: ImportIssue[]): void {
  if (value === WRONG_TYPE) return;
  if (value === '') issues.push(issue(at, 'REQUIRED', `${at.field} is required`));
  else if (!EXTERNAL_ID.test(value)) {
    issues.push(issue(at, 'INVALID_EXTERNAL_ID', 'an external id is 1–64 characters of A–Z a–z 0–9 . _ : -'));
  }
}

function name(value: string, at: { row: number; field: string }, issues: ImportIssue[]): void {
  if (value === WRONG_TYPE) return;
  if (value.trim() === '') issues.push(issue(at, 'REQUIRED', `${at.field} is required`));
  else if (value.length > MAX_NAME) issues.push(issue(at, 'TOO_LONG', `at most ${MAX_NAME} characters`));
}

/** A later row repeating a key an earlier row of the file already has. */
function duplicate<T extends { at(field: string): { row: number; field: string } }>(
  seen: Map<string, T>,
  key: string,
  item: T,
  field: string,
  issues: ImportIssue[],
): void {
  if (key === '' || key === WRONG_TYPE) return;
  const first = seen.get(key);
  if (!first) {
    seen.set(key, item);
    return;
  }
  const where = first.at(field);
  issues.push(
    issue(item.at(field), 'DUPLICATE_IN_FILE', `${key} is already in row ${where.row} (${where.field})`),
  );
}

const present = (value: string): string | undefined =>
  value === '' || value === WRONG_TYPE ? undefined : value;
