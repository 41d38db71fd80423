// The decision rules row (#20) alone, as the page runs it: decideFunding on W6's round (10,000
// proposals × 20 reviewers × 9 conditions, complete, in scoreColumns) with 1,000 resamples, in
// the page's worker (www/jobs.js), in headless Chromium. `node bench/decision-browser.mjs`
// after `make build`; prints one JSON line per run (the first includes the worker's start).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../scripts/serve.mjs';

const runs = Number(process.env.RUNS ?? 3);
const { server, url } = await start(0, { dirs: ['www', 'bench', 'pkg', 'node_modules'] });
const profile = mkdtempSync(join(tmpdir(), 'waterline-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${url}www/`);
  await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60_000 });
  const rows = await page.evaluate(async (runs) => {
    const { run } = await import('/www/jobs.js');
    const { call } = await import('/www/engine.js');
    const { reviewRound } = await import('/bench/domains.mjs');
    const base = call('defaultRubric').value;
    const extra = { ...structuredClone(base.conditions[0]), id: 'custom-equity', provenance: 'custom' };
    const rubric = call('editRubric', base, { op: 'add', condition: extra }).value;
    const round = reviewRound(rubric, 10_000, 20, 20, 11, true);
    const options = { budget: 100_000_000, seed: 1, resamples: 1000, calibrated: false };
    const out = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await run('call', { name: 'decideFunding', args: [rubric, round, options] });
      const ms = performance.now() - t0;
      out.push(r.ok
        ? { ms, band: r.value.audit.band.length, maxScoreOptimal: r.value.maxScore.optimal, funded: r.value.fundingLine.funded.length }
        : { ms, error: r.error.code, details: r.error.details });
    }
    return out;
  }, runs);
  console.log(`Chromium ${context.browser()?.version() ?? ''}`);
  for (const row of rows) console.log(JSON.stringify({ id: 'P3', ...row }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.close();
}
