import { splitStatements } from './clickhouse-migrator.js';

describe('splitStatements', () => {
  it('splits at a semicolon ending a line and ignores whole-line comments', () => {
    expect(splitStatements('-- note; not a split\nCREATE A\n(x);\n\nCREATE B\n;\n-- trailing\n')).toEqual([
      'CREATE A\n(x)',
      'CREATE B',
    ]);
  });
});
