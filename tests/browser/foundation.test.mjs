// The page loads the engine, shows the example result, switches language, rejects bad
// input with a message, and talks to no host but the local server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, load, screenshots } from './harness.mjs';

const cargoVersion = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8').match(/^version = "(.+)"/m)[1];
let s;
before(async () => { s = await open(); await load(s); });
after(async () => { await s?.close(); });

const sentence = () => s.page.textContent('[data-testid="share-sentence"]');
const setField = async (name, value) => {
  await s.page.fill(`#area-survey input[name="${name}"]`, value);
};

test('the engine loads and shows its version', async () => {
  assert.equal((await s.page.textContent('#engine-version')).trim(), cargoVersion);
  assert.deepEqual(s.errors, []);
});

test('the page fetches each engine build once: the opened area\'s, then the whole engine', async () => {
  const fetches = await s.page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('waterline_bg.wasm'))
    .map((e) => new URL(e.name).pathname));
  // The Survey area opens first: its own build, then pkg/ after its first result (issue 21);
  // the worker takes the page's compiled modules and fetches neither again.
  assert.deepEqual(fetches, ['/pkg/survey/waterline_bg.wasm', '/pkg/waterline_bg.wasm']);
});

test('the Survey area opens with the seed-000 example: 89% (95% CI 82–94%) agree', async () => {
  assert.equal(await sentence(), '89% (95% CI 82–94%) agree');
  await s.page.screenshot({ path: `${screenshots}survey-en.png`, fullPage: true });
});

test('changing the counts and the level recomputes in the engine', async () => {
  await setField('x', '48');
  await setField('n', '100');
  await setField('level', '0.9');
  assert.equal(await sentence(), '48% (90% CI 40–56%) agree');
  await setField('x', '101'); await setField('n', '113'); await setField('level', '0.95');
});

test('bad input shows a clear message and never crashes the engine', async () => {
  const cases = [
    [{ x: '120', n: '113' }, /cannot be larger than the number who answered \(113\)/],
    [{ x: '5', n: '0' }, /at least one respondent/],
    [{ x: '-1', n: '113' }, /whole number of 0 or more/],
    [{ x: 'many', n: '113' }, /Agree or strongly agree must be a number/],
    [{ x: '1.5', n: '113' }, /whole number/],
    [{ x: '101', n: '113', level: '95' }, /between 0 and 1/],
    [{ x: '101', n: '113', level: '0' }, /between 0 and 1/],
  ];
  for (const [fields, message] of cases) {
    for (const [k, v] of Object.entries({ x: '101', n: '113', level: '0.95', ...fields })) await setField(k, v);
    const error = s.page.locator('[data-testid="share-error"]');
    assert.equal(await error.isVisible(), true, JSON.stringify(fields));
    assert.match(await error.textContent(), message);
  }
  await s.page.screenshot({ path: `${screenshots}survey-error.png` });
  // The engine still works after every rejection.
  for (const [k, v] of Object.entries({ x: '101', n: '113', level: '0.95' })) await setField(k, v);
  assert.equal(await sentence(), '89% (95% CI 82–94%) agree');
  assert.equal(await s.page.locator('[data-testid="share-error"]').isVisible(), false);
  assert.deepEqual(s.errors, []);
});

test('Spanish changes every label, and errors are translated by code', async () => {
  await s.page.click('[data-lang="es"]');
  assert.equal(await s.page.getAttribute('html', 'lang'), 'es');
  assert.equal((await s.page.textContent('#tab-survey')).trim(), 'Encuesta');
  assert.equal((await s.page.textContent('#tab-proposals')).trim(), 'Propuestas');
  assert.equal((await s.page.textContent('#tab-toc')).trim(), 'Teoría del cambio');
  assert.match(await sentence(), /^89\s?% \(IC 95\s?% 82–94\s?%\) está de acuerdo$/);
  await s.page.screenshot({ path: `${screenshots}survey-es.png`, fullPage: true });
  await setField('x', '120');
  assert.match(await s.page.textContent('[data-testid="share-error"]'), /no puede ser mayor/);
  await setField('x', '101');
  // No English text is left in any [data-i18n] element.
  const english = await s.page.$$eval('[data-i18n]', (nodes) => nodes
    .filter((n) => !n.closest('[hidden]'))
    .map((n) => n.textContent).filter((text) => /\b(the|and|of|Survey|Proposals)\b/.test(text)));
  assert.deepEqual(english, []);
  await s.page.click('[data-lang="en"]');
});

test('a too_large error names its limit and size, in the reader\'s language and number format', async () => {
  const texts = await s.page.evaluate(async () => {
    const i18n = await import('/www/i18n.app.js');
    const out = [];
    for (const l of ['en', 'es']) {
      await i18n.setLang(l);
      out.push(i18n.errorText({ code: 'too_large', details: { rows: 260000, limit: 250000 }, message: '' }));
      out.push(i18n.errorText({ code: 'too_large', details: { what: 'groupingItems', limit: 8, requested: 12 }, message: '' }));
      out.push(i18n.errorText({ code: 'too_large', details: {}, message: '' }));
    }
    await i18n.setLang('en');
    return out;
  });
  assert.match(texts[0], /260,000 where the limit is 250,000/);
  assert.match(texts[1], /12 where the limit is 8/);
  assert.doesNotMatch(texts[2], /\{|…|\(\)/);
  assert.match(texts[3], /260\.000 cuando el límite es 250\.000/);
  assert.match(texts[4], /12 cuando el límite es 8/);
  assert.doesNotMatch(texts[5], /\{|…|\(\)/);
});

test('each area can be shown, by click and by keyboard', async () => {
  for (const area of ['proposals', 'toc', 'survey']) {
    await s.page.click(`#tab-${area}`);
    assert.equal(await s.page.isVisible(`#area-${area}`), true);
    await s.page.screenshot({ path: `${screenshots}area-${area}.png`, fullPage: true });
  }
  await s.page.focus('#tab-survey');
  await s.page.keyboard.press('ArrowLeft');
  assert.equal(await s.page.isVisible('#area-toc'), true);
  await s.page.keyboard.press('Home');
  assert.equal(await s.page.isVisible('#area-proposals'), true);
  await s.page.click('#tab-survey');
});

test('no request goes to any host but the local server', async () => {
  assert.ok(s.requests.some((r) => r.endsWith('/pkg/waterline_bg.wasm')), 'the wasm was loaded');
  assert.deepEqual(s.foreignRequests(), []);
});
