// decideFunding through the binding (#20): the three rules on the example round at $800,000,
// p02 funded under the funding line, the draw reproducible from its seed, coded errors for
// conflicting or unknown constraints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as engine from '../../www/engine.js';

await engine.ready;
const rubric = engine.call('defaultRubric').value;
const round = engine.call('exampleRound').value;

test('the three rules side by side, p02 under the funding line', () => {
  const r = engine.call('decideFunding', rubric, round, { budget: 800000, seed: 99, calibrated: false, resamples: 300 });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  const d = r.value;
  assert.ok(d.fundingLine.funded.some((f) => f.proposalId === 'p02'));
  assert.ok(d.maxScore.totalScore >= d.fundingLine.totalScore - 1e-9);
  assert.equal(d.audit.seed, 99);
  assert.deepEqual([...d.audit.drawOrder].sort(), [...d.audit.band].sort());
  assert.equal(d.proposals.length, 12);
  for (const p of d.proposals) assert.ok(['funded', 'skipped_cost', 'skipped_constraint', 'below'].includes(p.line));
});

test('the draw is reproducible from its seed', () => {
  const o = { budget: 800000, seed: 4242, resamples: 300 };
  const a = engine.call('decideFunding', rubric, round, o).value;
  const b = engine.call('decideFunding', rubric, round, o).value;
  assert.deepEqual(a.audit, b.audit);
  assert.deepEqual(a.lottery, b.lottery);
});

test('constraints: conflicts and unknown attributes are coded errors', () => {
  const conflict = engine.call('decideFunding', rubric, round, {
    budget: 800000, seed: 1, resamples: 50,
    constraints: [
      { attribute: 'community', value: 'Coachella', minShare: 0.3 },
      { attribute: 'community', value: 'Thermal', of: 'awards', minShare: 0.9 },
    ],
  });
  assert.equal(conflict.ok, false);
  assert.equal(conflict.error.code, 'infeasible_constraints');
  assert.match(String(conflict.error.details.indices), /1/);
  const unknown = engine.call('decideFunding', rubric, round, {
    budget: 800000, seed: 1, constraints: [{ attribute: 'region', value: 'East', maxShare: 0.5 }],
  });
  assert.equal(unknown.error.code, 'unknown_id');
  const bad = engine.call('decideFunding', rubric, round, { budget: 800000 });
  assert.equal(bad.error.code, 'bad_input');
  const hostile = engine.call('decideFunding', rubric, round, { budget: 800000, seed: -1 });
  assert.equal(typeof hostile.error.code, 'string');
});
