// Progress: status entry for goals and activities, measured values of indicators, and the
// engine's roll-up to outcomes, phases and the program (tracks as words, not only colour).
import { el, uid } from '../../dom.js';
import { errorText, has, number, percent, t } from '../../i18n.js';
import { noteText } from '../../notes.js';
import './strings-notes.js';
import { fmtDate } from './gantt.js';
import { STATUSES } from './model.js';
import { pick } from '../../text.js';

const SYMBOL = { on_track: '✓', behind: '⚠', no_data: '?', not_yet_due: '◷' };

/** A track as symbol + words. */
export const track = (value) => el('span', { class: 'toc-track', 'data-track': value }, `${SYMBOL[value] ?? ''} ${t(`toc.track.${value}`)}`);

const pct = (v) => (v === null || v === undefined ? t('toc.prog.none') : percent(v));
const num = (v) => (v === null || v === undefined ? t('toc.prog.none') : number(v, 2));

function statusSelect(kind, item, label) {
  const id = uid('status');
  return [
    el('label', { for: id, class: 'visually-hidden', text: `${t('toc.prog.status')}: ${label}` }),
    el('select', { id, 'data-status-kind': kind, 'data-status-id': item.id, 'data-key': `status-${kind}-${item.id}` },
      STATUSES.map((s) => el('option', { value: s, selected: item.status === s, text: t(`toc.status.${s}`) }))),
  ];
}

function nameCell(id, text, lang) {
  return el('th', { scope: 'row' }, el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': id },
    `${id} · `, el('span', { lang: text.lang !== lang ? text.lang : null, text: text.text })));
}

/** An element as the reader knows it: "id · name" when its name is in the page's language. */
function elementName(id, index, lang) {
  const item = index.get(id)?.item;
  const text = item ? pick(item.title ?? item.measure ?? item.name, lang) : null;
  return text?.text && text.lang === lang ? `${id} · ${text.text}` : id;
}

/**
 * An engine note on progress (`{code, severity, params}`) in the reader's language: goal and
 * indicator ids become names, statuses are translated, and a missing schedule is explained by
 * the schedule's own error (its code and details).
 */
export function progressNoteText(note, index, lang) {
  const p = note?.params ?? {};
  const extra = {};
  if (note?.code === 'progress_no_schedule') {
    const error = { code: String(p.error ?? ''), details: p, message: '' };
    extra.reason = has(`error.${error.code}`) ? errorText(error) : t('toc.prog.scheduleReason', { error: error.code });
  }
  return noteText({ ...note, params: { ...p, ...extra } }, {
    name: (key, id) => {
      if (key === 'recorded' || key === 'rolled') return has(`toc.status.${id}`) ? t(`toc.status.${id}`) : id;
      if (key === 'goal' || key === 'indicator') return elementName(id, index, lang);
      return id;
    },
  });
}

