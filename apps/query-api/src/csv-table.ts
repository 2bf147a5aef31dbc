/**
 * A table as CSV (RFC 4180) for spreadsheets: comma-separated, CRLF line ends, fields quoted
 * when they hold a comma, quote or line break, and a UTF-8 byte-order mark so that spreadsheet
 * programs read Chinese names as UTF-8. Empty cells stand for absent values, never zero.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export type CsvCell = string | number | null | undefined;

// A text starting with one of these would be run as a formula by a spreadsheet (CSV injection,
// OWASP): names come from providers, so such a text is prefixed with a quote mark.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
