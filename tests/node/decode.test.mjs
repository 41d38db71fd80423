// Issue #16, "one way in", through the generated glue: a misspelt field two or more levels
// inside a structured argument is refused with bad_input, the JSON path of the stranger in
// details.path (the argument's name first) and its name in details.field. The native table test
// over every input type is tests/decode_paths.rs; this checks the same contract end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });

const refused = (fn, path, field = path.split('.').pop()) =>
  assert.throws(fn, (e) => {
    assert.equal(e.code, 'bad_input', e.message);
    assert.equal(e.details.path, path, e.message);
    if (field !== null) assert.equal(e.details.field, field, e.message);
    return true;
  });

test('rubric, rubric edit and round: a nested typo names its path', () => {
  const rubric = w.defaultRubric();
  const bad = structuredClone(rubric);
  bad.conditions[2].name.enn = 'x';
  refused(() => w.validateRubric(bad), 'rubric.conditions[2].name.enn');
  const condition = { ...structuredClone(rubric.conditions[0]), id: 'new' };
  condition.definition.ess = 'x';
  refused(() => w.editRubric(rubric, { op: 'add', condition }), 'edit.condition.definition.ess');
  const round = w.exampleRound();
  round.proposals[1].amountRequestd = 5;
  refused(() => w.validateRound(rubric, round), 'round.proposals[1].amountRequestd');
});

test('logic model as an object and as text, and a model method option', () => {
  const model = w.examplePassModel();
  model.goals[3].dependsOn.push({ goal: 'g1', provenanc: null });
  const at = model.goals[3].dependsOn.length - 1;
  refused(() => w.validateModel(model), `model.goals[3].dependsOn[${at}].provenanc`);
  // As text the path is inside the text (no argument name).
  refused(() => w.validateModel(JSON.stringify(model)), `goals[3].dependsOn[${at}].provenanc`);
  const pass = new w.LogicModel(w.examplePassModel());
  refused(() => pass.schedule({ start: '2021-01-04', dedline: null }), 'options.dedline');
  pass.free();
});

test('survey mapping: a typo inside an item is refused', () => {
  const survey = new w.Survey(w.exampleSurveyCsv());
  const mapping = survey.mapping();
  mapping.instrument.items[0].labl = 'x';
  refused(() => survey.setMapping(mapping), 'mapping.instrument.items[0].labl');
  survey.free();
});
