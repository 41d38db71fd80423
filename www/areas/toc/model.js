// Plain helpers over the model JSON (the engine's TocModel): finding elements by id, applying
// the engine's edits, and listing provenance. No rule of the theory of change lives here:
// adding (defaults, fresh ids), deleting (the cascade) and renaming are the engine's `tocEdit`,
// and the engine validates every result.
import { wasm } from '../../engine.js';

/** Element kinds in form order, with the model array that holds each. */
export const KINDS = [
  ['phase', 'phases'], ['goal', 'goals'], ['component', 'components'], ['input', 'inputs'],
  ['activity', 'activities'], ['output', 'outputs'], ['outcome', 'outcomes'], ['impact', 'impacts'],
  ['indicator', 'indicators'], ['assumption', 'assumptions'],
];
export const COLLECTION = Object.fromEntries(KINDS);
/** Kinds drawn in the logic-model diagram. */
export const LOGIC_KINDS = ['input', 'activity', 'output', 'outcome', 'impact'];
export const STATUSES = ['not_started', 'in_progress', 'done', 'blocked'];
export const TERMS = ['short', 'intermediate', 'long'];
/** The label of an element (title, name, measure or statement). */
export const labelOf = (item) => item?.title ?? item?.name ?? item?.measure ?? item?.text ?? null;

/** Map id → { kind, item } (the first of duplicated ids wins). */
export function indexModel(m) {
  const map = new Map();
  for (const [kind, key] of KINDS) {
    for (const item of m[key] ?? []) if (!map.has(item.id)) map.set(item.id, { kind, item });
  }
  return map;
}

/**
 * Applies one engine edit (`tocEdit`: add, remove or rename, see TocEdit) to `m` in place and
 * returns the engine's { id, effects }. Throws the engine's coded error; `commit` catches it.
 */
export function applyEdit(m, op) {
  const r = wasm.tocEdit(m, op);
  for (const key of Object.keys(m)) if (!(key in r.model)) delete m[key];
  Object.assign(m, r.model);
  return r;
}

/** Position of `item` in the list of its `kind` in `m` (-1 when absent). */
export const positionOf = (m, kind, item) => (m[COLLECTION[kind]] ?? []).indexOf(item);

/**
 * Every fact that carries provenance (or could): { id, kind, what, params, provenance }.
 * `what` names the fact (a key under toc.what.*); `provenance` is null when entered by the user.
 */
export function provenanceEntries(m) {
  const out = [];
  const push = (id, kind, what, provenance, params = {}) => out.push({ id, kind, what, params, provenance: provenance ?? null });
  const fact = (id, kind, what, f) => { if (f) push(id, kind, what, f.provenance); };
  for (const [kind, key] of KINDS) {
    for (const x of m[key] ?? []) {
      push(x.id, kind, 'element', x.provenance);
      if (kind === 'phase' || kind === 'goal') { fact(x.id, kind, 'start', x.start); fact(x.id, kind, 'end', x.end); }
      if (kind === 'goal') {
        fact(x.id, kind, 'duration', x.durationDays);
        for (const d of x.dependsOn ?? []) push(x.id, kind, 'dependsOn', d.provenance, { id: d.goal });
      }
      if (kind === 'input') fact(x.id, kind, 'amount', x.amount);
      if (kind === 'outcome') for (const c of x.conditions ?? []) push(x.id, kind, 'condition', c.provenance, { condition: c.condition });
      if (kind === 'indicator') {
        fact(x.id, kind, 'baseline', x.baseline);
        fact(x.id, kind, 'target', x.target);
        for (const a of x.actuals ?? []) push(x.id, kind, 'actual', a.provenance, { date: a.date });
      }
    }
  }
  for (const l of m.links ?? []) push(l.from, 'link', 'link', l.provenance, { from: l.from, to: l.to });
  return out;
}

/** Counts of provenance origins: { read, assumed, entered }. */
export function provenanceCounts(entries) {
  const c = { read: 0, assumed: 0, entered: 0 };
  for (const e of entries) c[e.provenance?.origin === 'read' ? 'read' : e.provenance?.origin === 'assumed' ? 'assumed' : 'entered']++;
  return c;
}

/** Today's local date as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date, for drawing. */
export const dayNumber = (iso) => {
  const [y, mo, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, mo - 1, d) / 864e5);
};
/** YYYY-MM-DD of a day number. */
export const fromDayNumber = (n) => new Date(n * 864e5).toISOString().slice(0, 10);
export const isIsoDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(dayNumber(s));
