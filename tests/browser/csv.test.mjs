// CSV exports defuse formulas: every CSV the page writes goes through www/csv.js, which puts an
// apostrophe before text a spreadsheet would run — `=`, `+`, `-`, `@`, a tab or a line break in
// first place, also behind leading spaces and in the fullwidth forms ＝ ＋ － ＠.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, load } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); });
after(async () => { await s?.close(); });
const q = (id) => `[data-testid="${id}"]`;

const HOSTILE = ['=1+1', ' =HYPERLINK("http://x")', '\u3000=1', '＝SUM(A1)', ' ＋1', '－2', '＠cmd', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\nx', '\u00a0@x'];

test('the shared CSV writer defuses every formula start', async () => {
  const cells = await s.page.evaluate(async (values) => {
    const { csvCell } = await import('/www/csv.js');
    return values.map((v) => csvCell(v));
  }, [...HOSTILE, 'plain', 'a=b', -3, 2.5]);
  for (const [i, v] of HOSTILE.entries()) {
    const cell = cells[i].startsWith('"') ? cells[i].slice(1, -1).replace(/""/g, '"') : cells[i];
    assert.equal(cell, `'${v}`, `${JSON.stringify(v)} -> ${cells[i]}`);
  }
  assert.deepEqual(cells.slice(HOSTILE.length), ['plain', 'a=b', '-3', '2.5']);
});

test('the survey report CSV defuses questions that look like formulas', async () => {
  const csv = ['ID, =HYPERLINK("http://x"),＝SUM(A1)', ...Array.from({ length: 12 }, (_, i) => `${i + 1},${i % 3 ? 'Yes' : 'No'},${i % 2 ? 'Agree' : 'Disagree'}`)].join('\n');
  await s.page.setInputFiles('#survey-file', { name: 'f.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await s.page.waitForFunction(() => /f\.csv/.test(document.querySelector('[data-testid="survey-status"]')?.textContent ?? ''), null, { timeout: 20000 });
  await s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`);
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click(q('survey-export-csv'))]);
  const text = readFileSync(await download.path(), 'utf8');
  const cells = text.split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',')[2]);
  assert.ok(cells.length > 0);
  for (const c of cells) {
    const v = c.startsWith('"') ? c.slice(1) : c;
    assert.ok(!/^[\s]*[=+\-@＝＋－＠]/u.test(v), `a cell could run: ${c}`);
  }
  // The engine trims the header's leading space; the fullwidth sign is kept and defused.
  assert.ok(text.includes(`"'=HYPERLINK`) && text.includes(`,'＝SUM(A1),`), text.slice(0, 400));
});
