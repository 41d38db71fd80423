// The first result on a slow phone (issue #21 item 5): headless Chromium with its network
// throttled to 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency (Network.emulateNetworkConditions)
// and the CPU slowed 4× (Emulation.setCPUThrottlingRate). For each area, from navigation to the
// area's first result (the example's ranking, diagram or survey report on screen), once cold
// (empty cache, no service worker) and once from the cache (the second visit, served by the
// service worker). Also the bytes transferred (compressed, as served) before that first result,
// the worker's requests included (the page loads the opened area's own engine build first and
// the whole engine after the first result: www/main.js). Prints a table; `node bench/throttled.mjs [runs]` (default 3,
// medians). Part of `make bench`. `node bench/throttled.mjs 3 DIR…` also serves each DIR (a copy of
// the repository's www/ and pkg/, e.g. the page before a change) and measures it in turn with
// this repository's page, run by run, so that both see the same machine load. The server sends
// the Brotli copies `make build` writes (scripts/compress.mjs) to Chromium, which accepts them;
// `THROTTLED_GZIP=1` sends gzip only.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../scripts/serve.mjs';

const RUNS = Number(process.argv[2] ?? 3);
/** The pages measured: this repository's, then any other roots given, alternating each run. */
const ROOTS = [null, ...process.argv.slice(3)];
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
const CPU_SLOWDOWN = 4;
/** What "the first result" is in each area: the selector the area's tests wait for. */
const AREAS = {
  survey: '[data-testid="survey-report"][data-state="ready"]',
  proposals: '[data-testid="ranking-table"] tbody tr',
  toc: '#area-toc .toc-diagram-svg',
};

async function throttled(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

/**
 * Navigates and returns { ms, bytes, requests } at the first result (ms from navigation start):
 * every request of the context (the page's, its worker's) that started before the page's mark
 * `waterline:first-result` (www/main.js: the moment the rest of the engine starts to load).
 */
async function visit(context, url, area) {
  const page = await context.newPage();
  await throttled(context, page);
  const started = [];
  const onRequest = (r) => started.push(r);
  context.on('request', onRequest);
  await page.goto(`${url}www/#${area}`, { waitUntil: 'commit' });
  const ms = await (await page.waitForFunction((sel) => document.querySelector(sel) ? performance.now() : false,
    AREAS[area], { polling: 'raf', timeout: 300000 })).jsonValue();
  const mark = await (await page.waitForFunction(() => {
    const m = performance.getEntriesByName('waterline:first-result')[0];
    return m ? performance.timeOrigin + m.startTime : false;
  }, null, { timeout: 300000 })).jsonValue();
  // The service worker finishes caching after the first result; let it before the next visit.
  await page.waitForFunction(() => document.documentElement.dataset.offline, null, { timeout: 120000 }).catch(() => {});
  context.off('request', onRequest);
  let bytes = 0, requests = 0;
  for (const r of started) {
    if (r.timing().startTime > mark) continue;
    const sizes = await r.sizes().catch(() => null);
    if (!sizes) continue;
    requests++;
    bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  await page.close();
  return { ms, bytes, requests };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** `THROTTLED_GZIP=1`: the server sends gzip only, not the Brotli copies `make build` writes. */
const BROTLI = !process.env.THROTTLED_GZIP;
const servers = await Promise.all(ROOTS.map((root) => start(0, { ...(root ? { root } : {}), brotli: BROTLI })));
const results = ROOTS.map(() => ({}));
try {
  for (const area of Object.keys(AREAS)) {
    const cold = ROOTS.map(() => []), cached = ROOTS.map(() => []);
    for (let run = 0; run < RUNS; run++) {
      for (const [i, { url }] of servers.entries()) {
        const profile = mkdtempSync(join(tmpdir(), 'waterline-throttled-'));
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: '/usr/bin/chromium', headless: true, serviceWorkers: 'allow',
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-quic'],
        });
        try {
          cold[i].push(await visit(context, url, area));
          // Wait until the service worker controls the origin, then visit again.
          const probe = await context.newPage();
          await probe.goto(`${url}www/#${area}`);
          await probe.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120000 });
          await probe.close();
          cached[i].push(await visit(context, url, area));
        } finally {
          await context.close();
          rmSync(profile, { recursive: true, force: true });
        }
      }
    }
    for (const i of ROOTS.keys()) {
      results[i][area] = {
        coldMs: median(cold[i].map((r) => r.ms)), coldKiB: median(cold[i].map((r) => r.bytes)) / 1024,
        coldRequests: median(cold[i].map((r) => r.requests)),
        cachedMs: median(cached[i].map((r) => r.ms)), cachedKiB: median(cached[i].map((r) => r.bytes)) / 1024,
      };
    }
  }
} finally {
  for (const { server } of servers) server.close();
}

console.log(`\nFirst result on a slow phone — Chromium, 1.6 Mbit/s, 150 ms latency, CPU ÷${CPU_SLOWDOWN}, ${BROTLI ? 'Brotli (gzip where no .br copy)' : 'gzip only'}; ${cpus().length} × ${cpus()[0]?.model}; median of ${RUNS}`);
for (const [i, root] of ROOTS.entries()) {
  console.log(`\n${root ?? 'this repository'}\n| area | cold: navigation → first result | transferred before it | from the cache |`);
  console.log('|---|---:|---:|---:|');
  for (const [area, r] of Object.entries(results[i])) {
    console.log(`| ${area} | ${(r.coldMs / 1000).toFixed(2)} s | ${r.coldKiB.toFixed(0)} KiB (${r.coldRequests} requests) | ${(r.cachedMs / 1000).toFixed(2)} s |`);
  }
}
console.log(JSON.stringify(results));
