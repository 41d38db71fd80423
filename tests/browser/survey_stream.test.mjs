// The streaming import (#22): a file above the streaming threshold is read in chunks by the
// worker with a progress bar; Cancel keeps the survey on screen; the finished report is the
// in-memory import's on the same file; the real thresholds are the README's.
//
// Test-only settings (read by www/areas/survey/stream.js, set by no page code): <html
// data-stream-above="N"> streams every file above N bytes (instead of 128 MiB), and
// data-stream-chunk="N" reads N bytes a chunk (instead of 8 MiB), so that an 11 MB file takes
// the streaming path in about a hundred chunks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, load } from './harness.mjs';

let s;
const dir = mkdtempSync(join(tmpdir(), 'waterline-stream-'));
before(async () => { s = await open(); await load(s); await ready(); });
after(async () => { await s?.close(); rmSync(dir, { recursive: true, force: true }); });

const q = (id) => `[data-testid="${id}"]`;
const text = (id) => s.page.textContent(q(id));
const ready = () => s.page.waitForSelector(`${q('survey-report')}[data-state="ready"]`, { timeout: 20000 });
const idle = () => s.page.waitForSelector(q('survey-busy'), { state: 'hidden', timeout: 120000 });
const waitText = (id, re, timeout = 120000) => s.page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''), [q(id), re.source], { timeout });
const setTestLimits = (above, chunk) => s.page.evaluate(([a, c]) => {
  const d = document.documentElement.dataset;
  if (a) { d.streamAbove = String(a); d.streamChunk = String(c); } else { delete d.streamAbove; delete d.streamChunk; }
}, [above, chunk]);
/** The report on screen, as the JSON export downloads it. */
async function exported() {
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click(q('survey-export-json'))]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

test('the real thresholds are the README\'s: 128 MiB / 250,000 rows in memory, 4 GiB / 10,000,000 rows streamed', async () => {
  const limits = await s.page.evaluate(async () => (await import(new URL('engine.app.js', location.href).href)).call('surveyStreamLimits'));
  assert.deepEqual(limits.value, { memoryBytes: 128 * 1024 * 1024, memoryRows: 250000, streamBytes: 4 * 1024 ** 3, streamRows: 10000000 });
  assert.equal(await s.page.evaluate(() => document.documentElement.dataset.streamAbove), undefined, 'no test threshold in the page itself');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const limitsSection = readme.slice(readme.indexOf('## Limits and guarantees'));
  assert.match(limitsSection, /above 128 MiB or 250,000 rows[^\n]*read in chunks/);
  assert.match(limitsSection, /4 GiB and 10,000,000 rows/);
});

test('a file above the threshold streams with progress, can be cancelled, and gives the in-memory items', async () => {
  const example = readFileSync(new URL('../../src/survey/example/parents.csv', import.meta.url), 'utf8').split('\n');
  const header = example.find((l) => l.startsWith('Timestamp,'));
  const body = example.filter((l) => /^2019-/.test(l) && !l.includes('"'));
  const rows = [header];
  for (let i = 0; i < 30000; i++) rows.push(body[i % body.length].replace(/,P\d+,/, `,P${i},`));
  const path = join(dir, 'stream.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  assert.match(await text('survey-meta'), /^113 respondents/);

  await setTestLimits(100000, 64 * 1024);
  await s.page.evaluate(() => {
    window.__seen = { progress: 0, steps: 0 };
    const bar = document.querySelector('[data-testid="survey-progress"]');
    new MutationObserver(() => { if (bar.hasAttribute('value') && bar.max > 1) { window.__seen.steps++; window.__seen.progress = Math.max(window.__seen.progress, bar.value / bar.max); } })
      .observe(bar, { attributes: true });
  });
  // Cancel as soon as the stream has moved: the example stays on screen.
  await s.page.setInputFiles('#survey-file', path);
  await s.page.waitForSelector(q('survey-busy'), { state: 'visible' });
  await s.page.waitForFunction(() => /rows$/.test(document.querySelector('.survey-busy-text')?.textContent ?? ''), null, { timeout: 60000 });
  assert.match(await s.page.textContent('.survey-busy-text'), /^read \d+ of 11 MB, [\d,]+ rows$/);
  await s.page.evaluate((sel) => document.querySelector(sel).click(), q('survey-cancel'));
  await waitText('survey-status', /Cancelled/);
  await idle();
  assert.match(await text('survey-meta'), /^113 respondents/);

  // Again, to the end: progress moved in several steps.
  await s.page.evaluate(() => { window.__seen = { progress: 0, steps: 0 }; });
  await s.page.setInputFiles('#survey-file', path);
  await waitText('survey-status', /“stream\.csv” read in chunks: 30,000 rows/);
  await idle();
  const seen = await s.page.evaluate(() => window.__seen);
  assert.ok(seen.steps >= 10 && seen.progress === 1, JSON.stringify(seen));
  assert.match(await text('survey-meta'), /^30,000 respondents/);
  const streamed = (await exported()).report;
  assert.equal(streamed.rows, 30000);

  // Spanish: the status says the file was read in chunks.
  await s.page.click('[data-lang="es"]');
  assert.match(await text('survey-status'), /leído por partes/);
  await s.page.click('[data-lang="en"]');

  // The same file in memory: every streamed item equals the in-memory report's.
  await setTestLimits(null);
  await s.page.setInputFiles('#survey-file', path);
  await waitText('survey-status', /“stream\.csv” loaded/);
  await idle();
  const full = (await exported()).report;
  assert.equal(full.rows, 30000);
  // The whole streamed report (ChunkedReport) equals the in-memory one: items, shifts, wave
  // comparisons, subgroups and scales.
  assert.ok(streamed.items.length >= 5);
  for (const key of ['items', 'shifts', 'waves', 'subgroups', 'scales', 'notices', 'warnings', 'adjustment']) {
    assert.deepEqual(streamed[key], full[key], key);
  }
  assert.deepEqual(s.errors, []);
});

test('the progress bar and Cancel fit a 375 px screen', async () => {
  await s.page.setViewportSize({ width: 375, height: 800 });
  const path = join(dir, 'stream.csv');
  await setTestLimits(100000, 64 * 1024);
  await s.page.setInputFiles('#survey-file', path);
  await s.page.waitForFunction(() => /rows$/.test(document.querySelector('.survey-busy-text')?.textContent ?? ''), null, { timeout: 60000 });
  // Measured and cancelled in one step, while the stream runs.
  const [box, bar, width] = await s.page.evaluate(([c, p]) => {
    const rect = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { x: r.x, width: r.width, height: r.height }; };
    const out = [rect(c), rect(p), document.documentElement.scrollWidth];
    document.querySelector(c).click();
    return out;
  }, [q('survey-cancel'), q('survey-progress')]);
  for (const r of [box, bar]) assert.ok(r.width > 0 && r.height > 0 && r.x >= 0 && r.x + r.width <= 375, JSON.stringify(r));
  assert.ok(width <= 375, `the page scrolls sideways: ${width} px`);
  await idle();
  await setTestLimits(null);
  await s.page.setViewportSize({ width: 1280, height: 900 });
});
