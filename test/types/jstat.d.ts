// jstat ships no types; only what the cross-check spec (libs/indicators/src/assessment) calls.
declare module 'jstat' {
  interface OlsModel {
    coef: number[];
    R2: number;
  }
  const jstat: {
    jStat: {
      studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
      normal: { inv(p: number, mean: number, sd: number): number };
      models: { ols(endog: number[], exog: number[][]): OlsModel };
    };
  };
  export default jstat;
}
