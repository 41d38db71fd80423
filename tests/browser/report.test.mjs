// Issue #18 items 4 and 5: every figure of every area has its method card, and the evaluation
// report opens, prints alone, and exports as HTML and .docx in English and Spanish (the
// downloads are captured and read here: the HTML's text, inline charts and lack of script or
// request; the .docx unzipped with Node's zlib, its document.xml text and its PNG image parts),
// and its findings as CSV for Spanish Excel. LibreOffice is not installed on the test machine,
// so "opens in Word and LibreOffice" is checked as a well-formed package (content types,
// relationships, document.xml, media), not by opening it in either program.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { open, load, screenshots } from './harness.mjs';

let s;
before(async () => { s = await open(); await load(s); });
after(async () => { await s?.close(); });

/** The entries of a ZIP archive: name → Buffer (stored or deflated, as .docx files use). */
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  assert.ok(eocd >= 0, 'a ZIP end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Clicks `testid` in the report toolbar and returns the downloaded file's name and bytes. */
async function download(testid) {
  const [dl] = await Promise.all([s.page.waitForEvent('download'), s.page.click(`[data-testid="${testid}"]`)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

/** Common English words that Spanish text never uses (a small form of language.test.mjs's
 *  checker, whose module registers its own tests when imported). */
const EN = new Set('the of and to in is are was were for with that this from by on or at as it an have has which when what who how every each other share answering rise fall change points method adjusted over tests survey found program report proposal linked context timeline computed settings inputs reference prepared number'.split(' '));
const NAMES = ['McNemar', 'Wilson', 'Cronbach', 'Krippendorff', 'Newcombe', 'Holm', 'Benjamini–Hochberg', 'waterline', 'LCAP', 'Zumbas', 'Lunadas', 'Noches Familiares',
  'Parents Advocating for Student Success', 'PASS', 'SCUSD', 'ECV', 'FRPL', 'Alianza', 'Coachella', 'Word'];
function englishLines(lines) {
  return lines.filter((line) => {
    let rest = line;
    for (const n of NAMES) rest = rest.split(n).join(' ');
    const words = rest.toLowerCase().split(/[^\p{L}']+/u).filter(Boolean);
    const en = words.filter((w) => EN.has(w)).length;
    return en >= 2;
  });
}

/** The visible text lines of the report in the page, outside any lang="en" element. */
async function unmarkedLines(selector) {
  return s.page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const lines = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let n;
    const byBlock = new Map();
    while ((n = walker.nextNode())) {
      const parent = n.parentElement;
      if (!parent || parent.closest('[lang="en"]') || parent.closest('[hidden]') || parent.closest('svg')) continue;
      const block = parent.closest('p, li, th, td, h1, h2, h3, h4, h5, caption, figcaption, dt, dd, summary, button') ?? parent;
      byBlock.set(block, `${byBlock.get(block) ?? ''}${n.textContent}`);
    }
    for (const text of byBlock.values()) { const t = text.replace(/\s+/g, ' ').trim(); if (t) lines.push(t); }
    return lines;
  }, selector);
}

test('every figure in every area has a method card, opened by keyboard', async () => {
  const expected = { proposals: 5, toc: 2, survey: 6 };
  for (const area of ['proposals', 'toc', 'survey']) {
    await s.page.click(`#tab-${area}`);
    const counts = await s.page.evaluate((id) => [...document.querySelectorAll(`#area-${id} [data-figure]`)]
      .map((f) => ({ figure: f.dataset.figure, cards: f.querySelectorAll('details.methodcard').length })), area);
    assert.ok(counts.length >= expected[area], `${area}: at least ${expected[area]} figures, got ${JSON.stringify(counts)}`);
    const bare = counts.filter((c) => c.cards === 0);
    assert.deepEqual(bare, [], `${area}: figures without a method card`);
  }
  // Survey: the first card opens with Enter and names the method, settings, reference and n.
  const summary = s.page.locator('#area-survey details.methodcard > summary').first();
  await summary.focus();
  await s.page.keyboard.press('Enter');
  await s.page.waitForSelector('#area-survey details.methodcard[open] dl');
  const text = await s.page.locator('#area-survey details.methodcard[open]').first().textContent();
  for (const part of ['Method', 'Settings that applied', 'Confidence level', 'Reference', 'Inputs']) assert.ok(text.includes(part), `card has ${part}: ${text}`);
  await s.page.keyboard.press('Enter');
  // Proposals: the bootstrap or score card gives an R call.
  await s.page.click('#tab-proposals');
  const card = s.page.locator('#area-proposals [data-figure="proposals-budget"] details.methodcard > summary').first();
  await card.click();
  await s.page.waitForSelector('#area-proposals [data-figure="proposals-budget"] details.methodcard[open] dl');
  const budget = await s.page.locator('#area-proposals [data-figure="proposals-budget"] details.methodcard').first().textContent();
  assert.match(budget, /knapsack/i);
  assert.match(budget, /R call that reproduces it/);
});

test('the report opens in place of the areas and printing shows only the report', async () => {
  await s.page.click('[data-testid="report-open"]');
  await s.page.waitForSelector('[data-testid="report-doc"]');
  const headlines = await s.page.locator('[data-testid="report-headlines"] .report-headline').allTextContents();
  assert.ok(headlines.length >= 1, 'at least one headline');
  assert.match(headlines[0], /\d+% → \d+%, a (rise|fall|change) of/);
  assert.doesNotMatch(headlines.join(' '), /p [=<]/, 'no p-value in a headline');
  const notes = await s.page.locator('[data-testid="report-headlines"] .report-method-note').allTextContents();
  assert.match(notes[0], /Method: .*p [<=]/);
  await s.page.emulateMedia({ media: 'print' });
  const shown = await s.page.evaluate(() => {
    const visible = (el) => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    return {
      report: visible(document.getElementById('report-view')),
      areas: [...document.querySelectorAll('main > .area')].filter(visible).map((a) => a.id),
      header: visible(document.querySelector('header.top')),
      tabs: visible(document.querySelector('.tabs')),
      toolbar: visible(document.querySelector('.report-toolbar')),
    };
  });
  await s.page.emulateMedia({ media: 'screen' });
  assert.deepEqual(shown, { report: true, areas: [], header: false, tabs: false, toolbar: false });
  await s.page.screenshot({ path: `${screenshots}report-en.png`, fullPage: true });
});

for (const lang of ['en', 'es']) {
  test(`report exports in ${lang}: HTML, .docx and CSV`, async () => {
    if (lang === 'es') {
      await s.page.click('[data-lang="es"]');
      await s.page.waitForFunction(() => document.querySelector('[data-testid="report-doc"]')?.lang === 'es');
    }
    const rise = lang === 'en' ? /a (rise|fall|change) of \d+ points/ : /una (subida|bajada) de \d+ puntos|un cambio de/;

    const html = await download('report-export-html');
    assert.match(html.name, new RegExp(`-${lang}\\.html$`));
    const doc = html.bytes.toString('utf8');
    assert.match(doc, new RegExp(`<html lang="${lang}"`));
    assert.match(doc, rise);
    assert.ok((doc.match(/<svg/g) ?? []).length >= 2, 'charts are inline SVG');
    assert.doesNotMatch(doc, /<script/i);
    assert.doesNotMatch(doc, /<link\b/i);
    const urls = (doc.match(/(?:src|href)="[^"]*"/g) ?? []).filter((u) => !/="(data:|#)/.test(u));
    assert.deepEqual(urls, [], 'no request from the file');
    assert.match(doc, /Content-Security-Policy" content="default-src 'none'/);

    const docx = await download('report-export-docx');
    assert.match(docx.name, /\.docx$/);
    const parts = unzip(docx.bytes);
    for (const name of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml']) assert.ok(parts.has(name), `docx has ${name}`);
    const xml = parts.get('word/document.xml').toString('utf8');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('')).filter(Boolean);
    assert.ok(paragraphs.some((p) => rise.test(p)), 'a headline in document.xml');
    const images = [...parts.keys()].filter((k) => /^word\/media\/.+\.png$/.test(k));
    assert.ok(images.length >= 2, `chart images in the docx: ${images}`);
    for (const k of images) assert.deepEqual([...parts.get(k).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${k} is a PNG`);

    if (lang === 'es') {
      // No English the page wrote: headlines, notes, headings, table heads (references are
      // bibliographic English, marked lang="en" on the page and left out by the docx check's names).
      const page = englishLines(await unmarkedLines('[data-testid="report-doc"]'));
      assert.deepEqual(page, [], 'unmarked English in the Spanish report');
      const inDocx = englishLines(paragraphs.filter((p) => !/\bR\b|\(\d{4}\)/.test(p)));
      assert.deepEqual(inDocx, [], 'English in the Spanish .docx');

      const csv = await download('report-export-csv-es');
      const text = csv.bytes.toString('utf8');
      assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 BOM');
      const [head, first] = text.slice(1).split('\r\n');
      assert.equal(head, 'Pregunta;Medida;Antes;Después;Cambio (puntos);Límite inferior;Límite superior;n;Método;Valor p;Valor p ajustado');
      assert.match(first, /;0,\d+;0,\d+;/, 'shares with a decimal comma');
      assert.doesNotMatch(first, /\d\.\d/, 'no decimal point');
      await s.page.screenshot({ path: `${screenshots}report-es.png`, fullPage: true });
      await s.page.setViewportSize({ width: 375, height: 800 });
      const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await s.page.screenshot({ path: `${screenshots}report-es-375.png`, fullPage: false });
      await s.page.setViewportSize({ width: 1280, height: 900 });
      assert.ok(overflow <= 1, `no sideways scroll at 375 px (${overflow})`);
    } else {
      const csv = await download('report-export-csv');
      const [head] = csv.bytes.toString('utf8').split('\r\n');
      assert.equal(head, 'Question,Measure,Before,After,Change (points),Lower limit,Upper limit,n,Method,p-value,Adjusted p-value');
      const json = JSON.parse((await download('report-export-json')).bytes.toString('utf8'));
      assert.ok(json.rows.length >= 1 && typeof json.rows[0].before === 'number');
    }
  });
}

test('the report made no request to another host and raised no error', () => {
  assert.deepEqual(s.foreignRequests(), []);
  assert.deepEqual(s.errors, []);
});

// The report view and an open method card pass axe (serious or critical), in both languages;
// axe is injected with the CSP bypassed, in a session of its own, as a11y.test.mjs does.
test('the report and an open method card: no serious or critical axe violation', async () => {
  const { createRequire } = await import('node:module');
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const a = await open({ bypassCSP: true });
  try {
    await load(a);
    await a.page.addScriptTag({ path: axePath });
    await a.page.click('#area-survey details.methodcard > summary');
    await a.page.click('[data-testid="report-open"]');
    await a.page.waitForSelector('[data-testid="report-doc"]');
    for (const lang of ['en', 'es']) {
      await a.page.click(`[data-lang="${lang}"]`);
      const violations = await a.page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      assert.deepEqual(violations, [], `${lang}: ${JSON.stringify(violations, null, 2)}`);
    }
  } finally { await a.close(); }
});
