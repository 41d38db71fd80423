// "Import events (CSV)" in the events editor of the Theory-of-change area (issue 17): the file
// is read by the engine's importEventsCsv against the current model (date, kind, title_en,
// title_es, concerns, source, quote; headers in English or Spanish). Rows it leaves out come
// back positioned and coded and are listed by row, column and code (`toc.eventsCsv.issue.<code>`);
// the events it read, with ids the model does not use, are added in one commit that the area's
// Undo takes back. No rule lives here.
import { call, provide } from '../../engine.js';
import { el, replace, uid } from '../../dom.js';
import { errorText, number, t } from '../../i18n.js';

const MAX_SHOWN = 100;

/** The import block. `getModel()`, `commit(edit, opts)` as in toc.js, `say(text, isError)` the card's status. */
export function createEventsImport({ getModel, commit, say }) {
  const id = uid('evcsv');
  const input = el('input', { type: 'file', id, accept: '.csv,text/csv,text/plain', class: 'visually-hidden', 'data-testid': 'toc-events-csv-file' });
  const result = el('div', { 'data-testid': 'toc-events-csv-result', 'aria-live': 'polite' });
  let last = null; // { name, error } or { name, value, added, rejected }: drawn again after a redraw

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const text = await file.text();
    // Not in the Theory of change's own build: the whole engine may still be on its way (engine.js).
    await provide('importEventsCsv');
    const r = call('importEventsCsv', getModel(), text);
    if (!r.ok) { last = { name: file.name, error: r.error }; show(); return; }
    const events = r.value.events;
    last = { name: file.name, value: r.value, added: 0, rejected: null };
    if (events.length) {
      const c = commit((m) => { m.events ??= []; m.events.push(...events); }, { undo: true });
      if (c.ok) last.added = events.length; else last.rejected = c.error;
    }
    show();
    if (last.added) say(t('toc.eventsCsv.added', { n: number(last.added, 0), file: file.name }));
  });

  function show() {
    if (!last) { replace(result); return; }
    if (last.error) {
      replace(result, el('p', { class: 'error', role: 'alert', 'data-testid': 'toc-events-csv-error',
        text: t('toc.eventsCsv.failed', { file: last.name, message: fileError(last.error) }) }));
      return;
    }
    const { name, value, added, rejected } = last;
    const issues = value.issues;
    replace(result,
      el('p', { 'data-testid': 'toc-events-csv-summary', text: t('toc.eventsCsv.read', { file: name, rows: number(value.nRows, 0), added: number(added, 0), skipped: number(value.nSkipped, 0) }) }),
      rejected ? el('p', { class: 'error', role: 'alert', text: t('toc.eventsCsv.rejected', { message: errorText(rejected) }) }) : null,
      issues.length ? el('div', { class: 'toc-table-scroll' }, el('table', { class: 'data toc-table', 'data-testid': 'toc-events-csv-issues' },
        el('caption', { text: t('toc.eventsCsv.issues') }),
        el('thead', {}, el('tr', {}, ['row', 'column', 'problem', 'value'].map((k) => el('th', { scope: 'col', text: t(`toc.csv.col.${k}`) })))),
        el('tbody', {}, issues.slice(0, MAX_SHOWN).map((i) => el('tr', { 'data-code': i.code },
          el('th', { scope: 'row', text: number(i.row, 0) }),
          el('td', {}, i.column == null ? '—' : number(i.column, 0), i.header ? [' (', el('span', { lang: 'en', text: i.header }), ')'] : null),
          el('td', { text: t(`toc.eventsCsv.issue.${i.code}`) }),
          el('td', {}, i.value == null || i.value === '' ? '—' : el('code', { text: i.value }))))))) : null,
      issues.length > MAX_SHOWN ? el('p', { class: 'toc-muted', text: t('toc.csv.more', { n: number(issues.length - MAX_SHOWN, 0) }) }) : null);
  }

  /** A thrown import error in the reader's language, with the columns it misses. */
  function fileError(error) {
    const d = error.details ?? {};
    const key = `toc.eventsCsv.error.${error.code}`;
    const missing = (Array.isArray(d.missing) ? d.missing : [d.missing ?? '']).map((m) => t(`toc.eventsCsv.role.${m}`)).join(', ');
    const text = t(key, { missing, row: d.row ?? '' });
    return text === key ? errorText(error) : text;
  }

  /** The block, labels in the current language (built again when the editor redraws). */
  function element() {
    show();
    return el('div', { class: 'toc-events-import', 'data-testid': 'toc-events-import' },
      el('h4', { text: t('toc.eventsCsv.heading') }),
      el('p', { class: 'toc-help', text: t('toc.eventsCsv.help') }),
      el('div', { class: 'fields' }, el('div', { class: 'field toc-field-button' },
        el('label', { class: 'file-button secondary', for: id }, el('span', { text: t('toc.eventsCsv.choose') })), input)),
      result);
  }

  return { element };
}
