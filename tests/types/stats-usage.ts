// Type-checked with usage.ts: the statistics-only build's declarations stand on their own (no
// type of the three areas is referenced) and give the same types as the whole engine's.
import init, { wilson, pairedT, tTwoSidedP, version, krippendorffAlpha, kruskalWallis } from '../../pkg/stats/waterline.js';
import type { ProportionInterval, PairedT, WaterlineError, KrippendorffAlpha } from '../../pkg/stats/waterline.js';
import type { ProportionInterval as FullInterval } from '../../pkg/waterline.js';

export async function statsUsage(): Promise<void> {
  await init();
  const ci: ProportionInterval = wilson(101, 113, { level: 0.95 });
  const same: FullInterval = ci;
  const t: PairedT = pairedT(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 5]), undefined);
  const p: Float64Array = tTwoSidedP(new Float64Array([2.1]), new Float64Array([10]));
  const v: string = version();
  const ka: KrippendorffAlpha = krippendorffAlpha(new Float64Array([1, 2, 2, 3]), 2, { metric: 'interval' });
  console.log(ka.bootstrap?.upper, kruskalWallis([1, 2, 3], [0, 1, 1]).statistic);
  const e = new Error('x') as WaterlineError;
  console.log(same.lower, t.t, p[0], v, e.code);
}
