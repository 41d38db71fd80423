// A download of the engine that fails (a rural connection dropping) is tried again by itself:
// the opened area keeps working on its own build, the status says what happened in the user's
// language, a feature that needs the rest of the engine says so instead of "please report this",
// and once the connection is back everything loads (www/main.js `loadRetrying`, engine.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, screenshots } from './harness.mjs';

/** Fails every request for `pattern` as a dropped connection while `state.down`; counts them. */
async function flaky(page, pattern) {
  const state = { down: true, failed: 0 };
  await page.route(pattern, async (route) => {
    if (!state.down) return route.continue();
    state.failed += 1;
    return route.abort('internetdisconnected');
  });
  return state;
}

/** The console errors that are not Chromium's own line for a request we failed on purpose. */
const unexpected = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));

const statusText = (page) => page.textContent('#engine-status');

/** Waits until the status line reads `pattern` (it may change between two reads). */
const statusReads = (page, pattern) => page.waitForFunction((source) => new RegExp(source).test(document.getElementById('engine-status')?.textContent ?? ''), pattern.source, { timeout: 60000 });

/**
 * The connection is back: tells the page ("online") every half second until `done` resolves, so
 * that a retry loop that was in the middle of an attempt the first time hears it the next.
 */
async function backOnline(page, state, done) {
  state.down = false;
  const poke = setInterval(() => page.evaluate(() => window.dispatchEvent(new Event('online'))).catch(() => {}), 500);
  try { return await done; } finally { clearInterval(poke); }
}

test('the rest of the engine fails to download: the area works, says so, and loads it once back online', async () => {
  const s = await open({ brotli: false });
  try {
    const whole = await flaky(s.page, '**/pkg/waterline_bg.wasm');
    await s.page.goto(`${s.url}www/#toc`);
    await s.page.waitForSelector('#area-toc .toc-diagram-svg');
    await s.page.waitForSelector('#engine-status[data-state="retrying"]', { timeout: 60000 });
    assert.match(await statusText(s.page), /This area works; the rest of waterline could not be downloaded/);
    assert.ok(whole.failed >= 1);

    // A series file needs the rest of the engine: it says so, and the model is untouched.
    const toc = (id) => s.page.locator(`#area-toc [data-testid="${id}"]`);
    await toc('toc-csv-edit').locator('summary').click();
    const file = { name: 'dataquest.csv', mimeType: 'text/csv', buffer: Buffer.from([
      'Academic Year,School Name,Reporting Category,Cumulative Enrollment,Suspension Count,Suspension Rate',
      '2015-16,Bobby Duke Middle,All Students,1012,121,12.0',
    ].join('\n')) };
    await toc('toc-csv-file').setInputFiles(file);
    await s.page.waitForSelector('#area-toc [data-testid="toc-csv-error"]', { timeout: 60000 });
    assert.match(await toc('toc-csv-error').textContent(), /needs the rest of the engine, which is not downloaded yet/);
    assert.doesNotMatch(await toc('toc-csv-error').textContent(), /report this/);
    await s.page.screenshot({ path: `${screenshots}engine-retry-en.png` });

    // In Spanish: the status and the message, with no English left.
    await s.page.click('[data-lang="es"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'es');
    assert.match(await statusText(s.page), /Esta área funciona; no se pudo descargar el resto de waterline/);
    await toc('toc-csv-file').setInputFiles({ ...file, name: 'dataquest2.csv' });
    await s.page.waitForFunction(() => /necesita el resto del motor/.test(document.querySelector('#area-toc [data-testid="toc-csv-error"]')?.textContent ?? ''), null, { timeout: 60000 });
    await s.page.setViewportSize({ width: 375, height: 800 });
    await s.page.screenshot({ path: `${screenshots}engine-retry-es-375.png` });
    await s.page.click('[data-lang="en"]');

    // The connection is back: the next file tries at once and works; the page goes on from
    // there (the other areas mount) without waiting for its own next attempt.
    whole.down = false;
    await toc('toc-csv-file').setInputFiles({ ...file, name: 'dataquest3.csv' });
    await s.page.waitForSelector('#area-toc [data-testid="toc-csv-summary"]', { timeout: 60000 });
    assert.match(await toc('toc-csv-summary').textContent(), /a long file, 1 data rows, 1 series/);
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    await s.page.waitForSelector('#area-proposals [data-testid="ranking-table"] tbody tr', { state: 'attached', timeout: 60000 });
    assert.deepEqual(unexpected(s.errors), []);
  } finally {
    await s.close();
  }
});

test('the opened area\'s own build fails to download: the page says so and starts once it can', async () => {
  const s = await open({ brotli: false });
  try {
    const own = await flaky(s.page, '**/pkg/proposals/waterline_bg.wasm');
    await s.page.goto(`${s.url}www/#proposals`);
    await statusReads(s.page, /This area could not be downloaded: is the connection down\?/);
    await backOnline(s.page, own, s.page.waitForSelector('[data-testid="ranking-table"] tbody tr', { timeout: 60000 }));
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    assert.deepEqual(unexpected(s.errors), []);
  } finally {
    await s.close();
  }
});

/**
 * The second step's modules fail after the whole engine arrived (the other areas, Evidence, the
 * report, the other language's strings): the opened area works, the status says so, Spanish is
 * shown with what is in and completed once the rest is, and everything mounts once back online.
 */
test('the other areas\' modules and strings fail to download: tried again until they come', async () => {
  const s = await open({ brotli: false });
  try {
    const state = { wholeServed: false, down: true, failed: 0 };
    await s.page.route('**/pkg/waterline_bg.wasm', async (route) => { state.wholeServed = true; await route.continue(); });
    await s.page.route('**/www/app-*.js', async (route) => {
      if (!state.wholeServed || !state.down) return route.continue();
      state.failed += 1;
      return route.abort('internetdisconnected');
    });
    await s.page.goto(`${s.url}www/#toc`);
    await s.page.waitForSelector('#area-toc .toc-diagram-svg');
    await s.page.waitForSelector('#engine-status[data-state="retrying"]', { timeout: 60000 });
    assert.match(await statusText(s.page), /This area works; the rest of waterline could not be downloaded/);
    assert.ok(state.failed >= 1);
    assert.equal(await s.page.locator('#area-proposals [data-testid="ranking-table"]').count(), 0, 'Proposals waits');

    // Spanish while its table for this area cannot come: the page switches, the status is in
    // Spanish, and the area's own words follow once the table is in.
    const heading = () => s.page.textContent('#area-toc h2');
    assert.equal(await heading(), 'Theory of change');
    await s.page.click('[data-lang="es"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'es');
    assert.match(await statusText(s.page), /Esta área funciona; no se pudo descargar el resto de waterline/);
    assert.equal(await heading(), 'Theory of change', 'its table has not come yet');

    await backOnline(s.page, state, s.page.waitForFunction(() => document.querySelector('#area-toc h2')?.textContent === 'Teoría del cambio', null, { timeout: 60000 }));
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    assert.equal(await statusText(s.page), 'Motor listo');
    await s.page.waitForSelector('#area-proposals [data-testid="ranking-table"] tbody tr', { state: 'attached', timeout: 60000 });
    await s.page.waitForSelector('#area-evidence [data-testid]', { state: 'attached', timeout: 60000 });
    assert.deepEqual(unexpected(s.errors), []);
  } finally {
    await s.close();
  }
});

test('the worker fails to download: the Survey\'s first report waits for it instead of reporting a bug', async () => {
  const s = await open({ brotli: false });
  try {
    const worker = await flaky(s.page, '**/www/worker.app.js');
    await s.page.goto(`${s.url}www/#survey`);
    await statusReads(s.page, /This area could not be downloaded: is the connection down\?/);
    assert.ok(worker.failed >= 1);
    assert.doesNotMatch(await s.page.textContent('#area-survey'), /please report this/);
    await backOnline(s.page, worker, s.page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 60000 }));
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    assert.doesNotMatch(await s.page.textContent('#area-survey'), /please report this|could not be downloaded/);
    assert.deepEqual(unexpected(s.errors), []);
  } finally {
    await s.close();
  }
});

