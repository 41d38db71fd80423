// Type-checked by `tsc --noEmit` in `make test`: touches every export of pkg/ with the types
// a user would write, so a binding that degrades to `any` or changes shape fails the build.
import init, * as waterline from '../../pkg/waterline.js';
import type {
  ProportionInterval, WaterlineError, McNemar, SignedRankTest, PairedT, TwoProportions, MannWhitney,
  ChiSquareTest, GoodnessOfFit,
} from '../../pkg/waterline.js';

export async function usage(): Promise<void> {
  await init();
  const v: string = waterline.version();

  const ci: ProportionInterval = waterline.wilson(101, 113, { level: 0.95 });
  const method: 'wilson' = ci.method;
  const bounds: [number, number] = [ci.lower, ci.upper];
  waterline.wilson(1, 2, undefined);
  waterline.wilson(1, 2, null);
  // @ts-expect-error the level is a number, not a string
  waterline.wilson(1, 2, { level: '0.95' });

  const many: Float64Array = waterline.wilsonMany(new Float64Array([1]), new Float64Array([2]), { level: 0.9 });
  const copied: number = waterline.boundaryCopy(new Float64Array(1), new Float64Array(1));

  const before = new Float64Array([1, 2, 3]);
  const after = new Float64Array([2, 3, 5]);
  const mc: McNemar = waterline.mcnemar(4, 12, { level: 0.95, a: 30, d: 67 });
  const exact: 'exact-binomial' = mc.pValueMethod;
  const mcp: McNemar = waterline.mcnemarPairs(before, after);
  const sr: SignedRankTest = waterline.wilcoxonSignedRank(before, after, { zeroMethod: 'pratt', correct: true, exact: null });
  // @ts-expect-error zeroMethod is "wilcox" | "pratt"
  waterline.wilcoxonSignedRank(before, after, { zeroMethod: 'zsplit' });
  const pt: PairedT = waterline.pairedT(before, after, { level: 0.9 });
  const dz: number = pt.cohensDz;
  const tp: TwoProportions = waterline.twoProportions(24, 50, 36, 50, { level: 0.95, correct: false });
  const h: number = tp.cohensH;
  const mw: MannWhitney = waterline.mannWhitney(before, after, { correct: true, exact: null });
  const cs: ChiSquareTest = waterline.chiSquare([[1, 2], [3, 4]], { correct: false });
  const cramer: number = cs.cramersV;
  const gof: GoodnessOfFit = waterline.chiSquareGof(before, new Float64Array([0.2, 0.3, 0.5]));
  console.log(many, copied, exact, mcp, sr, dz, h, mw, cramer, gof);

  try {
    waterline.wilson(120, 113, {});
  } catch (e) {
    const err = e as WaterlineError;
    const code: string = err.code;
    const details: Record<string, number | string | Array<number | string>> = err.details;
    console.log(code, details, v, method, bounds);
  }
}
