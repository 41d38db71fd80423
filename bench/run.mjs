// `make bench`: the benchmark suite in Node and in headless Chromium against the release
// build of pkg/, with jStat, simple-statistics and stdlib-js on identical data. Prints a table and writes
// bench/out/results.json.
import { readFileSync, mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import * as ss from 'simple-statistics';
import { initSync } from '../pkg/waterline.js';
import * as wl from '../pkg/waterline.js';
import { makeData } from './data.mjs';
import { runSuite } from './suite.mjs';
import { median } from './workloads.mjs';
import { domainBenchmarks } from './domains.mjs';
import { start } from '../scripts/serve.mjs';
import { stdlib } from './stdlib.mjs';
import { bundle } from './bundle.mjs';

const runs = Number(process.env.RUNS ?? 5);
const jStat = createRequire(import.meta.url)('jstat');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

// ---- Node
const exports = initSync({ module: readFileSync(new URL('../pkg/waterline_bg.wasm', import.meta.url)) });
const data = makeData();
const node = { suite: runSuite({ wl, jStat, ss, stdlib }, data, { runs }), domains: await domainBenchmarks(wl, { runs, memory: exports.memory }) };
// The two builds: pkg/ (whole engine, the page's) and pkg/stats/ (statistics only).
const builds = [
  { dir: 'pkg', label: 'whole engine (pkg/)', page: 'cold.html' },
  { dir: 'pkg/stats', label: 'statistics build (pkg/stats/)', page: 'cold-stats.html' },
];
const coldNode = {};
for (const { dir } of builds) {
  coldNode[dir] = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, [new URL('./cold-node.mjs', import.meta.url).pathname, dir]);
    coldNode[dir].push(JSON.parse(out).importToResultMs);
  }
}

// ---- W4 accuracy: two-sided t p-values against mpmath (tests/data/scale_t.csv, 50 digits),
// on the range: |t| ≤ 50, df 1…1000. Same wasm in Node and Chromium, so once.
const accuracy = (() => {
  const rows = readFileSync(new URL('../tests/data/scale_t.csv', import.meta.url), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('t,')).map((l) => l.split(',').map(Number))
    .filter(([t, df, p]) => Math.abs(t) <= 50 && df >= 1 && df <= 1000 && p > 0);
  const t = new Float64Array(rows.map((r) => r[0])), df = new Float64Array(rows.map((r) => r[1]));
  const ours = wl.tTwoSidedP(t, df);
  const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
  let oursMax = 0, jMax = 0, jWorst = null, sMax = 0, sWorst = null;
  rows.forEach(([tt, d, p], i) => {
    oursMax = Math.max(oursMax, rel(ours[i], p));
    const j = 2 * (1 - jStat.studentt.cdf(Math.abs(tt), d));
    const e = rel(j, p);
    if (!(e <= jMax)) { jMax = e; jWorst = { t: tt, df: d, p, jStat: j }; }
    const s = 2 * stdlib.tCdf(-Math.abs(tt), d); // as in the W4 row
    const es = rel(s, p);
    if (!(es <= sMax)) { sMax = es; sWorst = { t: tt, df: d, p, stdlib: s }; }
  });
  return { points: rows.length, waterlineMaxRelError: oursMax, jStatMaxRelError: jMax, jStatWorst: jWorst, stdlibMaxRelError: sMax, stdlibWorst: sWorst };
})();

