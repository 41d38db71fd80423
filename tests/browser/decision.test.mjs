// The decision view (#20): the three rules side by side in English and Spanish, p02 funded
// under the funding line at the example's $800,000, the lottery's draw recorded in the project
// and re-derived exactly from its seed after a reload, a new seed recording a new entry;
// stacked at 375 px; no page error, no foreign request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, load } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s, '#proposals'); await s.page.waitForSelector('[data-testid="ranking-table"] tbody tr'); });
after(async () => { await s?.close(); });

const text = (testid) => s.page.locator(`[data-testid="${testid}"]`).first().textContent();
const flush = () => s.page.waitForSelector('html[data-saved="yes"]', { state: 'attached' });
async function decide(button = 'decision-run') {
  await s.page.click(`[data-testid="${button}"]`);
  await s.page.waitForSelector('[data-testid="decision-lottery"]');
  await s.page.waitForFunction(() => !document.querySelector('[data-testid="decision-cancel"]')?.checkVisibility());
}

test('three rules side by side; p02 funded under the funding line', async () => {
  await decide();
  for (const [id, name] of [['funding_line', 'Funding line'], ['max_score', 'Maximum total score'], ['lottery', 'Expected rank with a lottery']]) {
    assert.match(await text(`decision-${id}`), new RegExp(name));
  }
  const line = await s.page.$$eval('[data-testid="decision-funding_line-funded"] li', (li) => li.map((x) => x.textContent));
  assert.ok(line.includes('p02'), line.join(','));
  assert.match(await text('decision-draw'), /seed \d+/);
  assert.equal(await s.page.locator('[data-testid="decision-audits"] tbody tr').count(), 1);
});

test('the recorded draw re-derives exactly after a reload; a new seed records a new entry', async () => {
  const draw = await text('decision-draw');
  await flush();
  await s.page.reload();
  await s.page.waitForSelector('#engine-status[data-state="ready"]');
  await s.page.waitForSelector('#project-status:has-text("restored")');
  assert.equal(await s.page.locator('[data-testid="decision-audits"]').count(), 0);
  await decide();
  assert.match(await text('decision-status'), /re-derived exactly/);
  assert.equal(await text('decision-draw'), draw);
  await decide('decision-redraw');
  assert.equal(await s.page.locator('[data-testid="decision-audits"] tbody tr').count(), 2);
});

test('Spanish, and stacked at 375 px', async () => {
  await s.page.click('[data-lang="es"]');
  await s.page.waitForTimeout(100);
  assert.match(await text('decision-funding_line'), /Línea de financiamiento/);
  assert.match(await text('decision-lottery'), /Rango esperado con sorteo/);
  assert.match(await text('decision-draw'), /Sorteo con semilla/);
  await s.page.setViewportSize({ width: 375, height: 800 });
  const boxes = await s.page.$$eval('.decision-rule', (xs) => xs.map((x) => x.getBoundingClientRect().left));
  assert.ok(boxes.every((x) => x === boxes[0]), `stacked: ${boxes}`);
  const wide = await s.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 380, `page width ${wide}`);
  await s.page.click('[data-lang="en"]');
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s.foreignRequests(), []);
});
