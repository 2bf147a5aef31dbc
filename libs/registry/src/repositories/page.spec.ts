import { MAX_PAGE, MAX_PAGE_SIZE, normalisePage } from './page.js';

describe('normalisePage', () => {
  it('defaults, and clamps the size to the cap', () => {
    expect(normalisePage()).toEqual({ page: 1, pageSize: 20, skip: 0 });
    expect(normalisePage({ page: 3, pageSize: 1000 })).toEqual({
      page: 3,
      pageSize: MAX_PAGE_SIZE,
      skip: 400,
    });
  });

  it('keeps a huge page number (1e308 from a query string) inside what Postgres can offset', () => {
    const { page, skip } = normalisePage({ page: 1e308, pageSize: MAX_PAGE_SIZE });
    expect(page).toBe(MAX_PAGE);
    expect(Number.isSafeInteger(skip)).toBe(true);
  });

  it('treats non-integers and non-positive numbers as absent', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(normalisePage({ page: bad }).page).toBe(1);
  });
});
