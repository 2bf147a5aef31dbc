export interface PageRequest {
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;
/** Past this page every list is empty anyway; the bound keeps the offset far inside Postgres' bigint. */
export const MAX_PAGE = 1_000_000;

/** Clamps a page request to sane bounds, so a bad query string cannot ask for a million rows. */
export function normalisePage(request: PageRequest = {}): { page: number; pageSize: number; skip: number } {
  const page = Math.min(positiveInteger(request.page) ?? 1, MAX_PAGE);
  const pageSize = Math.min(positiveInteger(request.pageSize) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { page, pageSize, skip: (page - 1) * pageSize };
}

function positiveInteger(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}
