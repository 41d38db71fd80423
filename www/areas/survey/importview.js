// What the import found: the file's shape, size and encoding (with a select to read it again
// with another), the duplicate-id policy (with every repeated id at its lines), every cell or
// row it could not read (file line, column, count, and what it means from the issue's code)
// and the missing answers per column, by reason. No English text of the engine is shown.
import { el, uid } from '../../dom.js';
import { has, t } from '../../i18n.js';
import { count } from './format.js';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-15', 'macintosh'];
export const POLICIES = ['keep_first', 'keep_last', 'keep_all', 'drop_all'];
const DUPLICATES = new Set(['duplicate_respondent', 'duplicate_resubmission']);
const encName = (name) => (has(`survey.enc.${name}`) ? t(`survey.enc.${name}`) : name);

const th = (text, scope = 'col', cls) => el('th', { scope, class: cls, text });
const td = (text, cls) => el('td', { class: cls, text });

const delimiterName = (d) => t(d === ',' ? 'survey.delim.comma' : d === ';' ? 'survey.delim.semicolon' : d === '\t' ? 'survey.delim.tab' : d === '|' ? 'survey.delim.pipe' : 'survey.delim.other');

/** An issue's meaning from its code and parameters. */
function issueText(i) {
  const key = `survey.issueText.${i.code}`;
  return has(key) ? t(key, { value: i.value ?? '', count: count(i.count), rows: count(i.rowsAffected ?? 0) }) : '—';
}

const linesText = (i) => i.lines.map((l) => count(l)).join(', ') + (i.count > i.lines.length ? ', …' : '');

/** The encoding used and how it was chosen, with a select to read the bytes again with another. */
function encodingView(enc, { encoding, canReread, onEncoding }) {
  const how = t(`survey.enc.source.${enc.source}`, { line: enc.invalidUtf8Line === null || enc.invalidUtf8Line === undefined ? '?' : count(enc.invalidUtf8Line) });
  const parts = [el('p', { 'data-testid': 'survey-encoding', dataset: { encoding: enc.name, source: enc.source }, text: t('survey.enc.facts', { name: encName(enc.name), how }) })];
  if (canReread) {
    const id = uid('enc');
    parts.push(el('div', { class: 'field' }, el('label', { for: id, text: t('survey.enc.pick') }),
      el('select', { id, 'data-testid': 'survey-encoding-select', onchange: (e) => onEncoding(e.target.value || null) },
        el('option', { value: '', selected: !encoding, text: t('survey.enc.detect') }),
        ENCODINGS.map((n) => el('option', { value: n, selected: n === encoding, text: encName(n) })))),
    el('p', { class: 'survey-note', text: t('survey.enc.note') }));
  }
  return el('div', { class: 'survey-encoding' }, parts);
}

/** The duplicate-id policy and every repeated id at its lines, resubmissions told apart. */
function duplicatesView(summary, onDuplicates) {
  const id = uid('dup');
  const dups = summary.issues.filter((i) => DUPLICATES.has(i.code));
  return el('div', { class: 'survey-duplicates' },
    el('div', { class: 'field' }, el('label', { for: id, text: t('survey.dup.label') }),
      el('select', { id, 'data-testid': 'survey-duplicates', onchange: (e) => onDuplicates(e.target.value) },
        POLICIES.map((p) => el('option', { value: p, selected: p === summary.duplicates, text: t(`survey.dup.${p}`) })))),
    el('p', { class: 'survey-note', 'data-testid': 'survey-rows-analysed', text: t('survey.dup.rows', { analysed: count(summary.rowsAnalysed ?? summary.rows), rows: count(summary.rows) }) }),
    dups.length ? el('details', { 'data-testid': 'survey-duplicate-list' }, el('summary', { text: t('survey.dup.title', { n: count(dups.length) }) }),
      el('ul', {}, dups.map((i) => el('li', { dataset: { code: i.code }, text: t('survey.dup.item', {
        id: i.value ?? '', lines: linesText(i), kind: t(i.code === 'duplicate_resubmission' ? 'survey.dup.identical' : 'survey.dup.conflicting'),
      }) })))) : el('p', { class: 'survey-muted', text: t('survey.dup.none') }));
}

