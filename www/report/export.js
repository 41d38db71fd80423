// The report's exports (issue 18): a self-contained HTML file (inline CSS, charts as inline
// SVG with their styles written in, no script, a CSP that forbids every request), a Word
// .docx with the charts as PNG images (the npm package `docx`, vendored into www/vendor/ by
// `make build` and loaded only when the user asks for a .docx), and the findings table as CSV,
// CSV for Spanish Excel and JSON. Everything is made here and saved through an object URL.
import { csvText, csvTextEs } from '../csv.js';
import { lang, t } from '../i18n.js';
import { downloadBlob } from '../store.js';
import { methodCardLines, methodLabel } from '../methodcard.js';
import { pngBlob, standaloneSvg } from '../areas/toc/exportimg.js';
import { COLUMNS } from './findings.js';
import { REPORT_CSS } from './css.js';

/** The whitespace-normalized text of a node. */
const text = (node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The method card as one paragraph of text ("Method: … · Reference: …"). */
const cardText = (card) => (methodCardLines(card) ?? []).map(([k, v]) => `${k}: ${v}`).join(' · ');

/** Things never exported: controls, hidden parts. */
const skipped = (node) => node.matches('button, input, select, textarea, .no-print, [hidden], [aria-hidden="true"]:not(svg)');

/** The report's HTML file text: one standalone document in the report's language. */
export function reportHtml(node, title) {
  const copy = /** @type {HTMLElement} */ (node.cloneNode(true));
  const svgs = [...node.querySelectorAll('svg')];
  [...copy.querySelectorAll('svg')].forEach((svg, i) => {
    const { copy: inline } = standaloneSvg(svgs[i]);
    inline.removeAttribute('width'); // scaled by the file's CSS (svg { max-width: 100% })
    inline.removeAttribute('height');
    svg.replaceWith(inline);
  });
  const cards = [...node.querySelectorAll('details.methodcard')];
  [...copy.querySelectorAll('details.methodcard')].forEach((card, i) => {
    const p = document.createElement('p');
    p.className = 'method';
    p.textContent = cardText(cards[i]);
    card.replaceWith(p);
  });
  for (const n of [...copy.querySelectorAll('*')]) if (skipped(n)) n.remove();
  for (const n of copy.querySelectorAll('details')) n.setAttribute('open', '');
  for (const n of copy.querySelectorAll('[tabindex]')) n.removeAttribute('tabindex');
  const doc = document.implementation.createHTMLDocument(title);
  doc.documentElement.lang = lang();
  const meta = (attrs) => { const m = doc.createElement('meta'); for (const [k, v] of Object.entries(attrs)) m.setAttribute(k, v); doc.head.prepend(m); };
  meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' });
  // The file may be opened anywhere: it must not load or send anything.
  meta({ 'http-equiv': 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:" });
  meta({ charset: 'utf-8' });
  doc.body.append(doc.importNode(copy, true));
  // The stylesheet goes in as text: a <style> element made in this page would be refused by
  // the page's own CSP (style-src 'self'); in the file, its CSP allows it.
  const html = doc.documentElement.outerHTML.replace('</head>', `<style>${REPORT_CSS}</style></head>`);
  return `<!doctype html>\n${html}\n`;
}

/**
 * The findings table as rows of cells: header (column names in the report's language) + values,
 * numbers as numbers and the method named in the report's language, as in its table.
 */
export function findingsRows(findings) {
  const cell = (r, key) => (key === 'method' && r[key] ? methodLabel(r[key]) : r[key] ?? null);
  return [COLUMNS.map(([, key]) => t(key)), ...findings.map((r) => COLUMNS.map(([key]) => cell(r, key)))];
}

export const findingsCsv = (findings) => csvText(findingsRows(findings));
export const findingsCsvEs = (findings) => csvTextEs(findingsRows(findings));
export const findingsJson = (findings) => `${JSON.stringify({ columns: COLUMNS.map(([key]) => key), rows: findings }, null, 2)}\n`;

/** The docx library, loaded on first use from the vendored copy (no network beyond this page). */
let docxModule = null;
async function loadDocx() {
  // A URL, not a literal specifier: the type checker does not read the vendored bundle, and the
  // page's bundle (scripts/bundle.mjs) leaves it out. Relative to the page (www/), where it is
  // from this module and from the bundle alike.
  // A failed download is not kept: the next click tries again (issue 21, a flaky first visit).
  docxModule ??= import(new URL('vendor/docx.mjs', document.baseURI).href).catch((e) => { docxModule = null; throw e; });
  return docxModule;
}

const MAX_WIDTH = 600; // px in Word's 96-dpi units: fits an A4/Letter page with margins

/** The report's .docx as a Blob: headings, paragraphs, lists, tables and the charts as PNGs. */
export async function reportDocx(node, title) {
  const d = await loadDocx();
  const { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = d;
  const HEADINGS = { H1: HeadingLevel.TITLE, H2: HeadingLevel.HEADING_1, H3: HeadingLevel.HEADING_2, H4: HeadingLevel.HEADING_3, H5: HeadingLevel.HEADING_4 };
  const out = [];
  const para = (s, opts = {}) => new Paragraph({ ...opts, children: [new TextRun({ text: s, ...(opts.run ?? {}) })] });

  async function image(svg) {
    const { width, height } = standaloneSvg(svg);
    const blob = await pngBlob(svg, 2);
    const data = new Uint8Array(await blob.arrayBuffer());
    const w = Math.min(MAX_WIDTH, width);
    return new Paragraph({ children: [new ImageRun({ type: 'png', data, transformation: { width: Math.round(w), height: Math.round(height * (w / width)) },
      altText: { name: svg.getAttribute('aria-label') ?? 'chart', description: svg.getAttribute('aria-label') ?? '', title: 'chart' } })] });
  }

  function table(tbl) {
    const rows = [...tbl.querySelectorAll('tr')].map((tr) => new TableRow({
      tableHeader: tr.parentElement?.tagName === 'THEAD',
      children: [...tr.children].map((c) => new TableCell({ children: [para(text(c), { run: { bold: c.tagName === 'TH', size: 18 } })] })),
    }));
    if (!rows.length) return [];
    const caption = tbl.querySelector('caption');
    return [...(caption ? [para(text(caption), { run: { italics: true } })] : []), new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), para('')];
  }

  async function walk(n) {
    if (!(n instanceof Element) || (skipped(n) && n.tagName.toLowerCase() !== 'svg')) return;
    const tag = n.tagName.toUpperCase();
    if (HEADINGS[tag]) out.push(para(text(n), { heading: HEADINGS[tag] }));
    else if (tag === 'SVG') out.push(await image(/** @type {SVGSVGElement} */ (n)));
    else if (n.matches('details.methodcard')) out.push(para(cardText(n), { run: { size: 18, color: '555555' } }));
    else if (tag === 'TABLE') out.push(...table(n));
    else if (tag === 'LI' && !n.querySelector('p, ul, ol, table')) out.push(para(text(n), { bullet: { level: 0 } }));
    else if (['P', 'FIGCAPTION', 'DT', 'DD', 'SUMMARY'].includes(tag)) { const s = text(n); if (s) out.push(para(s)); }
    else for (const c of n.children) await walk(c);
  }
  await walk(node);
  const doc = new Document({ creator: 'waterline', title, description: t('report.title'), sections: [{ children: out }] });
  return Packer.toBlob(doc);
}

/** Saves `blob` as `file`, reporting through `say(text, isError)`. */
export async function save(file, make, say) {
  say(t('report.exporting', { file }), false);
  try {
    downloadBlob(file, await make());
    say(t('report.exported', { file }), false);
  } catch (e) {
    console.error(e);
    say(t('report.exportFailed', { file, message: String(e?.message ?? e) }), true);
  }
}
