// Survey weights on the page (#19): the weighting panel of the report, the "weighted" flag
// beside every result, and the raking form of the mapping editor. Every number comes from the
// engine; the form only writes the margins the user enters into the mapping draft.
import { el } from '../../dom.js';
import { t } from '../../i18n.js';
import { count, fixed, signedPoints, signed } from './format.js';
import './strings.js';

/** Most categories a column may have to be raked here (the column summary lists six values). */
const MAX_CATEGORIES = 6;

/** The flag of one result: "weighted · effective n 31 · design effect 1.30", "unweighted", or
 * nothing when the survey declares no weights. */
export function weightFlag(report, result) {
  if (!report.weighting) return '';
  if (!result?.weighted) return t('survey.w.unweighted');
  const d = result.weightedDifference;
  if (d) return t('survey.w.flagTwo', { from: fixed(d.from.nEff, 0), to: fixed(d.to.nEff, 0) });
  const deff = result.deffKish ?? result.weightedEstimate?.deffKish ?? result.weightedShift?.deffKish ?? result.weightedMean?.deffKish;
  const nEff = result.nEff ?? result.weightedShift?.nEff ?? result.weightedMean?.nEff;
  // A subgroup table: its shares are weighted per group (each cell its own effective n).
  if (nEff === undefined || nEff === null) return t('survey.w.flagShares');
  return t('survey.w.flag', { nEff: fixed(nEff, 0), deff: fixed(deff, 2) });
}

/** A table cell with the flag. */
export const weightCell = (report, result) => el('td', { class: 'survey-weight', 'data-testid': 'survey-weight-flag', text: weightFlag(report, result) });

/** A shift's weighted change: "+12 pts (−3 to +27)" for shares, signed units for numbers; a
 * wave comparison's weighted difference (last − first wave) the same way. */
export function weightedShiftText(s) {
  const m = s.weightedShift ?? s.weightedDifference;
  if (!m) return '—';
  if (s.kind === 'numeric') return `${signed(m.estimate ?? m.difference)} (${signed(m.lower)} ${t('survey.report.to')} ${signed(m.upper)})`;
  return `${signedPoints(m.estimate ?? m.difference)} ${t('survey.report.pts')} (${signedPoints(m.lower)} ${t('survey.report.to')} ${signedPoints(m.upper)})`;
}

/** The weighting panel: how results are weighted, the effective size and what stays unweighted. */
export function weightingPanel(report, mapping) {
  const w = report.weighting;
  if (!w) return null;
  const header = (key) => mapping?.columns?.find((c) => c.key === key)?.header ?? key;
  const how = w.raked
    ? (w.column ? t('survey.w.rakedColumn', { column: header(w.column), iterations: count(w.iterations) }) : t('survey.w.raked', { iterations: count(w.iterations) }))
    : t('survey.w.byColumn', { column: header(w.column) });
  return el('section', { class: 'survey-section', 'data-testid': 'survey-weighting' },
    el('h4', { text: t('survey.w.title') }),
    el('p', { text: how }),
    el('p', { text: t('survey.w.summary', { nEff: fixed(w.nEff, 0), n: count(w.n), deff: fixed(w.deffKish, 2) }) }),
    el('p', { class: 'survey-note', text: t('survey.w.counts') }));
}

/** The raking form: margins as population shares (%) per category of a few columns. */
export function rakingForm(draft, change) {
  const columns = (draft.columns ?? []).filter((c) => c.distinct >= 2 && c.distinct <= MAX_CATEGORIES);
  const margins = draft.raking?.margins ?? [];
  const header = (key) => draft.columns?.find((c) => c.key === key)?.header ?? key;
  const used = new Set(margins.map((m) => m.column));
  const free = columns.filter((c) => !used.has(c.key));
  const setMargins = (list) => { draft.raking = list.length ? { margins: list, scale: 'shares' } : null; };
  const rows = margins.map((m, mi) => {
    const col = draft.columns?.find((c) => c.key === m.column);
    const cats = col?.examples ?? Object.keys(m.targets);
    const sum = cats.reduce((s, c) => s + (m.targets[c] ?? 0) * 100, 0);
    return el('fieldset', { class: 'survey-margin', dataset: { margin: m.column } },
      el('legend', { text: header(m.column) }),
      el('div', { class: 'fields' }, cats.map((cat) => el('label', { class: 'field' },
        el('span', { translate: 'no', text: cat }),
        el('input', {
          type: 'number', min: '0', max: '100', step: 'any', inputmode: 'decimal', 'data-testid': 'survey-rake-share', 'data-key': `rake:${mi}:${cat}`,
          value: m.targets[cat] === undefined ? '' : String(Math.round(m.targets[cat] * 1e6) / 1e4),
          'aria-label': t('survey.rake.shareOf', { category: cat, column: header(m.column) }),
          onchange: change((e) => { const v = Number(e.target.value); if (e.target.value === '' || !Number.isFinite(v)) delete m.targets[cat]; else m.targets[cat] = v / 100; }),
        })))),
      el('p', { class: 'survey-muted', text: t('survey.rake.sum', { sum: fixed(sum, 1) }) }),
      el('button', { type: 'button', class: 'secondary', 'data-key': `rake-remove:${mi}`, 'aria-label': t('survey.rake.remove', { column: header(m.column) }), text: t('survey.rake.removeShort'),
        onclick: change(() => { setMargins(margins.filter((_, i) => i !== mi)); }) }));
  });
  const pick = el('select', { 'aria-label': t('survey.rake.column'), 'data-testid': 'survey-rake-column' },
    free.map((c) => el('option', { value: c.key, text: c.header })));
  const add = el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-rake-add', 'data-key': 'rake-add', disabled: !free.length, text: t('survey.rake.add'),
    onclick: change(() => { const key = pick.value; if (key) setMargins([...margins, { column: key, targets: {} }]); }) });
  return el('div', { class: 'survey-raking', 'data-testid': 'survey-raking' },
    el('h4', { text: t('survey.rake.title') }),
    el('p', { class: 'survey-note', text: t('survey.rake.note') }),
    rows.length ? rows : el('p', { class: 'survey-muted', text: t('survey.rake.none') }),
    el('div', { class: 'survey-map-actions' }, pick, add),
    columns.length ? null : el('p', { class: 'survey-muted', text: t('survey.rake.tooMany') }));
}
