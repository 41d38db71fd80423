// What the page shows for files whose headline the engine will not guess (the import audit of
// 2026-12-04; engine tests in tests/survey_no_guess.rs): an answer not on the detected scale
// withholds the item's share, Qualtrics previews are listed and left out, and a UTF-8 file
// with one stray byte is read as UTF-8 — in English and in Spanish, at 375 px.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, load, screenshots } from './harness.mjs';

const q = (id) => `[data-testid="${id}"]`;
const sessions = [];
after(async () => { for (const s of sessions) await s.close(); });

/** "Confidence (now)": 20 of 100 wrote "Completely agree", which no scale the engine knows has. */
function unknownLabelCsv() {
  const rows = ['id,Confidence talking to teachers (now)'];
  const now = [['Completely agree', 20], ['Agree', 20], ['Neither agree nor disagree', 30], ['Disagree', 30]];
  let k = 0;
  for (const [label, n] of now) for (let i = 0; i < n; i++) rows.push(`${++k},${label}`);
  return `${rows.join('\n')}\n`;
}

/** A Qualtrics choice-text export with two previews and a test among four respondents. */
function qualtricsCsv() {
  const lines = [
    'StartDate,Status,Finished,ResponseId,Q2',
    'Start Date,Response Type,Finished,Response ID,Did you take part in Zumba?',
    '"{""ImportId"":""startDate""}","{""ImportId"":""status""}","{""ImportId"":""finished""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID2""}"',
  ];
  const rows = [['IP Address', 'Yes'], ['IP Address', 'No'], ['IP Address', 'No'], ['IP Address', 'Yes'],
    ['Survey Preview', 'Yes'], ['Survey Preview', 'Yes'], ['Survey Test', 'Yes']];
  rows.forEach(([status, answer], k) => lines.push(`2024-01-0${k + 1} 10:00:00,${status},True,R_${String(k).padStart(15, '0')},${answer}`));
  return `${lines.join('\n')}\n`;
}

async function session(lang) {
  const s = await open({ lang: lang === 'es' ? 'es-ES' : 'en-US' });
  sessions.push(s);
  await s.page.setViewportSize({ width: 375, height: 900 });
  await load(s);
  await s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`, { timeout: 20000 });
  return s;
}

async function upload(s, name, text) {
  await s.page.setInputFiles('#survey-file', { name, mimeType: 'text/csv', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
  await s.page.waitForFunction(([sel, n]) => (document.querySelector(sel)?.textContent ?? '').includes(n),
    [q('survey-status'), name], { timeout: 30000 });
  await s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`, { timeout: 20000 });
}

for (const lang of ['en', 'es']) {
  test(`${lang}: an answer not on the scale withholds the share, and says what to do`, async () => {
    const s = await session(lang);
    await upload(s, 'unknown-label.csv', unknownLabelCsv());
    const report = await s.page.textContent(q('survey-report'));
    assert.ok(report.includes(lang === 'en' ? 'not on its scale' : 'no están en su escala'), report.slice(0, 400));
    // Each point's share is of all 100 answers (Agree 20%), not of the 80 it could place (25%).
    // (The chart's axis has 25% ticks: look for a share with its interval.)
    assert.ok(!/25\s?%\s?\(/.test(report), 'no share of the placed answers alone');
    assert.ok(/20\s?%/.test(report), report.slice(0, 400));
    if (lang === 'es') assert.ok(!/withheld|not on its scale|add them/.test(report), 'no English on the Spanish page');
    const body = await s.page.textContent('body');
    assert.ok(body.includes('Completely agree'), 'the unknown answer is listed among the import problems');
    await s.page.screenshot({ path: `${screenshots}no-guess-unknown-label-${lang}-375.png`, fullPage: true });
  });

  test(`${lang}: Qualtrics previews and tests are listed and not counted`, async () => {
    const s = await session(lang);
    await upload(s, 'qualtrics-previews.csv', qualtricsCsv());
    const body = await s.page.textContent('body');
    assert.ok(body.includes('Survey Preview') && body.includes('Survey Test'));
    assert.ok(body.includes(lang === 'en' ? 'previews, tests or spam' : 'vistas previas, pruebas o spam'));
    const report = await s.page.textContent(q('survey-report'));
    assert.ok(report.includes('50'), `half of the four respondents said yes: ${report.slice(0, 300)}`);
    assert.ok(!report.includes('Response Type'), 'Status is metadata, not a question');
    await s.page.screenshot({ path: `${screenshots}no-guess-qualtrics-previews-${lang}-375.png`, fullPage: true });
  });
}

for (const lang of ['en', 'es']) {
  test(`${lang}: a UTF-8 file with one stray byte is read as UTF-8 and says where`, async () => {
    const s = await session(lang);
    const head = Buffer.from('id,¿Participó en el taller?,Comentario\n1,Sí,Gracias\n2,Sí,Bien\n3,No,Gracias\n4,Sí,Qu');
    await upload(s, 'stray-byte.csv', Buffer.concat([head, Buffer.from([0xe9]), Buffer.from(' bien\n')]));
    const enc = s.page.locator(q('survey-encoding'));
    assert.equal(await enc.getAttribute('data-source'), 'mostly_utf8');
    const text = await enc.textContent();
    assert.ok(text.includes(lang === 'en' ? 'line 5' : 'línea 5'), text);
    const body = await s.page.textContent('body');
    assert.ok(body.includes('¿Participó en el taller?') && !body.includes('SÃ') && !body.includes('Ã³'), 'accents kept everywhere else');
    await s.page.screenshot({ path: `${screenshots}no-guess-stray-byte-${lang}-375.png`, fullPage: true });
  });
}

test('es: a missing-value code among ages withholds the mean and says so in Spanish', async () => {
  const s = await session('es');
  await upload(s, 'ages.csv', 'id,Edad\n1,34\n2,41\n3,-99\n4,52\n5,49\n');
  const report = await s.page.textContent(q('survey-report'));
  assert.ok(report.includes('parece un código de dato faltante'), report.slice(0, 400));
  assert.ok(!/29[.,]7/.test(report), 'no mean with −99 averaged in');
  assert.ok(!/looks like|withheld/.test(report), 'no English on the Spanish page');
});
