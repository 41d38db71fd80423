// A setting that caused a too-large or unfinished job is not re-run on reload without asking:
// the page shows it, runs the report without it, and waits for "Run it" or "Keep it off".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, load } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); await ready(); });
after(async () => { await s?.close(); });

const q = (id) => `[data-testid="${id}"]`;
const ready = () => s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`, { timeout: 20000 });
const idle = () => s.page.waitForSelector(q('survey-busy'), { state: 'hidden', timeout: 60000 });
const flush = () => s.page.waitForSelector('html[data-saved="yes"]', { state: 'attached' });
async function reload({ interruptedJob = false } = {}) {
  // A long report job that was running when the page went away leaves its mark behind.
  if (interruptedJob) await s.page.evaluate(() => localStorage.setItem('waterline.survey.job', '{"groupBy":["x"]}'));
  await s.page.reload();
  await s.page.waitForSelector('#engine-status[data-state="ready"]');
  await s.page.waitForSelector('html[data-restored="yes"]', { state: 'attached' });
  await idle();
  await ready();
}

test('after a long job was interrupted, the saved breakdown is shown and not run until asked', async () => {
  const values = await s.page.$$eval(`${q('survey-opt-groupby')} option`, (os) => os.map((o) => o.value).filter((v) => !v.startsWith('__')));
  const item = values[0];
  await s.page.selectOption(q('survey-opt-groupby'), item);
  await idle();
  await flush();
  await reload({ interruptedJob: true });
  await s.page.waitForSelector(q('survey-held'));
  assert.match(await s.page.textContent(q('survey-held')), /did not finish/);
  assert.equal(await s.page.inputValue(q('survey-opt-groupby')), '__none', 'the report ran without the breakdown');
  await s.page.click('[data-lang="es"]');
  assert.match(await s.page.textContent(q('survey-held')), /no terminó/);
  await s.page.screenshot({ path: '/tmp/i15-held-es.png' });
  await s.page.click('[data-lang="en"]');
  await s.page.click(q('survey-held-run'));
  await idle();
  assert.equal(await s.page.isVisible(q('survey-held')), false);
  assert.equal(await s.page.inputValue(q('survey-opt-groupby')), item);
  await flush();

  // Kept off: stays off after another reload, and the question is not asked again.
  await reload({ interruptedJob: true });
  await s.page.waitForSelector(q('survey-held'));
  await s.page.click(q('survey-held-drop'));
  await flush();
  await reload();
  assert.equal(await s.page.isVisible(q('survey-held')), false);
  assert.equal(await s.page.inputValue(q('survey-opt-groupby')), '__none');
});

test('a setting the engine refused, saved in a project file, is shown with the reason and not run', async () => {
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  const project = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const groupBy = Array.from({ length: 3000 }, () => 'community');
  project.areas.survey.options = { ...project.areas.survey.options, groupBy: [] };
  project.areas.survey.held = { options: { ...project.areas.survey.options, groupBy }, error: { code: 'too_large', details: { limit: 50, count: 3000 }, message: 'groupBy names 3000 items; the limit is 50' } };
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await s.page.waitForSelector('#project-status:has-text("opened")');
  await idle();
  await s.page.waitForSelector(q('survey-held'));
  assert.match(await s.page.textContent(q('survey-held')), /refused \(break down by 3000 questions\)/);
  await flush();
  await reload();
  await s.page.waitForSelector(q('survey-held'));
  await s.page.click(q('survey-held-drop'));
  await flush();
});

test('no request to any other host, and no page error', async () => {
  assert.deepEqual(s.foreignRequests(), []);
  assert.deepEqual(s.errors, []);
});
