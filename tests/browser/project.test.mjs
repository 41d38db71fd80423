// No data loss: every change is autosaved to IndexedDB and comes back after a reload; the
// project file saves and opens; opening asks first and can be undone; bad files get a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, load } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); });
after(async () => { await s?.close(); });

const field = (name) => s.page.locator(`#area-survey input[name="${name}"]`);
// Every change is stored in IndexedDB (store.js sets <html data-saved="yes"> only then).
const flush = () => s.page.waitForSelector('html[data-saved="yes"]', { state: 'attached' });
async function dismissAll() {
  while (await s.page.locator('#project-problems li button').count()) await s.page.locator('#project-problems li button').first().click();
  assert.equal(await s.page.isHidden('#project-problems'), true);
}

test('a change survives a reload', async () => {
  await field('x').fill('48');
  await field('n').fill('100');
  await flush();
  await s.page.reload();
  await s.page.waitForSelector('#engine-status[data-state="ready"]');
  await s.page.waitForSelector('#project-status:has-text("restored")');
  assert.equal(await field('x').inputValue(), '48');
  assert.equal(await field('n').inputValue(), '100');
  assert.match(await s.page.textContent('[data-testid="share-sentence"]'), /^48% /);
});

test('the project file saves with its schema and engine versions, and opens again with undo', async () => {
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  const project = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(project.schemaVersion, 2);
  assert.match(project.engineVersion, /^\d+\.\d+\.\d+/);
  assert.equal(project.areas.survey.share.x, '48');

  project.areas.survey.share.x = '7';
  project.areas.survey.share.n = '13';
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await s.page.waitForSelector('#project-status:has-text("opened")');
  assert.equal(await field('x').inputValue(), '7');
  await s.page.click('#project-undo');
  await s.page.waitForSelector('#project-status:has-text("back")');
  assert.equal(await field('x').inputValue(), '48');
});

