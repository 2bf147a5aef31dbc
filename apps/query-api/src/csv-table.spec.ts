import { toCsv } from './csv-table.js';

describe('toCsv', () => {
  const body = (csv: string) => csv.replace(/^\uFEFF/, '');

  it('starts with a byte-order mark and ends every line with CRLF', () => {
    const csv = toCsv(['a', 'b'], [[1, 'x']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(body(csv)).toBe('a,b\r\n1,x\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(body(toCsv(['v'], [['广州, 天河'], ['say "hi"'], ['two\nlines']]))).toBe(
      'v\r\n"广州, 天河"\r\n"say ""hi"""\r\n"two\nlines"\r\n',
    );
  });

  it('leaves absent values empty, never zero', () => {
    expect(body(toCsv(['a', 'b', 'c', 'd'], [[null, undefined, 0, Number.NaN]]))).toBe('a,b,c,d\r\n,,0,\r\n');
  });

  it('keeps spreadsheet formulas from running (CSV injection)', () => {
    const rows = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\t=1'].map((t) => [t]);
    const lines = body(toCsv(['v'], rows))
      .split('\r\n')
      .slice(1, -1);
    expect(lines).toEqual(['"\'=HYPERLINK(""http://x"")"', "'+1", "'-2", "'@SUM(A1)", "'\t=1"]);
  });

  it('writes negative numbers as numbers', () => {
    expect(body(toCsv(['v'], [[-2.5]]))).toBe('v\r\n-2.5\r\n');
  });
});
