/**
 * The declared figures of a period, combined from its monthly declarations (indicators.md
 * §1.3). Flows (output value, emissions …) are summed, and only when every month of the
 * period declares them: a quarter with one month undeclared has no output value rather than
 * two thirds of one. Average employees is the mean of the months; areas are stocks, taken
 * from the latest month that declares them.
 */
export type DeclarationData = Readonly<Record<string, unknown>>;

export interface DeclaredFigures {
  readonly outputValue?: number;
  readonly valueAdded?: number;
  readonly revenue?: number;
  readonly averageEmployees?: number;
  readonly productOutput?: { readonly quantity: number; readonly unit: string };
  readonly firstGradeOutput?: number;
  readonly landArea?: number;
  readonly floorArea?: number;
  readonly buildingFootprint?: number;
  readonly solidWaste: {
    readonly generated?: number;
    readonly utilised?: number;
    readonly priorStockUtilised?: number;
  };
  readonly pollutants: Readonly<Record<string, number>>;
  readonly maturityLevel?: number;
  readonly monthsDeclared: readonly string[];
  readonly monthsMissing: readonly string[];
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function sumOverAll(values: readonly (number | undefined)[]): number | undefined {
  if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
  return (values as number[]).reduce((a, b) => a + b, 0);
}

function field(data: DeclarationData | undefined, ...path: string[]): number | undefined {
  let value: unknown = data;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return num(value);
}

export function combineDeclarations(
  months: readonly string[],
  declared: ReadonlyMap<string, DeclarationData>,
): DeclaredFigures {
  const all = months.map((m) => declared.get(m));
  const flow = (...path: string[]) =>
    all.some((d) => d === undefined) ? undefined : sumOverAll(all.map((d) => field(d, ...path)));
  const latest = (...path: string[]) =>
    [...all]
      .reverse()
      .map((d) => field(d, ...path))
      .find((v) => v !== undefined);

  const products = all.map((d) => d?.productOutput as { quantity?: unknown; unit?: unknown } | undefined);
  const unit = products[0]?.unit;
  const sameUnit = typeof unit === 'string' && products.every((p) => p?.unit === unit);
  const productQuantity = sameUnit ? sumOverAll(products.map((p) => num(p?.quantity))) : undefined;

  const employees = all.map((d) => field(d, 'employees'));
  const employeeSum = sumOverAll(employees);

  return {
    outputValue: flow('outputValue'),
    valueAdded: flow('valueAdded'),
    revenue: flow('revenue'),
    averageEmployees: employeeSum === undefined ? undefined : employeeSum / months.length,
    productOutput:
      productQuantity === undefined ? undefined : { quantity: productQuantity, unit: unit as string },
    firstGradeOutput: flow('firstGradeOutput'),
    landArea: latest('landArea'),
    floorArea: latest('floorArea'),
    buildingFootprint: latest('buildingFootprint'),
    solidWaste: {
      generated: flow('solidWaste', 'generated'),
      utilised: flow('solidWaste', 'utilised'),
      priorStockUtilised: flow('solidWaste', 'priorStockUtilised'),
    },
    pollutants: Object.fromEntries(
      ['cod', 'nh3n', 'so2', 'nox', 'vocs'].flatMap((p) => {
        const total = flow('pollutants', p);
        return total === undefined ? [] : [[p, total]];
      }),
    ),
    maturityLevel: latest('maturityLevel'),
    monthsDeclared: months.filter((m) => declared.has(m)),
    monthsMissing: months.filter((m) => !declared.has(m)),
  };
}
