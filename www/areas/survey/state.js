// The Survey area's saved state (the project file): its default report options and the checks a
// restored state passes before the area takes it (the engine checks the mapping when applied).
import { call } from '../../engine.js';

export const DEFAULT_OPTIONS = { level: 0.95, adjust: 'holm', minCell: 10, zeroMethod: 'wilcox', groupBy: null };
export const ADJUST = ['holm', 'bh', 'bonferroni', 'hochberg', 'none'];
export const ZERO = ['wilcox', 'pratt'];
const SOURCES = ['parents', 'staff', 'file'];

const badState = (field, message) => ({ ok: false, error: { code: 'bad_input', details: { argument: `survey.${field}` }, message } });
export const sameOptions = (a, b) => Object.keys(DEFAULT_OPTIONS).every((k) => JSON.stringify(a?.[k] ?? DEFAULT_OPTIONS[k]) === JSON.stringify(b?.[k] ?? DEFAULT_OPTIONS[k]));
export const sameColumns = (a, b) => Array.isArray(a) && a.length === b.length && a.every((k, i) => k === b[i]);

/** Checks saved report options with the engine's own rules (`field` names them in an error). */
function checkOptions(o, field) {
  if (o === undefined) return { ok: true };
  if (!o || typeof o !== 'object' || Array.isArray(o)) return badState(field, `${field} must be an object`);
  // A null value is a setting left at its default (a half-typed level is saved as null).
  return call('checkReportOptions', Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)));
}

/** Checks the shape of a saved survey state (the engine checks the mapping when it is applied). */
export function checkState(state) {
  if (!state || typeof state !== 'object' || Array.isArray(state)) return badState('state', 'the survey state must be an object');
  if (state.source !== undefined && state.source !== null && !SOURCES.includes(state.source)) return badState('source', `unknown source ${state.source}`);
  for (const [field, o] of [['options', state.options], ['pendingOptions', state.pendingOptions], ['held.options', state.held === undefined || state.held === null ? undefined : state.held?.options ?? null]]) {
    const r = checkOptions(o, field);
    if (!r.ok) return r;
  }
  for (const k of ['mapping', 'pendingFile']) if (state[k] !== undefined && state[k] !== null && typeof state[k] !== 'object') return badState(k, `${k} must be an object`);
  if (state.csv !== undefined && typeof state.csv !== 'string') return badState('csv', 'csv must be text');
  if (state.columns !== undefined && state.columns !== null && !Array.isArray(state.columns)) return badState('columns', 'columns must be a list');
  return { ok: true };
}
