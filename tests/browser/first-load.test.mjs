// A small first load (issue #21 item 3): opening an area transfers at most 200 KiB (gzipped, as
// the local server sends it, headers included) before that area's first result is on screen —
// the page, the area's modules, its own engine build (pkg/<area>/) and the worker's requests.
// The whole engine (pkg/) and the other areas load after it (www/main.js marks the moment,
// `waterline:first-result`); Evidence needs all three areas, so it loads the whole engine.
// Every request is counted from a fresh profile (cold cache), service worker blocked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from './harness.mjs';
import { readFileSync } from 'node:fs';
import { proposalsCsv } from '../node/round-setup-data.mjs';

const LIMIT_KIB = 200;
const AREAS = {
  survey: '[data-testid="survey-report"][data-state="ready"]',
  proposals: '[data-testid="ranking-table"] tbody tr',
  toc: '#area-toc .toc-diagram-svg',
};

/** Opens `www/#area` cold; returns the bytes and requests started before the first result. */
async function firstLoad(area) {
  const s = await open({ brotli: false }); // the sizes are gzip's (the server would send Brotli)
  try {
    const started = [];
    s.context.on('request', (r) => started.push(r));
    await s.page.goto(`${s.url}www/#${area}`);
    await s.page.waitForSelector(AREAS[area], { timeout: 60000 });
    // The page's mark: when the area's first result was seen and the rest started to load.
    const mark = await s.page.waitForFunction(() => {
      const m = performance.getEntriesByName('waterline:first-result')[0];
      return m ? { at: performance.timeOrigin + m.startTime, shown: /** @type {any} */ (m).detail?.shown } : null;
    }, null, { timeout: 60000 }).then((h) => h.jsonValue());
    assert.equal(mark.shown, true, `${area}: the rest was loaded before the first result (a timeout or a click)`);
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    let bytes = 0;
    const before = [];
    for (const r of started) {
      if (r.timing().startTime > mark.at) continue;
      const response = await r.response();
      if (!response) continue;
      await response.finished();
      const sizes = await r.sizes();
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      before.push(`${new URL(r.url()).pathname} ${((sizes.responseBodySize + sizes.responseHeadersSize) / 1024).toFixed(1)}`);
    }
    const after = started.filter((r) => r.timing().startTime > mark.at).map((r) => new URL(r.url()).pathname);
    assert.deepEqual(s.errors, []);
    return { kib: bytes / 1024, before, after };
  } finally {
    await s.close();
  }
}

/**
 * What each area transfers today, plus about 3%: a regression fails. 2026-12-03, after the
 * area builds' diet (results written with the tape, one shared sort) and the Survey and
 * Theory-of-change strings (and Proposals' own tables) loaded per language
 * (i18n.registerLanguages): survey 425.0, proposals 381.4, toc 388.5 KiB; then every other
 * Proposals table per language too (no module registers both languages inline): proposals 372.8;
 * then the scale statistics, power and Wilson left out of the area builds whose page never calls
 * them (src/wasm/mod.rs): survey 419.5, proposals 342.5, toc 355.6; then the exports their page
 * calls only on a user's action (feature `deferred`: the Survey's streamed import, the Theory of
 * change's CSV imports, the Proposals round set-up and decision rules) taken from the whole
 * engine: survey 403.2, proposals 270.1, toc 310.4; the method cards' text per language: survey
 * 401.9, proposals 268.8, toc 309.2; the Survey's planning card's power from the whole engine:
 * survey 393.2 (with the page's JavaScript first bundled: 453.9, 400.0, 413.5; before that, from 49, 45 and
 * 44 source modules: 514.7, 452.7, 466.5). The issue's 200 KiB is
 * checked beside it as a TODO until it is met (README "Shipped size": the area's own engine
 * build alone is 287–336 KiB gzipped). `FIRST_LOAD_LIST=1` prints every request counted.
 */
const CEILING_KIB = { survey: 405, proposals: 277, toc: 319 };

