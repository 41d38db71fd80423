// The Survey import panel (issue 14), in English and Spanish, on files of tests/corpus/: the
// page hands the engine the file's bytes and names the encoding (a Windows-1252 Spanish export
// reads "Sí" and "¿Dónde vive?", never U+FFFD), another encoding can be picked; the duplicate-id
// policy is a select and every repeated id is listed at its lines; a numeric Qualtrics item is
// shown as codes until its scale is confirmed, and only then says "% agree"; a codebook is
// imported (a bad one is refused at its line) and exported. Screenshots in EN, ES and at 375 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, load } from './harness.mjs';

const corpus = new URL('../corpus/', import.meta.url);
const shots = '/tmp/i14-page-shots/';
let s;
before(async () => {
  s = await open();
  await load(s);
  await ready();
  const { mkdirSync } = await import('node:fs');
  mkdirSync(shots, { recursive: true });
});
after(async () => { await s?.close(); });

const q = (id) => `[data-testid="${id}"]`;
const text = (id) => s.page.textContent(q(id));
const ready = () => s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`, { timeout: 30000 });
const status = (re) => s.page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''), [q('survey-status'), re.source], { timeout: 30000 });
const clearStatus = () => s.page.evaluate((sel) => { document.querySelector(sel).textContent = ''; }, q('survey-status'));
const bodyText = () => s.page.evaluate(() => document.body.textContent);
const lang = (l) => s.page.click(`[data-lang="${l}"]`);

async function upload(name) {
  await clearStatus();
  await s.page.setInputFiles('#survey-file', { name, mimeType: 'text/csv', buffer: readFileSync(new URL(name, corpus)) });
  await status(new RegExp(`[“«]${name.replace(/\./g, '\\.')}[”»]`));
}
const encodingOf = () => s.page.$eval(q('survey-encoding'), (n) => ({ name: n.dataset.encoding, source: n.dataset.source, text: n.textContent }));
const issueCodes = () => s.page.$$eval(`${q('survey-issues')} tbody tr`, (trs) => trs.map((tr) => tr.dataset.code)).catch(() => []);

test('a Windows-1252 Spanish export is read from its bytes, and the encoding is named', async () => {
  await upload('excel_cp1252_semicolon_es.csv');
  const enc = await encodingOf();
  assert.equal(enc.name, 'windows-1252');
  assert.equal(enc.source, 'fallback');
  assert.match(enc.text, /Read as Windows-1252 .*not valid UTF-8/);
  // The headers are shown in the column mapping (built when it is opened).
  if (await s.page.getAttribute(q('survey-mapping'), 'open') === null) await s.page.click(q('survey-mapping-summary'));
  await s.page.waitForSelector(`${q('survey-mapping-table')} tbody tr`);
  const body = await bodyText();
  assert.ok(body.includes('¿Dónde vive?'), 'the header reads ¿Dónde vive?');
  assert.ok(body.includes('Sí'), 'the answers read Sí');
  assert.ok(!body.includes('\uFFFD'), 'no replacement character anywhere');
  assert.ok(!(await issueCodes()).includes('replacement_character'));
  await s.page.locator('.survey-mapping').screenshot({ path: `${shots}import-encoding-en.png` });
});

test('picking another encoding reads the bytes again, and says what it cost', async () => {
  await clearStatus();
  await s.page.selectOption(q('survey-encoding-select'), 'utf-8');
  await status(/loaded/);
  await s.page.waitForFunction((sel) => document.querySelector(sel)?.dataset.source === 'user', q('survey-encoding'));
  const enc = await encodingOf();
  assert.equal(enc.name, 'utf-8');
  assert.match(enc.text, /chosen by you/);
  assert.ok((await issueCodes()).includes('replacement_character'), 'the undecodable bytes are an issue');
  const row = await s.page.$eval(`${q('survey-issues')} tr[data-code="replacement_character"]`, (tr) => tr.textContent);
  assert.match(row, /could not be decoded/);
  // Back to detection.
  await clearStatus();
  await s.page.selectOption(q('survey-encoding-select'), '');
  await status(/loaded/);
  await s.page.waitForFunction((sel) => document.querySelector(sel)?.dataset.encoding === 'windows-1252', q('survey-encoding'));
});

test('the duplicate-id policy is a select; each repeated id is listed at its lines', async () => {
  await upload('parents_duplicate_ids.csv');
  assert.equal(await s.page.inputValue(q('survey-duplicates')), 'keep_last');
  const items = await s.page.$$eval(`${q('survey-duplicate-list')} li`, (lis) => lis.map((li) => ({ code: li.dataset.code, text: li.textContent })));
  const p010 = items.find((i) => i.text.includes('P010'));
  const p030 = items.find((i) => i.text.includes('P030'));
  assert.match(p010.text, /lines 11, 12 — identical resubmission/);
  assert.match(p030.text, /lines 33, 118 — different answers/);
  assert.match(await text('survey-rows-analysed'), /113 of 116 rows/);
  await clearStatus();
  await s.page.selectOption(q('survey-duplicates'), 'drop_all');
  await status(/loaded/);
  await s.page.waitForFunction((sel) => /110 of 116 rows/.test(document.querySelector(sel)?.textContent ?? ''), q('survey-rows-analysed'));
  assert.equal(await s.page.inputValue(q('survey-duplicates')), 'drop_all');
  await clearStatus();
  await s.page.selectOption(q('survey-duplicates'), 'keep_all');
  await status(/loaded/);
  await s.page.waitForFunction((sel) => /116 of 116 rows/.test(document.querySelector(sel)?.textContent ?? ''), q('survey-rows-analysed'));
});

const scaleItem = (column) => s.page.locator(`${q('survey-scale-item')}[data-item]`).filter({ has: s.page.locator('summary', { hasText: column }) }).first();
const sentences = () => s.page.textContent(q('survey-sentences')).catch(() => '');

test('a numeric Qualtrics item is codes until its scale is confirmed; only then "% agree"', async () => {
  await upload('qualtrics_numeric.csv');
  const item = scaleItem("I feel confident interacting with my child's teachers");
  assert.equal(await item.getAttribute('data-status'), 'codes');
  assert.match(await item.locator('summary').textContent(), /codes without labels — pick a scale/);
  assert.doesNotMatch(await sentences(), /\d+% \(95% CI [\d–]+%\) agree/);
  assert.match(await text('survey-notices'), /codes without labels/);
  await s.page.locator(q('survey-notices')).screenshot({ path: `${shots}report-notices-en.png` });
  await s.page.locator(q('survey-codes')).screenshot({ path: `${shots}report-codes-en.png` });
  await item.locator('summary').click();
  assert.match(await item.locator(q('survey-codes-notice')).textContent(), /codes without labels — pick a scale/);
  await item.screenshot({ path: `${shots}import-scale-en.png` });
  // Declare it: the engine proposes agreement, 5 points, assuming code 5 is "Strongly agree";
  // this file's codebook says code 1 is. Pick that end, type one Spanish label, confirm.
  assert.equal(await item.locator(q('survey-scale-type')).inputValue(), 'likert');
  assert.match(await item.locator(q('survey-scale-reasons')).textContent(), /ASSUMED: code 5 is the positive end/);
  await item.locator(q('survey-scale-flip')).click(); // "the codes run the other way: code 1 is Strongly agree"
  const top = scaleItem("I feel confident interacting with my child's teachers").locator(`${q('survey-scale-points')} tbody tr`).last();
  assert.equal(await top.locator('th').textContent(), '1');
  assert.equal(await top.locator(q('survey-scale-label-en')).inputValue(), 'Strongly agree');
  await top.locator(q('survey-scale-label-es')).fill('Muy de acuerdo');
  await top.locator(q('survey-scale-label-es')).dispatchEvent('change');
  await clearStatus();
  await scaleItem("I feel confident interacting with my child's teachers").locator(q('survey-scale-confirm')).click();
  await status(/is confirmed/);
  assert.equal(await scaleItem("I feel confident interacting with my child's teachers").getAttribute('data-status'), 'confirmed');
  assert.match(await sentences(), /\d+% \(95% CI [\d–]+%\) agree/);
});

test('codes no template fits: type the labels, mark a code as a non-answer, confirm', async () => {
  // Q4_3 has codes 1–6 (6 = don't know in the codebook): the engine proposes no scale.
  const item = scaleItem('I know of resources to advocate for my child');
  assert.equal(await item.getAttribute('data-status'), 'codes');
  await item.locator('summary').click();
  const box = () => scaleItem('I know of resources to advocate for my child');
  assert.equal(await box().locator(q('survey-scale-confirm')).isDisabled(), true, 'codes cannot be confirmed as codes');
  await box().locator(q('survey-scale-type')).selectOption('likert');
  const labels = { 1: 'Strongly agree', 2: 'Agree', 3: 'Neither agree nor disagree', 4: 'Disagree', 5: 'Strongly disagree' };
  for (const [code, label] of Object.entries(labels)) {
    const input = box().locator(`${q('survey-scale-points')} tbody tr`).filter({ has: s.page.locator('th', { hasText: new RegExp(`^${code}$`) }) }).locator(q('survey-scale-label-en'));
    await input.fill(label);
    await input.dispatchEvent('change');
  }
  // Code 6 is not a point of the scale but "don't know".
  await box().locator(`${q('survey-scale-points')} tbody tr`).filter({ has: s.page.locator('th', { hasText: /^6$/ }) }).locator(q('survey-scale-remove-point')).click();
  assert.equal(await box().locator(`${q('survey-scale-points')} tbody tr`).count(), 5);
  await box().getByRole('button', { name: 'Add a code that is not an answer' }).click();
  const na = box().locator(`${q('survey-scale-nonanswers')} li`).first();
  await na.locator('input').fill('6');
  await na.locator('input').dispatchEvent('change');
  await box().locator(q('survey-scale-nonanswers')).locator('select').first().selectOption('dont_know');
  await box().locator(q('survey-scale-positive')).selectOption({ label: '1 = Strongly agree' });
  await clearStatus();
  await box().locator(q('survey-scale-confirm')).click();
  await status(/is confirmed/);
  assert.equal(await box().getAttribute('data-status'), 'confirmed');
  assert.match(await sentences(), /I know of resources to advocate for my child”: \d+% \(95% CI [\d–]+%\) agree/);
  assert.doesNotMatch(await text('survey-notices'), /I know of resources[^.]*codes without labels/);
});

test('two waves worded differently: the comparison is withheld until the mapping is confirmed', async () => {
  await upload('staff_wording_changed.csv');
  const item = scaleItem('Adults at this school believe');
  assert.equal(await item.getAttribute('data-status'), 'waves');
  assert.match(await text('survey-notices'), /waves 2014-15 used different wording; map them onto a common scale/);
  assert.doesNotMatch(await sentences(), /48% .*→ 72%/);
  // The notice's button opens the editor, which offers each 2014-15 label on the common scale.
  await s.page.click(q('survey-notice-fix'));
  await item.locator(q('survey-scale-wavemap')).waitFor();
  const map = item.locator(`${q('survey-scale-wavemap')} li`);
  assert.equal(await map.count(), 4);
  const nearlyAll = map.filter({ hasText: 'Nearly all adults' });
  assert.equal(await nearlyAll.locator('select option:checked').textContent(), 'Strongly agree');
  assert.match(await item.locator(q('survey-scale-reasons')).textContent(), /wave 2014-15 used the how many adults wording; it is mapped point by point onto the agreement, 4 points scale/);
  await item.screenshot({ path: `${shots}import-wavemap-en.png` });
  await clearStatus();
  await item.locator(q('survey-scale-confirm')).click();
  await status(/is confirmed/);
  assert.equal(await scaleItem('Adults at this school believe').getAttribute('data-status'), 'confirmed');
  assert.match(await sentences(), /48% \(95% CI 38–58%\) in 2014-15 → 72% \(95% CI 63–80%\) in 2017-18/);
});

test('a codebook is imported (a bad one refused at its line) and exported', async () => {
  await upload('qualtrics_numeric.csv');
  assert.doesNotMatch(await sentences(), /\d+% \(95% CI [\d–]+%\) agree/);
  // A bad codebook: nothing changes, the line is named.
  await s.page.setInputFiles(q('survey-codebook-file'), { name: 'bad.codebook.csv', mimeType: 'text/csv', buffer: Buffer.from('column,code,label\nQ4_1,one,Agree\n') });
  await s.page.waitForSelector(q('survey-codebook-error'));
  assert.match(await text('survey-codebook-error'), /line 2/);
  await clearStatus();
  await s.page.setInputFiles(q('survey-codebook-file'), { name: 'qualtrics_numeric.codebook.csv', mimeType: 'text/csv', buffer: readFileSync(new URL('qualtrics_numeric.codebook.csv', corpus)) });
  await status(/Codebook “qualtrics_numeric\.codebook\.csv” applied/);
  assert.match(await sentences(), /\d+% \(95% CI [\d–]+%\) agree/);
  assert.equal(await scaleItem("I feel confident interacting with my child's teachers").getAttribute('data-status'), 'confirmed');
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click(q('survey-codebook-export'))]);
  const exported = readFileSync(await download.path(), 'utf8');
  assert.match(exported, /^column,code,label,label_es,missing/);
  assert.match(exported, /Q4_1,1,Strongly agree,Totalmente de acuerdo/);
});

test('confirmed scales and the duplicate policy are kept with the project across a reload', async () => {
  // The codebook test left qualtrics_numeric.csv loaded with its codebook applied.
  await clearStatus();
  await s.page.selectOption(q('survey-duplicates'), 'keep_first');
  await status(/loaded/);
  await s.page.waitForSelector('html[data-saved="yes"]', { state: 'attached' });
  await s.page.evaluate(() => { document.getElementById('project-status').textContent = ''; });
  await s.page.waitForTimeout(400);
  await s.page.reload();
  await s.page.waitForSelector('#engine-status[data-state="ready"]');
  await s.page.waitForSelector('#project-status:has-text("restored")');
  // The answers were not saved; loading the same file again brings the confirmed scales back.
  await clearStatus();
  await s.page.setInputFiles('#survey-file', { name: 'qualtrics_numeric.csv', mimeType: 'text/csv', buffer: readFileSync(new URL('qualtrics_numeric.csv', corpus)) });
  await status(/saved mapping was applied again/);
  assert.equal(await s.page.inputValue(q('survey-duplicates')), 'keep_first');
  assert.equal(await scaleItem("I feel confident interacting with my child's teachers").getAttribute('data-status'), 'confirmed');
  assert.match(await sentences(), /\d+% \(95% CI [\d–]+%\) agree/);
});

test('Spanish: the panel, the scale editor and the notices', async () => {
  await upload('qualtrics_numeric.csv');
  await lang('es');
  await s.page.waitForFunction(() => document.documentElement.lang === 'es');
  const enc = await encodingOf();
  assert.match(enc.text, /Leído como UTF-8/);
  const item = scaleItem("I feel confident interacting with my child's teachers");
  assert.match(await item.locator('summary').textContent(), /códigos sin etiquetas — elija una escala/);
  assert.match(await text('survey-notices'), /códigos sin etiquetas/);
  assert.match(await s.page.textContent(q('survey-codebook')), /Importar un libro de códigos/);
  await item.locator('summary').click();
  assert.match(await item.locator(q('survey-scale-reasons')).textContent(), /SUPUESTO: el código 5 es el extremo positivo/);
  await item.screenshot({ path: `${shots}import-scale-es.png` });
  await upload('parents_duplicate_ids.csv');
  assert.match(await s.page.textContent(q('survey-duplicate-list')), /reenvío idéntico/);
  await s.page.locator('.survey-mapping').screenshot({ path: `${shots}import-duplicates-es.png` });
  await s.page.setViewportSize({ width: 375, height: 800 });
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px at 375 px`);
  await s.page.locator('.survey-import').screenshot({ path: `${shots}import-375-es.png` });
  await s.page.click(`${q('survey-scale-item')} summary`);
  await s.page.locator(q('survey-scale-item')).first().screenshot({ path: `${shots}import-scale-375-es.png` });
  await lang('en');
  await s.page.setViewportSize({ width: 1280, height: 900 });
});

test('no request to another host, and no page error', () => {
  assert.deepEqual(s.foreignRequests(), []);
  assert.deepEqual(s.errors, []);
});
