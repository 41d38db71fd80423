// The evidence map's DOM (#18): sections per condition, graded rows, gaps — from the engine's
// `evidenceMap` result. Shared with the evaluation report, which calls renderEvidenceMap.
// User text (titles, measures) is set as text; the grade is the engine's code, named from
// the string table.
import { el, replace } from '../../dom.js';
import { number, t } from '../../i18n.js';
import { noteText } from '../../notes.js';
import { pick } from '../../text.js';
import './strings.js';

/** A bilingual text in `lang`, marked with the language it really is in (fallback). */
function textOf(text, lang, tag = 'span') {
  const p = pick(text, lang);
  return el(tag, { text: p.text, lang: p.lang !== lang ? p.lang : null });
}

const fmt = (v, lang) => (v === null || v === undefined ? '–' : number(v, Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : 1).toString());

function unitOf(e, lang) {
  if (!e.unit) return '';
  const u = pick(e.unit, lang).text;
  return u === '%' ? '%' : ` ${u}`;
}

/** One indicator's row: measure, latest value with interval and n, target, grade. */
function row(e, lang) {
  const u = unitOf(e, lang);
  const label = (k) => ({ 'data-label': t(`evidence.col.${k}`) });
  const latest = e.estimate === null
    ? el('td', { ...label('latest'), text: '–' })
    : el('td', label('latest'),
      e.lower !== e.upper
        ? t('evidence.value', { estimate: fmt(e.estimate) + u, lower: fmt(e.lower) + u, upper: fmt(e.upper) + u })
        : `${fmt(e.estimate)}${u} (${t('evidence.exact')})`,
      e.n !== null ? el('br') : null, e.n !== null ? t('evidence.n', { n: number(e.n, 0) }) : null,
      e.period ? el('br') : null, e.period ? el('span', { class: 'muted', text: e.period }) : null);
  const target = e.target === null
    ? t('evidence.target.none')
    : e.direction ? t(`evidence.target.${e.direction}`, { target: fmt(e.target) + u }) : fmt(e.target) + u;
  return el('tr', { dataset: { grade: e.grade, indicator: e.indicator } },
    el('td', label('indicator'), textOf(e.measure, lang), e.statistic ? el('span', { class: 'muted' }, ' · ', t(`term.${e.statistic}`)) : null),
    latest,
    el('td', { ...label('target'), text: target }),
    el('td', label('grade'), el('span', { class: `grade grade-${e.grade}`, text: t(`evidence.grade.${e.grade}`) })));
}

function conditionSection(c, lang, models) {
  const body = c.outcomes.length === 0
    ? [el('p', { class: 'muted', text: t('evidence.noOutcome') })]
    : c.outcomes.map((o) => el('div', { class: 'evidence-outcome', dataset: { outcome: o.outcome } },
      el('h4', {}, textOf(o.title, lang), models.size > 1 ? el('span', { class: 'muted', text: ` · ${models.get(o.model) ?? o.model}` }) : null),
      o.indicators.length === 0
        ? el('p', { class: 'muted', text: t('evidence.noIndicator') })
        : el('div', { class: 'table-scroll' }, el('table', { class: 'evidence-table' },
          el('thead', {}, el('tr', {}, ['indicator', 'latest', 'target', 'grade'].map((k) => el('th', { scope: 'col', text: t(`evidence.col.${k}`) })))),
          el('tbody', {}, o.indicators.map((e) => row(e, lang)))))));
  return el('section', { class: 'evidence-condition', dataset: { evCondition: c.condition, evidenced: String(c.evidenced) } },
    textOf(c.name, lang, 'h3'), ...body);
}

/** Names ids for notes: outcomes, indicators and conditions by their titles. */
function namer(map, lang) {
  const names = new Map();
  for (const c of map.conditions) {
    names.set(c.condition, pick(c.name, lang).text);
    for (const o of c.outcomes) {
      names.set(o.outcome, pick(o.title, lang).text);
      for (const e of o.indicators) names.set(e.indicator, pick(e.measure, lang).text);
    }
  }
  return { names, name: (key, id) => (key === 'path' ? id : names.get(id) ?? id) };
}

function gaps(map, lang) {
  const { names } = namer(map, lang);
  const list = (key, ids) => el('div', { class: 'evidence-gap', dataset: { gap: key } },
    el('h4', { text: t(`evidence.gaps.${key}`) }),
    ids.length ? el('ul', {}, ids.map((id) => el('li', { text: names.get(id) ?? id }))) : el('p', { class: 'muted', text: t('evidence.gaps.none') }));
  return el('section', { class: 'evidence-gaps', 'data-testid': 'evidence-gaps' },
    el('h3', { text: t('evidence.gaps') }),
    list('conditions', map.gaps.conditions),
    list('outcomes', map.gaps.outcomes.map((r) => r.id)),
    list('indicators', map.gaps.indicators.map((r) => r.id)));
}

/**
 * Builds the evidence map into `container` (its children are replaced).
 * @param {HTMLElement} container
 * @param {any} map the engine's `evidenceMap` result
 * @param {{lang?: string, printable?: boolean, models?: Array<{id: string, title: any}>}} [options]
 *   `models`: the project's models, to name each outcome's model when there are several.
 */
export function renderEvidenceMap(container, map, { lang = 'en', printable = false, models: modelTitles = [] } = {}) {
  if (!map) return replace(container);
  const { name } = namer(map, lang);
  const models = new Map((modelTitles ?? []).map((m) => [m.id, pick(m.title, lang).text]));
  for (const o of map.conditions.flatMap((c) => c.outcomes)) if (!models.has(o.model)) models.set(o.model, o.model);
  const notes = map.notes.filter((n) => n.severity !== 'info' || !printable);
  replace(container,
    el('div', { class: `evidence-map${printable ? ' printable' : ''}`, 'data-testid': 'evidence-map' },
      map.synthetic ? el('p', { class: 'notice', text: t('evidence.synthetic') }) : null,
      map.conditions.map((c) => conditionSection(c, lang, models)),
      gaps(map, lang),
      notes.length ? el('section', { class: 'evidence-notes' },
        el('h3', { text: t('evidence.notes') }),
        el('ul', {}, notes.map((n) => el('li', { dataset: { evCode: n.code }, text: noteText(n, { name }) })))) : null));
  return container;
}
