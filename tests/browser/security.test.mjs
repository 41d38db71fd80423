// Security: user text (proposal titles, reviewer comments, CSV cells, logic-model names) is
// always rendered as text. A project file and a reviews CSV full of <script>, <img onerror>,
// javascript: and <svg onload> payloads are opened; nothing may execute, no element may carry an
// inline handler or a javascript: link, no CSP violation may be reported, and the payloads must
// show up as literal text. Also: every export of the engine, fed garbage from the page, throws
// an Error with a code (or returns) and the engine keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, load, screenshots } from './harness.mjs';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  'javascript:window.__pwned=3',
  '"><svg onload="window.__pwned=4">',
];
const TEXT_KEYS = new Set(['title', 'name', 'en', 'es', 'applicant', 'community', 'comment', 'note', 'measure', 'owner', 'dataSource', 'who', 'quote', 'unit', 'reason']);

/** Adds a payload to every user-text string of a project. */
function poison(value, i = { n: 0 }) {
  if (Array.isArray(value)) return value.map((v) => poison(v, i));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k,
      typeof v === 'string' && TEXT_KEYS.has(k) ? `${v} ${PAYLOADS[i.n++ % PAYLOADS.length]}` : poison(v, i)]));
  }
  return value;
}

let s;
before(async () => {
  s = await open();
  await load(s);
  await s.page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});
after(async () => { await s?.close(); });

async function assertInert(where) {
  const state = await s.page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    violations: window.__violations,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]').length,
    imgX: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.scripts].filter((sc) => !sc.src).length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"], [src^="javascript:"]').length,
  }));
  assert.deepEqual(state, { pwned: null, violations: [], handlers: 0, imgX: 0, scripts: 0, jsLinks: 0 }, where);
}

test('a project file full of payloads opens, shows them as text, and runs nothing', async () => {
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('#project-save')]);
  const project = poison(JSON.parse(readFileSync(await download.path(), 'utf8')));
  s.page.once('dialog', (d) => d.accept());
  await s.page.setInputFiles('#project-open', { name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await s.page.waitForSelector('#project-status:has-text("opened"), #project-status:has-text("Project")');
  for (const area of ['proposals', 'toc', 'survey']) {
    await s.page.click(`#tab-${area}`);
    await s.page.waitForTimeout(300);
    await assertInert(`after opening the project, ${area}`);
  }
  await s.page.click('#tab-proposals');
  const text = await s.page.textContent('#area-proposals');
  assert.ok(text.includes('<img src=x onerror='), 'the payload is shown as literal text');
  await s.page.click('#tab-toc');
  assert.ok((await s.page.textContent('#area-toc')).includes('<script>window.__pwned=2</script>') ||
    (await s.page.textContent('#area-toc')).includes('<img src=x'), 'model text is shown as literal text');
  await s.page.screenshot({ path: `${screenshots}security-toc.png`, fullPage: false });
});

test('a reviews CSV with payloads in its cells and headers imports as text', async () => {
  await s.page.click('#tab-proposals');
  const csv = [
    'reviewer,proposal,policies,comment,<img src=x onerror="window.__pwned=5">',
    `r1,p01,3,"${PAYLOADS[0].replaceAll('"', '""')}",x`,
    `"<script>window.__pwned=6</script>",p01,9,"${PAYLOADS[3].replaceAll('"', '""')}",y`,
  ].join('\n');
  const details = s.page.locator('#area-proposals details:has([data-testid="import-paste"])');
  if (await details.count()) await details.first().evaluate((d) => { d.open = true; });
  const pasteMode = s.page.locator('[data-testid="import-paste"]');
  if (!(await pasteMode.isVisible())) await s.page.locator('[data-testid="import-paste-mode"], [data-testid^="import-"][type="radio"]').first().check().catch(() => {});
  await s.page.fill('[data-testid="import-paste"]', csv);
  await s.page.click('[data-testid="import-pasted"]');
  await s.page.waitForTimeout(500);
  await assertInert('after importing a hostile reviews CSV');
});

test('a survey CSV with payloads in headers, labels and cells imports and reports as text', async () => {
  await s.page.click('#tab-survey');
  const header = ['Respondent ID', 'How much do you agree? <img src=x onerror="window.__pwned=7">', '<script>window.__pwned=8</script>', 'Community'];
  const rows = [];
  for (let i = 0; i < 30; i++) {
    rows.push([`R${i}`, i % 3 ? 'Agree' : PAYLOADS[i % 4], i % 2 ? 'Strongly agree' : 'Disagree', i % 2 ? 'javascript:window.__pwned=9' : '"><svg onload="window.__pwned=10">']);
  }
  const quote = (v) => `"${String(v).replaceAll('"', '""')}"`;
  const csv = [header, ...rows].map((r) => r.map(quote).join(',')).join('\n');
  await s.page.setInputFiles('[data-testid="survey-file"]', { name: 'evil.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await s.page.waitForFunction(() => document.querySelector('[data-testid="survey-report"]')?.textContent.includes('<img src=x'), null, { timeout: 20000 });
  await assertInert('after importing a hostile survey CSV');
  await s.page.screenshot({ path: `${screenshots}security-survey.png`, fullPage: false });
});

test('every export survives garbage and the engine keeps working', async () => {
  const report = await s.page.evaluate(async () => {
    const wl = await import('/pkg/waterline.js');
    const garbage = [undefined, null, NaN, Infinity, -1, 1e308, '', 'x', '<script>', true, {}, [], [NaN],
      { level: 'high' }, { __proto__: { level: 2 } }, new Float64Array([NaN, Infinity]), () => 1, Symbol.iterator];
    const results = { calls: 0, threwWithCode: 0, returned: 0, threwWithoutCode: [] };
    const names = Object.keys(wl).filter((k) => typeof wl[k] === 'function' && k !== 'default' && !/^init|^initSync$/.test(k) && k[0] !== '_');
    for (const name of names) {
      const isClass = /^[A-Z]/.test(name);
      for (const a of garbage) for (const b of [undefined, a, new Float64Array(3)]) {
        results.calls++;
        try {
          const r = isClass ? new wl[name](a, b) : wl[name](a, b, a);
          results.returned++;
          r?.free?.();
        } catch (e) {
          if (e && typeof e.code === 'string') results.threwWithCode++;
          else results.threwWithoutCode.push(`${name}(${String(a)}): ${e?.message ?? e}`);
        }
      }
    }
    const ci = wl.wilson(101, 113);
    return { ...results, names: names.length, stillWorks: Math.abs(ci.lower - 0.8235144111649059) < 1e-12 };
  });
  assert.equal(report.stillWorks, true, 'the engine still computes after the garbage');
  assert.ok(report.names >= 30, `${report.names} exports exercised`);
  // Classes called with the wrong argument types may be rejected by wasm-bindgen's own glue
  // (TypeError) before reaching waterline; everything else must carry a code.
  const uncoded = report.threwWithoutCode.filter((m) => !/is not a|Cannot convert|expected/.test(m));
  assert.deepEqual(uncoded, [], uncoded.slice(0, 10).join('\n'));
  await assertInert('after the garbage');
  assert.deepEqual(s.errors.filter((e) => !/Failed to load resource/.test(e)), []);
});
