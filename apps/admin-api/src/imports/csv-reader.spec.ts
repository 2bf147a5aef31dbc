import { readCsv } from './csv-reader.js';

const cellsOf = (text: string) => {
  const result = readCsv(text);
  if (!result.ok) throw new Error(result.message);
  return result.records.map((r) => [r.row, ...r.cells]);
};

describe('readCsv', () => {
  it('reads LF and CRLF line ends alike, and a last line without one', () => {
    expect(cellsOf('a,b\r\n1,2\r\n3,4')).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', '4'],
    ]);
    expect(cellsOf('a,b\n1,2\n')).toEqual(cellsOf('a,b\r\n1,2\r\n'));
  });

  it("drops Excel's UTF-8 byte-order mark", () => {
    expect(cellsOf('\uFEFFname,code\n甲,1\n')).toEqual([
      [1, 'name', 'code'],
      [2, '甲', '1'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted cells, counting spreadsheet rows', () => {
    expect(cellsOf('a,b\n"x, y","say ""hi"""\n"two\r\nlines",z\nlast,row\n')).toEqual([
      [1, 'a', 'b'],
      [2, 'x, y', 'say "hi"'],
      [3, 'two\r\nlines', 'z'],
      [4, 'last', 'row'],
    ]);
  });

  it('keeps empty cells, including empty quoted ones and a trailing empty cell', () => {
    expect(cellsOf('a,b,c\n,"",\n')).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '', '', ''],
    ]);
  });

  it('skips blank lines but keeps counting them as rows', () => {
    expect(cellsOf('a\n\n1\r\n\r\n2\n')).toEqual([
      [1, 'a'],
      [3, '1'],
      [5, '2'],
    ]);
  });

  it('refuses a quote that never closes, naming the row it opened on', () => {
    expect(readCsv('a,b\n1,"open\n2,3\n')).toEqual({
      ok: false,
      row: 2,
      message: 'a quoted cell is never closed',
    });
  });

  it('refuses text after a closing quote', () => {
    expect(readCsv('a\n"x"y\n')).toEqual({ ok: false, row: 2, message: 'text after a closing quote' });
  });
});
