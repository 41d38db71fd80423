// "Set up a round" through the page (#20), in English and in Spanish: a 200-proposal round is
// imported from CSV files generated here (a bad row is named by row and column), assigned
// (3 reviews per proposal, balanced, conflicts respected), the assignment CSV downloaded, filled
// in with scores, imported back and analysed (the ranking lists all 200). Scores naming a
// reviewer the round lacks are offered to be added in one click, then imported. The rubric's
// level descriptors are edited in the page through editRubric.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, load, screenshots } from './harness.mjs';
import { fillAssignment, proposalsCsv, reviewersCsv } from '../node/round-setup-data.mjs';

let s;
before(async () => { s = await open(); await load(s, '#proposals'); await s.page.waitForSelector('[data-testid="ranking-table"] tbody tr'); });
after(async () => { await s?.close(); });

const text = (sel) => s.page.locator(`#area-proposals ${sel}`).first().textContent();
const upload = (testid, name, body) => s.page.setInputFiles(`[data-testid="${testid}"]`, { name, mimeType: 'text/csv', buffer: Buffer.from(body) });
const waitText = (testid, re) => s.page.waitForFunction(([id, src]) => new RegExp(src).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''), [testid, re.source]);

async function roundTrip(lang) {
  const es = lang === 'es';
  const proposals = proposalsCsv(200, { es }).replace(/\n$/, `\np999,Bad,,,${es ? "mucho" : "lots"},,\n`);
  await upload('setup-proposals-file', 'proposals.csv', proposals);
  await waitText('setup-proposals-report', es ? /Se leyeron 200 propuestas de 201 filas/ : /200 proposals read from 201 rows/);
  // The bad row is named by its row (line 202) and column.
  const bad = await s.page.$$eval('[data-testid="setup-proposals-errors"] tbody tr', (rows) => rows.map((r) => r.textContent));
  assert.equal(bad.length, 1);
  assert.match(bad[0], es ? /^202monto solicitadoFila 202, columna monto solicitado: «mucho» no es un número entero de dólares/ : /^202requested amountRow 202, column requested amount: “lots” is not a whole number of dollars/);
  await upload('setup-reviewers-file', 'reviewers.csv', reviewersCsv(12, 200, { es }));
  await waitText('setup-reviewers-report', es ? /12 evaluadores y 24 conflictos/ : /12 reviewers and 24 conflicts/);
  await s.page.click('[data-testid="setup-start"]');
  await waitText('setup-start-report', es ? /Ronda iniciada: 200 propuestas/ : /Round started: 200 proposals/);
  await s.page.fill('[data-testid="setup-k"]', '3');
  await s.page.click('[data-testid="setup-assign"]');
  await waitText('setup-assign-report', es ? /Se asignaron 600 evaluaciones: 3 por propuesta, de 50 a 50/ : /600 reviews assigned: 3 per proposal, 50–50 per reviewer/);
  await s.page.locator('#proposals-setup').screenshot({ path: `${screenshots}round-setup-${lang}.png` });
  const [d] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid="setup-download"]')]);
  const csv = await new Promise((resolve, reject) => {
    d.createReadStream().then((stream) => { const parts = []; stream.on('data', (c) => parts.push(c)); stream.on('end', () => resolve(Buffer.concat(parts).toString('utf8'))); stream.on('error', reject); });
  });
  assert.match(csv.split('\n')[0], es ? /^idEvaluador,nombreEvaluador,idPropuesta/ : /^reviewerId,reviewerName,proposalId/);
  const filled = fillAssignment(csv);
  assert.equal(filled.n, 600 * 8);
  await upload('setup-scores-file', 'scores.csv', filled.text);
  await waitText('setup-scores-report', es ? /Se importaron 4\.?800 puntuaciones/ : /4,800 scores imported/);
  await s.page.waitForFunction(() => document.querySelectorAll('[data-testid="ranking-table"] tbody tr').length === 200);
}

test('a 200-proposal round is imported, assigned, exported, scored back and analysed (EN)', async () => {
  await roundTrip('en');
  assert.deepEqual(s.foreignRequests(), []);
  assert.deepEqual(s.errors, []);
});

test('scores naming an unknown reviewer: one click adds the reviewer, then the scores are imported', async () => {
  const csv = 'reviewerId,proposalId,policies\nr99,p001,3\nr98,p002,2\n';
  await upload('setup-scores-file', 'late.csv', csv);
  await waitText('unknown-reviewers', /r99, r98/);
  assert.match(await text('[data-testid="unknown-reviewers"]'), /These reviewers are in the scores but not in the round: r99, r98\./);
  await s.page.click('[data-testid="add-unknown-reviewers"]');
  await waitText('setup-scores-report', /Added 2 reviewers/);
  // The same offer in the Scores card's own import (no raw `unknown_id`).
  await s.page.setInputFiles('[data-testid="import-file"]', { name: 'late2.csv', mimeType: 'text/csv', buffer: Buffer.from('reviewerId,proposalId,policies\nr97,p003,1\n') });
  await s.page.waitForSelector('#proposals-scores [data-testid="unknown-reviewers"]');
  await s.page.click('#proposals-scores [data-testid="add-unknown-reviewers"]');
  await s.page.waitForFunction(() => /Read 1 rows?/.test(document.querySelector('[data-testid="import-result"]')?.textContent ?? ''));
  assert.doesNotMatch(await text('[data-testid="import-result"]'), /unknown_id/);
  assert.deepEqual(s.errors, []);
});

test('a level descriptor is edited in English and Spanish in the rubric editor', async () => {
  const key = 'mental-models-2';
  await s.page.locator(`#proposals-rubric article[data-condition="mental-models"] details summary`).click();
  await s.page.click(`[data-key="describe-${key}"]`);
  await s.page.fill(`[data-key="describe-en-${key}"]`, 'Plans a campaign.');
  await s.page.fill(`[data-key="describe-es-${key}"]`, 'Planifica una campaña.');
  await s.page.click(`[data-key="describe-save-${key}"]`);
  await s.page.waitForFunction((k) => /Plans a campaign\./.test(document.querySelector(`[data-anchor="${k}"]`)?.textContent ?? ''), key);
  assert.equal(await s.page.getAttribute(`[data-anchor="${key}"] [data-wording]`, 'data-wording'), 'custom');
  assert.deepEqual(s.errors, []);
});

test('the same round in Spanish', async () => {
  await s.page.click('[data-lang="es"]');
  // The reports already on screen are re-rendered in Spanish.
  const shown = await text('#proposals-setup');
  assert.match(shown, /Se añadieron 2 evaluadores/);
  assert.doesNotMatch(shown, /\b(reviews assigned|Added|proposals read|the)\b/);
  await roundTrip('es');
  assert.match(await text('#proposals-setup h3'), /Preparar una ronda/);
  assert.match(await text(`[data-anchor="mental-models-2"]`), /Planifica una campaña\..*sus palabras/);
  assert.deepEqual(s.errors, []);
  await s.page.click('[data-lang="en"]');
});
