// The import flows of "Set up a round" (#20): problems of the proposals and reviewers CSV
// files and of the assignment as sentences (from the engine's codes and details: row, column,
// ids), the table of bad rows, and scores naming reviewers the round lacks — offered to be
// added in one click, then imported — instead of refused with a raw code.
import { el } from '../../dom.js';
import { number, t } from '../../i18n.js';
import { noteText } from '../../notes.js';
import { problemText, th } from './util.js';
import './strings.js';

const count = (v) => number(Number(v ?? 0), 0);
const list = (v) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

/** An engine error of the setup (a file, a row, the assignment) in the reader's language. */
export function setupProblemText(e, names) {
  const d = e?.details ?? {};
  const at = { row: d.row, column: d.column };
  switch (e?.code) {
    case 'csv_empty': return t('setup.err.csv_empty');
    case 'unknown_column':
      if (d.missing) return t('setup.err.unknown_column', { missing: list(d.missing), columns: list(d.columns) });
      break;
    case 'duplicate_id':
      if (d.row !== undefined) return t('setup.err.duplicate_row', { ...at, id: d.proposalId ?? d.reviewerId ?? '', firstRow: d.firstRow });
      if (d.columns) return t('setup.err.duplicate_header', { columns: list(d.columns) });
      break;
    case 'bad_input':
      if (d.row !== undefined && d.value === undefined) return t('setup.err.cell_empty', at);
      break;
    case 'invalid_amount':
      if (d.row !== undefined && d.requested !== undefined) return t('setup.err.minimum', { ...at, value: count(d.value), requested: count(d.requested) });
      if (d.row !== undefined) return t('setup.err.amount', { ...at, value: d.value });
      break;
    case 'unknown_id':
      if (d.row !== undefined && d.proposalId !== undefined) return t('setup.err.conflict_unknown', { ...at, id: d.proposalId });
      break;
    case 'csv_malformed':
      if (d.row !== undefined) return t('setup.err.csv_row', { row: d.row });
      break;
    case 'infeasible_constraints':
      if (d.what !== 'assignment') break;
      if (d.reason === 'capacity') return t('setup.err.capacity', { needed: count(d.needed), k: count(d.reviewsPerProposal), available: count(d.available), cap: count(d.maxLoad) });
      if (d.reason === 'too_few_reviewers') return t('setup.err.too_few_reviewers', { id: d.proposalId, eligible: count(d.eligible), k: count(d.reviewsPerProposal), ids: list(d.proposals) });
      if (d.reason === 'no_assignment') return t('setup.err.no_assignment', { id: d.proposalId, k: count(d.reviewsPerProposal), cap: count(d.maxLoad) });
      break;
    case 'parameter_out_of_range':
      if (d.argument === 'reviewsPerProposal') return t('setup.err.k_range', { max: count(d.max) });
      if (d.argument === 'maxLoad') return t('setup.err.cap_range');
      break;
    default:
  }
  return problemText(e, names);
}

/** The bad rows of a CSV import as a table (row, column, problem), with the count not listed. */
export function badRows(result, names, testid) {
  const n = result.errors.length + result.errorsNotListed;
  if (!n) return null;
  return [
    el('p', { class: 'error', role: 'alert', text: t('setup.badRows', { n: count(n) }) }),
    el('table', { class: 'data compact', 'data-testid': testid },
      el('thead', {}, el('tr', {}, th(t('setup.row'), { class: 'num' }), th(t('setup.column')), th(t('setup.problem')))),
      el('tbody', {}, result.errors.map((e) => el('tr', { 'data-code': e.code },
        el('td', { class: 'num', 'data-col': 'row', text: e.details?.row ?? '' }),
        el('td', { 'data-col': 'column', text: e.details?.column ?? '' }),
        el('td', { text: setupProblemText(e, names) }))))),
    result.errorsNotListed ? el('p', { text: t('setup.moreBad', { n: count(result.errorsNotListed) }) }) : null,
  ];
}

/** The notes of an import or assignment as a list. */
export function noteList(notes, names) {
  if (!notes?.length) return null;
  return el('ul', { class: 'warnings' }, notes.map((w) => el('li', { 'data-code': w.code, text: noteText(w) })));
}

/** Reviewer ids named by `scores` that the round does not have, in order of first use. */
export function unknownReviewers(round, scores) {
  const known = new Set(round.reviewers.map((r) => r.id));
  return [...new Set(scores.map((s) => s.reviewerId).filter((id) => !known.has(id)))];
}

/**
 * Merges imported scores into the round (a score for the same reviewer × proposal × condition
 * replaces the old one) and applies it. When the scores name reviewers the round lacks, nothing
 * is applied yet: `onUnknown(ids, addAndImport)` is called so the page can offer to add them
 * (one click: they are added, named by their ids, and the import runs again).
 * Returns the result of ctx.apply, or null while the offer is open.
 */
export function applyScores(ctx, scores, { label, onUnknown }) {
  const unknown = unknownReviewers(ctx.round, scores);
  const merge = (reviewers) => {
    const key = (s) => `${s.reviewerId}\u0000${s.proposalId}\u0000${s.conditionId}`;
    const incoming = new Set(scores.map(key));
    const kept = (ctx.round.scores ?? []).filter((s) => !incoming.has(key(s)));
    return { ...ctx.round, reviewers, scores: [...kept, ...scores] };
  };
  if (unknown.length && onUnknown) {
    onUnknown(unknown, () => {
      const reviewers = [...ctx.round.reviewers, ...unknown.map((id) => ({ id, name: id }))];
      return ctx.apply({ round: merge(reviewers) }, { label: { key: 'setup.label.addReviewers', params: { ids: unknown.join(', ') } }, dropInvalidScores: true });
    });
    return null;
  }
  return ctx.apply({ round: merge(ctx.round.reviewers) }, { label, dropInvalidScores: true });
}

/** The offer to add unknown reviewers: a sentence and one button; `done(result)` after. */
export function unknownReviewersOffer(ids, addAndImport, done) {
  const button = el('button', { type: 'button', class: 'primary', 'data-testid': 'add-unknown-reviewers', text: t('setup.addReviewers') });
  button.addEventListener('click', () => done(addAndImport()));
  return el('div', { class: 'notice', role: 'alert', 'data-testid': 'unknown-reviewers' },
    el('p', { text: t('setup.unknownReviewers', { ids: ids.join(', ') }) }), button);
}
