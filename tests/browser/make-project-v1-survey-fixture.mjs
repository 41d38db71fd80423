// Writes tests/data/project_v1_survey.json: a schema-1 project file with the parent survey example
// loaded and its mapping edited (the comments column ignored) so the mapping is stored — camelCase item types, pair designs and non-answer reasons, as
// the page wrote them before issue #16 moved every enum value to snake_case. Kept as a fixture:
// every later schema must open it and show the same report (tests/browser/project.test.mjs,
// tests/node/migrate.test.mjs).
//
// It must run against the schema-1 page, so run it from a checkout of commit 1c8c31c with
// `make build` done there:  node tests/browser/make-project-v1-survey-fixture.mjs <output path>
import { writeFileSync, readFileSync } from 'node:fs';
import { open, load } from './harness.mjs';

const out = process.argv[2] ?? new URL('../data/project_v1_survey.json', import.meta.url).pathname;
const s = await open();
await load(s);
await s.page.click('[data-testid="survey-example-parents"]');
await s.page.waitForFunction(() => /parent survey example is loaded/.test(document.querySelector('[data-testid="survey-status"]')?.textContent ?? ''), null, { timeout: 30000 });
const q = (id) => `[data-testid="${id}"]`;
await s.page.click(q('survey-mapping-summary'));
await s.page.locator(`${q('survey-mapping-table')} tbody tr`).filter({ has: s.page.locator('th', { hasText: 'Comments / Comentarios' }) }).first()
  .locator(q('survey-role')).selectOption('ignored');
await s.page.click(q('survey-apply'));
await s.page.waitForFunction(() => /Mapping applied/.test(document.querySelector('[data-testid="survey-status"]')?.textContent ?? ''), null, { timeout: 30000 });
await s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`, { timeout: 30000 });
await s.page.waitForTimeout(600);
// What the schema-1 page showed: every percentage of the report, in order (the test compares).
const report = await s.page.textContent(q('survey-report'));
const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
const project = JSON.parse(readFileSync(await download.path(), 'utf8'));
if (project.schemaVersion !== 1) throw new Error(`expected the schema-1 page, got schema ${project.schemaVersion}`);
project.savedAt = '2026-12-02T00:00:00.000Z';
project.expectedReportPercentages = report.match(/\d+(?:\.\d+)?%/g);
writeFileSync(out, JSON.stringify(project, null, 2) + '\n');
await s.close();
console.log(`wrote ${out}`);
