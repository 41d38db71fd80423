// The scale editor: per question, the scale the engine proposes (points with code and English
// and Spanish labels, which end is positive, which codes are non-answers) with its confidence
// and reasons as text; everything editable, and a "confirm" action that declares the scale.
// A numbered question without labels shows the visible "codes without labels — pick a scale"
// notice. Waves worded differently get a mapping of each wave's labels onto the common scale.
// Nothing here computes a statistic; the engine checks the scale when it is applied.
import { el, uid } from '../../dom.js';
import { t } from '../../i18n.js';
import { confidenceText, reasonText, templateName } from './notices.js';
import { tr } from './format.js';

const SCALED = new Set(['likert', 'binary', 'change', 'category', 'codes']);
const TYPES = ['likert', 'binary', 'change', 'category', 'codes'];
const ORDERED = new Set(['likert', 'binary', 'change']);
const REASONS = ['dont_know', 'not_applicable', 'declined', 'skipped'];
const clone = (x) => JSON.parse(JSON.stringify(x));

/** The items the editor lists: those whose answers are points or codes, or that have proposals. */
export const scaledItems = (mapping) => mapping.instrument.items.filter((i) => SCALED.has(i.type) || (i.proposals?.length && i.type !== 'multi_select' && i.type !== 'text'));

/** An item's status: confirmed, labelled (by the file), codes, or waves (unconfirmed wording). */
export function statusOf(item) {
  if (item.type === 'codes') return 'codes';
  if ((item.waveScales?.length ?? 0) > 0 && !item.confirmed) return 'waves';
  return item.confirmed ? 'confirmed' : 'labelled';
}

/** A fresh edit of `item`: a codes item starts from the engine's first proposal (not applied). */
export function draftOf(item) {
  const d = { type: item.type, points: clone(item.points ?? []), nonAnswers: clone(item.nonAnswers ?? []), waveScales: clone(item.waveScales ?? []), proposal: '' };
  const first = item.proposals?.[0];
  if (item.type === 'codes' && first && first.template !== 'numeric') applyProposal(d, first, 0);
  return d;
}

function applyProposal(d, p, index) {
  Object.assign(d, { type: p.type, points: clone(p.points), nonAnswers: clone(p.nonAnswers ?? []), proposal: String(index) });
}

const byValue = (points) => [...points].sort((a, b) => a.value - b.value);

/** Makes `point` the positive end: the values turn round; each code keeps its label. */
function makePositive(d, point) {
  const sorted = byValue(d.points);
  if (sorted[sorted.length - 1] === point) return;
  const values = sorted.map((p) => p.value);
  sorted.forEach((p, i) => { p.value = values[values.length - 1 - i]; });
}

/** The codes run the other way: the labels stay in order and the codes turn round. */
function flipCodes(d) {
  const sorted = byValue(d.points);
  const codes = sorted.map((p) => p.code);
  sorted.forEach((p, i) => { p.code = codes[codes.length - 1 - i]; });
}

/** The item as it will be sent to the engine when confirmed. */
export function confirmedItem(item, d) {
  const out = clone(item);
  // A code declared a non-answer is not also a point of the scale.
  const non = new Set(d.nonAnswers.map((n) => String(n.code).trim()));
  const points = d.points.filter((p) => p.code === null || p.code === undefined || !non.has(String(p.code)));
  Object.assign(out, { type: d.type, points: clone(points), nonAnswers: clone(d.nonAnswers), confirmed: true });
  if (d.waveScales.length) out.waveScales = clone(d.waveScales);
  if (out.type !== 'likert') out.top = null;
  return out;
}

const codeText = (p) => (p.code === null || p.code === undefined ? '—' : String(p.code));

/**
 * Renders the editor. `drafts` (a Map item id → draft) keeps edits across re-renders;
 * `on.change()` re-renders, `on.confirm(itemId, item)` applies the confirmed item.
 */
export function renderScales(mapping, drafts, { on, open: openIds = new Set() }) {
  const items = scaledItems(mapping);
  if (!items.length) return [el('p', { class: 'survey-muted', text: t('survey.scale.none') })];
  return [
    el('p', { class: 'survey-note', text: t('survey.scale.intro') }),
    items.map((item) => {
      if (!drafts.has(item.id)) drafts.set(item.id, draftOf(item));
      return itemBox(item, drafts.get(item.id), on, openIds);
    }),
  ];
}

