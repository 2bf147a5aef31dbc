/** One CSV record and the spreadsheet row it starts on (1 = the header). */
export interface CsvRecord {
  readonly row: number;
  readonly cells: string[];
}

export type CsvReadResult = { ok: true; records: CsvRecord[] } | { ok: false; row: number; message: string };

/**
 * RFC 4180 CSV as spreadsheets save it: comma-separated, cells in double quotes may hold commas,
 * line breaks and doubled quotes (`""`); CRLF or LF line ends; a UTF-8 byte-order mark (Excel's
 * "CSV UTF-8") is dropped. Records are numbered like spreadsheet rows, so a cell with a line
 * break still counts as one row. Blank lines are skipped. A quote that never closes, or text
 * after a closing quote, makes the whole file unreadable: the row where it happened is reported.
 */
export function readCsv(text: string): CsvReadResult {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row = 1;
  let cells: string[] = [];
  let cell = '';
  let startRow = 1;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') records.push({ row: startRow, cells });
    cells = [];
    cell = '';
    row++;
    startRow = row;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && cell === '') {
      // A quoted cell: read up to the closing quote.
      const openedAt = row;
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, row: openedAt, message: 'a quoted cell is never closed' };
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return { ok: false, row: openedAt, message: 'text after a closing quote' };
      }
      continue;
    }
    if (c === ',') {
      cells.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return { ok: true, records };
}
