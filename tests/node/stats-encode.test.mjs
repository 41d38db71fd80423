// pkg/stats/ (issue 19 "Size") and, since issue 21, pkg/ build their results from a tape
// (src/wasm/encode.rs), each instantiating it for its own set of exports; tests/wasm_encode.rs
// checks the tape against serde_wasm_bindgen, which pkg/ used before. Every statistics export,
// called with valid and invalid arguments and every option object below, must give the same
// value in both: the same keys in the same order, numbers equal by Object.is (NaN, -0), the
// same kinds of objects and arrays; errors the same JavaScript Error with the same code and details.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as full from '../../pkg/waterline.js';
import * as stats from '../../pkg/stats/waterline.js';

full.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });
stats.initSync({ module: readFileSync(new URL('../../pkg/stats/waterline_bg.wasm', import.meta.url)) });

/** The first difference between a and b, or null. */
function difference(a, b, path) {
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`;
  if (a === null || b === null || typeof a !== 'object') return Object.is(a, b) ? null : `${path}: ${a} vs ${b}`;
  if (Object.getPrototypeOf(a)?.constructor?.name !== Object.getPrototypeOf(b)?.constructor?.name) {
    return `${path}: ${a.constructor?.name} vs ${b.constructor?.name}`;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.join() !== kb.join()) return `${path}: keys ${ka} vs ${kb}`;
  for (const k of ka) {
    const d = difference(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

function outcome(engine, name, args) {
  try {
    return { value: engine[name](...args) };
  } catch (e) {
    return { error: { isError: e instanceof Error, code: e.code, details: e.details } };
  }
}

const f64 = (a) => new Float64Array(a);
const x = f64([2, 3, 3, 4, 2, 5, 3, 4, 6, 1]), y = f64([3, 4, 3, 5, 4, 5, 4, 4, 2, 2]);
const optionObjects = [
  undefined, null, 5, 'x', true, [], [0.9], new Float64Array(2), {}, { bogus: 1 },
  { level: 0.9 }, { level: 'x' }, { level: null }, { level: NaN }, { level: 1.5 }, { level: {} },
  { level: 0.9, bogus: 1 }, { bogus: 1, level: 'x' },
  ...['holm', 'BH', 'fdr', 'BY', 'hommel', 'hochberg', 'bonferroni', 'nope', null, 5, { holm: null }, { holm: 1 }, { nope: null }, {},
    'wilson_cc', 'clopper_pearson', 'agresti_coull', 'jeffreys'].map((method) => ({ method })),
  ...['two_sided', 'one_sided', 'two.sided', 'one.sided', 'less', 'greater', 'x', null].map((alternative) => ({ alternative })),
  { p0: 0.3 }, { p0: 0.3, alternative: 'greater' }, { mu: 1 }, { mu: 2, varEqual: true }, { varEqual: 1 },
  { a: 3, d: 4 }, { a: 3 }, { a: null, d: null }, { a: 'x' },
  { zeroMethod: 'pratt' }, { zeroMethod: 'x' }, { correct: false }, { correct: null }, { exact: true }, { exact: false }, { exact: null }, { exact: 'yes' },
  { metric: 'nominal' }, { metric: 'ordinal' }, { metric: 'ratio' }, { metric: 'x' }, { resamples: 0 }, { resamples: 200, seed: 7 },
  { resamples: -1 }, { resamples: 1.5 }, { resamples: 4294967296 }, { seed: 2 ** 54 },
  { categories: [1, 2, 3, 4] }, { categories: f64([1, 2, 3]) }, { categories: null }, { categories: [1, 'x'] }, { categories: 3 },
  { alpha: 0.01 }, { alpha: 0.05, alternative: 'one_sided', strict: true }, { strict: 'x' },
  { interval: 'korn_graubard' }, { interval: 'x' }, { interval: null },
  { what: 'sf' }, { what: 'quantile' }, { what: 'isf' }, { what: 'x' }, { what: null },
];
const calls = {
  wilson: [[50, 100], [0, 10], [10, 10], [5, 3], ['5', 3], [2.5, 10], [NaN, 10], [1e200, 1e201]],
  wilsonMany: [[f64([1, 2]), f64([10, 20])], [[1, 2], [10, 20]], [f64([1]), f64([10, 20])], ['x', [1]], [[1, 'a'], [3, 4]]],
  proportionInterval: [[3, 20], [0, 20], [20, 20], [21, 20]],
  binomTest: [[3, 20], [0, 20], [7, 9]],
  compareProportions: [[3, 20, 8, 22], [0, 10, 0, 10], [10, 10, 0, 5]],
  fisherExact: [[[[3, 1], [1, 3]]], [[[2, 3, 4], [5, 1, 0]]], [[[0, 0], [0, 0]]], [[[1, 'x'], [1, 2]]], [5], [[f64([1, 2]), f64([3, 4])]]],
  pairedProportions: [[10, 5, 3, 12], [0, 0, 0, 0]],
  oneSampleT: [[x], [f64([1])], [f64([1, NaN, 3, 4])], [f64([2, 2, 2])]],
  twoSampleT: [[x, y]], cohensD: [[x, y]], pairedEffects: [[x, y]],
  mcnemar: [[5, 10], [0, 0], [1.5, 2]],
  mcnemarPairs: [[f64([1, 0, 1, 1, 0, NaN]), f64([1, 1, 0, 1, 1, 0])]],
  wilcoxonSignedRank: [[x, y], [x, x]], pairedT: [[x, y], [x, x], [f64([1e200]), f64([1e201])]],
  twoProportions: [[30, 100, 45, 110], [0, 10, 0, 10]],
  mannWhitney: [[x, y]], chiSquare: [[[[10, 20], [30, 25]]], [[[10, 20, 5], [30, 25, 7]]], [[[0, 0], [1, 1]]]],
  chiSquareGof: [[f64([10, 20, 30]), f64([0.2, 0.3, 0.5])], [f64([10, 20]), f64([0.2, 0.3])]],
  tTwoSidedP: [[f64([-3, 0.5, 12]), f64([4, 30, 200])], [f64([1]), f64([0])]],
  cronbachAlpha: [[f64([1, 2, 3, 2, 3, 4, 3, 4, 5, 1, 1, 2, 5, 4, 5]), 3], [x, 0]],
  mcdonaldOmega: [[f64([1, 2, 3, 2, 3, 4, 3, 4, 5, 1, 1, 2, 5, 4, 5, 2, 2, 3]), 3]],
  pAdjust: [[f64([0.01, 0.04, 0.03, 0.2, NaN])]],
  icc: [[f64([9, 2, 5, 8, 6, 1, 3, 2, 8, 4, 6, 8, 7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7]), 4]],
  krippendorffAlpha: [[f64([1, 2, 3, 3, 2, 1, 4, 1, 2, NaN, 1, 2, 3, 3, 2, 2, 4, 1, 2, NaN]), 10]],
  cohensKappa: [[f64([1, 2, 3, 1, 2, 3, 3]), f64([1, 2, 3, 2, 2, 3, 1])]],
  fleissKappa: [[f64([1, 2, 2, 1, 1, 1, 3, 3, 2, 2, 2, 2]), 3]],
  pearsonCorrelation: [[x, y]], spearmanCorrelation: [[x, y]],
  kruskalWallis: [[x, f64([1, 1, 1, 2, 2, 2, 3, 3, 3, 3])]],
  weightedShare: [[f64([1, 0, 1, 1, 0]), f64([1, 2, 1, 0.5, 3])]], weightedMean: [[x, x]], weightedShift: [[x, y, x]],
  sampleSizeTwoProportions: [[0.3, 0.5, 0.8]], powerTwoProportions: [[0.3, 0.5, 50]],
  sampleSizePairedMeans: [[0.5, 1, 0.8]], powerPairedMeans: [[0.5, 1, 30]],
  sampleSizePairedProportions: [[0.2, 0.1, 0.8]], powerPairedProportions: [[0.2, 0.1, 100]],
  powerTwoMeans: [[0.5, 1, 30]], sampleSizeTwoMeans: [[0.5, 1, 0.8]], powerRankSum: [[0.5, 1, 30]], sampleSizeRankSum: [[0.5, 1, 0.8]],
  powerOneProportion: [[0.6, 0.5, 100]], sampleSizeOneProportion: [[0.6, 0.5, 0.8]],
  distNormal: [[f64([-40, -1, 0, 1.5, 40])]], distStudentT: [[f64([-3, 0, 2]), 5]], distChiSquare: [[f64([0, 1, 30]), 3]],
  distF: [[f64([0.5, 2]), 3, 10]], distBinomial: [[f64([0, 3, 10]), 10, 0.3]],
  methodInfo: [['wilson'], ['nope'], [5], [null], ['cpm']], noteCodes: [[]], version: [[]], boundaryCopy: [[x, [1, 2]], ['x', 1]],
};

test('every statistics export gives the same values and errors in pkg/stats/ as in pkg/', () => {
  let n = 0;
  for (const [name, argsList] of Object.entries(calls)) {
    assert.equal(typeof stats[name], 'function', name);
    for (const args of argsList) {
      const variants = [args];
      if (stats[name].length > args.length) for (const o of optionObjects) variants.push([...args, o]);
      for (const v of variants) {
        const d = difference(outcome(full, name, v), outcome(stats, name, v), name);
        assert.equal(d, null, `${name}(${v.map((a) => JSON.stringify(a)).join(', ')})`);
        n++;
      }
    }
  }
  console.log(`# ${n} calls`);
  assert.ok(n > 3000, `${n} calls`);
});
