// One throttled cold visit of an area (the conditions of bench/throttled.mjs: 1.6 Mbit/s,
// 150 ms latency, CPU ÷4), printed as a waterfall: each request started before the first result,
// with its start and end (ms from navigation) and its body size (KiB, as sent), then the page's
// performance marks. For finding what the first result waits for (issue 21 item 5), not a
// benchmark: one run, no median. Usage: node bench/waterfall.mjs [survey|proposals|toc] [DIR]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../scripts/serve.mjs';

const AREAS = {
  survey: '[data-testid="survey-report"][data-state="ready"]',
  proposals: '[data-testid="ranking-table"] tbody tr',
  toc: '#area-toc .toc-diagram-svg',
};
const area = process.argv[2] ?? 'survey';
const root = process.argv[3];
const { url, server } = await start(0, { ...(root ? { root } : {}), ...(process.env.THROTTLED_GZIP ? { brotli: false } : {}) });
const profile = mkdtempSync(join(tmpdir(), 'waterline-waterfall-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, serviceWorkers: 'allow',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-quic'],
});
try {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const finished = [];
  context.on('requestfinished', (r) => finished.push(r));
  await page.goto(`${url}www/#${area}`, { waitUntil: 'commit' });
  const ms = await (await page.waitForFunction((sel) => document.querySelector(sel) ? performance.now() : false,
    AREAS[area], { polling: 'raf', timeout: 300000 })).jsonValue();
  const { origin, marks } = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`),
  }));
  const rows = [];
  for (const r of finished) {
    const timing = r.timing();
    const start = timing.startTime - origin;
    if (start > ms) continue;
    const sizes = await r.sizes().catch(() => null);
    rows.push([start, start + timing.responseEnd, (sizes?.responseBodySize ?? 0) / 1024, r.url().replace(url, '/')]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  console.log('| start ms | end ms | KiB | request |\n|---:|---:|---:|---|');
  for (const [s, e, kib, name] of rows) console.log(`| ${s.toFixed(0)} | ${e.toFixed(0)} | ${kib.toFixed(1)} | ${name} |`);
  console.log(`\n${area}: first result at ${ms.toFixed(0)} ms; marks: ${marks.join(', ')}`);
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
