// Bytes in: the page hands the engine the file's bytes, so a Spanish Excel "CSV" in
// Windows-1252 and an Excel "Unicode text" (UTF-16LE, tab-separated) read with their accents,
// and the import summary names the encoding. Fixtures: tests/data/survey_encodings.py.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, load } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); await ready(); });
after(async () => { await s?.close(); });

const q = (id) => `[data-testid="${id}"]`;
const ready = () => s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`, { timeout: 20000 });
const fixture = (name) => readFileSync(new URL(`../data/${name}`, import.meta.url));
const upload = (name) => s.page.setInputFiles('#survey-file', { name, mimeType: 'text/csv', buffer: fixture(name) });
const loaded = (name) => s.page.waitForFunction(([sel, n]) => (document.querySelector(sel)?.textContent ?? '').includes(n),
  [q('survey-status'), name], { timeout: 30000 });

for (const [name, encoding] of [['survey_es_1252.csv', 'windows-1252'], ['survey_es_utf16le.txt', 'utf-16le']]) {
  test(`${name} (${encoding}) reads with its accents`, async () => {
    await upload(name);
    await loaded(name);
    await ready();
    const body = await s.page.textContent('body');
    assert.ok(body.includes('¿Dónde vive?'), 'the header keeps its accents');
    assert.ok(body.includes('Participó en Lunadas'), 'the yes/no item keeps its accents');
    assert.ok(!body.includes('\uFFFD'), 'no replacement character anywhere on the page');
  });
}
