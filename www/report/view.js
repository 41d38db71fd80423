// The evaluation report's view (issue 18). The "Evaluation report" button sits in the project
// bar — the report is made from the whole project, not from one area, so it is not a fourth
// tab — and opens the report in place of the areas, with its actions: print (only the report
// prints: body.report-open hides the rest, on screen and in print), export HTML, export .docx,
// and the findings as CSV, CSV for Spanish Excel and JSON. "Back to the areas" (or Escape)
// closes it. The report is rebuilt when it opens and when the language changes.
import { el, replace } from '../dom.js';
import { lang, onLangChange, t } from '../i18n.js';
import { buildReport } from './build.js';
import { findingsCsv, findingsCsvEs, findingsJson, reportDocx, reportHtml, save } from './export.js';
import './strings.js';

/** A file name from the model's title: "informe-alianza-es.html". */
function fileBase(title) {
  const slug = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `${t('report.title').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-')}${slug ? `-${slug}` : ''}-${lang()}`;
}

/** Wires the report button and view; `view` is the report's <section>, `opener` its button. */
export function mountReport({ view, opener }) {
  let built = null;
  const status = el('p', { class: 'report-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'report-status' });
  const say = (text, isError) => { status.textContent = text; status.classList.toggle('error', isError); };
  const doc = el('div', { class: 'report-body' });
  const button = (key, testid, onclick, cls = 'secondary') => el('button', { type: 'button', class: cls, 'data-i18n': key, 'data-testid': testid, text: t(key), onclick });
  const file = (ext) => `${fileBase(built?.title ?? '')}.${ext}`;
  const toolbar = el('div', { class: 'report-toolbar no-print', role: 'toolbar', 'aria-label': t('report.actions') },
    button('report.close', 'report-close', () => close()),
    button('report.print', 'report-print', () => window.print(), 'primary'),
    button('report.exportHtml', 'report-export-html', () => save(file('html'), async () => new Blob([reportHtml(doc.firstElementChild, built.title || t('report.title'))], { type: 'text/html;charset=utf-8' }), say)),
    button('report.exportDocx', 'report-export-docx', () => save(file('docx'), () => reportDocx(doc.firstElementChild, built.title || t('report.title')), say)),
    button('report.csv', 'report-export-csv', () => save(file('csv'), async () => new Blob([findingsCsv(built.findings)], { type: 'text/csv;charset=utf-8' }), say)),
    button('report.csvEs', 'report-export-csv-es', () => save(`${fileBase(built?.title ?? '')}-excel.csv`, async () => new Blob([findingsCsvEs(built.findings)], { type: 'text/csv;charset=utf-8' }), say)),
    button('report.json', 'report-export-json', () => save(file('json'), async () => new Blob([findingsJson(built.findings)], { type: 'application/json' }), say)));
  replace(view, toolbar, status, doc);

  function render() {
    built = buildReport();
    replace(doc, built.node);
  }
  function open() {
    render();
    view.hidden = false;
    document.body.classList.add('report-open');
    opener.setAttribute('aria-expanded', 'true');
    /** @type {HTMLElement | null} */ (doc.querySelector('h1'))?.setAttribute('tabindex', '-1');
    /** @type {HTMLElement | null} */ (doc.querySelector('h1'))?.focus();
  }
  function close() {
    view.hidden = true;
    document.body.classList.remove('report-open');
    opener.setAttribute('aria-expanded', 'false');
    say('', false);
    opener.focus();
  }
  opener.addEventListener('click', () => (view.hidden ? open() : close()));
  view.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
  onLangChange(() => {
    toolbar.setAttribute('aria-label', t('report.actions'));
    if (!view.hidden) render();
  });
  return { open, close };
}