test('Spanish first: the area\'s Spanish strings fail to download, then come by themselves', async () => {
  const s = await open({ brotli: false, lang: 'es-ES' });
  try {
    // The Theory of change's Spanish table is the module whose text has its Spanish heading.
    const state = { down: true, failed: 0 };
    await s.page.route('**/www/app-*.js', async (route) => {
      if (!state.down) return route.continue();
      const response = await route.fetch();
      const body = await response.text();
      if (!body.includes('Teor\\xEDa del cambio') && !body.includes('Teoría del cambio')) return route.fulfill({ response, body });
      if (/toc\.heading|"toc\./.test(body)) { state.failed += 1; return route.abort('internetdisconnected'); }
      return route.fulfill({ response, body });
    });
    await s.page.goto(`${s.url}www/#toc`);
    // The area waits for its words rather than show their keys; the status says why, in Spanish.
    await statusReads(s.page, /No se pudo descargar esta área: ¿se cortó la conexión\?/);
    assert.ok(state.failed >= 1, 'the table was asked for and failed');
    assert.equal(await s.page.locator('#area-toc .toc-diagram-svg').count(), 0);
    await backOnline(s.page, state, s.page.waitForSelector('#area-toc .toc-diagram-svg', { timeout: 60000 }));
    assert.equal(await s.page.textContent('#area-toc h2'), 'Teoría del cambio');
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    assert.deepEqual(unexpected(s.errors), []);
  } finally {
    await s.close();
  }
});

test('the worker\'s own copy of the engine\'s glue fails once: the Survey\'s report still comes', async () => {
  const s = await open({ brotli: false });
  try {
    // The page and the worker each import the build's glue; one of the two fails once.
    let n = 0;
    await s.page.route((url) => url.pathname.endsWith('/pkg/survey/waterline.js') && !url.search, (route) => (++n === 2 ? route.abort('internetdisconnected') : route.continue()));
    await s.page.goto(`${s.url}www/#survey`);
    await s.page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 60000 });
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
    assert.ok(n >= 2);
    assert.doesNotMatch(await s.page.textContent('#area-survey'), /please report this/);
    assert.deepEqual(unexpected(s.errors), []);
  } finally {
    await s.close();
  }
});

test('Cancel while a job waits for its worker\'s download: cancelled at once', async () => {
  const s = await open({ brotli: false });
  try {
    const worker = await flaky(s.page, '**/www/worker.app.js');
    await s.page.goto(`${s.url}www/#proposals`);
    await s.page.waitForSelector('[data-testid="ranking-table"] tbody tr');
    await statusReads(s.page, /This area works; the rest of waterline could not be downloaded/); // the bootstrap's worker
    await s.page.click('[data-testid="decision-run"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="decision-status"]')?.textContent === 'Computing the expected ranks…');
    assert.ok(worker.failed >= 1);
    const started = Date.now();
    await s.page.click('[data-testid="decision-cancel"]');
    await s.page.waitForFunction(() => document.querySelector('[data-testid="decision-status"]')?.textContent === 'Cancelled.', null, { timeout: 10000 });
    assert.ok(Date.now() - started < 5000, 'not after the wait');
    await backOnline(s.page, worker, statusReads(s.page, /^Engine ready$/));
    assert.deepEqual(unexpected(s.errors), []);
  } finally {
    await s.close();
  }
});
