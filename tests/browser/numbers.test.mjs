// Numbers typed and shown by locale (issue 16): the page's one reader, www/number.js. On the
// Spanish page a decimal field shows "0,95", a Spanish reader can type "0,9" (or "0.9"), and
// the fields go back to "0.95" in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, load } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); });
after(async () => { await s?.close(); });

const field = (name) => s.page.locator(`#area-survey input[name="${name}"]`);
const sentence = () => s.page.textContent('[data-testid="share-sentence"]');

test('decimal fields follow the language, and a decimal comma is read in Spanish', async () => {
  assert.equal(await field('level').inputValue(), '0.95');
  await s.page.click('[data-lang="es"]');
  assert.equal(await field('level').inputValue(), '0,95');
  assert.equal(await s.page.inputValue('[data-testid="survey-opt-level"]'), '0,95');
  await field('x').fill('48');
  await field('n').fill('100');
  await field('level').fill('0,9');
  assert.match(await sentence(), /^48\s%\s\(IC 90\s%\s40–56\s%\)/u);
  await field('level').fill('0.9');
  assert.match(await sentence(), /^48\s%\s\(IC 90\s%\s40–56\s%\)/u);
  await s.page.click('[data-lang="en"]');
  assert.equal(await field('level').inputValue(), '0.9');
  assert.equal(await s.page.inputValue('[data-testid="survey-opt-level"]'), '0.95');
  assert.equal(await sentence(), '48% (90% CI 40–56%) agree');
  await field('x').fill('101'); await field('n').fill('113'); await field('level').fill('0.95');
  assert.deepEqual(s.errors, []);
});
