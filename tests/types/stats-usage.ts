// Type-checked with usage.ts: the statistics-only build's declarations stand on their own (no
// type of the three areas is referenced) and give the same types as the whole engine's.
import init, { wilson, pairedT, tTwoSidedP, distChiSquare, powerTwoMeans, version, krippendorffAlpha, kruskalWallis } from '../../pkg/stats/waterline.js';
import type { ProportionInterval, PairedT, WaterlineError, Power, KrippendorffAlpha } from '../../pkg/stats/waterline.js';
import type { ProportionInterval as FullInterval } from '../../pkg/waterline.js';

export async function statsUsage(): Promise<void> {
  await init();
  const ci: ProportionInterval = wilson(101, 113, { level: 0.95 });
  const same: FullInterval = ci;
  const t: PairedT = pairedT(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 5]), undefined);
  const p: Float64Array = tTwoSidedP(new Float64Array([2.1]), new Float64Array([10]));
  const q: Float64Array = distChiSquare(new Float64Array([0.05]), 1, { what: 'isf' });
  const pw: Power = powerTwoMeans(0.5, 1, 64);
  const v: string = version();
  const ka: KrippendorffAlpha = krippendorffAlpha(new Float64Array([1, 2, 2, 3]), 2, { metric: 'interval' });
  console.log(ka.bootstrap?.upper, kruskalWallis([1, 2, 3], [0, 1, 1]).statistic);
  const e = new Error('x') as WaterlineError;
  console.log(same.lower, t.t, p[0], q[0], pw.power, v, e.code);
}

// #19 (props): the new statistics are in the statistics-only build too.
import { proportionInterval, fisherExact, cohensD } from '../../pkg/stats/waterline.js';
import type { OneProportion, FisherExact, IndependentEffects } from '../../pkg/stats/waterline.js';

export function statsMoreOnly(): void {
  const one: OneProportion = proportionInterval(0, 10, { method: 'jeffreys' });
  const fe: FisherExact = fisherExact([[1, 2], [3, 4]]);
  const d: IndependentEffects = cohensD(new Float64Array([1, 2, 4]), new Float64Array([2, 3, 5]));
  console.log(one.lower, fe.pValue, d.cohensD.estimate);
}
