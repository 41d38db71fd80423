// Issue #21 item 2: how fast waterline reads a survey CSV from its bytes, in Node and headless
// Chromium, against uDSV and DuckDB-wasm (parse + per-column label counts) and, with --old DIR
// (a pkg/ directory of a previous `make build`), against that build, interleaved round by round
// (bench/csv-speed-core.mjs). Prints the machine's load beside the numbers.
// Usage: node bench/csv-speed.mjs [runs] [--old DIR] [--node-only | --chromium-only]  (after make build)
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runSpeed, table } from './csv-speed-core.mjs';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const oldDir = args.includes('--old') ? resolve(args[args.indexOf('--old') + 1]) : null;
const machine = `${cpus().length} × ${cpus()[0]?.model}`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

async function node() {
  const wl = await import('../pkg/waterline.js');
  wl.initSync({ module: readFileSync(new URL('../pkg/waterline_bg.wasm', import.meta.url)) });
  let old = null;
  if (oldDir) {
    old = await import(join(oldDir, 'waterline.js'));
    old.initSync({ module: readFileSync(join(oldDir, 'waterline_bg.wasm')) });
  }
  const { inferSchema, initParser } = await import('udsv');
  const before = load();
  const r = await runSpeed({ wl, old, inferSchema, initParser, runs });
  console.log(table(r, `\nNode ${process.version}, ${machine}; ${(r.bytes / 1e6).toFixed(1)} MB, 100,000 × 40; median of ${runs}; load ${before} → ${load()}`));
}

async function chromium() {
  const { chromium } = await import('playwright-core');
  const { start } = await import('../scripts/serve.mjs');
  const { bundle } = await import('./bundle.mjs');
  await bundle(new URL('./csv-libs.mjs', import.meta.url), 'csv-libs.mjs');
  const oldOut = new URL('./out/old-pkg/', import.meta.url).pathname;
  rmSync(oldOut, { recursive: true, force: true });
  if (oldDir) cpSync(oldDir, oldOut, { recursive: true });
  const { server, url } = await start(0, { dirs: ['bench', 'pkg', 'node_modules'] });
  const profile = mkdtempSync(join(tmpdir(), 'waterline-speed-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const before = load();
    await page.goto(`${url}bench/csv-speed.html?runs=${runs}${oldDir ? '&old=1' : ''}`);
    await page.waitForFunction(() => window.__results, null, { timeout: 900_000, polling: 1000 });
    const r = await page.evaluate(() => window.__results);
    if (r.error) throw new Error(`CSV speed page failed: ${r.error}`);
    const version = context.browser()?.version() ?? '';
    console.log(table(r, `\nChromium ${version}, ${machine}; ${(r.bytes / 1e6).toFixed(1)} MB, 100,000 × 40; median of ${runs}; load ${before} → ${load()}`));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.close();
  }
}

if (!args.includes('--chromium-only')) await node();
if (!args.includes('--node-only')) await chromium();
