// The T3 row alone (indicator series, issue 17) in headless Chromium: `node bench/series-browser.mjs`
// after `make build`. Prints the row as a JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../scripts/serve.mjs';

const runs = Number(process.env.RUNS ?? 3);
const { server, url } = await start(0, { dirs: ['bench', 'pkg', 'node_modules'] });
const profile = mkdtempSync(join(tmpdir(), 'waterline-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${url}bench/index.html?runs=${runs}&suite=no&only=T3`);
  await page.waitForFunction(() => window.__results, null, { timeout: 600_000 });
  const results = await page.evaluate(() => window.__results);
  if (results.error) throw new Error(results.error);
  console.log(`Chromium ${context.browser()?.version() ?? ''}`);
  for (const row of results.domains) console.log(JSON.stringify(row));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.close();
}