// ---- Chromium (stdlib-js as an esbuild bundle, bench/out/stdlib.mjs, which bench/browser.mjs imports)
await bundle(new URL('./stdlib.mjs', import.meta.url), 'stdlib.mjs');
const { server, url } = await start(0, { dirs: ['bench', 'pkg', 'node_modules'] });
const launch = async () => {
  const profile = mkdtempSync(join(tmpdir(), 'waterline-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
  return { context, page: context.pages()[0] ?? await context.newPage(), done: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
};
let browser;
{
  const b = await launch();
  await b.page.goto(`${url}bench/index.html?runs=${runs}`);
  await b.page.waitForFunction(() => window.__results, null, { timeout: 600_000 });
  browser = await b.page.evaluate(() => window.__results);
  const version = b.context.browser()?.version() ?? 'chromium';
  browser.version = version;
  await b.done();
  if (browser.error) throw new Error(`browser suite failed: ${browser.error}`);
}
const coldBrowser = {};
for (const { dir, page: html } of builds) {
  coldBrowser[dir] = [];
  const b = await launch();
  for (let i = 0; i < 7; i++) {
    const page = await b.context.newPage(); // a fresh page each time (same empty profile)
    await page.goto(`${url}bench/${html}?i=${i}`);
    await page.waitForFunction(() => window.__cold, null, { timeout: 60_000 });
    coldBrowser[dir].push(await page.evaluate(() => window.__cold));
    await page.close();
  }
  await b.done();
}
server.close();

// ---- sizes
const size = (f) => { const b = readFileSync(new URL(`../${f}`, import.meta.url)); return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length }; };
const sizes = {};
for (const { dir } of builds) {
  const s = { wasm: size(`${dir}/waterline_bg.wasm`), js: size(`${dir}/waterline.js`) };
  s.total = { raw: s.wasm.raw + s.js.raw, gzip: s.wasm.gzip + s.js.gzip };
  sizes[dir] = s;
}

// ---- report
const fmt = (ms) => (ms === undefined ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const lines = [];
const out = (s = '') => { lines.push(s); console.log(s); };
out(`waterline benchmarks — ${new Date().toISOString().slice(0, 10)} — ${machine}; Chromium ${browser.version}`);
out(`median of ${runs} timed runs after one warm-up, milliseconds; ratio = peer time / waterline time (> 1: waterline faster)`);
out();
out('| id | workload | contender | Node ms | Node compute-only | Chromium ms | Chromium compute-only | ratio Node | ratio Chromium | note |');
out('|---|---|---|---:|---:|---:|---:|---:|---:|---|');
for (const [i, w] of node.suite.entries()) {
  const bw = browser.suite[i];
  const base = { node: w.contenders.find((c) => c.name === 'waterline'), browser: bw.contenders.find((c) => c.name === 'waterline') };
  for (const [j, c] of w.contenders.entries()) {
    const b = bw.contenders[j];
    const ratio = (peer, me) => (peer?.ms && me?.ms && c.name !== 'waterline' ? (peer.ms / me.ms).toFixed(1) + '×' : '');
    const note = c.missing ?? c.note ?? '';
    out(`| ${w.id} | ${w.name} (${w.size}) | ${c.name} | ${fmt(c.ms)} | ${fmt(c.computeMs)} | ${fmt(b?.ms)} | ${fmt(b?.computeMs)} | ${ratio(c, base.node)} | ${ratio(b, base.browser)} | ${note} |`);
  }
}
out(`| W4 accuracy | max relative error of two-sided t p-values vs mpmath (50 digits), ${accuracy.points} points, |t| ≤ 50, df 1–1000 | waterline | ${accuracy.waterlineMaxRelError.toExponential(1)} | | | | | | target ≤ 1e-12 |`);
out(`| W4 accuracy | (same points) | jStat | ${Number.isFinite(accuracy.jStatMaxRelError) ? accuracy.jStatMaxRelError.toExponential(1) : accuracy.jStatMaxRelError} | | | | | | worst at t = ${accuracy.jStatWorst?.t}, df = ${accuracy.jStatWorst?.df}: ${accuracy.jStatWorst?.jStat} vs ${accuracy.jStatWorst?.p} |`);
out(`| W4 accuracy | (same points) | stdlib-js | ${Number.isFinite(accuracy.stdlibMaxRelError) ? accuracy.stdlibMaxRelError.toExponential(1) : accuracy.stdlibMaxRelError} | | | | | | worst at t = ${accuracy.stdlibWorst?.t}, df = ${accuracy.stdlibWorst?.df}: ${accuracy.stdlibWorst?.stdlib} vs ${accuracy.stdlibWorst?.p} |`);
for (const [i, d] of node.domains.entries()) {
  const b = browser.domains[i];
  out(`| ${d.id} | ${d.name} | waterline | ${fmt(d.ms)} | | ${fmt(b?.ms)} | | | | ${d.target ?? ''} ${b?.detail ?? d.detail ?? ''} |`);
}
for (const { dir, label } of builds) {
  const cb = coldBrowser[dir];
  out(`| C | cold start: import → first result, ${label} | waterline | ${fmt(median(coldNode[dir]))} | | ${fmt(median(cb.map((c) => c.importToResultMs)))} | | | | target < 10 ms Node, < 50 ms Chromium; fresh process / fresh page, median of 7; Chromium from navigation start to result (page set-up included): ${fmt(median(cb.map((c) => c.navigationToResultMs)))} ms; the page preloads the engine as www/index.html does |`);
}
for (const { dir, label } of builds) {
  const s = sizes[dir];
  out(`| S | bytes shipped (wasm + JS glue), ${label} | waterline | raw ${(s.total.raw / 1024).toFixed(1)} KiB | gzip ${(s.total.gzip / 1024).toFixed(1)} KiB | | | | | wasm ${(s.wasm.gzip / 1024).toFixed(1)} KiB + JS ${(s.js.gzip / 1024).toFixed(1)} KiB gzipped; target < 200 KB gzipped |`);
}

mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/results.json', import.meta.url), JSON.stringify({ machine, chromium: browser.version, runs, node, browser, coldNode, coldBrowser, sizes, accuracy }, null, 2));
writeFileSync(new URL('./out/table.md', import.meta.url), lines.join('\n') + '\n');
console.log('\nwrote bench/out/results.json and bench/out/table.md');