function itemEditor(item, d, on) {
  const name = tr(item.text) || item.id;
  const status = statusOf(item);
  const edit = (fn) => (e) => { fn(e); on.change(item.id); };
  const parts = [];
  if (status === 'codes') parts.push(el('p', { class: 'survey-warn', 'data-testid': 'survey-codes-notice', text: t('survey.scale.status.codes') }));
  if (status === 'waves') parts.push(el('p', { class: 'survey-warn', 'data-testid': 'survey-waves-notice', text: t('survey.scale.status.waves') }));

  // Proposals, with confidence and reasons as text.
  const proposals = item.proposals ?? [];
  if (proposals.length) {
    const id = uid('proposal');
    parts.push(el('div', { class: 'field' }, el('label', { for: id, text: t('survey.scale.proposal') }),
      el('select', { id, 'data-testid': 'survey-scale-proposal', 'aria-label': t('survey.scale.proposalOf', { item: name }),
        onchange: edit((e) => { const i = Number(e.target.value); if (e.target.value !== '' && proposals[i]) applyProposal(d, proposals[i], i); else d.proposal = ''; }) },
      el('option', { value: '', selected: d.proposal === '', text: t('survey.scale.keep') }),
      proposals.map((p, i) => el('option', { value: String(i), selected: d.proposal === String(i), text: t('survey.scale.option', { template: templateName(p.template), confidence: confidenceText(p.confidence) }) })))));
    const shown = proposals[Number(d.proposal)] ?? (d.proposal === '' ? null : proposals[0]);
    const reasons = (shown ?? proposals[0]).reasons ?? [];
    if (reasons.length) {
      parts.push(el('p', { class: 'survey-note', 'data-testid': 'survey-scale-reasons' }, el('strong', { text: `${t('survey.scale.why')} ` }),
        reasons.map((r) => reasonText(r)).join('; ')));
    }
  }

  // Type.
  const typeId = uid('stype');
  parts.push(el('div', { class: 'field' }, el('label', { for: typeId, text: t('survey.scale.type') }),
    el('select', { id: typeId, 'data-testid': 'survey-scale-type', onchange: edit((e) => { d.type = e.target.value; }) },
      TYPES.map((ty) => el('option', { value: ty, selected: ty === d.type, text: t(`survey.type.${ty}`) })))));

  // Points: code, English and Spanish labels, lowest value (negative end) first.
  const sorted = byValue(d.points);
  if (sorted.length) {
    // Each field holds one language's label and says so (lang), as the model editor's fields do.
    const input = (p, lang, what) => el('input', { type: 'text', size: 16, lang, value: p.label[lang] ?? '', autocomplete: 'off', 'data-testid': `survey-scale-label-${lang}`,
      'aria-label': t('survey.scale.labelFor', { what, code: codeText(p) === '—' ? tr(p.label) : codeText(p) }),
      onchange: edit((e) => { p.label[lang] = e.target.value; }) });
    parts.push(el('div', { class: 'survey-scroll' }, el('table', { class: 'data', 'data-testid': 'survey-scale-points' },
      el('caption', { text: t(ORDERED.has(d.type) ? 'survey.scale.points' : 'survey.scale.pointsUnordered') }),
      el('thead', {}, el('tr', {}, [t('survey.scale.code'), t('survey.scale.labelEn'), t('survey.scale.labelEs'), t('survey.map.action')].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, sorted.map((p) => el('tr', {}, el('th', { scope: 'row', class: 'num', text: codeText(p) }),
        el('td', {}, input(p, 'en', t('survey.scale.labelEn'))), el('td', {}, input(p, 'es', t('survey.scale.labelEs'))),
        el('td', {}, sorted.length > 2 ? el('button', { type: 'button', class: 'secondary small', 'data-testid': 'survey-scale-remove-point',
          'aria-label': t('survey.scale.removePoint', { code: codeText(p) === '—' ? tr(p.label) : codeText(p) }), text: t('survey.scale.remove'),
          onclick: edit(() => { d.points.splice(d.points.indexOf(p), 1); }) }) : '—')))))));
    if (sorted.length >= 2 && ORDERED.has(d.type)) {
      const posId = uid('pos');
      const ends = [sorted[0], sorted[sorted.length - 1]];
      parts.push(el('div', { class: 'field' }, el('label', { for: posId, text: t('survey.scale.positive') }),
        el('select', { id: posId, 'data-testid': 'survey-scale-positive', 'aria-label': t('survey.scale.positiveOf', { item: name }),
          onchange: edit((e) => makePositive(d, ends[Number(e.target.value)])) },
        ends.map((p, i) => el('option', { value: String(i), selected: i === 1, text: codeText(p) === '—' ? tr(p.label) : `${codeText(p)} = ${tr(p.label) || '?'}` })))));
      // A proposal assumes which way the codes run; say the other way in one click.
      if (sorted.every((p) => p.code !== null && p.code !== undefined)) {
        const top = sorted[sorted.length - 1];
        parts.push(el('button', { type: 'button', class: 'secondary small', 'data-testid': 'survey-scale-flip',
          text: t('survey.scale.flipCodes', { code: codeText(sorted[0]), label: tr(top.label) || codeText(top) }), onclick: edit(() => flipCodes(d)) }));
      }
    }
  }

  // Non-answers.
  parts.push(el('p', { class: 'survey-note', text: t('survey.scale.nonAnswers') }));
  parts.push(d.nonAnswers.length ? el('ul', { class: 'survey-nonanswers', 'data-testid': 'survey-scale-nonanswers' }, d.nonAnswers.map((na, i) => el('li', {},
    el('input', { type: 'text', size: 5, value: na.code, 'aria-label': t('survey.scale.code'), onchange: edit((e) => { na.code = e.target.value.trim(); }) }), ' ',
    el('select', { 'aria-label': t('survey.scale.reason'), onchange: edit((e) => { na.reason = e.target.value; }) },
      REASONS.map((r) => el('option', { value: r, selected: r === na.reason, text: t(`survey.nonAnswer.${r}`) }))), ' ',
    el('button', { type: 'button', class: 'secondary small', text: t('survey.scale.remove'), onclick: edit(() => { d.nonAnswers.splice(i, 1); }) }))))
    : el('p', { class: 'survey-muted', text: t('survey.scale.noNonAnswers') }));
  parts.push(el('button', { type: 'button', class: 'secondary small', text: t('survey.scale.addNonAnswer'),
    onclick: edit(() => { d.nonAnswers.push({ code: '9', reason: 'dont_know', label: { en: '', es: '' } }); }) }));

  // Waves worded differently: each wave's label onto a point of the common scale.
  if (d.waveScales.length && sorted.length) {
    parts.push(el('p', { class: 'survey-note', text: t('survey.scale.waves') }));
    parts.push(el('ul', { class: 'survey-wavemap', 'data-testid': 'survey-scale-wavemap' }, d.waveScales.flatMap((ws) => ws.points.map((wp) => {
      const label = t('survey.scale.waveLabel', { wave: ws.wave, label: tr(wp.label) });
      return el('li', {}, el('span', { text: `${label} ${t('survey.scale.waveCommon')} ` }),
        el('select', { 'aria-label': label, onchange: edit((e) => { wp.value = Number(e.target.value); }) },
          sorted.map((p) => el('option', { value: String(p.value), selected: p.value === wp.value, text: tr(p.label) }))));
    }))));
  }

  parts.push(el('div', { class: 'survey-map-actions' }, el('button', { type: 'button', class: 'primary', 'data-testid': 'survey-scale-confirm', disabled: d.type === 'codes',
    'aria-label': t('survey.scale.confirmOf', { item: name }), text: t('survey.scale.confirm'),
    onclick: () => on.confirm(item.id, confirmedItem(item, d)) })));

  return parts;
}

/** One question's <details>; its editor is built when it is first opened (long surveys). */
function itemBox(item, d, on, openIds) {
  const status = statusOf(item);
  const box = el('details', { class: 'survey-scale-item', 'data-testid': 'survey-scale-item', dataset: { item: item.id, status }, open: openIds.has(item.id) },
    el('summary', {}, el('span', { text: tr(item.text) || item.id }), ' — ', el('span', { class: status === 'confirmed' || status === 'labelled' ? 'survey-ok' : 'survey-warn', text: t(`survey.scale.status.${status}`) })));
  const build = () => { if (!box.querySelector('.survey-scale-body')) box.append(el('div', { class: 'survey-scale-body' }, itemEditor(item, d, on))); };
  if (box.open) build();
  box.addEventListener('toggle', () => { if (box.open) { openIds.add(item.id); build(); } else openIds.delete(item.id); });
  return box;
}
