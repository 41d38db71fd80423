// The Proposals area: the synthetic example round opens with its ranking, heatmap, calibration,
// agreement and budget; the bootstrap runs in the worker with progress and Cancel; bad input
// (CSV cells, scores off the scale, weights, budgets) gets a message and keeps the previous
// value; edits change the ranking; Spanish; autosave; exports; no foreign request, no page
// error, no serious axe violation. Expected numbers come from the engine itself, called in
// Node on the same inputs (the page must show what the engine computes, rounded).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { open, load, screenshots } from './harness.mjs';
import init, * as engine from '../../pkg/waterline.js';

await init({ module_or_path: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });
const rubric = engine.defaultRubric();
const example = engine.exampleRound();
const analysis = engine.analyzeRound(rubric, example, null);
const en1 = (v) => v.toFixed(1);

let s;
before(async () => { s = await open(); await load(s, '#proposals'); await s.page.waitForSelector('[data-testid="ranking-table"] tbody tr'); });
after(async () => { await s?.close(); });

const area = () => s.page.locator('#area-proposals');
const text = (sel) => s.page.locator(`#area-proposals ${sel}`).first().textContent();
const rowIds = () => s.page.$$eval('[data-testid="ranking-table"] tbody tr', (rows) => rows.map((r) => r.dataset.proposal));
const cell = (id, col) => s.page.locator(`[data-testid="ranking-table"] tr[data-proposal="${id}"] [data-col="${col}"]`).textContent();
const bootDone = () => s.page.waitForFunction(() => document.querySelector('#proposals-ranking')?.dataset.fresh === 'true');
// The status already says "saved" from earlier edits: clear it first, then wait for the next save.
const clearStatus = () => s.page.evaluate(() => { document.getElementById('project-status').textContent = ''; });
// Every change is stored in IndexedDB (store.js sets <html data-saved="yes"> only then).
const flush = () => s.page.waitForSelector('html[data-saved="yes"]', { state: 'attached' });
/** Runs `start` (which begins a CSV import) and waits until that import has finished. */
async function imported(start) {
  const before = Number(await s.page.getAttribute('[data-testid="import-result"]', 'data-run') ?? 0);
  await start();
  await s.page.waitForFunction((n) => {
    const node = document.querySelector('[data-testid="import-result"]');
    return Number(node.dataset.run) > n && node.dataset.state === 'done';
  }, before);
}
const card = (name) => s.page.locator(`#proposals-${name}`);

