// Project files of schema version 1 (camelCase and kebab-case enum values) open in version 2
// (snake_case everywhere): www/migrate.js, on the committed version-1 fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { SCHEMA_VERSION, migrateAreas, renameV1Values } from '../../www/migrate.js';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8'));
const OLD = /^(multiSelect|thenTest|prePost|dontKnow|notApplicable|oneHeader|surveyMonkey|keepFirst|keepLast|keepAll|dropAll|alianza-source|alianza-inferred|respondentId)$/;

/** Every [path, value] of a string under a key that holds an engine enum value. */
function enumValues(x, path = '', out = []) {
  if (Array.isArray(x)) x.forEach((v, i) => enumValues(v, `${path}[${i}]`, out));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (typeof v === 'string' && ['type', 'design', 'reason', 'shape', 'duplicates', 'provenance', 'role'].includes(k)) out.push([`${path}.${k}`, v]);
      else enumValues(v, `${path}.${k}`, out);
    }
  }
  return out;
}

test('the page writes schema version 2', () => {
  assert.equal(SCHEMA_VERSION, 2);
});

test('version 1 rubric provenance becomes snake_case and nothing else changes', () => {
  const v1 = fixture('project_v1.json');
  assert.equal(v1.schemaVersion, 1);
  const areas = migrateAreas(v1.areas, 1);
  const prov = areas.proposals.rubric.conditions.map((c) => c.provenance);
  assert.ok(prov.includes('alianza_source') && prov.includes('alianza_inferred') && prov.includes('fsg'));
  assert.deepEqual(enumValues(areas).filter(([, v]) => OLD.test(v)), []);
  // Everything but the renamed values is the same, and the input is not modified.
  const back = JSON.parse(JSON.stringify(areas).replaceAll('alianza_source', 'alianza-source').replaceAll('alianza_inferred', 'alianza-inferred'));
  assert.deepEqual(back, v1.areas);
  assert.ok(v1.areas.proposals.rubric.conditions.some((c) => c.provenance === 'alianza-source'));
  // The logic model was snake_case already: untouched.
  assert.deepEqual(areas.toc, v1.areas.toc);
});

test('version 1 survey values (mapping, draft, read options) become snake_case', () => {
  const name = 'project_v1_survey.json';
  const v1 = existsSync(new URL(`../data/${name}`, import.meta.url)) ? fixture(name) : null;
  const survey = v1?.areas.survey ?? {
    readOptions: { delimiter: null, shape: 'surveyMonkey', encoding: null, duplicates: 'dropAll' },
    mapping: { respondentId: 'id', instrument: { items: [{ id: 'q', type: 'multiSelect', nonAnswers: [{ code: '9', reason: 'dontKnow', label: { en: 'thenTest', es: '' } }] }], pairs: [{ id: 'p', design: 'thenTest' }] } },
  };
  const before = enumValues(survey).filter(([, v]) => OLD.test(v));
  assert.ok(before.length > 0, 'the version-1 fixture holds camelCase values');
  const after = migrateAreas({ survey }, 1).survey;
  assert.deepEqual(enumValues(after).filter(([, v]) => OLD.test(v)), []);
  // Only enum keys change: a label that happens to read "thenTest" is user text.
  if (!v1) assert.equal(after.mapping.instrument.items[0].nonAnswers[0].label.en, 'thenTest');
  if (!v1) assert.equal(after.mapping.instrument.pairs[0].design, 'then_test');
});

test('the step is idempotent and leaves version 2 alone', () => {
  const areas = { survey: { mapping: { instrument: { items: [{ type: 'multi_select' }] } } }, proposals: { rubric: { conditions: [{ provenance: 'alianza_source' }] } } };
  assert.deepEqual(migrateAreas(areas, 1), areas);
  assert.deepEqual(migrateAreas(areas, 2), areas);
  assert.deepEqual(renameV1Values(renameV1Values({ design: 'prePost' })), { design: 'pre_post' });
});
