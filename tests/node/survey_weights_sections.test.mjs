// Survey weights (#19) in the wave comparisons, subgroup tables and scales, through the glue:
// the built-in examples with a Weight column declared in the mapping. The numbers themselves
// are checked against R's survey package in tests/survey_weights_waves.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });

/** The CSV with a Weight column appended: weight(i) for data row i (comment lines kept). */
function withWeights(csv, weight) {
  let row = -1;
  return csv.split(/\r?\n/).map((line) => {
    if (line === '' || line.startsWith('#')) return line;
    row += 1;
    return row === 0 ? `${line},Weight` : `${line},${weight(row - 1)}`;
  }).join('\n');
}

function weighted(csv) {
  const s = new w.Survey(csv);
  const m = s.mapping();
  const key = m.columns.find((c) => c.header === 'Weight').key;
  m.instrument.items = m.instrument.items.filter((i) => i.column !== key);
  m.instrument.groups = m.instrument.groups.filter((g) => m.instrument.items.some((i) => i.id === g));
  s.setMapping({ ...m, weight: key });
  const r = s.report();
  s.free();
  return r;
}

test('wave comparisons are weighted with a z test of the weighted difference', () => {
  const r = weighted(withWeights(w.exampleStaffCsv(), (i) => 0.5 + (i % 4) / 2));
  const wave = r.waves[0];
  assert.equal(wave.weighted, true);
  assert.equal(wave.test.method, 'weighted_difference');
  const d = wave.weightedDifference;
  assert.ok(Math.abs(d.difference - (d.to.estimate - d.from.estimate)) < 1e-15);
  assert.ok(d.lower < d.difference && d.difference < d.upper);
  assert.match(wave.sentence.en, /weighted share/);
  assert.match(wave.sentence.es, /proporción ponderada/);
});

test('subgroups and scales say they are weighted; suppression stays on counts', () => {
  const csv = w.exampleSurveyCsv();
  const plain = new w.Survey(csv).report();
  const r = weighted(withWeights(csv, (i) => 0.5 + ((i * 7) % 10) / 4));
  assert.ok(r.subgroups.some((s) => s.weighted));
  for (const [a, b] of plain.subgroups.map((s, i) => [s, r.subgroups[i]])) {
    assert.deepEqual(a.rows.map((x) => [x.suppressed, x.n]), b.rows.map((x) => [x.suppressed, x.n]));
  }
  const s = r.scales[0];
  assert.equal(s.weighted, true);
  assert.equal(typeof s.weightedAlpha, 'number');
  assert.ok(s.weightedMean.se > 0);
  assert.match(s.sentence.en, /weighted Cronbach's α/);
});
