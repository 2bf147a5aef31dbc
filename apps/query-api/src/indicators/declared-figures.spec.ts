import { combineDeclarations } from './declared-figures.js';

const jan = {
  outputValue: 1000,
  valueAdded: 250,
  employees: 400,
  productOutput: { quantity: 10, unit: 't' },
  landArea: 50_000,
  pollutants: { cod: 3 },
};
const feb = {
  outputValue: 1100,
  valueAdded: 300,
  employees: 410,
  productOutput: { quantity: 12, unit: 't' },
  pollutants: { cod: 4, so2: 1 },
};
const mar = {
  outputValue: 900,
  employees: 420,
  productOutput: { quantity: 8, unit: 't' },
  landArea: 52_000,
  pollutants: { cod: 2 },
};

describe('combineDeclarations', () => {
  it('sums flows declared in every month, averages employees and takes the latest areas', () => {
    const q = combineDeclarations(
      ['2026-01', '2026-02', '2026-03'],
      new Map<string, Record<string, unknown>>([
        ['2026-01', jan],
        ['2026-02', feb],
        ['2026-03', mar],
      ]),
    );
    expect(q).toMatchObject({
      outputValue: 3000,
      averageEmployees: 410,
      productOutput: { quantity: 30, unit: 't' },
      landArea: 52_000,
      pollutants: { cod: 9 },
      monthsDeclared: ['2026-01', '2026-02', '2026-03'],
      monthsMissing: [],
    });
    // March did not declare value added or SO₂: the quarter has neither, never a two-month sum.
    expect(q.valueAdded).toBeUndefined();
    expect(q.pollutants.so2).toBeUndefined();
  });

  it('has no flows when a month is not declared at all, and says which', () => {
    const q = combineDeclarations(
      ['2026-01', '2026-02'],
      new Map<string, Record<string, unknown>>([['2026-01', jan]]),
    );
    expect(q.outputValue).toBeUndefined();
    expect(q.averageEmployees).toBeUndefined();
    expect(q.landArea).toBe(50_000);
    expect(q.monthsMissing).toEqual(['2026-02']);
  });

  it('refuses to add products in different units', () => {
    const q = combineDeclarations(
      ['2026-01', '2026-02'],
      new Map<string, Record<string, unknown>>([
        ['2026-01', jan],
        ['2026-02', { ...feb, productOutput: { quantity: 5, unit: 'piece' } }],
      ]),
    );
    expect(q.productOutput).toBeUndefined();
  });
});