test('declining the confirmation keeps the current work', async () => {
  const project = { schemaVersion: 1, engineVersion: '0.0.0', areas: { survey: { share: { x: '1', n: '2', level: '0.95' } } } };
  s.page.once('dialog', (d) => d.dismiss());
  await s.page.setInputFiles('#project-open', { name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await s.page.waitForTimeout(200);
  assert.equal(await field('x').inputValue(), '48');
});

test('a file that is not a project, or from a newer version, gets a message and changes nothing', async () => {
  await s.page.setInputFiles('#project-open', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{not json') });
  await s.page.waitForSelector('#project-problems li:has-text("not a waterline project")');
  await s.page.setInputFiles('#project-open', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"schemaVersion": 99, "areas": {}}') });
  await s.page.waitForSelector('#project-problems li:has-text("version 99")');
  assert.equal(await field('x').inputValue(), '48');
  await dismissAll();
  // Put the example back for the other tests.
  await field('x').fill('101'); await field('n').fill('113');
  await flush();
});

test('a round whose file has scoreColumns opens with those scores editable', async () => {
  // The API's compact form for large rounds (plain arrays in a file): the page turns the
  // columns into score objects on load, so the grid, the import and the export see them.
  const project = JSON.parse(readFileSync(new URL('../data/project_v1.json', import.meta.url)));
  const { round } = project.areas.proposals;
  const scores = round.scores;
  const ids = (key) => [...new Set(scores.map((x) => x[key]))];
  const [reviewerIds, proposalIds, conditionIds] = [ids('reviewerId'), ids('proposalId'), ids('conditionId')];
  round.scores = [];
  round.scoreColumns = {
    reviewerIds, proposalIds, conditionIds,
    reviewer: scores.map((x) => reviewerIds.indexOf(x.reviewerId)),
    proposal: scores.map((x) => proposalIds.indexOf(x.proposalId)),
    condition: scores.map((x) => conditionIds.indexOf(x.conditionId)),
    value: scores.map((x) => x.value),
  };
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'columns.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await s.page.waitForSelector('#project-status:has-text("opened")');
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8')).areas.proposals.round;
  assert.equal(saved.scoreColumns, undefined);
  const key = (x) => `${x.reviewerId}|${x.proposalId}|${x.conditionId}|${x.value}`;
  assert.deepEqual(saved.scores.map(key).sort(), scores.map(key).sort());
  await s.page.click('#project-undo');
  await s.page.waitForSelector('#project-status:has-text("back")');
});

test('the schema-1 project file fixture opens in every area', async () => {
  // tests/data/project_v1.json was saved by the page (tests/browser/make-project-fixture.mjs).
  const fixture = readFileSync(new URL('../data/project_v1.json', import.meta.url));
  const project = JSON.parse(fixture);
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'project_v1.json', mimeType: 'application/json', buffer: fixture });
  await s.page.waitForSelector('#project-status:has-text("opened")');
  assert.equal(await field('x').inputValue(), project.areas.survey.share.x);
  await s.page.click('#tab-proposals');
  const proposals = await s.page.textContent('#area-proposals');
  assert.ok(proposals.includes(project.areas.proposals.round.proposals[0].title));
  // Version 1 spelt rubric provenance in kebab-case; migrated, it still names its source.
  assert.ok(proposals.includes('Alianza — from the source') && proposals.includes('Alianza — inferred'));
  assert.doesNotMatch(proposals, /proposals\.rubric\.provenance/);
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.schemaVersion, 2);
  assert.deepEqual(saved.areas.proposals.rubric.conditions.map((c) => c.provenance),
    project.areas.proposals.rubric.conditions.map((c) => c.provenance.replace('-', '_')));
  await s.page.click('#tab-toc');
  assert.ok((await s.page.textContent('#area-toc')).includes(project.areas.toc.model.title.en));
  await s.page.click('#tab-survey');
  await s.page.click('#project-undo');
  await s.page.waitForSelector('#project-status:has-text("back")');
});

test('a schema-1 project with an edited survey mapping (camelCase values) opens with the same report', async () => {
  // tests/data/project_v1_survey.json was saved by the schema-1 page
  // (tests/browser/make-project-v1-survey-fixture.mjs), with the percentages its report showed.
  const fixture = readFileSync(new URL('../data/project_v1_survey.json', import.meta.url));
  const project = JSON.parse(fixture);
  assert.ok(JSON.stringify(project.areas.survey.mapping).includes('"thenTest"'));
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'project_v1_survey.json', mimeType: 'application/json', buffer: fixture });
  await s.page.waitForSelector('#project-status:has-text("opened")');
  await s.page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 30000 });
  const report = await s.page.textContent('[data-testid="survey-report"]');
  assert.deepEqual(report.match(/\d+(?:\.\d+)?%/g), project.expectedReportPercentages);
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.schemaVersion, 2);
  const mapping = JSON.stringify(saved.areas.survey.mapping);
  assert.ok(mapping.includes('"then_test"') && mapping.includes('"multi_select"') && !mapping.includes('"thenTest"'));
  await s.page.click('#project-undo');
  await s.page.waitForSelector('#project-status:has-text("back")');
});

test('the project status line follows the language switch', async () => {
  await field('x').fill('100');
  await flush();
  await s.page.waitForSelector('#project-status:has-text("saved")');
  await s.page.click('[data-lang="es"]');
  assert.match(await s.page.textContent('#project-status'), /guardados/);
  await s.page.click('[data-lang="en"]');
  assert.match(await s.page.textContent('#project-status'), /saved/);
  await field('x').fill('101');
  await flush();
});

