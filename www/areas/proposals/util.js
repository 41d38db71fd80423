// Shared helpers of the Proposals area: formatting, engine messages in the user's language,
// re-exports of the page's one SVG, CSV, number and text helpers, focus-keeping re-renders.
// No statistics here: every number comes from the engine.
import { el } from '../../dom.js';
import { errorText, has, intl, lang, number, t } from '../../i18n.js';
import { noteText } from '../../notes.js';
import './strings.js';
import { formatNumber, parseNumber as readNumber } from '../../number.js';
import { pickText } from '../../text.js';

// SVG elements: the page's one builder (www/svg.js), re-exported for the area's charts.
export { svg, SVG_NS } from '../../svg.js';

/** The current language's side of an engine `{ en, es }` text, with fallback (www/text.js). */
export const tx = (text) => pickText(text, lang());

const format = (options) => intl('NumberFormat', lang(), options);

/** A number with exactly `digits` decimals, or a dash for null. */
export function fixed(value, digits = 1) {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('proposals.none');
  return format({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A number with a sign (+ or −) and `digits` decimals. */
export function signed(value, digits = 1) {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('proposals.none');
  const text = fixed(Math.abs(value), digits);
  if (text === fixed(0, digits)) return text;
  return (value < 0 ? '−' : '+') + text;
}

/** Whole dollars. */
export function money(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('proposals.none');
  return format({ style: 'currency', currency: 'USD', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
}

/** A share in [0, 1] as a percentage. */
export function pct(value, digits = 0) {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('proposals.none');
  return format({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** What a person typed as a number, read in the page's language (www/number.js); NaN for the engine to reject. */
export const parseNumber = (text) => readNumber(text, { lang: lang() });

/**
 * Dollars as typed: "$800,000", "US$800.000", "800 000" or "800000" (www/number.js with
 * `currency`). A decimal part is kept so the engine can say that dollars must be whole.
 */
export const parseDollars = (text) => readNumber(text, { lang: lang(), currency: true });

/** A number as a form field shows it in the page's language ("2,5" in Spanish; www/number.js). */
export const numberText = (value) => formatNumber(value, { lang: lang() });

/** A percentage as typed ("20", "20 %", "12,5") as a share in [0, 1]; NaN when unreadable. */
export const parsePercent = (text) => readNumber(text, { lang: lang(), percent: true });

/** Re-renders inside `container` with `fn`, then gives focus back to the element with the same data-key. */
export function keepFocus(container, fn) {
  const active = /** @type {HTMLInputElement} */ (document.activeElement);
  const key = active && container.contains(active) ? active.dataset?.key : null;
  const selection = key && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  fn();
  if (!key) return;
  const next = [...container.querySelectorAll('[data-key]')].find((n) => n.dataset.key === key);
  if (next && next !== document.activeElement) {
    next.focus({ preventScroll: true });
    if (selection && typeof next.setSelectionRange === 'function') {
      try { next.setSelectionRange(...selection); } catch { /* not a text field */ }
    }
  }
}

/** A message box (role=status or alert) that is hidden while empty. */
export function messageBox(kind = 'error') {
  const node = el('p', { class: kind === 'error' ? 'error' : 'notice', role: kind === 'error' ? 'alert' : 'status', hidden: true });
  return {
    node,
    show(text) { node.textContent = text; node.hidden = !text; },
    clear() { node.textContent = ''; node.hidden = true; },
  };
}

/** A file input styled as a button (keyboard reachable, labelled). */
export function fileButton(labelKey, accept, onFile, testid) {
  const id = `pf-${Math.random().toString(36).slice(2, 9)}`;
  const input = el('input', { type: 'file', id, accept, class: 'visually-hidden', 'data-testid': testid });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) onFile(file);
  });
  // The input sits inside its label so that the label shows the keyboard focus (:focus-within).
  return el('span', { class: 'file-wrap' },
    el('label', { class: 'file-button secondary', for: id }, el('span', { 'data-i18n': labelKey, text: t(labelKey) }), input));
}

/** A fully translated message for an engine error, even when other areas' templates do not fit. */
export function safeErrorText(error) {
  const key = `error.${error?.code}`;
  if (has(key)) {
    const names = [...t(key).matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    if (names.every((n) => n in (error.details ?? {}))) return errorText(error);
  }
  return error?.message || errorText({ code: 'internal', details: {} });
}

/**
 * A problem from validateRound, parseReviewsCsv or the engine, in the user's language, naming
 * the reviewer, proposal and condition. `names` = { reviewer(id), proposal(id), condition(id), scale(column) }.
 */
export function problemText(p, names) {
  const d = p?.details ?? {};
  const ids = {
    reviewer: d.reviewerId !== undefined ? names.reviewer(d.reviewerId) : '',
    proposal: d.proposalId !== undefined ? names.proposal(d.proposalId) : '',
    condition: d.conditionId !== undefined ? names.condition(d.conditionId) : '',
  };
  const score = d.index !== undefined && d.reviewerId !== undefined && d.proposalId !== undefined && d.conditionId !== undefined;
  const value = typeof d.value === 'number' ? fixed(d.value, Number.isInteger(d.value) ? 0 : 1) : d.value;
  switch (p?.code) {
    case 'score_out_of_range':
      if (score) return t('proposals.problem.score_out_of_range.score', { ...ids, value, min: d.min, max: d.max });
      if (d.row !== undefined) {
        const scale = names.scale?.(d.column);
        return t('proposals.problem.score_out_of_range.csv', { row: d.row, column: d.column, value, scale: scale ? ` ${scale}` : '' });
      }
      break;
    case 'not_finite':
      if (score) return t('proposals.problem.not_finite.score', ids);
      break;
    case 'conflict_of_interest':
      if (score) return t('proposals.problem.conflict_of_interest.score', ids);
      break;
    case 'duplicate_id':
      if (score) return t('proposals.problem.duplicate_id.score', ids);
      if (d.proposalId !== undefined) return t('proposals.problem.duplicate_id.proposal', d);
      if (d.reviewerId !== undefined) return t('proposals.problem.duplicate_id.reviewer', d);
      if (d.conditionId !== undefined) return t('proposals.problem.duplicate_id.condition', d);
      break;
    case 'unknown_id':
      if (score) {
        const which = !names.hasReviewer(d.reviewerId) ? ['reviewer', d.reviewerId]
          : !names.hasProposal(d.proposalId) ? ['proposal', d.proposalId] : ['condition', d.conditionId];
        return t(`proposals.problem.unknown_id.${which[0]}`, { ...ids, id: which[1] });
      }
      if (d.index !== undefined) return t('proposals.problem.unknown_id.conflict', { id: d.reviewerId ?? d.proposalId ?? '' });
      break;
    case 'bad_input':
      if (d.row !== undefined && d.value !== undefined) return t('proposals.problem.bad_input.csvValue', { row: d.row, column: d.column, value: d.value });
      if (d.row !== undefined) return t('proposals.problem.bad_input.csvEmpty', { row: d.row, column: d.column });
      if (d.index !== undefined) return t('proposals.problem.bad_input.index', { n: d.index + 1 });
      break;
    case 'csv_malformed':
      if (d.row !== undefined) return t('proposals.problem.csv_malformed.csv', { row: d.row });
      break;
    case 'invalid_amount':
      if (d.minimumAmount !== undefined) {
        return t('proposals.problem.invalid_amount.minimum', { proposal: ids.proposal, minimum: money(d.minimumAmount), requested: money(d.amountRequested) });
      }
      if (d.proposalId !== undefined) return t('proposals.problem.invalid_amount.field', { proposal: ids.proposal, value: d.value });
      break;
    default:
  }
  return safeErrorText(p);
}

/** A param value's ids as names the reader knows (conditions translated, reviewers by name). */
function nameOf(key, id, names) {
  if (key === 'reviewer' || key === 'reviewers') return names.reviewer(id);
  if (key === 'proposal' || key === 'proposals') return names.proposal(id);
  if (key === 'condition' || key === 'conditions') return id === 'overall' ? t('proposals.agreement.overall') : names.condition(id);
  return id;
}

/** Why an agreement statistic is withheld, from its error code and details. */
function agreementReason(p) {
  const counts = { nUsed: number(Number(p.nUsed ?? 0), 0), n: number(Number(p.n ?? 0), 0), error: String(p.error ?? '') };
  if (p.statistic === 'icc' && p.error === 'sample_too_small' && p.raters !== undefined) return t('proposals.agreementReason.icc.raters', counts);
  const key = `proposals.agreementReason.${p.statistic}.${p.error}`;
  return has(key) ? t(key, counts) : t('proposals.agreementReason.other', counts);
}

/**
 * An engine note on a round (`{code, severity, params}`) in the user's language: ids become
 * proposal, reviewer and condition names (`names` is the area's `ctx.names`), an agreement
 * statistic is named with its metric and the reason it is withheld.
 */
export function roundNoteText(note, names) {
  const p = note?.params ?? {};
  const extra = {};
  if (note?.code === 'agreement_not_computed') {
    const term = (v) => (has(`term.${v}`) ? t(`term.${v}`) : String(v));
    extra.statistic = p.metric !== undefined ? `${term(p.statistic)} (${term(p.metric)})` : term(p.statistic);
    extra.reason = agreementReason(p);
  }
  if (Array.isArray(p.reviewerGroups)) {
    extra.reviewerGroups = p.reviewerGroups
      .map((g) => `[${(Array.isArray(g) ? g : [g]).map((id) => names.reviewer(String(id))).join(', ')}]`).join(' ');
  }
  return noteText({ ...note, params: { ...p, ...extra } }, { name: (key, id) => nameOf(key, id, names) });
}

// CSV cells and text: the page's one writer (www/csv.js), re-exported for the area's modules.
export { csvCell, csvText } from '../../csv.js';

/** A table header cell. */
export const th = (text, attrs = {}) => el('th', { scope: 'col', ...attrs, text });
/** A numeric table cell. */
export const num = (text, attrs = {}) => el('td', { class: 'num', ...attrs, text });
