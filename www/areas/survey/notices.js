// The engine's coded reasons, notices and notes as text in the current language. Each has a
// stable `code` and typed `params` (ids, codes, counts); ids are turned into the question's
// statement from the mapping. Nothing here reads the engine's English.
import { has, t } from '../../i18n.js';
import { noteText } from '../../notes.js';
import { count, methodName, pct, tr } from './format.js';

const list = (v) => (Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? count(x) : String(x))).join(', ') : typeof v === 'number' ? count(v) : String(v ?? ''));

/** The statement of an item, pair or scale id in the current language (else the id). */
export function nameOf(mapping, id) {
  const ins = mapping?.instrument;
  const found = ins?.items.find((i) => i.id === id) ?? ins?.pairs.find((p) => p.id === id) ?? ins?.scales.find((s) => s.id === id);
  return (found && tr(found.text)) || String(id ?? '');
}

/** A template's name ("agreement, 5 points"). */
export const templateName = (tpl) => (has(`survey.template.${tpl}`) ? t(`survey.template.${tpl}`) : String(tpl));

/** A proposal's reason as a sentence fragment. */
export function reasonText(reason) {
  const p = reason.params ?? {};
  const params = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, list(v)]));
  for (const k of ['template', 'common']) if (p[k] !== undefined) params[k] = templateName(p[k]);
  if (p.reason !== undefined) params.reason = has(`survey.nonAnswer.${p.reason}`) ? t(`survey.nonAnswer.${p.reason}`) : String(p.reason);
  const key = `survey.reason.${reason.code}`;
  return has(key) ? t(key, params) : reason.code;
}

/** Parameters of a note that hold an item, pair or scale id (shown as its statement). */
const ID_PARAMS = new Set(['item', 'items', 'pair', 'before', 'after', 'scale']);

/**
 * The `name` function `noteText` uses for the survey's notes: ids become statements from the
 * mapping, method tags their names, units and error codes short phrases in the reader's
 * language. Anything else is shown as sent (user data such as wave names).
 */
export function noteNames(mapping) {
  return (key, value) => {
    if (ID_PARAMS.has(key)) return nameOf(mapping, value);
    if (key === 'test') return methodName(value);
    if (key === 'unit') return has(`survey.noteUnit.${value}`) ? t(`survey.noteUnit.${value}`) : value;
    if (key === 'reason') return t(has(`survey.noteReason.${value}`) ? `survey.noteReason.${value}` : 'survey.noteReason.other');
    return value;
  };
}

/**
 * An engine note (`{code, severity, params}`: a warning of a statistic, or a notice of why a
 * headline is withheld) as a sentence in the current language, from `note.<code>`.
 * @param {{code: string, severity?: string, params?: Record<string, unknown>}} note
 * @param {object} [mapping] the current mapping, to name items, pairs and scales
 */
export function noteLine(note, mapping) {
  const p = note.params ?? {};
  const names = noteNames(mapping);
  if (note.severity !== 'withheld') return noteText(note, { name: names });
  // A withheld headline names what is withheld: the pair or scale, else "this comparison".
  const what = p.pair !== undefined ? `“${nameOf(mapping, p.pair)}”` : p.scale !== undefined ? `“${nameOf(mapping, p.scale)}”` : t('survey.notice.thisComparison');
  const params = { ...p, what, item: p.item ?? p.pair ?? '' };
  return noteText({ ...note, params }, { name: (key, value) => (key === 'what' ? value : names(key, value)) });
}

/** A report notice (why a headline is withheld) as a sentence. */
export const noticeText = (notice, mapping) => noteLine({ severity: 'withheld', ...notice }, mapping);

/** A confidence from 0 to 1 as a percentage. */
export const confidenceText = (c) => pct(c);
