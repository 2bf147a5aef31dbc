/** Where a value sits in the uploaded file: CSV spreadsheet row and column, or JSON index and path. */
export interface Located {
  readonly row: number;
  readonly field: string;
}

/** One problem with the file, by row and field (api.md error details). */
export interface ImportIssue extends Located {
  readonly code: string;
  readonly message: string;
}

/**
 * A device as read from the file, before validation: the values are whatever the file held.
 * `at` maps a logical field (`externalId`, `metrics[2]`, `attributes.ratedPowerKw`) to where it
 * sits in the file, so every format reports errors in its own terms.
 */
export interface ImportDevice {
  readonly externalId: string;
  readonly name: string;
  readonly kind: string;
  readonly metrics: string[];
  readonly attributes: Record<string, unknown>;
  at(field: string): Located;
}

export interface ImportEnterprise {
  readonly externalId: string;
  readonly name: string;
  readonly creditCode: string;
  readonly regionCode: string;
  readonly industryCode: string;
  /** Empty: not given. */
  readonly sizeClass: string;
  readonly devices: ImportDevice[];
  at(field: string): Located;
}

export interface ParsedImport {
  readonly enterprises: ImportEnterprise[];
  /** Counted like CSV rows: one per device, plus one per enterprise without devices. */
  readonly rows: number;
  /** Problems of form (unknown columns, wrong types, inconsistent repeats) found while reading. */
  readonly issues: ImportIssue[];
}

export const issue = (at: Located, code: string, message: string): ImportIssue => ({
  row: at.row,
  field: at.field,
  code,
  message,
});

/** Report order: by row, then field, so a provider fixes the file top to bottom. */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues.sort((a, b) => a.row - b.row || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/** Stands for a value of the wrong JSON type, already reported: the validator skips it. */
export const WRONG_TYPE = '\u0000';