/** Renders the whole progress card body (below the "as of" field). */
export function renderProgress({ progress, model, index, lang, asOf }) {
  const p = progress.program;
  const total = p.goals.notStarted + p.goals.inProgress + p.goals.done + p.goals.blocked;
  const parts = [];
  parts.push(el('p', { class: 'toc-program', 'data-testid': 'toc-program', 'data-track': p.track },
    `${t('toc.prog.program')} `, track(p.track), ' — ',
    t('toc.prog.programGoals', { done: p.goals.done, goals: total, completion: pct(p.completion), expected: pct(p.expected) }),
    p.indicatorShare !== null ? ` ${t('toc.prog.programIndicators', { share: pct(p.indicatorShare) })}` : ''));

  if (progress.phases.length) {
    parts.push(el('table', { class: 'data toc-table', 'data-testid': 'toc-phase-progress' },
      el('caption', { text: t('toc.prog.phases') }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('toc.sched.phase') }),
        [['goalsDone', 1], ['completion', 1], ['expected', 1], ['track']]
          .map(([k, n]) => el('th', { scope: 'col', class: n ? 'num' : null, text: t(`toc.prog.${k}`) })))),
      el('tbody', {}, progress.phases.map((ph) => {
        const phase = index.get(ph.id)?.item;
        const n = ph.goals.notStarted + ph.goals.inProgress + ph.goals.done + ph.goals.blocked;
        return el('tr', {}, nameCell(ph.id, pick(phase?.name, lang), lang),
          el('td', { class: 'num', text: `${ph.goals.done} / ${n}` }),
          el('td', { class: 'num', text: pct(ph.completion) }),
          el('td', { class: 'num', text: pct(ph.expected) }),
          el('td', {}, track(ph.track)));
      }))));
  }

  if (progress.goals.length) {
    parts.push(el('table', { class: 'data toc-table', 'data-testid': 'toc-goal-progress' },
      el('caption', { text: t('toc.prog.goals') }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('toc.sched.goal') }), el('th', { scope: 'col', text: t('toc.prog.status') }),
        el('th', { scope: 'col', text: t('toc.prog.rolled') }), el('th', { scope: 'col', class: 'num', text: t('toc.prog.completion') }),
        el('th', { scope: 'col', class: 'num', text: t('toc.prog.expected') }), el('th', { scope: 'col', text: t('toc.prog.track') }))),
      el('tbody', {}, progress.goals.map((g) => {
        const item = index.get(g.id)?.item ?? { id: g.id, status: g.status };
        const title = pick(item.title, lang);
        const nActs = g.activities.notStarted + g.activities.inProgress + g.activities.done + g.activities.blocked;
        return el('tr', { 'data-id': g.id }, nameCell(g.id, title, lang),
          el('td', {}, statusSelect('goal', item, `${g.id} ${title.text}`)),
          el('td', { text: nActs ? `${t(`toc.status.${g.rolledStatus}`)} (${g.activities.done}/${nActs})` : '—' }),
          el('td', { class: 'num', text: pct(g.completion) }),
          el('td', { class: 'num', text: pct(g.expected) }),
          el('td', {}, track(g.track)));
      }))));
  }

  if (progress.activities.length) {
    parts.push(el('table', { class: 'data toc-table', 'data-testid': 'toc-activity-progress' },
      el('caption', { text: t('toc.prog.activities') }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('toc.kind.activity') }),
        el('th', { scope: 'col', text: t('toc.sched.goal') }), el('th', { scope: 'col', text: t('toc.prog.status') }))),
      el('tbody', {}, progress.activities.map((a) => {
        const item = index.get(a.id)?.item ?? { id: a.id, status: a.status };
        const title = pick(item.title, lang);
        return el('tr', {}, nameCell(a.id, title, lang), el('td', { text: a.goal ?? '—' }),
          el('td', {}, statusSelect('activity', item, `${a.id} ${title.text}`)));
      }))));
  }

  parts.push(actualForm({ model, lang, asOf }));
  if (progress.indicators.length) {
    parts.push(el('table', { class: 'data toc-table', 'data-testid': 'toc-indicator-progress' },
      el('caption', { text: t('toc.prog.indicators') }),
      el('thead', {}, el('tr', {}, [['measure'], ['of'], ['baseline', 1], ['target', 1], ['latest', 1], ['share', 1], ['expected', 1], ['track']]
        .map(([k, n]) => el('th', { scope: 'col', class: n ? 'num' : null, text: t(`toc.prog.${k}`) })))),
      el('tbody', {}, progress.indicators.map((i) => {
        const item = index.get(i.id)?.item;
        // The unit in the reader's language; a cell whose unit fell back to English says so.
        const u = item?.unit ? pick(item.unit, lang) : null;
        const unit = u?.text ? ` ${u.text}` : '';
        const unitLang = u?.text && u.lang !== lang ? u.lang : null;
        return el('tr', {}, nameCell(i.id, pick(item?.measure, lang), lang),
          el('td', { text: i.of }),
          el('td', { class: 'num', lang: i.baseline === null ? null : unitLang, text: i.baseline === null ? '—' : `${num(i.baseline)}${unit}` }),
          el('td', { class: 'num', lang: i.target === null ? null : unitLang, text: i.target === null ? '—' : `${num(i.target)}${unit}` }),
          el('td', { class: 'num', lang: i.latest === null ? null : unitLang, text: i.latest === null ? '—' : `${num(i.latest)}${unit} (${fmtDate(i.latestDate, lang)})` }),
          el('td', { class: 'num', text: pct(i.share) }),
          el('td', { class: 'num', text: pct(i.expectedShare) }),
          el('td', {}, track(i.track)));
      }))));
  }

  if (progress.outcomes.length) {
    parts.push(el('table', { class: 'data toc-table', 'data-testid': 'toc-outcome-progress' },
      el('caption', { text: t('toc.prog.outcomes') }),
      el('thead', {}, el('tr', {}, [['measure'], ['term'], ['nIndicators', 1], ['share', 1], ['track']]
        .map(([k, n]) => el('th', { scope: 'col', class: n ? 'num' : null, text: k === 'measure' ? t('toc.kind.outcome') : t(`toc.prog.${k}`) })))),
      el('tbody', {}, progress.outcomes.map((o) => el('tr', {},
        nameCell(o.id, pick(index.get(o.id)?.item?.title, lang), lang),
        el('td', { text: t(`toc.term.${o.term}`) }),
        el('td', { class: 'num', text: String(o.nIndicators) }),
        el('td', { class: 'num', text: pct(o.share) }),
        el('td', {}, track(o.track)))))));
  }
  if (progress.warnings.length) {
    parts.push(el('div', { class: 'toc-warnings', 'data-testid': 'toc-progress-notes' }, el('p', { text: t('toc.prog.notes') }),
      el('ul', {}, progress.warnings.map((w) => el('li', { 'data-code': w.code, text: progressNoteText(w, index, lang) })))));
  }
  return parts;
}

/** The form that records a measured value for an indicator. */
function actualForm({ model, lang, asOf }) {
  const ids = { ind: uid('ind'), value: uid('val'), date: uid('date'), msg: uid('msg') };
  const indicators = model.indicators ?? [];
  if (!indicators.length) return el('p', { class: 'toc-muted', text: t('toc.prog.noIndicators') });
  return el('form', { class: 'toc-actual-form', 'data-testid': 'toc-actual-form', novalidate: true },
    el('fieldset', {}, el('legend', { text: t('toc.prog.addActual') }),
      el('div', { class: 'fields' },
        el('div', { class: 'field' }, el('label', { for: ids.ind, text: t('toc.prog.indicator') }),
          el('select', { id: ids.ind, name: 'indicator', 'data-key': 'actual-indicator' }, indicators.map((i) => {
            const m = pick(i.measure, lang);
            return el('option', { value: i.id, text: `${i.id} · ${m.text}` });
          }))),
        el('div', { class: 'field' }, el('label', { for: ids.value, text: t('toc.prog.value') }),
          el('input', { id: ids.value, name: 'value', type: 'text', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': ids.msg, 'data-key': 'actual-value' })),
        el('div', { class: 'field' }, el('label', { for: ids.date, text: t('toc.prog.date') }),
          el('input', { id: ids.date, name: 'date', type: 'date', value: asOf, 'aria-describedby': ids.msg, 'data-key': 'actual-date' })),
        el('div', { class: 'field toc-field-button' }, el('button', { type: 'submit', class: 'primary', 'data-key': 'actual-add', text: t('toc.prog.add') }))),
      el('p', { id: ids.msg, class: 'toc-form-message', role: 'status', 'aria-live': 'polite' })));
}
