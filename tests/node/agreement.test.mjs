// The agreement, reliability and association exports (#19) through the boundary: Krippendorff's
// raters × units layout, NaN as missing and the options, against tests/data/stats_agreement.json
// (written by tests/data/stats_agreement.py, independently of waterline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });
const fx = JSON.parse(readFileSync(new URL('../data/stats_agreement.json', import.meta.url), 'utf8'));
const arr = (xs) => new Float64Array(xs.map((x) => (x === null ? NaN : x)));
const close = (a, b, rel = 1e-10) => assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-300), `${a} vs ${b}`);

test('krippendorffAlpha reads raters × units and matches the reference with its bootstrap', () => {
  for (const set of fx.krippendorff) {
    const byUnit = arr(set.ratings);
    const byRater = new Float64Array(byUnit.length);
    for (let u = 0; u < set.units; u += 1) for (let r = 0; r < set.raters; r += 1) byRater[r * set.units + u] = byUnit[u * set.raters + r];
    for (const [metric, alpha] of Object.entries(set.alpha)) {
      const a = w.krippendorffAlpha(byRater, set.units, { metric, resamples: 200, seed: 7 });
      close(a.alpha, alpha);
      close(a.bootstrap.lower, set.bootstrap[metric].lower);
      close(a.bootstrap.upper, set.bootstrap[metric].upper);
      assert.equal(a.bootstrap.convention, 'units_percentile');
    }
  }
});

test('icc, kappas, correlations and Kruskal–Wallis match the reference', () => {
  for (const set of fx.icc) {
    const r = w.icc(arr(set.ratings), set.raters);
    r.forms.forEach((f, i) => { close(f.icc, set.forms[i].icc); close(f.lower, set.forms[i].lower, 1e-8); });
  }
  for (const set of fx.cohen) {
    const k = w.cohensKappa(arr(set.a), arr(set.b), { categories: set.categories });
    for (const e of k.estimates) { close(e.kappa, set.estimates[e.weights].kappa); close(e.ase, set.estimates[e.weights].ase); }
  }
  for (const set of fx.fleiss) close(w.fleissKappa(arr(set.codes), set.raters).kappa, set.kappa);
  for (const set of fx.correlation) {
    close(w.pearsonCorrelation(arr(set.x), arr(set.y)).r, set.pearson.r);
    close(w.spearmanCorrelation(arr(set.x), arr(set.y)).upper, set.spearman.upper);
  }
  for (const set of fx.kruskal) close(w.kruskalWallis(arr(set.values), arr(set.groups)).statistic, set.statistic);
});

test('edge cases are coded errors', () => {
  assert.throws(() => w.krippendorffAlpha(new Float64Array([3, 3, 3, 3]), 2), { code: 'no_variation' });
  assert.throws(() => w.krippendorffAlpha(new Float64Array([1, 2, 3]), 2), { code: 'length_mismatch' });
  assert.throws(() => w.krippendorffAlpha(new Float64Array([1, 2]), 1, { metric: 'likert' }), { code: 'bad_input' });
  assert.throws(() => w.icc(new Float64Array([1, 2]), 2), { code: 'sample_too_small' });
  assert.throws(() => w.cohensKappa([1, 2], [1, 5], { categories: [1, 2] }), { code: 'unknown_label' });
  assert.throws(() => w.kruskalWallis([1, 1, 1, 1], [0, 0, 1, 1]), { code: 'no_variation' });
});

// Spearman's p-value as R's cor.test computes it by default (tests/data/spearman_exact.R) and
// g_av's Algina–Keselman interval (tests/data/gav_interval.R), through the boundary.
const csvRows = (name) => readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8')
  .trim().split('\n').slice(2).map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
const nums = (s) => new Float64Array(s.split(' ').map(Number));

test('spearmanCorrelation: exact, Edgeworth and t p-values as R, and the exact option', () => {
  const seen = new Set();
  for (const [name, exact, x, y, , , p] of csvRows('spearman_exact.csv')) {
    const r = w.spearmanCorrelation(nums(x), nums(y), exact === 'FALSE' ? { exact: false } : undefined);
    close(r.pValue, Number(p), r.pMethod === 't' ? 1e-8 : 1e-10);
    seen.add(r.pMethod);
    if (name === 'ties_8') assert.equal(r.pMethod, 't');
  }
  assert.deepEqual([...seen].sort(), ['edgeworth', 'exact', 't']);
  assert.equal(w.pearsonCorrelation(nums('1 2 3 4'), nums('2 4 5 4')).pMethod, 't');
  assert.throws(() => w.spearmanCorrelation(nums('1 2 3'), nums('1 2 3'), { exact: 'yes' }), { code: 'bad_input' });
});

test('pairedEffects: g_av has the Algina–Keselman interval', () => {
  for (const [, level, before, after, gav, lower, upper] of csvRows('gav_interval.csv')) {
    const e = w.pairedEffects(nums(before), nums(after), { level: Number(level) });
    close(e.gav.estimate, Number(gav));
    close(e.gav.lower, Number(lower), 1e-6);
    close(e.gav.upper, Number(upper), 1e-6);
  }
});
