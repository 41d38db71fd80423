// The benchmark suite in Chromium: the page sets window.__results when done.
import init, * as wl from '/pkg/waterline.js';
import * as ss from '/node_modules/simple-statistics/dist/simple-statistics.mjs';
import { makeData } from './data.mjs';
import { runSuite } from './suite.mjs';
import { domainBenchmarks } from './domains.mjs';
import { seriesBenchmark } from './series.mjs';

const params = new URLSearchParams(location.search);
// stdlib-js: the bundle bench/run.mjs writes; without it the stdlib rows say so.
const stdlib = await import('/bench/out/stdlib.mjs').then((m) => m.stdlib, () => null);
try {
  const exports = await init();
  const data = makeData(Number(params.get('seed') ?? 20261124), Number(params.get('scale') ?? 1));
  const env = { wl, jStat: globalThis.jStat, ss, stdlib };
  // `suite=no` runs the domain rows alone (bench/w5-browser.mjs).
  const suite = params.get('suite') === 'no' ? [] : runSuite(env, data, { runs: Number(params.get('runs') ?? 5) });
  // `only=T3` runs the indicator-series row alone (bench/series-browser.mjs).
  const domains = params.get('only') === 'T3'
    ? [seriesBenchmark(wl, { runs: Number(params.get('runs') ?? 3) })]
    : await domainBenchmarks(wl, { runs: Number(params.get('runs') ?? 5), memory: exports.memory });
  window.__results = { suite, domains };
} catch (e) {
  window.__results = { error: String(e?.stack ?? e) };
}
document.getElementById('status').textContent = 'done';
