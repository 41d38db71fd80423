// The policy everywhere: `make serve` (scripts/serve.mjs) sends the Content-Security-Policy as
// a response header on every response — the page, its modules, the worker script, the engine,
// a 404 — so that it also binds the module worker (a <meta> policy does not reach a worker) and
// forbids framing (`frame-ancestors` works only as a header). In the running page, code in
// the worker cannot fetch another origin, import a script from it, or evaluate strings; and a
// page on another origin cannot frame waterline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { open, load } from './harness.mjs';

let s, other, otherUrl;
before(async () => {
  s = await open();
  await load(s);
  await s.page.waitForSelector('[data-testid="survey-report"][data-state="ready"]', { timeout: 20000 });
  // A second origin (another port) with no policy of its own: it answers anything, frames
  // whatever ?src= names, and says whether it was reached.
  other = createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    if (u.pathname === '/frame') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><title>framer</title><iframe id="f" src="${u.searchParams.get('src')}" width="600" height="400"></iframe>`);
    }
    if (u.pathname === '/ok') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>ok</title><p id="ok">framed fine</p>');
    }
    res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
    res.end('export const reached = true; self.__reached = true;');
  });
  await new Promise((ok) => other.listen(0, '127.0.0.1', ok));
  otherUrl = `http://127.0.0.1:${other.address().port}`;
});
after(async () => { await s?.close(); other?.close(); });

test('every response carries the policy with frame-ancestors \'none\', and nosniff', async () => {
  for (const path of ['', 'www/', 'www/main.js', 'www/main.app.js', 'www/worker.js', 'www/worker.app.js', 'www/engine.js', 'www/jobs.js', 'pkg/waterline.js', 'pkg/waterline_bg.wasm', 'www/no-such-file.js']) {
    const r = await fetch(`${s.url}${path}`, { redirect: 'manual' });
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/, `${path || '/'}: ${csp}`);
    assert.match(csp, /default-src 'self'/, path);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/, path);
    assert.match(csp, /connect-src 'self'/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    await r.arrayBuffer();
  }
});

test('the survey worker cannot fetch another origin, import from it, or evaluate strings', async () => {
  const worker = s.page.workers().find((w) => w.url().endsWith('/www/worker.app.js'));
  assert.ok(worker, `the module worker runs: ${s.page.workers().map((w) => w.url())}`);
  const result = await worker.evaluate(async (origin) => {
    const attempt = async (fn) => { try { await fn(); return 'allowed'; } catch (e) { return `blocked: ${e.name}`; } };
    return {
      sameOrigin: await attempt(() => fetch('/www/worker.app.js').then((r) => r.text())),
      fetch: await attempt(() => fetch(`${origin}/data`)),
      import: await attempt(() => import(`${origin}/module.js`)),
      eval: await attempt(() => (0, eval)('1 + 1')),
      newFunction: await attempt(() => new Function('return 1')()),
      setTimeoutString: await attempt(() => new Promise((ok, no) => { self.__ran = false; try { setTimeout('self.__ran = true', 0); } catch (e) { no(e); } setTimeout(() => (self.__ran ? ok() : no(new Error('not run'))), 50); })),
      reached: self.__reached ?? false,
    };
  }, otherUrl);
  assert.equal(result.sameOrigin, 'allowed', 'the worker still reads its own origin');
  for (const k of ['fetch', 'import', 'eval', 'newFunction', 'setTimeoutString']) assert.match(result[k], /^blocked/, `${k}: ${result[k]}`);
  assert.equal(result.reached, false);
  // And the engine still works in the worker: a report was computed above, and runs again.
  assert.equal(await s.page.getAttribute('[data-testid="survey-report"]', 'data-state'), 'ready');
});

test('a page on another origin cannot frame waterline', async () => {
  const frame = async (src) => {
    await s.page.goto(`${otherUrl}/frame?src=${encodeURIComponent(src)}`);
    await s.page.waitForTimeout(1500);
    const child = s.page.frames().find((f) => f !== s.page.mainFrame());
    return child.evaluate(() => document.body?.textContent ?? '').catch((e) => `error: ${e.message}`);
  };
  // Control: the framing page works for a frame that allows it.
  assert.match(await frame(`${otherUrl}/ok`), /framed fine/);
  const text = await frame(`${s.url}www/`);
  assert.doesNotMatch(text, /waterline|Engine|Survey/, `waterline rendered inside a foreign frame: ${text.slice(0, 200)}`);
});
