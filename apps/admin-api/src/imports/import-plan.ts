import { randomUUID } from 'node:crypto';
import type {
  ExistingDevice as Device,
  Enterprise,
  ExistingForImport,
  ImportedDevice,
  ImportedEnterprise,
  SizeClass,
} from '#grip/registry';
import { issue, type ImportEnterprise, type ImportIssue } from './import-rows.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What applying the file would write; unchanged rows are not written at all. */
export interface ImportPlan {
  readonly issues: ImportIssue[];
  readonly enterprises: ImportCounts;
  readonly devices: ImportCounts;
  /** New and changed enterprises, for the upsert. */
  readonly enterpriseRows: ImportedEnterprise[];
  /** Enterprises onboarded without an external id that the file names by credit code. */
  readonly adopted: { id: string; externalId: string }[];
  readonly deviceRows: ImportedDevice[];
  readonly createdEnterpriseIds: string[];
  /** New and changed devices, for the registry events. */
  readonly changedDevices: { enterpriseId: string; deviceId: string }[];
}

/**
 * Matches the (already validated) file against what the registry holds for the provider and
 * decides, row by row: create, update or leave unchanged. An enterprise is matched by external id
 * within the provider, or — when it was onboarded without one — by its credit code. What may change
 * on an existing enterprise: name, region, industry and size class. Never its provider or its
 * credit code (a row whose credit code differs from the matched enterprise's is an error, and a
 * credit code held by another enterprise is a conflict). On a device: name, metrics and
 * attributes, never its kind. Devices missing from the file are left as they are.
 */
export function planImport(
  providerId: string,
  rows: readonly ImportEnterprise[],
  existing: ExistingForImport,
  at: Date,
): ImportPlan {
  const byExternalId = new Map(existing.enterprises.map((e) => [e.externalId, e]));
  const holders = new Map(existing.creditCodeHolders.map((h) => [h.creditCode, h]));
  const devicesOf = new Map<string, Map<string, Device>>();
  for (const d of existing.devices) {
    let map = devicesOf.get(d.enterpriseId);
    if (!map) devicesOf.set(d.enterpriseId, (map = new Map()));
    map.set(d.externalId, d);
  }
  const plan: ImportPlan = {
    issues: [],
    enterprises: { created: 0, updated: 0, unchanged: 0 },
    devices: { created: 0, updated: 0, unchanged: 0 },
    enterpriseRows: [],
    adopted: [],
    deviceRows: [],
    createdEnterpriseIds: [],
    changedDevices: [],
  };
  for (const row of rows) {
    const enterpriseId = planEnterprise(providerId, row, byExternalId, holders, plan, at);
    if (enterpriseId === undefined) continue;
    const current = devicesOf.get(enterpriseId) ?? new Map<string, Device>();
    for (const d of row.devices) {
      const found = current.get(d.externalId);
      if (found && found.kind !== d.kind) {
        plan.issues.push(
          issue(
            d.at('kind'),
            'KIND_CHANGED',
            `device ${d.externalId} is registered as a ${found.kind}; a kind never changes`,
          ),
        );
        continue;
      }
      const values = { name: d.name, metrics: d.metrics, attributes: d.attributes };
      if (found && sameDevice(found, values)) {
        plan.devices.unchanged++;
        continue;
      }
      const id = found?.id ?? randomUUID();
      plan.deviceRows.push({
        id,
        enterpriseId,
        externalId: d.externalId,
        kind: d.kind,
        ...values,
        updatedAt: found ? at : null,
      });
      plan.changedDevices.push({ enterpriseId, deviceId: id });
      plan.devices[found ? 'updated' : 'created']++;
    }
  }
  return plan;
}

/** The enterprise's id, or undefined when the row conflicts (its devices are then not planned). */
function planEnterprise(
  providerId: string,
  row: ImportEnterprise,
  byExternalId: ReadonlyMap<string | null, Enterprise>,
  holders: ReadonlyMap<string, ExistingForImport['creditCodeHolders'][number]>,
  plan: ImportPlan,
  at: Date,
): string | undefined {
  const values = {
    externalId: row.externalId,
    name: row.name,
    creditCode: row.creditCode,
    regionCode: row.regionCode,
    industryCode: row.industryCode,
    sizeClass: (row.sizeClass === '' ? null : row.sizeClass) as SizeClass | null,
  };
  const matched = byExternalId.get(row.externalId);
  const holder = holders.get(row.creditCode);
  if (matched) {
    if (matched.creditCode !== row.creditCode) {
      plan.issues.push(
        issue(
          row.at('creditCode'),
          'CREDIT_CODE_CHANGED',
          `${row.externalId} is registered with another credit code; it never changes`,
        ),
      );
      return undefined;
    }
    if (sameEnterprise(matched, values)) plan.enterprises.unchanged++;
    else {
      plan.enterpriseRows.push({ id: matched.id, ...values, updatedAt: at });
      plan.enterprises.updated++;
    }
    return matched.id;
  }
  if (holder) {
    if (holder.providerId !== providerId || holder.externalId !== null) {
      const owner =
        holder.providerId === providerId
          ? `your enterprise ${holder.externalId}`
          : 'an enterprise of another provider';
      plan.issues.push(
        issue(row.at('creditCode'), 'CREDIT_CODE_TAKEN', `the credit code is registered to ${owner}`),
      );
      return undefined;
    }
    // Onboarded one by one without an external id: the file gives it one.
    plan.adopted.push({ id: holder.id, externalId: row.externalId });
    plan.enterpriseRows.push({ id: holder.id, ...values, updatedAt: at });
    plan.enterprises.updated++;
    return holder.id;
  }
  const id = randomUUID();
  plan.enterpriseRows.push({ id, ...values, updatedAt: null });
  plan.createdEnterpriseIds.push(id);
  plan.enterprises.created++;
  return id;
}

function sameEnterprise(
  e: Enterprise,
  v: { name: string; regionCode: string; industryCode: string; sizeClass: string | null },
): boolean {
  return (
    e.name === v.name &&
    e.regionCode === v.regionCode &&
    e.industryCode === v.industryCode &&
    e.sizeClass === v.sizeClass
  );
}

function sameDevice(
  d: Device,
  v: { name: string; metrics: string[]; attributes: Record<string, unknown> },
): boolean {
  return (
    d.name === v.name &&
    d.metrics.length === v.metrics.length &&
    d.metrics.every((m, i) => m === v.metrics[i]) &&
    canonical(d.attributes) === canonical(v.attributes)
  );
}

/** jsonb does not keep key order: compare attributes with sorted keys. */
function canonical(value: object): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))));
}