const measured = {};
for (const area of Object.keys(AREAS)) {
  test(`${area}: its own build first, the whole engine after its first result`, async () => {
    const { kib, before, after } = measured[area] = await firstLoad(area);
    console.log(`# ${area}: ${kib.toFixed(1)} KiB before the first result (${before.length} requests); after it: ${after.length} requests`);
    if (process.env.FIRST_LOAD_LIST) console.log(before.map((line) => `#   ${line}`).join('\n'));
    assert.ok(before.some((line) => line.startsWith(`/pkg/${area}/waterline_bg.wasm`)), `${area} loads its own build:\n${before.join('\n')}`);
    assert.ok(!before.some((line) => line.startsWith('/pkg/waterline_bg.wasm')), `the whole engine is not loaded first:\n${before.join('\n')}`);
    assert.ok(after.includes('/pkg/waterline_bg.wasm'), 'the whole engine loads after the first result');
    const sources = before.filter((line) => /^\/www\/.*\.js /.test(line) && !/^\/www\/([a-z]+\.app|app-[A-Z0-9]+)\.js /.test(line));
    assert.deepEqual(sources, [], 'the page loads its bundle (scripts/bundle.mjs), not the source modules');
    assert.equal(before.filter((line) => line.includes('waterline_bg.wasm')).length, 1, `the engine is fetched once (the worker takes the page's):\n${before.join('\n')}`);
    assert.ok(kib <= CEILING_KIB[area], `${area}: ${kib.toFixed(1)} KiB > ${CEILING_KIB[area]} KiB:\n${before.join('\n')}`);
  });
  test(`${area}: at most ${LIMIT_KIB} KiB gzipped before its first result (issue 21)`, { todo: 'not met: README "Shipped size"' }, () => {
    const { kib, before } = measured[area] ?? { kib: Infinity, before: [] };
    assert.ok(kib <= LIMIT_KIB, `${area}: ${kib.toFixed(1)} KiB > ${LIMIT_KIB} KiB:\n${before.join('\n')}`);
  });
}

/**
 * www/boot.js asks for an engine build before main.js has chosen one: for every way the page
 * can be opened, the build it asked for is the one main.js loads first, fetched once (a wrong
 * guess would show as a second engine request before the first build is ready).
 */
