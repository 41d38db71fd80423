// Project-file migrations, one step per schema version, as pure functions of plain objects (no
// DOM, no storage: tests/node/migrate.test.mjs runs them in Node). store.js calls
// `migrateAreas` on every file it opens or restores.
//
// Version 2 (issue #16, "one vocabulary"): every enum value the engine reads or writes is
// snake_case. Version 1 files hold camelCase survey values (item types, pair designs, non-answer
// reasons, shapes, duplicate policies) and kebab-case rubric provenance.

/** The project file's schema version this page writes. */
export const SCHEMA_VERSION = 2;

/** Version-1 spelling -> version-2 spelling, for the values of these keys only. */
const V2_VALUES = {
  type: { multiSelect: 'multi_select' },
  design: { thenTest: 'then_test', prePost: 'pre_post' },
  reason: { dontKnow: 'dont_know', notApplicable: 'not_applicable' },
  shape: { oneHeader: 'one_header', surveyMonkey: 'survey_monkey' },
  duplicates: { keepFirst: 'keep_first', keepLast: 'keep_last', keepAll: 'keep_all', dropAll: 'drop_all' },
  provenance: { 'alianza-source': 'alianza_source', 'alianza-inferred': 'alianza_inferred' },
  alternative: { 'two-sided': 'two_sided', 'one-sided': 'one_sided' },
  role: { respondentId: 'respondent_id' },
};

/** Areas whose state holds engine enum values of version 1 (the logic model was snake_case). */
const V2_AREAS = ['survey', 'proposals'];

/**
 * Renames version-1 enum values to version 2 everywhere in `value` (a deep copy is returned).
 * Only string values of the keys in V2_VALUES change, so user text is never touched; values
 * already in version 2 stay as they are (the step is idempotent).
 */
export function renameV1Values(value) {
  if (Array.isArray(value)) return value.map(renameV1Values);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    const table = Object.hasOwn(V2_VALUES, key) ? V2_VALUES[key] : null;
    out[key] = typeof v === 'string' && table && Object.hasOwn(table, v) ? table[v] : renameV1Values(v);
  }
  return out;
}

/**
 * The areas of a project of schema version `version` (1 ≤ version ≤ SCHEMA_VERSION), brought to
 * SCHEMA_VERSION. The input is not modified.
 */
export function migrateAreas(areas, version) {
  let out = areas;
  if (version < 2) {
    out = { ...out };
    for (const name of V2_AREAS) if (Object.hasOwn(out, name)) out[name] = renameV1Values(out[name]);
  }
  return out;
}
