// The evidence map (#18): on first load the Evidence tab shows the example chain — the
// Alianza model fed by the synthetic parent survey and the seed's series, linked by the example
// round's restorative-justice proposal — with graded conditions and its gaps, in English and
// Spanish, without sideways scrolling at 375 px; the Proposals area shows the proposal's block.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, load, screenshots } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s, '#evidence'); });
after(async () => { await s?.close(); });

const map = '#area-evidence [data-testid="evidence-map"]';
/** Waits until the survey report has reached the map (survey-fed rows are graded). */
async function graded() {
  await s.page.waitForSelector(`${map} tr[data-indicator="ind_lcap_meetings"]:not([data-grade="no_data"])`, { timeout: 30000 });
}

test('first load: every condition, graded rows, gaps, the built-in model named', async () => {
  await graded();
  const conditions = await s.page.locator(`${map} .evidence-condition`).count();
  assert.equal(conditions, 8);
  const grades = await s.page.locator(`${map} tr[data-grade]`).evaluateAll((rows) => rows.map((r) => r.dataset.grade));
  assert.ok(grades.some((g) => g === 'clears' || g === 'straddles' || g === 'falls_short'), grades.join());
  const gaps = await s.page.locator('#area-evidence [data-gap="indicators"]').textContent();
  assert.match(gaps, /Parent recommendations the district adopted in its decisions/);
  assert.match(await s.page.locator('#area-evidence').textContent(), /straddles the target|clears the target|falls short/);
  assert.equal(await s.page.locator('#area-evidence [data-testid="evidence-builtin"]').count(), 1);
  await s.page.locator('#area-evidence').screenshot({ path: `${screenshots}evidence-en.png` });
});

test('the proposal block sits beside the condition scores in Proposals', async () => {
  await s.page.click('#tab-proposals');
  const block = s.page.locator('#area-proposals [data-testid="proposal-evidence"] [data-ev-proposal="p01"]');
  await block.waitFor({ timeout: 30000 });
  const text = await block.textContent();
  assert.match(text, /alianza/);
  assert.match(text, /power/i);
  await block.screenshot({ path: `${screenshots}evidence-proposal-en.png` });
  await s.page.click('#tab-evidence');
});

test('an indicator linked in the toc editor to a survey item is graded on the map', async () => {
  await s.page.click('#tab-toc');
  const toc = (sel) => s.page.locator(`#area-toc ${sel}`);
  await toc('[data-testid="toc-indicator-progress"] button[data-select="ind_skills"]').click();
  const drawer = toc('[data-testid="toc-drawer"]:not([hidden])');
  await drawer.waitFor();
  await drawer.locator('[data-key="source.kind"]').selectOption('survey_item');
  await drawer.locator('[data-key="source.item"]').selectOption('i_have_the_power_to_make_a');
  await drawer.locator('[data-key="source.statistic"]').selectOption('share_agreeing');
  await drawer.locator('.toc-drawer-close').click();
  await s.page.click('#tab-evidence');
  const row = s.page.locator(`${map} tr[data-indicator="ind_skills"]`).first();
  await s.page.waitForFunction(() => document.querySelector('#area-evidence tr[data-indicator="ind_skills"]')?.dataset.grade !== 'no_data');
  assert.match(await row.textContent(), /share agreeing/);
  assert.match(await row.textContent(), /n = 113/);
});

test('Spanish: the map in Spanish, and no sideways scroll at 375 px', async () => {
  await s.page.click('[data-lang="es"]');
  await graded();
  const text = await s.page.locator('#area-evidence').textContent();
  assert.match(text, /Mapa de evidencia/);
  assert.match(text, /Vacíos/);
  assert.match(text, /supera la meta|la meta cae en el intervalo|no la alcanza/);
  assert.doesNotMatch(text, /straddles|falls short|clears the target|Gaps/);
  await s.page.setViewportSize({ width: 375, height: 800 });
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px at 375 px`);
  await s.page.locator('#area-evidence').screenshot({ path: `${screenshots}evidence-375-es.png` });
  await s.page.setViewportSize({ width: 1280, height: 900 });
  await s.page.click('[data-lang="en"]');
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s.foreignRequests(), []);
});
