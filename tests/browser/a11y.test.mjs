// Accessibility: axe-core (from npm) reports no serious or critical violation on any area, in
// English and in Spanish. axe is injected with CSP bypassed for this test only (the page's own
// CSP forbids injected scripts, as it should).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { open, load, screenshots } from './harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let s;
before(async () => { s = await open({ bypassCSP: true }); await load(s); await s.page.addScriptTag({ path: axePath }); });
after(async () => { await s?.close(); });

for (const lang of ['en', 'es']) {
  for (const area of ['survey', 'proposals', 'toc']) {
    test(`no serious or critical axe violation: ${area}, ${lang}`, async () => {
      await s.page.click(`[data-lang="${lang}"]`);
      await s.page.click(`#tab-${area}`);
      await s.page.waitForTimeout(100);
      const violations = await s.page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    });
  }
}

// Reflow (WCAG 1.4.10): at 320 CSS pixels wide the page does not scroll sideways; wide tables
// and diagrams scroll inside their own box.
test('at 320 px wide no area scrolls sideways, in English and Spanish', async () => {
  await s.page.setViewportSize({ width: 320, height: 700 });
  try {
    for (const lang of ['en', 'es']) {
      await s.page.click(`[data-lang="${lang}"]`);
      for (const area of ['survey', 'proposals', 'toc']) {
        await s.page.click(`#tab-${area}`);
        await s.page.waitForTimeout(200);
        const over = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(over, 0, `${area}, ${lang}: ${over} px wider than the window`);
      }
    }
    await s.page.screenshot({ path: `${screenshots}narrow-320-toc-es.png` });
  } finally {
    await s.page.setViewportSize({ width: 1280, height: 900 });
    await s.page.click('[data-lang="en"]');
  }
});

// The messages that stay on screen (rejected parts of a project, a held report setting) pass
// axe too, and reflow at 320 px.
test('rejections and a held setting: no serious or critical axe violation, and no sideways scroll at 320 px', async () => {
  const { readFileSync } = await import('node:fs');
  await s.page.click('#tab-survey');
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  const project = JSON.parse(readFileSync(await download.path(), 'utf8'));
  project.areas.proposals.rubric = 'not a rubric';
  project.areas.toc.model = { title: 5 };
  project.areas.mystery = {};
  project.areas.survey.held = { options: { ...project.areas.survey.options, groupBy: Array(300).fill('community') }, error: { code: 'too_large', details: {}, message: 'too large' } };
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await s.page.waitForSelector('#project-problems li');
  await s.page.waitForSelector('[data-testid="survey-held"]', { timeout: 20000 });
  try {
    for (const lang of ['en', 'es']) {
      await s.page.click(`[data-lang="${lang}"]`);
      const violations = await s.page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await s.page.setViewportSize({ width: 320, height: 700 });
      await s.page.waitForTimeout(200);
      const over = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(over, 0, `${lang}: ${over} px wider than the window`);
      await s.page.setViewportSize({ width: 1280, height: 900 });
    }
  } finally {
    await s.page.setViewportSize({ width: 1280, height: 900 });
    await s.page.click('[data-lang="en"]');
    await s.page.click('#project-undo');
  }
});
