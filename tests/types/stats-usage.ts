// Type-checked with usage.ts: the statistics-only build's declarations stand on their own (no
// type of the three areas is referenced) and give the same types as the whole engine's.
import init, { wilson, pairedT, tTwoSidedP, version } from '../../pkg/stats/waterline.js';
import type { ProportionInterval, PairedT, WaterlineError } from '../../pkg/stats/waterline.js';
import type { ProportionInterval as FullInterval } from '../../pkg/waterline.js';

export async function statsUsage(): Promise<void> {
  await init();
  const ci: ProportionInterval = wilson(101, 113, { level: 0.95 });
  const same: FullInterval = ci;
  const t: PairedT = pairedT(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 5]), undefined);
  const p: Float64Array = tTwoSidedP(new Float64Array([2.1]), new Float64Array([10]));
  const v: string = version();
  const e = new Error('x') as WaterlineError;
  console.log(same.lower, t.t, p[0], v, e.code);
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
