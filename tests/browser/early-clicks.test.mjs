// A click that arrives before the part of the page it needs has loaded is kept, not lost
// (issue #21's split load: an area's own build first, the whole engine, the other areas and the
// report after its first result). Here the whole engine (pkg/waterline_bg.wasm) is held back
// until the user has pressed "Evaluation report": the button says it is busy, and the report
// opens by itself once it is mounted. An area opened before its build arrived says it is
// loading (in the reader's language) instead of showing an empty panel.
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

for (const [lang, loading] of [['en-US', 'Loading the engine…'], ['es-ES', 'Cargando el motor…']]) {
  test(`${lang}: an area opened before the whole engine arrived says it is loading, then shows its work`, async () => {
    const s = await open({ lang });
    try {
      let release = () => {};
      const held = new Promise((resolve) => { release = resolve; });
      await s.page.route(/\/pkg\/waterline_bg\.wasm$/, async (route) => { await held; await route.continue(); });
      await s.page.goto(`${s.url}www/#survey`);
      await s.page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 60000 });
      await s.page.click('#tab-proposals');
      assert.equal((await s.page.textContent('#area-proposals'))?.trim(), loading);
      assert.equal(await s.page.isVisible('#area-proposals .area-loading'), true);
      release();
      await s.page.waitForSelector('[data-testid="ranking-table"] tbody tr', { timeout: 60000 });
      assert.equal(await s.page.locator('#area-proposals .area-loading').count(), 0);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });
}

for (const lang of ['en-US', 'es-ES']) {
  test(`${lang}: every label in the page's markup is translated once the page is ready, also those whose strings load last`, async () => {
    const s = await open({ lang });
    try {
      await s.page.goto(`${s.url}www/#survey`);
      await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
      const untranslated = await s.page.evaluate(() => [
        ...[...document.querySelectorAll('[data-i18n]')]
          .filter((e) => e.textContent === /** @type {HTMLElement} */ (e).dataset.i18n).map((e) => e.textContent),
        ...[...document.querySelectorAll('[data-i18n-aria-label]')]
          .filter((e) => e.getAttribute('aria-label') === /** @type {HTMLElement} */ (e).dataset.i18nAriaLabel).map((e) => e.getAttribute('aria-label')),
      ]);
      assert.deepEqual(untranslated, []);
      assert.equal(await s.page.textContent('#report-open'), lang === 'en-US' ? 'Evaluation report' : 'Informe de evaluación');
    } finally {
      await s.close();
    }
  });
}
