// Consent by construction: with "save answers in the project" unticked, nothing read from a
// respondent's answers reaches the autosave (IndexedDB), the keystroke journal (localStorage)
// or a saved project file — after every action of the Survey area. A CSV carries planted
// markers: unique names in a "Your name" column (with repeats, so it is detected as a
// category), rare answers to an immigration-status question, free text and respondent ids.
// Ticking the box stores the answers; unticking it purges them again.
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
// No save pending (after a reload with nothing changed yet, there is none to wait for).
const settled = () => s.page.waitForFunction(() => document.documentElement.dataset.saved !== 'no');
const status = (re) => s.page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''), [q('survey-status'), re.source], { timeout: 20000 });
const clearStatus = () => s.page.evaluate((sel) => { document.querySelector(sel).textContent = ''; }, q('survey-status'));
const mapRow = (header) => s.page.locator(`${q('survey-mapping-table')} tbody tr`).filter({ has: s.page.locator('th', { hasText: header }) }).first();
async function openMapping() {
  if (await s.page.getAttribute(q('survey-mapping'), 'open') === null) await s.page.click(q('survey-mapping-summary'));
}

// 60 respondents. Names: 20 people, 3 rows each (a category to the detector). Status: two
// common answers and two rare ones (3 and 2 respondents). Free text and ids are unique.
const NAMES = Array.from({ length: 20 }, (_, i) => `Zqname${String.fromCharCode(97 + i)}xw`);
const RARE = ['Qzundocxw', 'Qzasylumxw'];
const rows = Array.from({ length: 60 }, (_, i) => {
  const statusAnswer = i < 3 ? RARE[0] : i < 5 ? RARE[1] : i % 2 ? 'Citizen' : 'Permanent resident';
  const trust = ['Agree', 'Strongly agree', 'Disagree', 'Agree'][i % 4];
  return [`QZID${1000 + i}`, NAMES[i % 20], statusAnswer, trust, i % 3 ? 'Yes' : 'No', `Qzfree comment ${i} xw`].join(',');
});
const CSV = ['Respondent ID,Your name,What is your immigration status?,I trust the school,Confident now,Comment', ...rows].join('\n');
const MARKERS = [...NAMES, ...RARE, 'Qzfree', 'QZID10'];

async function autosaveText() {
  return s.page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('waterline', 1);
    req.onsuccess = () => {
      const get = req.result.transaction('projects').objectStore('projects').get('autosave');
      get.onsuccess = () => { resolve(JSON.stringify(get.result ?? null)); req.result.close(); };
      get.onerror = () => reject(get.error);
    };
    req.onerror = () => reject(req.error);
  }));
}
const journalText = () => s.page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage))));
async function projectText() {
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  return readFileSync(await download.path(), 'utf8');
}

