// A click that arrives before the part of the page it needs has loaded is kept, not lost
// (issue #21's split load: an area's own build first, the whole engine, the other areas and the
// report after its first result). Here the whole engine (pkg/waterline_bg.wasm) is held back
// until the user has pressed "Evaluation report": the button says it is busy, and the report
// opens by itself once it is mounted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './harness.mjs';

const OPENER = '[data-testid="report-open"]';
const reportShown = () => document.body.classList.contains('report-open');

test('the report opens when it was asked for before the whole engine arrived', async () => {
  const s = await open();
  try {
    let release = () => {};
    const held = new Promise((resolve) => { release = resolve; });
    await s.page.route(/\/pkg\/waterline_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    await s.page.goto(`${s.url}www/#survey`);
    await s.page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 60000 });
    await s.page.click(OPENER);
    assert.equal(await s.page.getAttribute(OPENER, 'aria-busy'), 'true', 'the button says the report is on its way');
    assert.equal(await s.page.evaluate(reportShown), false, 'the whole engine is still held back');
    release();
    await s.page.waitForFunction(reportShown, null, { timeout: 60000 });
    assert.equal(await s.page.getAttribute(OPENER, 'aria-expanded'), 'true');
    assert.equal(await s.page.getAttribute(OPENER, 'aria-busy'), null);
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
