// The reproductions of issue 15 (items 2 and 8) through the generated JavaScript glue, each a
// regression test: deep and cyclic edits, exceptions while an argument is read, freed objects,
// options of the wrong type and inherited options. Each gives a coded Error (or the right
// result) and the instance keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });

const healthy = () => assert.equal(w.wilson(1, 2).estimate, 0.5);
const nest = (n, wrap, v = 1) => { for (let i = 0; i < n; i++) v = wrap(v); return v; };

test('editRubric with an edit nested 5,000 levels deep is bad_input naming depth and path', () => {
  for (let i = 0; i < 50; i++) {
    assert.throws(() => w.editRubric(w.defaultRubric(), nest(5000, (v) => ({ a: v }))), (e) => {
      assert.equal(e.code, 'bad_input');
      assert.equal(e.details.reason, 'too_deep');
      assert.equal(e.details.depth, 64);
      assert.match(e.details.path, /^edit(\.a){64}$/);
      return true;
    });
  }
  healthy();
});

test('a valid reweight edit with a deep extra field, and a cyclic edit, are bad_input', () => {
  const deepExtra = { op: 'reweight', id: 'policies', weight: 2, extra: nest(100000, (v) => [v]) };
  assert.throws(() => w.editRubric(w.defaultRubric(), deepExtra), { code: 'bad_input' });
  const cyclic = { op: 'reweight', id: 'policies', weight: 2 };
  cyclic.again = cyclic;
  assert.throws(() => w.editRubric(w.defaultRubric(), cyclic), (e) => e.code === 'bad_input'
    && e.details.reason === 'cycle' && e.details.path === 'edit.again');
  healthy();
});

test('exceptions while reading, detached arrays and freed objects, 12,000 times', () => {
  const survey = new w.Survey(w.exampleSurveyCsv());
  const freed = new w.Survey(w.exampleSurveyCsv());
  freed.free();
  const detached = () => {
    const a = new Float64Array(3);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    return a;
  };
  const cases = [
    [() => w.wilson(1, 2, { get level() { throw new Error('x'); } }), 'exception'],
    [() => w.wilson(1, 2, new Proxy({}, { ownKeys() { throw new Error('x'); } })), 'exception'],
    [() => w.pairedT(detached(), new Float64Array(3)), 'exception'],
    [() => survey.report({ get level() { throw new Error('x'); } }), 'exception'],
    [() => freed.report(), 'freed'],
    [() => freed.setMapping({}), 'freed'],
  ];
  for (let i = 0; i < 12000; i++) {
    const [f, reason] = cases[i % cases.length];
    assert.throws(f, (e) => e.code === 'bad_input' && e.details.reason === reason);
  }
  healthy();
  survey.setMapping(survey.mapping()); // no borrow was left behind
  survey.free();
  freed.free(); // freeing twice is harmless
});

test('options of the wrong type are refused; inherited options are not read', () => {
  for (const options of [[0.5], new Map([['level', 0.5]]), new Date(0), () => 0.5]) {
    assert.throws(() => w.wilson(1, 2, options), { code: 'bad_input' });
  }
  assert.equal(w.wilson(1, 2, Object.create({ level: 0.5 })).level, 0.95);
  assert.equal(w.wilson(1, 2, { level: 0.5 }).level, 0.5);
  healthy();
});

// Item 2's last reproduction: a size bound in stats::cronbach_alpha, checked before any allocation.
test('cronbachAlpha(new Float64Array(1e7), 5e6) is a coded error, not a panic', () => {
  assert.throws(() => w.cronbachAlpha(new Float64Array(1e7), 5e6), (e) => e.code === 'too_large' && e.details.limit === 2000);
  healthy();
});
