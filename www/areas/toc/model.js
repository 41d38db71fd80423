// Plain editing helpers over the model JSON (the engine's TocModel): finding elements by id,
// adding, renaming and deleting them with their references, and listing provenance. No rule of
// the theory of change lives here — the engine validates every result.

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
/** Systems-change condition ids the engine knows (FSG's six plus Alianza's two). */
export const CONDITIONS = ['policies', 'practices', 'resource-flows', 'relationships', 'power-dynamics',
  'mental-models', 'leadership-development', 'community-building'];

/** The text of a {en, es} label in `lang`, falling back to English: { text, lang }. */
export function pick(text, lang) {
  if (!text) return { text: '', lang };
  if (lang === 'es' && typeof text.es === 'string' && text.es.trim() !== '') return { text: text.es, lang: 'es' };
  return { text: text.en ?? '', lang: 'en' };
}

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

/** An id not yet used in the model, e.g. "g9" or "out_3". */
export function freshId(m, prefix) {
  const used = new Set(indexModel(m).keys());
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

const PREFIX = { phase: 'p', goal: 'g', component: 'c_', input: 'in_', activity: 'a_', output: 'out_',
  outcome: 'oc_', impact: 'im_', indicator: 'ind_', assumption: 'as_' };

/** A new, empty element of `kind` with a fresh id and `title` as its English label. */
export function newElement(m, kind, title, near = null) {
  const id = freshId(m, PREFIX[kind]);
  const text = { en: title, es: null };
  switch (kind) {
    case 'phase': return { id, name: text, start: null, end: null, provenance: null };
    case 'goal': return { id, title: text, owner: null, phase: m.phases?.at(-1)?.id ?? null, start: null, end: null,
      durationDays: { value: 30, provenance: null }, dependsOn: [], status: 'not_started', provenance: null };
    case 'component': return { id, title: text, who: null, provenance: null };
    case 'input': return { id, title: text, amount: null, component: null, provenance: null };
    case 'activity': return { id, title: text, goal: null, component: null, status: 'not_started', provenance: null };
    case 'output': case 'impact': return { id, title: text, component: null, provenance: null };
    case 'outcome': return { id, title: text, term: 'short', component: null, conditions: [], provenance: null };
    case 'indicator': return { id, of: near ?? m.outcomes?.[0]?.id ?? m.outputs?.[0]?.id ?? '', measure: text, unit: null,
      baseline: null, target: null, dataSource: null, surveyItem: null, actuals: [], provenance: null };
    case 'assumption': return { id, kind: 'assumption', text, about: near ? [near] : [], provenance: null };
    default: throw new Error(`unknown kind ${kind}`);
  }
}

/** Every place that refers to an id: [object, key] pairs, or [array, index] for lists of ids. */
function references(m) {
  const refs = [];
  for (const g of m.goals ?? []) {
    refs.push([g, 'phase']);
    for (const d of g.dependsOn ?? []) refs.push([d, 'goal']);
  }
  for (const a of m.activities ?? []) refs.push([a, 'goal']);
  for (const key of ['inputs', 'activities', 'outputs', 'outcomes', 'impacts']) {
    for (const x of m[key] ?? []) refs.push([x, 'component']);
  }
  for (const l of m.links ?? []) refs.push([l, 'from'], [l, 'to']);
  for (const a of m.assumptions ?? []) (a.about ?? []).forEach((_, i) => refs.push([a.about, i]));
  for (const i of m.indicators ?? []) refs.push([i, 'of']);
  return refs;
}

/** Renames an id and every reference to it. */
export function renameId(m, item, newId) {
  const old = item.id;
  item.id = newId;
  if (old === newId || indexModel(m).has(old)) return; // another element still carries the old id
  for (const [obj, key] of references(m)) if (obj[key] === old) obj[key] = newId;
}

/**
 * Deletes `item` of `kind`; when no other element keeps its id, removes the links, dependencies
 * and "about" entries that name it, deletes the indicators that measure it, and clears the
 * goal/phase/component fields that point to it.
 */
export function removeElement(m, kind, item) {
  const list = m[COLLECTION[kind]];
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
  const id = item.id;
  if (indexModel(m).has(id)) return;
  m.links = (m.links ?? []).filter((l) => l.from !== id && l.to !== id);
  for (const g of m.goals ?? []) {
    g.dependsOn = (g.dependsOn ?? []).filter((d) => d.goal !== id);
    if (g.phase === id) g.phase = null;
  }
  for (const a of m.activities ?? []) if (a.goal === id) a.goal = null;
  for (const key of ['inputs', 'activities', 'outputs', 'outcomes', 'impacts']) {
    for (const x of m[key] ?? []) if (x.component === id) x.component = null;
  }
  for (const a of m.assumptions ?? []) a.about = (a.about ?? []).filter((x) => x !== id);
  m.indicators = (m.indicators ?? []).filter((i) => i.of !== id);
}

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

/** Parses a number typed by a person (a decimal comma is accepted); NaN when it is not one. */
export function parseNumber(text) {
  const s = String(text).trim().replace(',', '.');
  return s === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number.NaN : Number(s);
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
