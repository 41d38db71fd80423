// pkg/stats/ — the statistics alone (built without the survey, conditions and toc features):
// every statistics export of the whole engine is there and gives the same numbers; none of
// the areas' exports is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as full from '../../pkg/waterline.js';
import * as stats from '../../pkg/stats/waterline.js';

full.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });
stats.initSync({ module: readFileSync(new URL('../../pkg/stats/waterline_bg.wasm', import.meta.url)) });

// The exports of the three areas (src/wasm/survey.rs, conditions.rs, decision.rs, round_setup.rs,
// survey_weights.rs, survey_stream.rs, toc.rs) and of the project module.
const areas = [
  'Survey', 'checkReportOptions', 'exampleStaffCsv', 'exampleSurveyCsv', 'waveSensitivity', 'rake',
  'SurveyStream', 'surveyStreamLimits', 'checkSurveyStreamSize', 'engineMemoryBytes',
  'analyzeRound', 'bootstrapRanks', 'defaultRubric', 'editRubric', 'exampleRound', 'fundWithinBudget',
  'parseReviewsCsv', 'validateRound', 'validateRubric',
  'assignReviewers', 'parseProposalsCsv', 'parseReviewersCsv', 'reviewTemplateCsv', 'decideFunding',
  'LogicModel', 'exampleAlianzaModel', 'examplePassModel', 'exportModel', 'importEventsCsv', 'importSeriesCsv', 'importSeriesCsvColumns', 'layoutModel', 'parseModel',
  'progress', 'scheduleModel', 'tocEdit', 'tocFreshId', 'validateModel', 'whatIf',
  // The project module (src/wasm/project.rs), which needs all three areas.
  'evidenceMap', 'proposalEvidence',
];

test('the statistics build has every export but the areas\'', () => {
  const missing = Object.keys(full).filter((k) => !(k in stats));
  assert.deepEqual(missing.sort(), [...areas].sort());
  for (const name of ['wilson', 'wilsonMany', 'pairedT', 'tTwoSidedP', 'mannWhitney', 'mcnemar', 'cronbachAlpha', 'mcdonaldOmega']) {
    assert.equal(typeof stats[name], 'function', name);
  }
  assert.equal(stats.version(), full.version());
});

test('the statistics build computes what the whole engine computes', () => {
  const before = new Float64Array([2, 3, 3, 4, 2, 5, 3, 4]);
  const after = new Float64Array([3, 4, 3, 5, 4, 5, 4, 4]);
  assert.deepEqual(stats.pairedT(before, after), full.pairedT(before, after));
  assert.deepEqual(stats.wilson(101, 113), full.wilson(101, 113));
  const t = new Float64Array([-3, 0.5, 12]), df = new Float64Array([4, 30, 200]);
  assert.deepEqual(stats.tTwoSidedP(t, df), full.tTwoSidedP(t, df));
  // Errors are the same coded errors.
  assert.throws(() => stats.wilson(5, 3), { code: 'count_exceeds_total' });
});
