// www/engine.js recovers from a trap (issue 15): the instance is broken on purpose the way
// leaks used to break it (an exception thrown from inside WebAssembly, 300,000 times), the
// next call reports a coded `internal` error with `details.restarted`, and later calls work
// on a fresh instance of the same module. The page's state is JavaScript and stays intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as engine from '../../www/engine.js';

const settle = async () => {
  for (let i = 0; i < 200 && !engine.health().spare; i++) await new Promise((r) => setTimeout(r, 10));
};

test('a trap is followed by a fresh instance, and the page state is intact', async () => {
  await engine.ready;
  await settle();
  assert.equal(engine.wilson(1, 2).value.estimate, 0.5);
  const state = { answers: [1, 2, 3], rubric: engine.call('defaultRubric').value };
  // engine.wasm looks each export up in the current instance (issue 21: several builds), so
  // the instance's own functions are what changes after a recovery.
  const before = { initSync: engine.wasm.initSync, version: engine.wasm.version, wilson: engine.wasm.wilson };
  // Break the instance: the raw export behind a method, called with a null object pointer,
  // throws from inside WebAssembly and leaks stack each time, until every export traps.
  const raw = before.initSync();
  for (let i = 1; i <= 400000; i++) {
    try { raw.survey_issues(0); } catch { /* leaks */ }
    if (i % 5000 === 0) {
      try { before.version(); } catch (e) { if (e instanceof WebAssembly.RuntimeError) break; }
    }
  }
  assert.throws(() => before.wilson(1, 2), WebAssembly.RuntimeError);
  const trapped = engine.wilson(1, 2);
  assert.equal(trapped.ok, false);
  assert.equal(trapped.error.code, 'internal');
  assert.equal(trapped.error.details.restarted, 'yes');
  assert.equal(engine.health().restarts, 1);
  assert.notEqual(engine.wasm.wilson, before.wilson);
  // Later calls work, classes included, with the state kept in JavaScript.
  assert.equal(engine.wilson(1, 2).value.estimate, 0.5);
  assert.equal(engine.call('validateRubric', state.rubric).ok, true);
  const survey = new engine.wasm.Survey(engine.call('exampleSurveyCsv').value);
  assert.ok(survey.report());
  survey.free();
  assert.deepEqual(state.answers, [1, 2, 3]);
  // A second spare is made for the next time.
  await settle();
  assert.equal(engine.health().spare, true);
});

test('coded errors never restart the engine', async () => {
  await engine.ready;
  const { restarts } = engine.health();
  for (let i = 0; i < 1000; i++) {
    const r = engine.wilson(1, 2, { get level() { throw new Error('getter'); } });
    assert.equal(r.error.code, 'bad_input');
  }
  assert.equal(engine.health().restarts, restarts);
});

test('an export no build has: engine_unavailable until the whole engine is loaded, then a bug', async () => {
  await engine.ready;
  await engine.wholeLoaded();
  // With the whole engine loaded, a name it lacks is the page's mistake (code `internal`); the
  // browser test tests/browser/engine-retry.test.mjs checks `engine_unavailable` before it.
  const r = engine.call('noSuchExport', 1);
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'internal');
  assert.deepEqual(r.error.details, { name: 'noSuchExport' });
  assert.equal(engine.missing('importSeriesCsv').code, 'internal');
});
