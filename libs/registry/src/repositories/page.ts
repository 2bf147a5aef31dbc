import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidValueError } from '../registry.errors.js';

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

export interface SortRequest {
  /** A whitelisted field, `-` first for descending: `name`, `-createdAt`. */
  sort?: string;
}

/**
 * Orders a list by a whitelisted field (API name → query property path), then by `tieBreaker` so
 * pages never overlap. The API validates `sort` against the same names first (400 naming them);
 * anything else reaching here is a programming error and is refused, never put into SQL.
 */
export function applySort<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  sort: string | undefined,
  columns: Readonly<Record<string, string>>,
  fallback: string,
  tieBreaker: string,
): SelectQueryBuilder<T> {
  const requested = sort ?? fallback;
  const descending = requested.startsWith('-');
  const field = descending ? requested.slice(1) : requested;
  if (!Object.hasOwn(columns, field)) throw new InvalidValueError('sort', 'sort');
  const direction = descending ? 'DESC' : 'ASC';
  return qb.orderBy(columns[field]!, direction).addOrderBy(tieBreaker, direction);
}

/** `%text%` for ILIKE with the pattern characters of the text escaped: a name containing it. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