/** After `action`, neither the autosave, the journal nor a project file holds any marker. */
async function clean(action) {
  await idle();
  await settled().catch(async (e) => { throw new Error(`after ${action}: not saved (${await s.page.textContent('#project-status')} | ${await s.page.textContent('#project-problems')} | ${s.errors.join(' ')})`, { cause: e }); });
  for (const [where, text] of [['autosave', await autosaveText()], ['journal', await journalText()], ['project file', await projectText()]]) {
    const found = MARKERS.filter((m) => text.includes(m));
    if (found.length) {
      const at = [];
      const walk = (x, path) => { if (typeof x === 'string') { if (found.some((m) => x.includes(m))) at.push(path); } else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`); };
      walk(JSON.parse(text), '');
      assert.fail(`after ${action}, the ${where} holds answers: ${found.join(', ')} at ${at.slice(0, 5).join(', ')}`);
    }
  }
}

test('without consent, no answer is stored after any action of the Survey area', async () => {
  await clearStatus();
  await s.page.setInputFiles('#survey-file', { name: 'families.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await status(/“families\.csv” loaded/);
  await clean('loading the file');

  await openMapping();
  await clean('opening the mapping');
  await clearStatus();
  await s.page.click(q('survey-detected'));
  await status(/Mapping applied/);
  await clean('“use detected”');

  // Edits not applied yet (a draft) and applied ones.
  await mapRow('Comment').locator(q('survey-type')).selectOption('category');
  await clean('typing free text as a category (not applied)');
  await mapRow('Respondent ID').locator(q('survey-role')).selectOption('item');
  await clean('making the id column an item (not applied)');
  await clearStatus();
  await s.page.click(q('survey-apply'));
  await idle();
  await clean('applying those edits');
  await s.page.click(q('survey-revert')).catch(() => {});
  await clean('reverting');
  await mapRow('Your name').locator(q('survey-role')).selectOption('ignored');
  await clean('ignoring the name column (not applied)');
  await clearStatus();
  await s.page.click(q('survey-apply'));
  await status(/Mapping applied/);
  await clean('applying');
  await clearStatus();
  await s.page.click(q('survey-detected'));
  await status(/Mapping applied/);
  await clean('“use detected” again');

  // Options: each change recomputes the report.
  await s.page.selectOption(q('survey-opt-adjust'), 'bh');
  await clean('changing the adjustment');
  // The threshold is the report's minimum cell size: at 4 every marker (seen by 1 to 3
  // respondents) is still withheld; at 20 so are the common answers.
  await s.page.fill(q('survey-opt-mincell'), '4');
  await s.page.press(q('survey-opt-mincell'), 'Tab');
  await clean('lowering the minimum cell to 4');
  await s.page.fill(q('survey-opt-mincell'), '40');
  await s.page.press(q('survey-opt-mincell'), 'Tab');
  await clean('raising the minimum cell to 40');
  assert.ok(!(await autosaveText()).includes('Permanent resident'), 'a label below the raised threshold is withheld');
  await s.page.fill(q('survey-opt-mincell'), '10');
  await s.page.press(q('survey-opt-mincell'), 'Tab');
  await s.page.fill(q('survey-opt-level'), '0.9');
  await s.page.waitForTimeout(400);
  await clean('changing the level');
  const groups = await s.page.$$eval(`${q('survey-opt-groupby')} option`, (os) => os.map((o) => o.value));
  for (const g of groups.filter((v) => !v.startsWith('__'))) {
    await s.page.selectOption(q('survey-opt-groupby'), g);
    await clean(`breaking down by ${g}`);
  }
  await s.page.selectOption(q('survey-opt-groupby'), '__default');

  // Exports and a reload.
  await Promise.all([s.page.waitForEvent('download'), s.page.click(q('survey-export-csv'))]);
  await clean('exporting CSV');
  await Promise.all([s.page.waitForEvent('download'), s.page.click(q('survey-export-json'))]);
  await clean('exporting JSON');
  await s.page.reload();
  await s.page.waitForSelector('html[data-restored="yes"]', { state: 'attached' });
  await s.page.waitForSelector(q('survey-needs-file'));
  await clean('reloading');

  // The same file again: the mapping comes back whole (withheld labels are read from the file).
  await clearStatus();
  await s.page.setInputFiles('#survey-file', { name: 'families.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await status(/saved mapping was applied again/);
  await ready();
  await clean('loading the same file again');
});

test('with consent the answers are stored; unticking purges them', async () => {
  await s.page.check(q('survey-include'));
  await flush();
  const stored = await autosaveText();
  assert.ok(stored.includes('Zqnameaxw') && stored.includes('Qzundocxw'), 'the answers are in the autosave');
  assert.ok((await projectText()).includes('QZID1000'), 'the answers are in the project file');
  await s.page.reload();
  await s.page.waitForSelector('html[data-restored="yes"]', { state: 'attached' });
  await s.page.waitForFunction((sel) => /families\.csv/.test(document.querySelector(sel)?.textContent ?? ''), q('survey-source'), { timeout: 20000 });
  await ready();
  await s.page.uncheck(q('survey-include'));
  await clean('unticking “save answers”');
});

test('a stored state from an older version that holds answers is purged on the next save', async () => {
  const old = JSON.parse(await projectText());
  old.areas.survey.mapping = { respondentId: null, timestamps: [], ignored: [], instrument: { items: [{ id: 'your_name', column: 'your_name', text: { en: 'Your name', es: '' }, type: 'category', points: NAMES.map((n, i) => ({ value: i, label: { en: n, es: '' }, aliases: [] })), top: null, choices: [], separator: null, min: null, max: null }], groups: [], scales: [], pairs: [], waves: null } };
  delete old.areas.survey.counts;
  delete old.areas.survey.csv;
  old.areas.survey.includeAnswers = false;
  old.areas.survey.source = 'file';
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'old.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(old)) });
  await s.page.waitForSelector('#project-status:has-text("opened")');
  await clean('opening a file that carried names');
});

test('no request to any other host, and no page error', async () => {
  assert.deepEqual(s.foreignRequests(), []);
  assert.deepEqual(s.errors, []);
});
