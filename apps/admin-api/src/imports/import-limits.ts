/** Bulk-import bounds (IMPORT_MAX_ROWS, IMPORT_MAX_BYTES): beyond either, 413. */
export interface ImportLimits {
  readonly maxRows: number;
  readonly maxBytes: number;
  /** How long an import's connection may stay silent while it is checked and written. */
  readonly timeoutMs: number;
}

export const IMPORT_LIMITS = Symbol('IMPORT_LIMITS');
