// The project bindings (#18) through the glue: the evidence map of the built-in chain (the
// Alianza model fed by the synthetic parent survey's report, computed by the engine's own
// Survey), positioned notes for broken links, and a proposal beside its model's evidence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });

function parentsReport() {
  const s = new w.Survey(w.exampleSurveyCsv(), null);
  try { return s.report(null); } finally { s.free(); }
}

const project = () => ({ models: [w.exampleAlianzaModel()], surveys: [{ id: 'parents', report: parentsReport() }] });

test('the example chain: every condition, graded survey evidence from the report, and a gap', () => {
  const map = w.evidenceMap(project());
  assert.equal(map.conditions.length, 8);
  const rows = map.conditions.flatMap((c) => c.outcomes).flatMap((o) => o.indicators);
  const lcap = rows.find((e) => e.indicator === 'ind_lcap_meetings');
  const shift = parentsReport().shifts.find((s) => s.pair === 'shift_lcap_meetings');
  assert.equal(lcap.estimate, shift.improved.share * 100);
  assert.equal(lcap.lower, shift.improved.lower * 100);
  assert.equal(lcap.source, 'survey_item');
  assert.ok(['clears', 'straddles', 'falls_short'].includes(lcap.grade));
  assert.deepEqual(map.gaps.indicators, [{ model: 'alianza', id: 'ind_shared_power' }]);
  assert.equal(map.synthetic, true);
});

test('a broken link is a note with its path; a misspelt key is bad_input with its path', () => {
  const p = project();
  p.models[0].indicators[4].source.item = 'nope';
  const map = w.evidenceMap(p);
  const note = map.notes.find((n) => n.code === 'link_item_unknown');
  assert.equal(note.params.path, 'models[0].indicators[4].source.item');
  p.models[0].indicators[4].source.itme = 'x';
  assert.throws(() => w.evidenceMap(p), (e) => e.code === 'bad_input' && e.details.path === 'project.models[0].indicators[4].source.itme');
});

test('the restorative-justice proposal meets the Alianza evidence; unknown proposals are coded', () => {
  const r = w.proposalEvidence(project(), w.exampleRound(null), 'p01');
  assert.equal(r.model, 'alianza');
  const claimed = r.conditions.filter((c) => c.verdict !== 'not_claimed').map((c) => c.condition);
  assert.ok(claimed.includes('power-dynamics') && claimed.includes('leadership-development'));
  assert.throws(() => w.proposalEvidence(project(), w.exampleRound(null), 'p99'), (e) => e.code === 'unknown_id');
  assert.throws(() => w.proposalEvidence(project(), w.exampleRound(null), 7), (e) => e.code === 'bad_input');
});
