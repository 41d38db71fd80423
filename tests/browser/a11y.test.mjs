// Accessibility: axe-core (from npm) reports no serious or critical violation on any area, in
// English and in Spanish. axe is injected with CSP bypassed for this test only (the page's own
// CSP forbids injected scripts, as it should).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { open, load } from './harness.mjs';

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