test('a rejected part stays on screen, in both languages, naming the area and the field, until dismissed', async () => {
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  const project = JSON.parse(readFileSync(await download.path(), 'utf8'));
  project.areas.proposals.rubric = 'not a rubric';
  project.areas.toc.model = { title: 5 };
  project.areas.mystery = { blob: 'x'.repeat(100_000) };
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await s.page.waitForSelector('#project-status:has-text("opened")');
  const lines = () => s.page.$$eval('#project-problems li > span', (els) => els.map((e) => e.textContent));
  // Later saves do not replace the messages.
  await field('x').fill('47');
  await flush();
  await s.page.waitForTimeout(400);
  const en = await lines();
  assert.equal(en.length, 3, en.join('\n'));
  assert.ok(en.some((l) => l.startsWith('Proposals — ') && /rubric/.test(l)), en.join('\n'));
  assert.ok(en.some((l) => l.startsWith('Theory of change')), en.join('\n'));
  assert.ok(en.some((l) => l.startsWith('Project: ') && l.includes('“mystery”') && /left out/.test(l)), en.join('\n'));
  assert.ok(en.includes('Proposals — the rubric: The input could not be read.'), en.join('\n'));
  assert.ok(en.includes('Theory of change — the model: The input could not be read.'), en.join('\n'));
  for (const l of en) assert.doesNotMatch(l, /\{\w+\}/, `no raw placeholder: ${l}`);
  await s.page.click('[data-lang="es"]');
  const es = await lines();
  assert.ok(es.some((l) => l.startsWith('Propuestas — ')), es.join('\n'));
  assert.ok(es.includes('Teoría del cambio — el modelo: No se pudo leer el dato.'), es.join('\n'));
  assert.ok(es.includes('Propuestas — la rúbrica: No se pudo leer el dato.'), es.join('\n'));
  assert.ok(es.some((l) => /se dejó fuera/.test(l)), es.join('\n'));
  await s.page.screenshot({ path: '/tmp/i15-problems-es.png' });
  await s.page.click('[data-lang="en"]');
  await s.page.screenshot({ path: '/tmp/i15-problems-en.png' });
  // The unknown area is not carried into the autosave or the project file.
  const [d2] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  assert.equal(JSON.parse(readFileSync(await d2.path(), 'utf8')).areas.mystery, undefined);
  const stored = await s.page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('waterline', 1);
    req.onsuccess = () => { const g = req.result.transaction('projects').objectStore('projects').get('autosave'); g.onsuccess = () => { resolve(Object.keys(g.result.areas)); req.result.close(); }; };
  }));
  assert.deepEqual(stored.sort(), ['proposals', 'survey', 'toc']);
  await dismissAll();
  await s.page.click('#project-undo');
  await s.page.waitForSelector('#project-status:has-text("back")');
  await field('x').fill('101');
  await flush();
});

test('a part of the autosave rejected at start-up is listed too, and an unknown area is dropped from it', async () => {
  await s.page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('waterline', 1);
    req.onsuccess = () => {
      const store = req.result.transaction('projects', 'readwrite').objectStore('projects');
      const g = store.get('autosave');
      g.onsuccess = () => {
        const p = g.result;
        p.areas.proposals = { ...p.areas.proposals, rubric: 7 };
        p.areas.leftover = { big: 'x'.repeat(1_000_000) };
        const put = store.put(p, 'autosave');
        put.onsuccess = () => { req.result.close(); resolve(); };
        put.onerror = () => reject(put.error);
      };
    };
  }));
  await s.page.reload();
  await s.page.waitForSelector('html[data-restored="yes"]', { state: 'attached' });
  const lines = await s.page.$$eval('#project-problems li > span', (els) => els.map((e) => e.textContent));
  assert.ok(lines.some((l) => l.startsWith('Proposals — the rubric: ')), lines.join('\n'));
  assert.ok(lines.some((l) => l.includes('“leftover”')), lines.join('\n'));
  const keys = await s.page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('waterline', 1);
    req.onsuccess = () => { const g = req.result.transaction('projects').objectStore('projects').get('autosave'); g.onsuccess = () => { resolve(Object.keys(g.result.areas)); req.result.close(); }; };
  }));
  assert.deepEqual(keys.sort(), ['proposals', 'survey', 'toc']);
  await dismissAll();
});

for (const delay of [0, 10, 50]) {
  test(`an edit typed ${delay} ms before a reload is kept`, async () => {
    const value = String(20 + delay);
    await field('x').fill(value);
    if (delay) await s.page.waitForTimeout(delay);
    await s.page.reload();
    await s.page.waitForSelector('html[data-restored="yes"]', { state: 'attached' });
    assert.equal(await field('x').inputValue(), value);
    await flush();
    // Merged into the autosave, the journal is cleared.
    await s.page.waitForFunction(() => localStorage.getItem('waterline.journal') === null);
  });
}

test('a report level typed 0 ms before a reload is kept and applied', async () => {
  await field('report-level').fill('0.9');
  await s.page.reload();
  await s.page.waitForSelector('html[data-restored="yes"]', { state: 'attached' });
  // The restored level shows once the survey area has re-rendered its options.
  await s.page.waitForFunction(() => document.querySelector('#area-survey input[name="report-level"]')?.value === '0.9');
  await field('report-level').fill('0.95');
  await s.page.waitForTimeout(400);
  await flush();
});

test('put the example back', async () => {
  await field('x').fill('101');
  await flush();
});