test('the example round opens, labelled synthetic, with ranking, heatmap, calibration, agreement and budget', async () => {
  assert.match(await text('[data-testid="synthetic"]'), /Synthetic example/);
  assert.match(await text('[data-testid="round-title"]'), /synthetic/);
  // Ranking: the engine's weighted scores, best first.
  const expected = [...analysis.scores.proposals].sort((a, b) => b.score - a.score);
  assert.deepEqual(await rowIds(), expected.map((p) => p.proposalId));
  for (const p of expected) assert.equal((await cell(p.proposalId, 'score')).trim(), en1(p.score));
  // Heatmap: every condition × proposal cell prints the reviewers' mean.
  const heat = await s.page.$$eval('[data-testid="heatmap"] tbody td', (tds) => tds.length);
  assert.ok(heat >= 12 * (8 + 4 + 1), `heatmap cells: ${heat}`);
  const p08 = analysis.scores.proposals.find((p) => p.proposalId === 'p08');
  const policies = await s.page.$eval('[data-testid="heatmap"]', (table) => {
    const column = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent === 'p08');
    const row = [...table.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')?.textContent === 'Policies');
    return row.children[column].textContent;
  });
  assert.equal(policies, en1(p08.conditions[0].mean));
  // Calibration: each reviewer's offset as the engine fitted it.
  const offsets = await s.page.$$eval('[data-testid="calibration-reviewers"] [data-col="offset"]', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(offsets, analysis.calibration.reviewers.map((r) => `${r.offset < 0 ? '−' : '+'}${Math.abs(r.offset).toFixed(1)}`));
  // Agreement: Krippendorff's alpha per condition and overall; ICC is null and the page says why.
  const alphaOverall = await s.page.locator('[data-testid="agreement-table"] tr[data-condition="overall"] [data-col="alpha"]').textContent();
  assert.equal(alphaOverall, analysis.agreement.overall.alpha.alpha.toFixed(3));
  // #20: the interval is its own cell, and the overall alpha is read in words.
  const ci = analysis.agreement.overall.alpha.bootstrap;
  assert.equal(await text('[data-testid="agreement-table"] tr[data-condition="overall"] [data-col="alpha-ci"]'), `${ci.lower.toFixed(3)} to ${ci.upper.toFixed(3)}`);
  assert.equal(analysis.agreement.overall.reliability, 'do_not_rely');
  assert.match(await text('[data-testid="agreement-reading"]'), /do not rely on these scores/);
  assert.equal(analysis.agreement.overall.icc, null);
  assert.match(await text('[data-testid="icc-none"]'), /ICC is not available.*0 of 12 proposals are complete/);
  // ...and the ICC from all scores (REML variance components, #20) is there for every row.
  for (const row of [...analysis.agreement.conditions, analysis.agreement.overall]) {
    assert.equal(await text(`[data-testid="agreement-table"] tr[data-condition="${row.conditionId}"] [data-col="icc-model"]`), row.iccModel.iccAgreement.toFixed(3));
  }
  assert.match(await text('[data-testid="icc-model-reading"]'), new RegExp(`^ICC from all scores, overall: ${Math.round(analysis.agreement.overall.iccModel.iccAgreement * 100)}% of the variance`));
  assert.match(await text('#proposals-agreement'), /Shrout & Fleiss’s ICC\(2,1\)/);
  // The engine's notes render by code, with the reviewer's name and the conditions' names.
  const incomplete = engine.validateRound(rubric, example).warnings.find((w) => w.code === 'round_review_incomplete');
  const note = await text('li[data-code="round_review_incomplete"]');
  assert.match(note, new RegExp(`^Reviewer .+ \\(${incomplete.params.reviewer}\\) did not score proposal ${incomplete.params.proposal} on `));
  assert.doesNotMatch(note, /-/, 'condition ids are shown as names');
  // Budget: the engine's optimum at the example's $800,000.
  const funding = engine.fundWithinBudget(rubric, example, { budget: 800000 });
  assert.match(await text('[data-testid="budget-sentence"]'), new RegExp(`^${funding.funded.length} proposals funded: \\$755,000 of \\$800,000`));
  assert.match(await text('[data-testid="budget-optimal"]'), /^Optimal/);
  assert.match(await text('[data-testid="next-in-line"]'), /Next in line: p02 .* \$205,000 more budget/);
  // Depth flag and coverage.
  assert.match(await text('[data-testid="depth-flags"]'), /p11 .*Claims to shift mental models/);
  assert.match(await text('[data-testid="uncovered-round"]'), /Every condition has at least one proposal/);
  // Conflict of interest shown in the grid for Carmen (r3) and p07.
  await s.page.selectOption('[data-testid="grid-reviewer"]', 'r3');
  assert.match(await text('[data-testid="conflict-cell"]'), /Conflict of interest: Carmen \(r3\)/);
  assert.equal(await s.page.locator('input[data-reviewer="r3"][data-proposal="p07"]').count(), 0);
  await s.page.selectOption('[data-testid="grid-reviewer"]', 'r1');
  await bootDone();
  for (const name of ['ranking', 'heatmap', 'calibration', 'budget', 'agreement']) {
    await card(name).screenshot({ path: `${screenshots}proposals-${name}-en.png` });
  }
  assert.deepEqual(s.errors, []);
});

test('the bootstrap runs in the worker with progress, gives rank intervals, and Cancel stops it', async () => {
  await bootDone();
  assert.ok(s.page.workers().length >= 1, 'a worker is running');
  const boot = engine.bootstrapRanks(rubric, example, { resamples: 1000, seed: 1, topK: 3 });
  const p02 = boot.proposals.find((p) => p.proposalId === 'p02');
  assert.match(await s.page.locator('[data-testid="ranking-table"] tr[data-proposal="p02"] td.interval').textContent(), new RegExp(`^${p02.rankLower}–${p02.rankUpper}`));
  assert.equal((await cell('p02', 'ptop')).trim(), `${Math.round(p02.pTopK * 100)}%`);
  assert.match(await text('[data-testid="boot-status"]'), /1,000 bootstrap resamples of the 5 reviewers \(seed 1/);

  // A slow run: progress shows, Cancel stops it, the page keeps working.
  await s.page.fill('[data-testid="boot-resamples"]', '100000');
  await s.page.press('[data-testid="boot-resamples"]', 'Tab');
  const seen = await s.page.evaluate(() => {
    document.querySelector('[data-testid="boot-run"]').click();
    const progress = !document.querySelector('[data-testid="boot-progress"]').hidden;
    const cancel = document.querySelector('[data-testid="boot-cancel"]');
    const enabled = !cancel.disabled;
    cancel.click();
    return { progress, enabled };
  });
  assert.deepEqual(seen, { progress: true, enabled: true });
  await s.page.waitForFunction(() => document.querySelector('#proposals-ranking').dataset.boot === 'cancelled');
  assert.match(await text('[data-testid="boot-status"]'), /cancelled/);
  assert.equal(await s.page.locator('[data-testid="boot-progress"]').isVisible(), false);

  // Run again with other options: a fresh worker answers.
  await s.page.fill('[data-testid="boot-resamples"]', '2000');
  await s.page.fill('[data-testid="boot-seed"]', '7');
  await s.page.press('[data-testid="boot-seed"]', 'Tab');
  await s.page.click('[data-testid="boot-run"]');
  await bootDone();
  const again = engine.bootstrapRanks(rubric, example, { resamples: 2000, seed: 7, topK: 3 }).proposals.find((p) => p.proposalId === 'p01');
  assert.equal((await cell('p01', 'ptop')).trim(), `${Math.round(again.pTopK * 100)}%`);
  assert.match(await text('[data-testid="boot-status"]'), /2,000 bootstrap resamples .*seed 7/);

  // Bad options get a message, not a crash.
  await s.page.fill('[data-testid="boot-seed"]', '1.5');
  await s.page.press('[data-testid="boot-seed"]', 'Tab');
  await s.page.click('[data-testid="boot-run"]');
  await s.page.waitForFunction(() => document.querySelector('#proposals-ranking').dataset.boot === 'error');
  assert.match(await text('[data-testid="boot-status"]'), /whole numbers/);
  await s.page.fill('[data-testid="boot-seed"]', '1');
  await s.page.fill('[data-testid="boot-resamples"]', '1000');
  await s.page.press('[data-testid="boot-resamples"]', 'Tab');
  await s.page.click('[data-testid="boot-run"]');
  await bootDone();
  assert.deepEqual(s.errors, []);
});

test('changing the budget changes the funded set, and the total stays within the budget', async () => {
  const funded = () => s.page.$$eval('[data-testid="funded-table"] tbody tr', (rows) => rows.map((r) => r.dataset.proposal));
  const total = () => s.page.$$eval('[data-testid="funded-table"] [data-col="amount"]', (tds) => tds.reduce((sum, td) => sum + Number(td.textContent.replace(/[^0-9]/g, '')), 0));
  for (const budget of [400000, 600000]) {
    await s.page.fill('[data-testid="budget-amount"]', String(budget));
    const expected = engine.fundWithinBudget(rubric, example, { budget });
    assert.deepEqual(await funded(), expected.funded.map((f) => f.proposalId));
    assert.ok(await total() <= budget);
    assert.equal(await total(), expected.totalFunded);
  }
  // The slider moves the same budget; the ranking's Funded column follows.
  await s.page.locator('[data-testid="budget-range"]').fill('300000');
  assert.equal(await s.page.inputValue('[data-testid="budget-amount"]'), '300000');
  const at300 = engine.fundWithinBudget(rubric, example, { budget: 300000 });
  assert.deepEqual(await funded(), at300.funded.map((f) => f.proposalId));
  assert.ok(await total() <= 300000);
  assert.match(await cell(at300.funded[0].proposalId, 'funded'), /\$/);
  assert.match(await cell('p02', 'funded'), /not funded/);
  await card('budget').screenshot({ path: `${screenshots}proposals-budget-300k-en.png` });

  // Partial funding and a minimum share per level.
  await s.page.fill('[data-testid="budget-amount"]', '400000');
  await s.page.check('[data-testid="budget-partial"]');
  const partial = engine.fundWithinBudget(rubric, example, { budget: 400000, partial: true });
  assert.deepEqual(await funded(), partial.funded.map((f) => f.proposalId));
  assert.match(await text('[data-testid="funded-table"]'), /partial/);
  await s.page.click('#proposals-budget details.shares summary');
  await s.page.fill('[data-key="share-levelShares-relational"]', '30');
  assert.match(await text('[data-testid="shares-table"]'), /level: Relational change/);
  await s.page.fill('[data-key="share-levelShares-relational"]', '95');
  assert.match(await text('[data-testid="budget-error"]'), /minimum shares cannot all be met/);
  await s.page.fill('[data-key="share-levelShares-relational"]', '');
  await s.page.uncheck('[data-testid="budget-partial"]');

  // A budget that is not whole dollars is refused and the last result stays, marked as such.
  await s.page.fill('[data-testid="budget-amount"]', '12.5');
  assert.match(await text('[data-testid="budget-error"]'), /whole number of dollars.*“12.5”.*last budget that worked/);
  assert.equal(await s.page.getAttribute('[data-testid="budget-result"]', 'data-state'), 'error');
  await s.page.fill('[data-testid="budget-amount"]', '$800,000');
  assert.equal(await s.page.locator('[data-testid="budget-error"]').isVisible(), false);
  assert.match(await text('[data-testid="budget-sentence"]'), /\$755,000 of \$800,000/);
  assert.deepEqual(s.errors, []);
});

const csv = [
  'reviewerId,proposalId,policies,practices,mental-models,comment',
  'r2,p01,3,2,4,Strong parent base',
  'r2,p04,x,2,1,',
  'r5,p04,3,9,1,',
  'r3,p07,2,2,2,',
  ',p05,1,1,1,',
].join('\n');

test('a CSV import reports every bad cell by row and column, and refuses scores a conflict forbids', async () => {
  await s.page.fill('[data-testid="import-paste"]', csv);
  await imported(() => s.page.click('[data-testid="import-pasted"]'));
  const rows = await s.page.$$eval('[data-testid="import-errors"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(rows.map((r) => [r[0], r[1]]), [['3', 'policies'], ['4', 'practices'], ['6', 'reviewerId']]);
  assert.match(rows[0][2], /“x” is not a number/);
  assert.match(rows[1][2], /9 is outside the scale 0–4/);
  assert.match(rows[2][2], /Row 6: the “reviewerId” cell is empty/);
  const result = await text('[data-testid="import-result"]');
  assert.match(result, /Read 5 rows/);
  assert.match(result, /Carmen \(r3\) has a conflict of interest with p07/);
  await card('scores').screenshot({ path: `${screenshots}proposals-import-en.png` });
  // The good cells were imported: r2's comment is on p01 now.
  await s.page.selectOption('[data-testid="grid-reviewer"]', 'r2');
  assert.equal(await s.page.inputValue('input[data-reviewer="r2"][data-proposal="p01"][data-condition="mental-models"]'), '4');
  await s.page.click('[data-testid="proposals-undo"]');
  assert.notEqual(await s.page.inputValue('input[data-reviewer="r2"][data-proposal="p01"][data-condition="mental-models"]'), '4');

  // The same file through the file input (read in the worker).
  await imported(() => s.page.setInputFiles('[data-testid="import-file"]', { name: 'reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }));
  assert.equal(await s.page.locator('[data-testid="import-errors"] tbody tr').count(), 3);
  assert.match(await text('[data-testid="import-result"]'), /Read 5 rows/);
  await s.page.click('[data-testid="proposals-undo"]');

  // A file without the needed columns.
  await imported(() => s.page.setInputFiles('[data-testid="import-file"]', { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') }));
  assert.match(await text('[data-testid="import-error"]'), /needs a reviewerId column.*columns found: a, b/);
  await s.page.selectOption('[data-testid="grid-reviewer"]', 'r1');
  assert.deepEqual(s.errors, []);
});

test('a score off the scale gets a message and keeps the previous value; a good edit changes the ranking', async () => {
  const input = 'input[data-reviewer="r1"][data-proposal="p01"][data-condition="policies"]';
  assert.equal(await s.page.inputValue(input), '3');
  for (const [typed, message] of [['7', /outside the scale 0–4.*previous value \(3\) was kept/], ['abc', /not a number.*previous value \(3\)/], ['-1', /outside the scale/]]) {
    await s.page.fill(input, typed);
    await s.page.press(input, 'Tab');
    assert.match(await text('[data-testid="grid-error"]'), message);
    assert.equal(await s.page.inputValue(input), '3');
    assert.equal(await s.page.getAttribute(input, 'aria-invalid'), 'true');
  }
  await card('scores').screenshot({ path: `${screenshots}proposals-grid-error-en.png` });
  // A good edit: the engine's new score for p01 shows in the ranking.
  const before = (await cell('p01', 'score')).trim();
  await s.page.fill(input, '4');
  await s.page.press(input, 'Tab');
  assert.equal(await s.page.locator('[data-testid="grid-error"]').isVisible(), false);
  const edited = structuredClone(example);
  edited.scores.find((x) => x.reviewerId === 'r1' && x.proposalId === 'p01' && x.conditionId === 'policies').value = 4;
  const p01 = engine.analyzeRound(rubric, edited, null).scores.proposals[0];
  assert.equal((await cell('p01', 'score')).trim(), en1(p01.score));
  assert.notEqual(before, en1(p01.score));
  // Focus moved on to the next cell, undisturbed by the re-render.
  assert.equal(await s.page.evaluate(() => document.activeElement?.dataset.condition), 'practices');
  // A comment on the score.
  await s.page.click(input);
  await s.page.fill('[data-testid="grid-comment"]', 'Names the district policy it targets');
  await s.page.press('[data-testid="grid-comment"]', 'Tab');
  assert.equal(await s.page.getAttribute(input, 'title'), 'Names the district policy it targets');
  assert.deepEqual(s.errors, []);
});

test('reweighting the rubric changes the ranking; a bad weight is refused; removing a condition can be undone', async () => {
  const weight = '[data-key="weight-mental-models"]';
  await s.page.fill(weight, '5');
  await s.page.press(weight, 'Tab');
  const reweighted = engine.editRubric(rubric, { op: 'reweight', id: 'mental-models', weight: 5 });
  const edited = structuredClone(example);
  edited.scores.find((x) => x.reviewerId === 'r1' && x.proposalId === 'p01' && x.conditionId === 'policies').value = 4;
  const expected = [...engine.analyzeRound(reweighted, edited, null).scores.proposals].sort((a, b) => b.score - a.score).map((p) => p.proposalId);
  assert.deepEqual(await rowIds(), expected);
  assert.equal(expected[1], 'p06', 'mental models now lift p06 to second');

  await s.page.fill(weight, '-1');
  await s.page.press(weight, 'Tab');
  assert.match(await text('#proposals-rubric'), /Weights must be numbers of 0 or more.*The weight stays 5/);
  assert.equal(await s.page.inputValue(weight), '5');

  // Rename and add go through the engine too; a duplicate id is refused.
  await s.page.click('[data-key="rename-policies"]');
  await s.page.fill('[data-key="rename-en-policies"]', 'Public policies');
  await s.page.click('#proposals-rubric .rename button.primary');
  assert.match(await text('article[data-condition="policies"] h5'), /^Public policies/);
  await s.page.click('[data-testid="proposals-undo"]');
  assert.match(await text('article[data-condition="policies"] h5'), /^Policies/);
  await s.page.click('#proposals-rubric details.add-condition summary');
  await s.page.fill('[name="add-id"]', 'youth-voice');
  await s.page.selectOption('[name="add-level"]', 'relational');
  await s.page.fill('[name="add-nameEn"]', 'Youth voice');
  await s.page.fill('[name="add-nameEs"]', 'Voz juvenil');
  await s.page.click('[data-key="add-button"]');
  assert.match(await text('article[data-condition="youth-voice"]'), /Youth voice.*Custom/);
  assert.equal(await s.page.locator('input[data-condition="youth-voice"][data-proposal="p01"]').count(), 1);
  await s.page.click('#proposals-rubric details.add-condition summary');
  await s.page.fill('[name="add-id"]', 'policies');
  await s.page.click('[data-key="add-button"]');
  assert.match(await text('#proposals-rubric'), /Condition id “policies” is used twice/);
  await s.page.click('[data-testid="proposals-undo"]');
  assert.equal(await s.page.locator('article[data-condition="youth-voice"]').count(), 0);

  // The rubric saves as JSON and opens again.
  const [d] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#proposals-rubric button:has-text("Save rubric")')]);
  const saved = JSON.parse(readFileSync(await d.path(), 'utf8'));
  assert.equal(saved.conditions.find((c) => c.id === 'mental-models').weight, 5);
  saved.conditions.find((c) => c.id === 'practices').weight = 2;
  await s.page.setInputFiles('[data-testid="rubric-open"]', { name: 'r.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved)) });
  await s.page.waitForSelector('#proposals-rubric .notice:has-text("opened")');
  assert.equal(await s.page.inputValue('[data-key="weight-practices"]'), '2');
  await s.page.click('[data-testid="proposals-undo"]');
  assert.equal(await s.page.inputValue('[data-key="weight-practices"]'), '1');
  await s.page.setInputFiles('[data-testid="rubric-open"]', { name: 'r.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1}') });
  await s.page.waitForSelector('#proposals-rubric .error:has-text("The rubric was not changed")');

  await s.page.click('[data-key="remove-community-building"]');
  assert.match(await text('#proposals-rubric'), /Community building removed with its \d+ scores/);
  assert.equal(await s.page.locator('[data-condition="community-building"]').count(), 0);
  await s.page.click('[data-testid="proposals-undo"]');
  assert.equal(await s.page.locator('article[data-condition="community-building"]').count(), 1);
  assert.deepEqual(s.errors, []);
});

test('every label is in Spanish after the switch', async () => {
  await s.page.click('[data-lang="es"]');
  await bootDone();
  assert.equal((await text('h2')).trim(), 'Propuestas');
  assert.match(await text('[data-testid="synthetic"]'), /Ejemplo sintético/);
  assert.match(await text('#proposals-ranking h3'), /Clasificación/);
  assert.match(await text('[data-testid="budget-sentence"]'), /propuestas financiadas: 755\.000\s?US\$ de 800\.000\s?US\$/);
  assert.match(await text('[data-testid="icc-none"]'), /El ICC no está disponible/);
  assert.match(await text('li[data-code="round_review_incomplete"]'), /^El evaluador .+ no calificó la propuesta p\d+ en /);
  const unknown = await s.page.$$eval('#area-proposals li[data-code]', (items) => items.map((li) => li.textContent).filter((x) => /motor envió una nota/.test(x)));
  assert.deepEqual(unknown, []);
  assert.match(await text('[data-testid="boot-status"]'), /remuestras bootstrap/);
  assert.match(await text('[data-testid="depth-flags"]'), /Afirma cambiar modelos mentales/);
  assert.match(await text('#proposals-rubric'), /Alianza — inferida/);
  // Labels only: proposal titles, names and comments are the user's data and stay as typed;
  // citations are marked lang="en".
  const english = await s.page.$$eval('#area-proposals :is([data-i18n], thead th, caption, legend, summary, button, h3, h4, h5, .intro, .small, .notice)',
    (nodes) => nodes.filter((n) => !n.closest('[hidden]')).map((n) => {
      const copy = n.cloneNode(true);
      copy.querySelectorAll('[lang="en"]').forEach((x) => x.remove());
      return copy.textContent;
    }).filter((x) => /\b(the|and|of|Proposals|Score|Weight|Budget|Reviewer|Remove|not available)\b/.test(x)));
  assert.deepEqual(english, []);
  for (const name of ['ranking', 'heatmap', 'calibration', 'budget', 'agreement']) {
    await card(name).screenshot({ path: `${screenshots}proposals-${name}-es.png` });
  }
  // Errors are Spanish too.
  await s.page.fill('[data-testid="budget-amount"]', 'mucho');
  assert.match(await text('[data-testid="budget-error"]'), /número entero de dólares/);
  await s.page.fill('[data-testid="budget-amount"]', '800000');
  await s.page.click('[data-lang="en"]');
  assert.deepEqual(s.errors, []);
});

test('the rubric, round, scores and settings survive a reload', async () => {
  await clearStatus();
  await s.page.fill('[data-testid="budget-amount"]', '650000');
  await s.page.check('[data-testid="mode-calibrated"]');
  await flush();
  const ids = await rowIds();
  await s.page.reload();
  await s.page.waitForSelector('#engine-status[data-state="ready"]');
  await s.page.waitForSelector('#project-status:has-text("restored")');
  assert.equal(await s.page.inputValue('[data-testid="budget-amount"]'), '650000');
  assert.equal(await s.page.isChecked('[data-testid="mode-calibrated"]'), true);
  assert.equal(await s.page.inputValue('[data-key="weight-mental-models"]'), '5');
  assert.equal(await s.page.inputValue('input[data-reviewer="r1"][data-proposal="p01"][data-condition="policies"]'), '4');
  assert.deepEqual(await rowIds(), ids);
  assert.match(await text('[data-testid="budget-result"]'), /\$650,000/);
  assert.match(await text('#proposals-budget'), /Scores used: calibrated/);
  assert.deepEqual(s.errors, []);
});

test('results export as CSV and JSON; the scores CSV imports back without a problem', async () => {
  const download = async (testid) => {
    const [d] = await Promise.all([s.page.waitForEvent('download'), s.page.click(`[data-testid="${testid}"]`)]);
    return readFileSync(await d.path(), 'utf8');
  };
  const results = (await download('export-csv')).trim().split('\r\n');
  assert.equal(results.length, 13);
  const header = results[0].split(',');
  for (const col of ['rank', 'proposalId', 'score', 'calibratedScore', 'rankLower', 'rankUpper', 'pTopK', 'fundedAmount', 'mean:policies']) assert.ok(header.includes(col), col);
  const json = JSON.parse(await download('export-json'));
  assert.equal(json.synthetic, true);
  assert.equal(json.analysis.method, 'round_analysis');
  assert.equal(json.funding.budget, 650000);
  assert.equal(json.rubric.conditions.find((c) => c.id === 'mental-models').weight, 5);
  const scores = await download('export-scores');
  assert.match(scores.split('\r\n')[0], /^reviewerId,proposalId,policies,/);
  await s.page.check('[data-testid="import-replace"]');
  await s.page.fill('[data-testid="import-paste"]', scores);
  await imported(() => s.page.click('[data-testid="import-pasted"]'));
  assert.match(await text('[data-testid="import-result"]'), new RegExp(`Read 36 rows: ${example.scores.length} scores imported`));
  assert.equal(await s.page.locator('[data-testid="import-errors"]').count(), 0);
  assert.deepEqual(s.errors, []);
});

test('the round editor checks every edit; a new conflict removes the scores it forbids', async () => {
  await s.page.click('#proposals-round details summary');
  await s.page.fill('[data-key="p-p03-min"]', '95000');
  await s.page.press('[data-key="p-p03-min"]', 'Tab');
  assert.match(await text('#proposals-round'), /p03: the minimum amount \(\$95,000\) is more than the amount requested \(\$90,000\)/);
  assert.equal(await s.page.inputValue('[data-key="p-p03-min"]'), '');
  await s.page.selectOption('[data-key="new-c-reviewer"]', 'r1');
  await s.page.selectOption('[data-key="new-c-proposal"]', 'p01');
  await s.page.click('[data-key="add-conflict"]');
  assert.match(await text('#proposals-round'), /Conflict recorded; 8 scores by this reviewer/);
  await s.page.selectOption('[data-testid="grid-reviewer"]', 'r1');
  assert.equal(await s.page.locator('input[data-reviewer="r1"][data-proposal="p01"]').count(), 0);
  await s.page.click('[data-testid="proposals-undo"]');
  assert.equal(await s.page.locator('input[data-reviewer="r1"][data-proposal="p01"]').count(), 8);
  assert.deepEqual(s.errors, []);
});

test('a complete design gets the Shrout–Fleiss ICC(2,1) with its interval', async () => {
  // Four proposals, each scored by all three reviewers: ICC is defined.
  const values = { r1: [1, 2, 3, 4], r2: [2, 2, 4, 4], r3: [1, 3, 3, 4] };
  const round = {
    title: 'Complete design', proposals: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: `Proposal ${id}`, applicant: 'x', community: 'y', amountRequested: 1000 })),
    reviewers: Object.keys(values).map((id) => ({ id, name: id })), conflicts: [],
    scores: Object.entries(values).flatMap(([r, v]) => ['a', 'b', 'c', 'd'].flatMap((p, i) => rubric.conditions.map((c) => ({ reviewerId: r, proposalId: p, conditionId: c.id, value: v[i] })))),
  };
  await s.page.setInputFiles('[data-testid="round-open"]', { name: 'complete.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(round)) });
  await s.page.waitForSelector('[data-testid="round-title"]:text-is("Complete design")');
  await s.page.waitForSelector('[data-testid="agreement-table"] tr[data-condition="overall"]');
  const a = engine.analyzeRound(rubric, round, null); // every condition has the same score, so weights do not matter
  const icc2 = a.agreement.overall.icc.forms.find((f) => f.form === 'ICC2');
  const shown = await s.page.locator('[data-testid="agreement-table"] tr[data-condition="overall"] [data-col="icc"]').textContent();
  assert.equal(shown, `${icc2.icc.toFixed(3)} [${icc2.lower.toFixed(2)}, ${icc2.upper.toFixed(2)}]`);
  assert.equal(await s.page.locator('[data-testid="icc-none"]').count(), 0);
  assert.equal(await s.page.locator('[data-testid="synthetic"]').count(), 0);
  await s.page.click('#proposals-round button:has-text("Load the example round")');
  assert.match(await text('[data-testid="synthetic"]'), /Synthetic example/);
  assert.deepEqual(s.errors, []);
});

test('a round file with scoreColumns opens with its scores in the grid', async () => {
  // The API's compact form (plain arrays, as JSON holds them): the page turns it into score
  // objects, so the grid shows and edits every score.
  const reviewerIds = ['r1', 'r2'], proposalIds = ['a', 'b'], conditionIds = rubric.conditions.map((c) => c.id);
  const cols = { reviewerIds, proposalIds, conditionIds, reviewer: [], proposal: [], condition: [], value: [] };
  reviewerIds.forEach((_, r) => proposalIds.forEach((_, p) => conditionIds.forEach((_, c) => {
    cols.reviewer.push(r); cols.proposal.push(p); cols.condition.push(c); cols.value.push(1 + r + 2 * p);
  })));
  const round = {
    title: 'Columns', proposals: proposalIds.map((id) => ({ id, title: `Proposal ${id}`, applicant: 'x', community: 'y', amountRequested: 1000 })),
    reviewers: reviewerIds.map((id) => ({ id, name: id })), scoreColumns: cols,
  };
  await s.page.setInputFiles('[data-testid="round-open"]', { name: 'columns.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(round)) });
  await s.page.waitForSelector('[data-testid="round-title"]:text-is("Columns")');
  await s.page.selectOption('[data-testid="grid-reviewer"]', 'r2');
  const cell = s.page.locator(`input[data-reviewer="r2"][data-proposal="b"][data-condition="${conditionIds[0]}"]`);
  assert.equal(await cell.inputValue(), '4');
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#proposals-round button:has-text("Save round (JSON)")')]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.scoreColumns, undefined);
  assert.equal(saved.scores.length, cols.value.length);
  await s.page.click('#proposals-round button:has-text("Load the example round")');
  assert.deepEqual(s.errors, []);
});

test('no request goes to another host and no page error happened', async () => {
  assert.deepEqual(s.foreignRequests(), []);
  assert.deepEqual(s.errors, []);
});

test('axe finds no serious or critical violation in the area, with every section open, EN and ES', async () => {
  const a = await open({ bypassCSP: true });
  try {
    await load(a, '#proposals');
    await a.page.waitForSelector('[data-testid="ranking-table"] tbody tr');
    await a.page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    await a.page.$$eval('#area-proposals details', (ds) => ds.forEach((d) => { d.open = true; }));
    for (const lang of ['en', 'es']) {
      await a.page.click(`[data-lang="${lang}"]`);
      await a.page.waitForTimeout(100);
      const violations = await a.page.evaluate(async () => {
        const r = await window.axe.run('#area-proposals', { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    }
    assert.deepEqual(a.errors, []);
  } finally {
    await a.close();
  }
});
