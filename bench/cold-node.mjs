// Cold start in a fresh Node process: import of the package to the first computed result.
// Argument: the package directory, `pkg` (whole engine, default) or `pkg/stats`, or the peer
// `simple-statistics` (issue #21: the statistics build's cold start should reach its). Prints
// one JSON line.
import { readFileSync } from 'node:fs';

const which = process.argv[2] ?? 'pkg';
const t0 = performance.now();
let lower;
if (which === 'simple-statistics') {
  // Its nearest first result: a one-sample t statistic (it has no Wilson interval).
  const ss = await import('simple-statistics');
  lower = ss.tTest([0.8, 0.9, 0.95, 0.85, 0.9], 0.8);
} else {
  const dir = new URL(`../${which}/`, import.meta.url);
  const { initSync, wilson } = await import(new URL('waterline.js', dir));
  initSync({ module: readFileSync(new URL('waterline_bg.wasm', dir)) });
  lower = wilson(101, 113, { level: 0.95 }).lower;
}
const t1 = performance.now();
console.log(JSON.stringify({ importToResultMs: t1 - t0, lower }));
