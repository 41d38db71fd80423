// Offline use and updates (issue #21 item 4): after one visit, the page works with the network
// cut, in every area; a half-deployed update is refused; a complete one is offered, taken on
// request, and replaces the old build (page and engine together).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, load, screenshots } from './harness.mjs';
import { writePrecache } from '../../scripts/precache.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
// A copy of the deployed files, which the test changes as a new deploy would.
const root = mkdtempSync(join(tmpdir(), 'waterline-deploy-'));
cpSync(join(repo, 'www'), join(root, 'www'), { recursive: true });
cpSync(join(repo, 'pkg'), join(root, 'pkg'), { recursive: true, filter: (p) => !p.includes('/pkg/stats') });
const first = writePrecache(root);

let s;
before(async () => { s = await open({ serviceWorkers: 'allow', root }); });
after(async () => { await s?.close(); rmSync(root, { recursive: true, force: true }); });

/** Each area shows its first result (the examples): the worker, the engine and the page ran. */
async function everyAreaWorks() {
  const { page } = s;
  await page.click('#tab-proposals');
  await page.waitForSelector('[data-testid="ranking-table"] tbody tr', { timeout: 30000 });
  await page.click('#tab-toc');
  await page.waitForSelector('#area-toc .toc-diagram-svg', { timeout: 30000 });
  await page.click('#tab-survey');
  await page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 30000 });
}

const controlled = () => s.page.waitForFunction(() => Boolean(navigator.serviceWorker.controller)
  && document.documentElement.dataset.offline === 'ready', null, { timeout: 30000 });
const cacheNames = () => s.page.evaluate(() => caches.keys());

/** Asks the browser to look for a new build; resolves to the new worker's final state, or 'none'. */
const checkForUpdate = () => s.page.evaluate(async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  await reg.update();
  const worker = reg.installing;
  if (!worker) return reg.waiting ? 'installed' : 'none';
  return new Promise((done) => worker.addEventListener('statechange', () => {
    if (worker.state === 'installed' || worker.state === 'redundant') done(worker.state);
  }));
});

test('after one visit, every area works with the network cut', async () => {
  await load(s);
  await controlled();
  await everyAreaWorks();
  assert.deepEqual(await cacheNames(), [`waterline-${first.version}`]);
  s.server.cut = true;
  try {
    await s.page.reload();
    await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 30000 });
    await everyAreaWorks();
    await s.page.screenshot({ path: `${screenshots}offline-en.png` });
  } finally {
    s.server.cut = false;
  }
  assert.deepEqual(s.errors.filter((e) => !/Failed to load resource/.test(e)), []);
});

test('a half-done deploy is refused; a whole one is offered and replaces the old build', async () => {
  const html = join(root, 'www', 'index.html');
  const next = readFileSync(html, 'utf8').replace('<title>waterline</title>', '<title>waterline</title>\n  <meta name="build" content="next">');
  // The list names the new page, but the server still has the old one: the hash check fails.
  const old = readFileSync(html);
  writeFileSync(html, next);
  writePrecache(root);
  writeFileSync(html, old);
  assert.equal(await checkForUpdate(), 'redundant');
  assert.deepEqual(await cacheNames(), [`waterline-${first.version}`]);
  assert.equal(await s.page.isVisible('#app-update'), false);

  // The deploy completes: the new build installs beside the old one and waits for the user.
  writeFileSync(html, next);
  const second = writePrecache(root);
  assert.notEqual(second.version, first.version);
  await s.page.reload();
  await s.page.waitForSelector('#app-update:not([hidden])', { timeout: 30000 });
  assert.equal(await s.page.locator('meta[name="build"]').count(), 0, 'the old build still serves the open page');
  await s.page.click('#lang-es, [data-lang="es"]');
  assert.match(await s.page.textContent('#app-update'), /nueva versión/);
  await s.page.screenshot({ path: `${screenshots}offline-update-es.png` });
  await Promise.all([s.page.waitForEvent('load'), s.page.click('#app-update button')]);
  await s.page.waitForSelector('meta[name="build"]', { state: 'attached', timeout: 30000 });
  await s.page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 30000 });
  assert.deepEqual(await cacheNames(), [`waterline-${second.version}`]);
  // The new build also works offline.
  s.server.cut = true;
  try {
    await s.page.reload();
    await s.page.waitForSelector('meta[name="build"]', { state: 'attached', timeout: 30000 });
    await everyAreaWorks();
  } finally {
    s.server.cut = false;
  }
});

test('the page is installable: a manifest with icons, served with its type', async () => {
  const res = await s.page.request.get(`${s.url}www/manifest.webmanifest`);
  assert.equal(res.headers()['content-type'], 'application/manifest+json');
  const manifest = await res.json();
  assert.equal(manifest.display, 'standalone');
  for (const size of ['192x192', '512x512']) assert.ok(manifest.icons.some((i) => i.sizes === size), size);
  for (const icon of manifest.icons) {
    const r = await s.page.request.get(new URL(icon.src, `${s.url}www/`).href);
    assert.equal(r.status(), 200, icon.src);
  }
});
