// The streaming import (#22) as a user meets it: a ~2 GB survey CSV (2,000,000 respondents × 60
// Likert items, labels as Google Forms writes them) chosen in the page's file input in headless
// Chromium, read in 8 MiB chunks by the worker. `node bench/stream-browser.mjs` after
// `make build` (part of `make bench`). Prints one JSON line: wall time, MB/s, and peak memory —
// the page's JS heap (CDP Performance.getMetrics JSHeapUsedSize, polled), the worker's engine
// memory (wasm memory.buffer.byteLength, which never shrinks, so the end value is the peak),
// and the renderer process's peak RSS (VmHWM in /proc; the worker runs in that process).
//
// The CSV is written to /tmp by streaming writes (never held whole) and deleted afterwards.
// ROWS=… and ITEMS=… make it smaller (e.g. ROWS=200000 for a quick look).
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { start } from '../scripts/serve.mjs';

const ROWS = Number(process.env.ROWS ?? 2_000_000);
const ITEMS = Number(process.env.ITEMS ?? 60);
const LABELS = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

/** Writes the CSV with a seeded generator, one buffered block of rows at a time. */
async function writeCsv(path) {
  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  let seed = 0x9e3779b9;
  const next = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 4294967296; };
  const header = ['Timestamp', 'Respondent ID', ...Array.from({ length: ITEMS }, (_, k) => `Q${k + 1}. Statement number ${k + 1} about this school`)];
  out.write(header.join(',') + '\n');
  const block = [];
  for (let r = 0; r < ROWS; r++) {
    const row = [`2026-0${1 + (r % 9)}-1${r % 10} 09:${String(r % 60).padStart(2, '0')}:00`, `R${r}`];
    // Each respondent leans one way; answers scatter around it.
    const lean = next() * 4;
    for (let k = 0; k < ITEMS; k++) row.push(LABELS[Math.max(0, Math.min(4, Math.round(lean + (next() - 0.5) * 3)))]);
    block.push(row.join(','));
    if (block.length === 5000 || r === ROWS - 1) {
      if (!out.write(block.join('\n') + '\n')) await once(out, 'drain');
      block.length = 0;
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Pids of the processes under `root` (the browser), from /proc. */
function descendants(root) {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try { parent.set(Number(d), Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1])); } catch { /* gone */ }
  }
  const out = [];
  for (const pid of parent.keys()) for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === root) { out.push(pid); break; }
  return out;
}
const status = (pid, key) => { try { return Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024; } catch { return 0; } };
const isRenderer = (pid) => { try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'); } catch { return false; } };

const dir = mkdtempSync(join(tmpdir(), 'waterline-stream-bench-'));
const csv = join(dir, 'survey-2gb.csv');
const profile = mkdtempSync(join(tmpdir(), 'waterline-bench-'));
const { server, url } = await start(0, { dirs: ['www', 'bench', 'pkg', 'node_modules'] });
let context;
try {
  const t0 = Date.now();
  await writeCsv(csv);
  const size = statSync(csv).size;
  console.error(`wrote ${(size / 1e9).toFixed(2)} GB in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${url}www/#survey`);
  await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // The browser process: the one whose command line names this profile and is no child type.
  const browserPid = Number(readdirSync('/proc').find((d) => /^\d+$/.test(d) && (() => { try { const c = readFileSync(`/proc/${d}/cmdline`, 'utf8'); return c.includes(profile) && !c.includes('--type='); } catch { return false; } })()));
  const peak = { jsHeap: 0, rendererRss: 0 };
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const m = await cdp.send('Performance.getMetrics').catch(() => null);
      const heap = m?.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
      peak.jsHeap = Math.max(peak.jsHeap, heap);
      for (const pid of descendants(browserPid).filter(isRenderer)) peak.rendererRss = Math.max(peak.rendererRss, status(pid, 'VmHWM'), status(pid, 'VmRSS'));
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  await new Promise((r) => setTimeout(r, 1000));
  const rssBefore = descendants(browserPid).filter(isRenderer).reduce((a, pid) => Math.max(a, status(pid, 'VmRSS')), 0);
  const started = Date.now();
  await page.setInputFiles('#survey-file', csv);
  await page.waitForFunction(() => /read in chunks: /.test(document.querySelector('[data-testid="survey-status"]')?.textContent ?? '')
    || !document.querySelector('[data-testid="survey-import-error"]')?.hidden, null, { timeout: 3_600_000, polling: 500 });
  const ms = Date.now() - started;
  polling = false;
  await poll;
  const result = await page.evaluate(async () => {
    const { run } = await import('/www/jobs.js');
    const mem = await run('call', { name: 'engineMemoryBytes', args: [] });
    return {
      status: document.querySelector('[data-testid="survey-status"]').textContent,
      error: document.querySelector('[data-testid="survey-import-error"]').hidden ? null : document.querySelector('[data-testid="survey-import-error"]').textContent,
      meta: document.querySelector('[data-testid="survey-meta"]')?.textContent ?? '',
      workerWasmBytes: mem.ok ? mem.value : null,
    };
  });
  const MB = 1024 * 1024;
  console.log(`Chromium ${context.browser()?.version() ?? ''}; ${cpus().length} × ${cpus()[0]?.model ?? ''}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(JSON.stringify({
    id: 'stream-2gb', rows: ROWS, items: ITEMS, bytes: size, ms, mbPerS: +(size / 1e6 / (ms / 1000)).toFixed(1),
    peakPageJsHeapMiB: +(peak.jsHeap / MB).toFixed(1), workerWasmMiB: result.workerWasmBytes === null ? null : +(result.workerWasmBytes / MB).toFixed(1),
    rendererRssBeforeMiB: +(rssBefore / MB).toFixed(1), peakRendererRssMiB: +(peak.rendererRss / MB).toFixed(1), status: result.status, error: result.error, meta: result.meta.slice(0, 80),
  }));
} finally {
  await context?.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
