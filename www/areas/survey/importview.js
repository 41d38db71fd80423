// What the import found: the file's shape, size, every cell or row it could not read (with the
// file line, column and count) and the missing answers per column, by reason.
import { el } from '../../dom.js';
import { t } from '../../i18n.js';
import { count } from './format.js';

const th = (text, scope = 'col', cls) => el('th', { scope, class: cls, text });
const td = (text, cls) => el('td', { class: cls, text });

const delimiterName = (d) => t(d === ',' ? 'survey.delim.comma' : d === ';' ? 'survey.delim.semicolon' : d === '\t' ? 'survey.delim.tab' : d === '|' ? 'survey.delim.pipe' : 'survey.delim.other');

/**
 * Builds the import summary view from the engine's ImportSummary. `points(itemId)` lists an
 * item's points; `onAlias(itemId, label, value)` adds an unknown label as another spelling of a
 * point (the engine's own advice for unknown labels).
 */
export function renderImport(summary, { fileName, points, onAlias }) {
  const facts = t('survey.import.facts', {
    shape: t(`survey.shape.${summary.shape}`), delimiter: delimiterName(summary.delimiter),
    rows: count(summary.rows), columns: count(summary.columns), blank: count(summary.blankRows),
  });
  const parts = [
    el('p', { 'data-testid': 'survey-import-facts' }, fileName ? el('strong', { text: `${fileName}: ` }) : null, facts),
  ];
  if (!summary.issues.length) {
    parts.push(el('p', { class: 'survey-ok', 'data-testid': 'survey-no-issues', text: t('survey.import.noIssues') }));
  } else {
    const total = summary.issues.reduce((a, i) => a + i.count, 0);
    parts.push(el('p', { class: 'survey-warn', text: t('survey.import.issuesLead', { n: count(total), kinds: count(summary.issues.length) }) }));
    const rows = summary.issues.map((i) => {
      const lines = i.lines.map((l) => count(l)).join(', ') + (i.count > i.lines.length ? ', …' : '');
      return el('tr', { dataset: { code: i.code } },
        th(t(`survey.issue.${i.code}`), 'row'),
        td(i.column ?? t('survey.import.wholeRow')),
        td(i.code === 'ragged_row' ? t('survey.import.fields', { n: i.value ?? '?' }) : i.value === null ? '—' : `“${i.value}”`),
        td(lines, 'num'),
        td(count(i.count), 'num'),
        td(t(`survey.treatment.${i.treatment}`)),
        el('td', {}, fixFor(i)),
        el('td', { lang: 'en', class: 'survey-engine-text', text: i.message }));
    });
    parts.push(el('div', { class: 'survey-scroll' }, el('table', { class: 'data', 'data-testid': 'survey-issues' },
      el('caption', { text: t('survey.import.issuesCaption') }),
      el('thead', {}, el('tr', {}, [t('survey.import.problem'), t('survey.import.column'), t('survey.import.value'), t('survey.import.lines'),
        t('survey.import.count'), t('survey.import.treatment'), t('survey.import.fix'), t('survey.import.engineNote')].map((h) => th(h)))),
      el('tbody', {}, rows))));
  }
  function fixFor(issue) {
    const pts = issue.code === 'unknown_label' && issue.item && issue.value !== null ? points?.(issue.item) ?? [] : [];
    if (!pts.length) return '—';
    return el('select', {
      'aria-label': t('survey.import.countAs', { value: issue.value, column: issue.column ?? '' }), 'data-testid': 'survey-alias',
      onchange: (e) => { if (e.target.value !== '') onAlias(issue.item, issue.value, Number(e.target.value)); },
    }, el('option', { value: '', text: t('survey.import.keepMissing') }), pts.map((p) => el('option', { value: String(p.value), text: p.label })));
  }
  const withMissing = summary.missing.filter((m) => m.total > 0);
  const missingTable = el('table', { class: 'data', 'data-testid': 'survey-missing' },
    el('caption', { text: t('survey.import.missingCaption') }),
    el('thead', {}, el('tr', {}, [t('survey.import.column'), t('survey.missing.blank'), t('survey.missing.notApplicable'), t('survey.missing.declined'),
      t('survey.missing.dontKnow'), t('survey.missing.invalid'), t('survey.missing.total')].map((h) => th(h)))),
    el('tbody', {}, summary.missing.map((m) => el('tr', { class: m.total ? 'has-missing' : null },
      th(m.column, 'row'), td(count(m.blank), 'num'), td(count(m.notApplicable), 'num'), td(count(m.declined), 'num'),
      td(count(m.dontKnow), 'num'), td(count(m.invalid), 'num'), td(count(m.total), 'num')))));
  parts.push(el('details', { class: 'survey-missing', 'data-testid': 'survey-missing-details' },
    el('summary', { text: t('survey.import.missingSummary', { n: count(withMissing.length), of: count(summary.missing.length) }) }),
    el('div', { class: 'survey-scroll' }, missingTable)));
  if (summary.notes.length) {
    parts.push(el('details', { class: 'survey-notes' }, el('summary', { text: t('survey.import.notes') }),
      el('ul', {}, summary.notes.map((n) => el('li', { lang: 'en', text: n })))));
  }
  return parts;
}
