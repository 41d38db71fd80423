// The CSV workload beside W5 (issue #21 item 1), in headless Chromium: the same 100,000 × 40
// survey export as bench/csv-peers.mjs (bench/domains.mjs surveyCsv, ~61 MB), read by each
// contender, which returns the count of every label in every column; counts checked equal
// (bench/csv-common.mjs). uDSV, PapaParse and d3-dsv parse the text and count in JavaScript;
// DuckDB-wasm (eh bundle, one thread, in its worker) reads the bytes and counts in SQL;
// waterline reads the bytes (encoding detection, CSV, the columns' dictionaries) and builds its
// whole report, as the page's worker does (Survey.fromBytes → mapping → report) — more work
// than the peers'. The peers are bundled from node_modules by esbuild (bench/bundle.mjs) and
// served with pkg/ by the local server: no request leaves the machine.
// Usage: node bench/csv-browser.mjs [runs, default 5]  (after make build; part of make bench)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../scripts/serve.mjs';
import { bundle } from './bundle.mjs';

const runs = Number(process.argv[2] ?? 5);
const version = (pkg) => JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
await bundle(new URL('./csv-libs.mjs', import.meta.url), 'csv-libs.mjs');

const { server, url } = await start(0, { dirs: ['bench', 'pkg', 'node_modules'] });
const profile = mkdtempSync(join(tmpdir(), 'waterline-csv-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
});
let r, browserVersion;
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${url}bench/csv.html?runs=${runs}`);
  await page.waitForFunction(() => window.__results, null, { timeout: 900_000, polling: 1000 });
  r = await page.evaluate(() => window.__results);
  browserVersion = context.browser()?.version() ?? '';
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.close();
}
if (r.error) throw new Error(`CSV page failed: ${r.error}`);

const what = {
  'uDSV': `uDSV ${version('udsv')}: inferSchema + stringArrs on the text, counted in JS`,
  'PapaParse': `PapaParse ${version('papaparse')}: Papa.parse on the text, counted in JS`,
  'd3-dsv': `d3-dsv ${version('d3-dsv')}: csvParseRows on the text, counted in JS`,
  'DuckDB-wasm': `DuckDB-wasm ${version('@duckdb/duckdb-wasm')} (DuckDB ${r.duckdbVersion}, eh bundle, 1 thread): bytes → read_csv all_varchar → UNPIVOT → GROUP BY count`,
};
const mb = r.bytes / 1e6;
console.log(`\nCSV → per-column label counts, Chromium ${browserVersion}, ${cpus().length} × ${cpus()[0]?.model}; ${mb.toFixed(1)} MB, 100,000 × 40; median of ${r.runs}`);
console.log('contenders run in turn, round by round; ratio < 1: waterline faster');
console.log('| contender | ms | MB/s | waterline ÷ contender | each run, ms |');
console.log('|---|---:|---:|---:|---|');
const row = (name, { ms, times }) => console.log(`| ${name} | ${ms.toFixed(0)} | ${(mb / (ms / 1000)).toFixed(0)} | ${(r.waterline.ms / ms).toFixed(2)} | ${times.map((t) => t.toFixed(0)).join(', ')} |`);
row(`waterline ${version('../pkg')}: bytes → Survey.fromBytes → mapping → full report`, r.waterline);
for (const p of r.peers) row(what[p.name] ?? p.name, p);
console.log(`counts equal: ${r.peers.length} peers on all 40 columns; waterline on ${r.checked} columns (34 agreement items, community)`);
console.log(`not in the times: TextDecoder bytes → text (the JS peers' input) ${r.decodeMs.toFixed(0)} ms; DuckDB-wasm start-up (worker + wasm compile) ${r.duckdbStartMs.toFixed(0)} ms`);
