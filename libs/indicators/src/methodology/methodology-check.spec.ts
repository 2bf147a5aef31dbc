import { DEFAULT_METHODOLOGY } from './methodology.js';
import { checkMethodologyFactors } from './methodology-check.js';

const factors = () => DEFAULT_METHODOLOGY.factors.map((f) => ({ ...f }));

describe('checkMethodologyFactors', () => {
  it('accepts the default factors, a changed value and a new key', () => {
    const next = factors();
    next.find((f) => f.key === 'energy.coefficient.electricity.equivalent')!.value = 0.123;
    next.push({
      key: 'carbon.grid.guangdong.2024',
      value: 0.43,
      unit: 'tCO2/MWh',
      source: 'test',
      confidence: 'U',
    });
    expect(checkMethodologyFactors(next)).toEqual([]);
  });

  it('names every malformed field, duplicate, missing key and changed unit', () => {
    const next = factors().filter((f) => f.key !== 'energy.coefficient.diesel');
    next.find((f) => f.key === 'energy.coefficient.natural_gas')!.unit = 'kgce/kWh';
    next.push({ ...next[0]! });
    next.push({
      key: 'Bad Key',
      value: Number.NaN,
      unit: '',
      source: ' ',
      confidence: 'X' as 'U',
      validFrom: '2024',
    });
    const problems = checkMethodologyFactors(next);
    const at = next.length - 1;
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: `factors[${at}].key`, message: expect.any(String) },
        { field: `factors[${at}].value`, message: 'a finite number' },
        { field: `factors[${at}].unit`, message: expect.any(String) },
        { field: `factors[${at}].source`, message: expect.any(String) },
        { field: `factors[${at}].confidence`, message: 'H, M or U' },
        { field: `factors[${at}].validFrom`, message: 'YYYY-MM-DD' },
        { field: `factors[${at - 1}].key`, message: `${next[0]!.key} is given twice` },
        { field: 'factors', message: 'energy.coefficient.diesel is missing (formulas read it)' },
        {
          field: 'factors',
          message: expect.stringMatching(/^energy\.coefficient\.natural_gas must be in kgce\/m3/),
        },
      ]),
    );
  });
});
