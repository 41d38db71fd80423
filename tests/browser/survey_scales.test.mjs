// The Survey area and declared scales (issue 14): a column of bare numeric codes prints no
// headline — the report lists it under "Withheld until a scale is declared", in English and
// Spanish — until the user picks the engine's proposed scale in the mapping and applies it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, load, screenshots } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); await ready(); });
after(async () => { await s?.close(); });

const q = (id) => `[data-testid="${id}"]`;
const text = (id) => s.page.textContent(q(id));
const ready = () => s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`, { timeout: 20000 });
const status = (re) => s.page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''), [q('survey-status'), re.source], { timeout: 20000 });
const says = (phrase) => s.page.waitForFunction(([sel, p]) => (document.querySelector(sel)?.textContent ?? '').includes(p), [q('survey-sentences'), phrase], { timeout: 20000 });
const clearStatus = () => s.page.evaluate((sel) => { document.querySelector(sel).textContent = ''; }, q('survey-status'));
const upload = (name, body) => s.page.setInputFiles('#survey-file', { name, mimeType: 'text/csv', buffer: Buffer.from(body) });
async function openMapping() {
  if (!(await s.page.getAttribute(q('survey-mapping'), 'open') !== null)) await s.page.click(q('survey-mapping-summary'));
}
const mapRow = (header) => s.page.locator(`${q('survey-mapping-table')} tbody tr`).filter({ has: s.page.locator('th', { hasText: header }) }).first();

test('numeric codes are withheld until the user confirms the proposed scale', async () => {
  // Qualtrics "numeric values": 1 = improved, 2 = stayed the same, 3 = gotten worse.
  const codes = [1, 1, 2, 1, 3, 1, 1, 2, 1, 2, 1, 1];
  const csv = ['ID,"Since joining, has the district improved, stayed the same or gotten worse?"',
    ...codes.map((c, i) => `${i + 1},${c}`)].join('\n');
  await clearStatus();
  await upload('district.csv', csv);
  await status(/“district\.csv” loaded/);
  assert.match(await text('survey-notices'), /codes without labels \(1, 2, 3\)/);
  assert.match(await text('survey-sentences'), /codes without labels — pick a scale \(1 67%; 2 25%; 3 8%\) \(n = 12\)/);
  assert.doesNotMatch(await text('survey-sentences'), /say it improved/);
  await s.page.click('[data-lang="es"]');
  try {
    assert.match(await text('survey-notices'), /códigos sin etiquetas \(1, 2, 3\)/);
  } finally {
    await s.page.click('[data-lang="en"]');
  }
  await openMapping();
  const row = mapRow('has the district improved');
  assert.match(await row.locator(q('survey-proposal')).textContent(), /improved \/ same \/ worse \(60% sure\)/);
  assert.match(await row.textContent(), /the question’s wording names the improved \/ same \/ worse scale/);
  await s.page.locator(q('survey-mapping')).screenshot({ path: `${screenshots}survey-proposal.png` });
  await row.locator(q('survey-use-proposal')).click();
  await s.page.click(q('survey-apply'));
  await says('say it improved');
  // 8 of 12 said code 1, "improved".
  assert.match(await text('survey-sentences'), /67% \(95% CI [0-9]+–[0-9]+%\) say it improved/);
  assert.equal(await s.page.locator(q('survey-notices')).count(), 0);
  assert.deepEqual(s.errors, []);
});

test('a codebook file declares the codes; the applied codebook can be exported', async () => {
  const csv = ['ID,Did you take part in Zumbas?', ...[1, 2, 1, 1, 2, 1, 1, 1].map((c, i) => `${i + 1},${c}`)].join('\n');
  await clearStatus();
  await upload('zumbas.csv', csv);
  await status(/“zumbas\.csv” loaded/);
  assert.match(await text('survey-notices'), /codes without labels \(1, 2\)/);
  // A codebook with a code that is not a number is refused, naming the line (the codebook card).
  await s.page.setInputFiles(q('survey-codebook-file'), { name: 'bad.csv', mimeType: 'text/csv',
    buffer: Buffer.from('column,code,label\nDid you take part in Zumbas?,one,Yes\n') });
  await s.page.waitForSelector(q('survey-codebook-error'));
  assert.match(await text('survey-codebook-error'), /line 2/);
  await clearStatus();
  await s.page.setInputFiles(q('survey-codebook-file'), { name: 'codebook.csv', mimeType: 'text/csv',
    buffer: Buffer.from('column,code,label,label_es\nDid you take part in Zumbas?,1,Yes,Sí\nDid you take part in Zumbas?,2,No,No\n') });
  await status(/Codebook “codebook\.csv” applied/);
  await says('75% (95% CI');
  assert.equal(await s.page.locator(q('survey-notices')).count(), 0);
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click(q('survey-codebook-export'))]);
  assert.equal(download.suggestedFilename(), 'zumbas.codebook.csv');
  assert.deepEqual(s.errors, []);
});
