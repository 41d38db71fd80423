// Survey weights (#19) through the generated glue: the weighted estimators against the
// reference fixture (tests/data/survey_weights.py: R survey's svymean and svyciprop(beta)
// formulas), a declared weight column in a Survey's mapping, and coded errors for bad weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });
const fixture = JSON.parse(readFileSync(new URL('../data/survey_weights.json', import.meta.url), 'utf8'));
const close = (got, want, tol, what) => assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);

test('weightedShare and weightedMean match the reference', () => {
  for (const c of fixture.cases) {
    const m = w.weightedMean(new Float64Array(c.values), c.weights, { level: c.level });
    close(m.estimate, c.mean.estimate, 1e-13, c.name);
    close(m.se, c.mean.se, 1e-12, c.name);
    close(m.deff, c.mean.deff, 1e-12, c.name);
    if (!c.kornGraubard) continue;
    const s = w.weightedShare(c.values, c.weights, { level: c.level });
    close(s.lower, c.wilsonKish[0], 1e-12, c.name);
    const k = w.weightedShare(c.values, c.weights, { level: c.level, interval: 'korn_graubard' });
    close(k.upper, c.kornGraubard[1], 1e-10, c.name);
  }
  const sh = fixture.shifts[0];
  close(w.weightedShift(sh.before, sh.after, sh.weights).se, sh.shift.se, 1e-12, 'shift');
});

test('bad weights are coded errors', () => {
  const code = (f) => { try { f(); } catch (e) { return e.code; } return null; };
  assert.equal(code(() => w.weightedMean([1, 2], [1, -1])), 'invalid_weight');
  assert.equal(code(() => w.weightedMean([1, 2], [0, 0])), 'invalid_weight');
  assert.equal(code(() => w.weightedMean([1, 2], [1])), 'length_mismatch');
  assert.equal(code(() => w.weightedShare([0.5], [1])), 'value_out_of_range');
  assert.equal(code(() => w.weightedShare([1], [1], { interval: 'agresti' })), 'bad_input');
});

test('a Survey weights its report only when the mapping declares the column', () => {
  const csv = 'Did you attend?,Weight\nYes,1\nNo,3\nYes,2\nYes,0.5\n';
  const survey = new w.Survey(csv);
  const plain = survey.report();
  assert.equal(plain.weighting, null);
  assert.equal(plain.items[0].weighted, false);
  const mapping = survey.mapping();
  assert.equal(mapping.weight, undefined, 'never guessed');
  const key = mapping.columns.find((c) => c.header === 'Weight').key;
  mapping.instrument.items = mapping.instrument.items.filter((i) => i.column !== key);
  survey.setMapping({ ...mapping, weight: key });
  const r = survey.report();
  assert.equal(r.items[0].weighted, true);
  close(r.items[0].topBox.interval.estimate, 3.5 / 6.5, 1e-15, 'weighted share');
  assert.equal(r.items[0].topBox.interval.x, 3, 'counts stay unweighted');
  close(r.weighting.nEff, 6.5 ** 2 / (1 + 9 + 4 + 0.25), 1e-12, 'n_eff');
  assert.equal(survey.mapping().columns.find((c) => c.key === key).role, 'weight');
  // A blank weight: the previous mapping stays.
  const bad = new w.Survey('Did you attend?,Weight\nYes,1\nNo,\n');
  const m2 = bad.mapping();
  const k2 = m2.columns.find((c) => c.header === 'Weight').key;
  assert.throws(() => bad.setMapping({ ...m2, weight: k2 }), (e) => e.code === 'invalid_weight' && e.details.line === 3 && e.details.column === k2);
  survey.free();
  bad.free();
});

test('rake matches iterative proportional fitting of the reference', () => {
  const r = fixture.rake;
  const got = w.rake(r.columns, r.margins, { scale: 'counts', tolerance: 1e-12, maxIterations: 1000 });
  got.weights.forEach((g, i) => close(g, r.weights[i], 1e-9, `weight ${i}`));
  assert.throws(() => w.rake(r.columns, r.margins, { scale: 'counts', maxIterations: 0 }), { code: 'parameter_out_of_range' });
  assert.throws(() => w.rake([['a', 'b']], [{ a: 1, b: 0 }], { scale: 'shares', weights: [1, -1] }), { code: 'invalid_weight' });
});
