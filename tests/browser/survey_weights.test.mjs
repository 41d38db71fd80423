// Survey weights (#19): a weight column is declared in the mapping (never guessed), the report
// says "weighted" beside every result with the Kish effective size and design effect, in
// English and Spanish; then raking to a population share the user enters. Expected figures
// come from the formulas of tests/data/survey_weights.py (R survey's svymean; Wilson on Kish's
// n_eff), computed for this file:
//   y = yes unless i % 3 == 0 or (i >= 12 and i even), w = 1 + (i % 4) / 2, i = 0..23
//   weighted 52.4% (Wilson-on-Kish 32.7–71.4%), n_eff 21.78, Kish deff 1.102
//   raked to north 30% / south 70%: 46.7% (26.7–67.8%), n_eff 18.77, Kish deff 1.278
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, load, screenshots } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); await s.page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 20000 }); });
after(async () => { await s?.close(); });

const q = (id) => `[data-testid="${id}"]`;
const text = (id) => s.page.textContent(q(id));
const status = (re) => s.page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''), [q('survey-status'), re.source], { timeout: 20000 });
const says = (phrase) => s.page.waitForFunction(([sel, p]) => (document.querySelector(sel)?.textContent ?? '').includes(p), [q('survey-sentences'), phrase], { timeout: 20000 });
const clearStatus = () => s.page.evaluate((sel) => { document.querySelector(sel).textContent = ''; }, q('survey-status'));
async function openMapping() {
  if (!(await s.page.getAttribute(q('survey-mapping'), 'open') !== null)) await s.page.click(q('survey-mapping-summary'));
}
const mapRow = (header) => s.page.locator(`${q('survey-mapping-table')} tbody tr`).filter({ has: s.page.locator('th', { hasText: header }) }).first();

const rows = Array.from({ length: 24 }, (_, i) => {
  const yes = !(i % 3 === 0 || (i >= 12 && i % 2 === 0));
  return `${i + 1},${i < 12 ? 'north' : 'south'},${yes ? 'Yes' : 'No'},${1 + (i % 4) / 2}`;
});
const csv = ['ID,Community,Did you attend the meetings? / ¿Asistió a las reuniones?,Weight', ...rows].join('\n');

test('a declared weight column weights the report, which says so in English and Spanish', async () => {
  await clearStatus();
  await s.page.setInputFiles('#survey-file', { name: 'weighted.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await status(/“weighted\.csv” loaded/);
  // Unweighted until the user declares the column: 12 of 24.
  await says('50% (95% CI');
  assert.equal(await s.page.locator(q('survey-weighting')).count(), 0);
  await openMapping();
  await mapRow('Weight').locator(q('survey-role')).selectOption('weight');
  await clearStatus();
  await s.page.click(q('survey-apply'));
  await status(/Mapping applied/);
  await says('52% (95% CI 33–71%) said yes (n = 24). Weighted: effective n = 22, design effect 1.10.');
  assert.match(await text('survey-weighting'), /weighted by the column “Weight”[\s\S]*Effective sample size 22 of 24 respondents \(Kish\); design effect of the weights 1\.10/);
  assert.match(await text('survey-weighting'), /small-cell suppression use the unweighted number/);
  const flags = await s.page.$$eval(q('survey-weight-flag'), (cells) => cells.map((c) => c.textContent));
  assert.ok(flags.length >= 1, 'a weighting cell beside results');
  assert.ok(flags.includes('weighted · effective n 22 · design effect 1.10'), flags.join(' | '));
  // The attendance by community table: weighted shares, groups hidden by unweighted counts.
  assert.match(await text('survey-subgroups'), /weighted shares \(groups hidden by unweighted counts; χ² test unweighted\)/);
  await s.page.locator(q('survey-report')).screenshot({ path: `${screenshots}survey-weights-en.png` });

  await s.page.click('[data-lang="es"]');
  try {
    await says('52% (IC 95% 33–71%) respondió que sí (n = 24). Ponderado: n efectivo = 22, efecto de diseño 1,10.');
    assert.match(await text('survey-weighting'), /ponderados por la columna «Weight»/);
    const es = await s.page.$$eval(q('survey-weight-flag'), (cells) => cells.map((c) => c.textContent));
    assert.ok(es.includes('ponderado · n efectivo 22 · efecto de diseño 1,10'), es.join(' | '));
    assert.match(await text('survey-subgroups'), /proporciones ponderadas/);
    assert.doesNotMatch(await text('survey-weighting'), /weighted|Effective/);
    await s.page.locator(q('survey-report')).screenshot({ path: `${screenshots}survey-weights-es.png` });
  } finally {
    await s.page.click('[data-lang="en"]');
  }
  assert.deepEqual(s.errors, []);
});

test('raking to a population share the user enters', async () => {
  await openMapping();
  await s.page.selectOption(q('survey-rake-column'), { label: 'Community' });
  await s.page.click(q('survey-rake-add'));
  const shares = s.page.locator(`${q('survey-raking')} ${q('survey-rake-share')}`);
  assert.equal(await shares.count(), 2);
  for (const [cat, v] of [['north', '30'], ['south', '70']]) {
    const input = s.page.getByLabel(`Population share of “${cat}” in “Community” (%)`);
    await input.fill(v);
    await input.dispatchEvent('change');
  }
  await clearStatus();
  await s.page.click(q('survey-apply'));
  await status(/Mapping applied/);
  await says('47% (95% CI 27–68%) said yes (n = 24). Weighted: effective n = 19, design effect 1.28.');
  assert.match(await text('survey-weighting'), /weighted by the column “Weight”, raked to the population shares you entered/);
  // Shares that do not add up to 100% are refused; the previous mapping stays.
  await openMapping();
  const north = s.page.getByLabel('Population share of “north” in “Community” (%)');
  await north.fill('50');
  await north.dispatchEvent('change');
  await s.page.click(q('survey-apply'));
  await s.page.waitForSelector(q('survey-mapping-error'));
  assert.ok((await text('survey-sentences')).includes('47% (95% CI 27–68%) said yes'));
  assert.deepEqual(s.foreignRequests(), []);
  assert.deepEqual(s.errors, []);
});