test('the first script asks for the engine build the page then loads, once', async () => {
  const cases = { '': 'survey/', '#survey': 'survey/', '#proposals': 'proposals/', '#toc': 'toc/', '#evidence': '', '#nonsense': 'survey/' };
  for (const [hash, dir] of Object.entries(cases)) {
    const s = await open();
    try {
      const engines = [];
      s.context.on('request', (r) => { if (r.url().endsWith('waterline_bg.wasm')) engines.push(new URL(r.url()).pathname); });
      await s.page.goto(`${s.url}www/${hash}`);
      await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
      assert.equal(engines[0], `/pkg/${dir}waterline_bg.wasm`, `${hash || 'no hash'}: ${engines.join(', ')}`);
      assert.equal(engines.filter((path) => path === engines[0]).length, 1, `${hash || 'no hash'}: fetched once: ${engines.join(', ')}`);
      assert.deepEqual(await s.page.evaluate(() => /** @type {any} */ (globalThis).waterlineEarly), { taken: true }, `${hash || 'no hash'}: the early response was taken`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  }
});

/**
 * boot.js is async: on a fast network main.app.js may run before it. The engine is then
 * fetched by engine.js alone, and boot.js, arriving late, asks for nothing.
 */
test('a first script that arrives after the page has started still costs no second download', async () => {
  const s = await open();
  try {
    const engines = [];
    s.context.on('request', (r) => { if (r.url().endsWith('waterline_bg.wasm')) engines.push(new URL(r.url()).pathname); });
    let bootServed = false;
    await s.page.route('**/boot.app.js', async (route) => {
      // Hold boot.app.js until the engine has been requested by engine.js itself.
      for (let i = 0; i < 200 && engines.length === 0; i++) await new Promise((ok) => setTimeout(ok, 25));
      bootServed = true;
      await route.continue();
    });
    await s.page.goto(`${s.url}www/#toc`);
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    assert.ok(bootServed);
    assert.equal(engines.filter((path) => path === '/pkg/toc/waterline_bg.wasm').length, 1, engines.join(', '));
    assert.deepEqual(await s.page.evaluate(() => /** @type {any} */ (globalThis).waterlineEarly), { taken: true });
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

/** Holds the whole engine's wasm (pkg/) until the returned function is called. */
async function holdWholeEngine(page) {
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/pkg/waterline_bg.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

/**
 * An area's own build leaves out what its page calls only on a user's action (Cargo feature
 * `deferred`): the Theory of change's CSV imports, the Proposals round set-up (its CSV files,
 * the assignment) and decision rules (in the worker), the Survey's streamed import (in the
 * worker: jobs.js `runWith`); and its planning card's
 * power, which fills in once the whole engine is there (engine.js `available`). Asked for
 * before the whole engine has arrived, they wait for it (engine.js `provide`), on the page and
 * in the worker, and then work.
 */
test('an import the area build leaves out waits for the whole engine, then works', async () => {
  const s = await open();
  try {
    const release = await holdWholeEngine(s.page);
    await s.page.goto(`${s.url}www/#toc`);
    await s.page.waitForSelector('#area-toc .toc-diagram-svg');
    const toc = (id) => s.page.locator(`#area-toc [data-testid="${id}"]`);
    assert.equal(await s.page.evaluate(async () => typeof (await import(new URL('engine.app.js', location.href).href)).wasm.importEventsCsv), 'undefined', 'the toc build has no CSV import');
    await toc('toc-csv-edit').locator('summary').click();
    await toc('toc-csv-file').setInputFiles({ name: 'dataquest.csv', mimeType: 'text/csv', buffer: Buffer.from([
      'Academic Year,School Name,Reporting Category,Cumulative Enrollment,Suspension Count,Suspension Rate',
      '2015-16,Bobby Duke Middle,All Students,1012,121,12.0',
    ].join('\n')) });
    await new Promise((ok) => setTimeout(ok, 300));
    assert.equal(await toc('toc-csv-summary').count(), 0, 'nothing shown while the engine is on its way');
    assert.equal(await toc('toc-csv-error').count(), 0, 'and no error');
    release();
    await s.page.waitForSelector('#area-toc [data-testid="toc-csv-summary"]', { timeout: 60000 });
    assert.match(await toc('toc-csv-summary').textContent(), /a long file, 1 data rows, 1 series/);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
  const p = await open();
  try {
    const release = await holdWholeEngine(p.page);
    await p.page.goto(`${p.url}www/#proposals`);
    await p.page.waitForSelector('[data-testid="ranking-table"] tbody tr');
    await p.page.setInputFiles('[data-testid="setup-proposals-file"]', { name: 'proposals.csv', mimeType: 'text/csv', buffer: Buffer.from(proposalsCsv(12)) });
    await p.page.click('[data-testid="decision-run"]'); // the decision rules, in the worker
    await new Promise((ok) => setTimeout(ok, 300));
    assert.equal(await p.page.textContent('[data-testid="setup-proposals-report"]'), '', 'nothing shown while the engine is on its way');
    assert.equal(await p.page.locator('[data-testid="decision-lottery"]').count(), 0);
    release();
    await p.page.waitForFunction(() => /12 proposals read from 12 rows/.test(document.querySelector('[data-testid="setup-proposals-report"]')?.textContent ?? ''), null, { timeout: 60000 });
    await p.page.waitForSelector('[data-testid="decision-lottery"]', { timeout: 60000 });
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
  }
  const v = await open();
  try {
    const release = await holdWholeEngine(v.page);
    await v.page.goto(`${v.url}www/#survey`);
    await v.page.waitForSelector('[data-testid="survey-report"][data-state="ready"]');
    // The planning card's power calculations come with the whole engine too: it says so meanwhile.
    assert.match(await v.page.textContent('[data-testid="plan-waiting"]'), /once the rest of the engine has loaded/);
    const csv = readFileSync(new URL('../../src/survey/example/parents.csv', import.meta.url));
    // Every file above 1,000 bytes is streamed (the test threshold survey_stream.test.mjs uses).
    await v.page.evaluate(() => { document.documentElement.dataset.streamAbove = '1000'; document.documentElement.dataset.streamChunk = String(64 * 1024); });
    await v.page.setInputFiles('#survey-file', { name: 'parents.csv', mimeType: 'text/csv', buffer: csv });
    await new Promise((ok) => setTimeout(ok, 300));
    assert.doesNotMatch(await v.page.textContent('[data-testid="survey-status"]'), /read in chunks/);
    release();
    await v.page.waitForFunction(() => /“parents\.csv” read in chunks: 113 rows/.test(document.querySelector('[data-testid="survey-status"]')?.textContent ?? ''), null, { timeout: 60000 });
    assert.match(await v.page.textContent('[data-testid="survey-meta"]'), /^113 respondents/);
    assert.equal(await v.page.locator('[data-testid="plan-waiting"]').count(), 0);
    assert.match(await v.page.textContent('[data-testid="plan-result"]'), /pairs/);
    assert.deepEqual(v.errors, []);
  } finally {
    await v.close();
  }
});
