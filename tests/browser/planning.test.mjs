// Survey planning: sample size for a target power and the power of a given n, computed by the
// engine (checked against R in tests/stats_scale.rs); bad input gets a message; Spanish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, load, screenshots } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); });
after(async () => { await s?.close(); });

const result = () => s.page.textContent('[data-testid="plan-result"]');

test('two waves 48% → 72% with 80% power need 65 per wave (R power.prop.test: 64.2)', async () => {
  await s.page.selectOption('[data-testid="plan-design"]', 'twoWaves');
  await s.page.fill('[data-testid="plan-power"]', '0.8');
  assert.match(await result(), /You need 65 respondents in each wave for 80% power \(exactly 64\.2\)/);
  await s.page.fill('[data-testid="plan-n"]', '50');
  assert.match(await result(), /With 50, the power is \d+%/);
  await s.page.locator('.survey-plan').screenshot({ path: `${screenshots}survey-planning.png` });
});

test('paired means: a 0.3 SD shift with 80% power needs 90 pairs (R power.t.test: 89.1)', async () => {
  await s.page.selectOption('[data-testid="plan-design"]', 'pairedMeans');
  await s.page.fill('[data-testid="plan-a"]', '0.3');
  await s.page.fill('[data-testid="plan-b"]', '1');
  assert.match(await result(), /You need 90 pairs .*exactly 89\.1/);
});

test('the engine\'s note on a tiny design is rendered from its code, with a decimal comma in Spanish (#16)', async () => {
  await s.page.selectOption('[data-testid="plan-design"]', 'pairedMeans');
  await s.page.fill('[data-testid="plan-a"]', '100');
  await s.page.fill('[data-testid="plan-b"]', '1');
  const note = '[data-testid="plan-result"] [data-code="power_below_minimum"]';
  assert.match(await s.page.textContent(note), /^The target power is reached with fewer than 2 pairs \(n = \d+\.\d+\); the test needs at least 2\.$/);
  await s.page.click('[data-lang="es"]');
  try {
    assert.match(await s.page.textContent(note), /^La potencia buscada se alcanza con menos de 2 pares \(n = \d+,\d+\)/);
    assert.equal(await s.page.locator('[data-testid="plan-result"] [lang="en"]').count(), 0);
  } finally {
    await s.page.click('[data-lang="en"]');
    await s.page.fill('[data-testid="plan-a"]', '0.3');
  }
});

test('bad input gets a message, and Spanish text', async () => {
  await s.page.fill('[data-testid="plan-power"]', '1.5');
  assert.equal(await s.page.isVisible('[data-testid="plan-error"]'), true);
  await s.page.fill('[data-testid="plan-power"]', '0.8');
  assert.equal(await s.page.isVisible('[data-testid="plan-error"]'), false);
  await s.page.click('[data-lang="es"]');
  assert.match(await result(), /Necesita 90 pares/);
  await s.page.click('[data-lang="en"]');
  assert.deepEqual(s.errors, []);
});
