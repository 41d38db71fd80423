// Round setup through the built engine (#20): a 200-proposal round read from CSV (English and
// Spanish headers), assigned (k per proposal, cap, conflicts, connected, seeded), exported as
// the review template, filled in, read back with parseReviewsCsv and analysed; positioned
// errors; descriptor edits; hostile arguments throw coded errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';
import { fillAssignment, proposalsCsv, reviewersCsv } from './round-setup-data.mjs';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });
const rubric = w.defaultRubric();

for (const es of [false, true]) {
  test(`a 200-proposal round is imported, assigned, exported and scored back (${es ? 'es' : 'en'})`, () => {
    const p = w.parseProposalsCsv(proposalsCsv(200, { es }));
    assert.equal(p.proposals.length, 200);
    assert.deepEqual(p.errors, []);
    assert.equal(p.proposals[2].minimumAmount, Math.round(p.proposals[2].amountRequested / 2));
    assert.equal(p.proposals[0].attributes[es ? 'región' : 'region'], 'Valley');
    assert.equal(p.warnings[0].code, 'import_attributes');
    const r = w.parseReviewersCsv(reviewersCsv(12, 200, { es }), p.proposals.map((x) => x.id));
    assert.equal(r.reviewers.length, 12);
    assert.equal(r.conflicts.length, 24);
    const round = { title: 'W', proposals: p.proposals, reviewers: r.reviewers, conflicts: r.conflicts };
    const a = w.assignReviewers(round, { reviewsPerProposal: 3, seed: 7 });
    assert.equal(a.reviews.length, 600);
    assert.ok(a.connected);
    assert.ok(a.loads.every((l) => l.load === 50), JSON.stringify(a.loads));
    const conflicts = new Set(r.conflicts.map((c) => `${c.reviewerId} ${c.proposalId}`));
    assert.ok(a.reviews.every((x) => !conflicts.has(`${x.reviewerId} ${x.proposalId}`)));
    assert.deepEqual(w.assignReviewers(round, { reviewsPerProposal: 3, seed: 7 }), a);
    const template = w.reviewTemplateCsv(rubric, round, a.reviews, es ? 'es' : 'en');
    assert.equal(template.split('\n')[0], es
      ? 'idEvaluador,nombreEvaluador,idPropuesta,títuloPropuesta,idCondición,nombreCondición,puntuación,comentario'
      : 'reviewerId,reviewerName,proposalId,proposalTitle,conditionId,conditionName,score,comment');
    const filled = fillAssignment(template);
    assert.equal(filled.n, 600 * rubric.conditions.length);
    const back = w.parseReviewsCsv(rubric, filled.text);
    assert.deepEqual(back.errors, []);
    assert.deepEqual(back.warnings, []);
    assert.equal(back.scores.length, filled.n);
    const scored = { ...round, scores: back.scores };
    assert.equal(w.validateRound(rubric, scored).valid, true);
    const analysis = w.analyzeRound(rubric, scored, null);
    assert.equal(analysis.scores.proposals.filter((x) => x.score !== null).length, 200);
  });
}

test('bad rows are named by row and column; impossible assignments say why', () => {
  const p = w.parseProposalsCsv('id,title,requested amount\np1,A,"1,5"\np1,B,100\n,C,5\n');
  assert.deepEqual(p.errors.map((e) => [e.code, e.details.row, e.details.column]),
    [['invalid_amount', 2, 'requested amount'], ['duplicate_id', 3, 'id'], ['bad_input', 4, 'id']]);
  assert.throws(() => w.parseProposalsCsv('id,title\n'), (e) => e.code === 'unknown_column' && e.details.missing[0] === 'requestedamount');
  const r = w.parseReviewersCsv('id,conflicts\nr1,p1|p9\n', ['p1']);
  assert.deepEqual(r.errors.map((e) => [e.code, e.details.row, e.details.column, e.details.proposalId]), [['unknown_id', 2, 'conflicts', 'p9']]);
  const round = { title: 'x', proposals: [{ id: 'p1', title: 'a', applicant: '', community: '', amountRequested: 1 }], reviewers: [{ id: 'r1', name: 'A' }, { id: 'r2', name: 'B' }], conflicts: [{ reviewerId: 'r1', proposalId: 'p1' }] };
  assert.throws(() => w.assignReviewers(round, { reviewsPerProposal: 2 }), (e) => e.code === 'infeasible_constraints' && e.details.reason === 'too_few_reviewers' && e.details.proposalId === 'p1');
  assert.throws(() => w.assignReviewers(round, { reviewsPerProposal: 1, maxLoad: 0 }), (e) => e.code === 'parameter_out_of_range');
  for (const bad of [[null, null], [5, {}], [round, { k: 3 }], [round, { reviewsPerProposal: -1 }]]) {
    assert.throws(() => w.assignReviewers(...bad), (e) => typeof e.code === 'string');
  }
  assert.throws(() => w.reviewTemplateCsv(rubric, round, [{ reviewerId: 'r9', proposalId: 'p1' }], 'en'), (e) => e.code === 'unknown_id');
  assert.throws(() => w.reviewTemplateCsv(rubric, round, [], 'fr'), (e) => e.code === 'bad_input');
});

test('a level descriptor is edited in both languages and marked as the funder’s words', () => {
  assert.ok(rubric.conditions.every((c) => c.scale.every((p) => p.wording === 'waterline')));
  assert.notEqual(rubric.conditions[0].scale[3].description.en, rubric.conditions[5].scale[3].description.en);
  const edited = w.editRubric(rubric, { op: 'describe', id: 'mental-models', value: 2, description: { en: 'E', es: 'S' } });
  const point = edited.conditions.find((c) => c.id === 'mental-models').scale[2];
  assert.deepEqual([point.description, point.wording, point.label], [{ en: 'E', es: 'S' }, 'custom', rubric.conditions[5].scale[2].label]);
  assert.throws(() => w.editRubric(rubric, { op: 'describe', id: 'mental-models', description: { en: 'E', es: 'S' } }), (e) => e.code === 'bad_input');
});