/**
 * Builds the import summary view from the engine's ImportSummary. `points(itemId)` lists an
 * item's points; `onAlias(itemId, label, value)` adds an unknown label as another spelling of a
 * point (the engine's own advice for unknown labels). `encoding` is the one the user picked
 * (null: detected), `canReread` says the file's bytes are at hand, `hasIds` that a column holds
 * respondent ids; `onEncoding(name|null)` and `onDuplicates(policy)` read the file again.
 */
export function renderImport(summary, { fileName, points, onAlias, encoding = null, canReread = false, hasIds = false, onEncoding, onDuplicates }) {
  const facts = t('survey.import.facts', {
    shape: t(`survey.shape.${summary.shape}`), delimiter: delimiterName(summary.delimiter),
    rows: count(summary.rows), columns: count(summary.columns), blank: count(summary.blankRows),
  });
  const parts = [
    el('p', { 'data-testid': 'survey-import-facts' }, fileName ? el('strong', { text: `${fileName}: ` }) : null, facts),
  ];
  if (summary.encoding) parts.push(encodingView(summary.encoding, { encoding, canReread, onEncoding }));
  const dupShown = summary.duplicates && (hasIds || summary.issues.some((i) => DUPLICATES.has(i.code)));
  if (dupShown) parts.push(duplicatesView(summary, onDuplicates));
  // Repeated ids are listed with the policy above; the table holds the other problems.
  const issues = dupShown ? summary.issues.filter((i) => !DUPLICATES.has(i.code)) : summary.issues;
  if (!issues.length) {
    parts.push(el('p', { class: 'survey-ok', 'data-testid': 'survey-no-issues', text: t('survey.import.noIssues') }));
  } else {
    const total = issues.reduce((a, i) => a + i.count, 0);
    parts.push(el('p', { class: 'survey-warn', text: t('survey.import.issuesLead', { n: count(total), kinds: count(issues.length) }) }));
    const rows = issues.map((i) => {
      const lines = linesText(i);
      return el('tr', { dataset: { code: i.code } },
        th(t(`survey.issue.${i.code}`), 'row'),
        td(i.column ?? t('survey.import.wholeRow')),
        td(i.code === 'ragged_row' ? t('survey.import.fields', { n: i.value ?? '?' }) : i.value === null ? '—' : `“${i.value}”`),
        td(lines, 'num'),
        td(count(i.count), 'num'),
        td(t(`survey.treatment.${i.treatment}`)),
        el('td', {}, fixFor(i)),
        td(issueText(i)));
    });
    parts.push(el('div', { class: 'survey-scroll' }, el('table', { class: 'data', 'data-testid': 'survey-issues' },
      el('caption', { text: t('survey.import.issuesCaption') }),
      el('thead', {}, el('tr', {}, [t('survey.import.problem'), t('survey.import.column'), t('survey.import.value'), t('survey.import.lines'),
        t('survey.import.count'), t('survey.import.treatment'), t('survey.import.fix'), t('survey.import.detail')].map((h) => th(h)))),
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
    el('thead', {}, el('tr', {}, [t('survey.import.column'), t('survey.missing.blank'), t('survey.missing.not_applicable'), t('survey.missing.declined'),
      t('survey.missing.dont_know'), t('survey.missing.invalid'), t('survey.missing.total')].map((h) => th(h)))),
    el('tbody', {}, summary.missing.map((m) => el('tr', { class: m.total ? 'has-missing' : null },
      th(m.column, 'row'), td(count(m.blank), 'num'), td(count(m.notApplicable), 'num'), td(count(m.declined), 'num'),
      td(count(m.dontKnow), 'num'), td(count(m.invalid), 'num'), td(count(m.total), 'num')))));
  parts.push(el('details', { class: 'survey-missing', 'data-testid': 'survey-missing-details' },
    el('summary', { text: t('survey.import.missingSummary', { n: count(withMissing.length), of: count(summary.missing.length) }) }),
    el('div', { class: 'survey-scroll' }, missingTable)));
  // The file's own `#` comment lines above the header (the user's text, in its language, which
  // the page does not know: shown verbatim, marked translate="no").
  if (summary.notes.length) {
    parts.push(el('details', { class: 'survey-notes' }, el('summary', { text: t('survey.import.notes') }),
      el('ul', { translate: 'no' }, summary.notes.map((n) => el('li', { text: n })))));
  }
  return parts;
}
