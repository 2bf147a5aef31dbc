/** Bulk-import bounds (IMPORT_MAX_ROWS, IMPORT_MAX_BYTES): beyond either, 413. */
export interface ImportLimits {
  readonly maxRows: number;
  readonly maxBytes: number;
}

export const IMPORT_LIMITS = Symbol('IMPORT_LIMITS');
