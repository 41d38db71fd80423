// The engine's warnings and notes as text in the reader's language. Every note is data:
// `{code, severity, params}` (src/note/). Its text is the string `note.<code>` of the area's
// table, its parameters filled in: numbers in the reader's locale (decimal comma in Spanish),
// lists joined, engine terms (a metric, a method) translated from `term.<value>`, and ids
// turned into names by the caller's `name` function. Nothing here reads engine English.
import { has, number, register, t } from './i18n.js';

/** Parameters whose value is an engine term the page translates (`term.<value>`). */
const TERM_PARAMS = new Set(['metric', 'method', 'test', 'statistic', 'kind', 'unit', 'side', 'reason']);

/** One parameter value as text: numbers in the locale, lists joined, terms translated. */
function paramText(key, value, name) {
  if (Array.isArray(value)) return value.map((v) => paramText(key, v, name)).join(', ');
  if (typeof value === 'number') return number(value, Number.isInteger(value) ? 0 : 3);
  const text = String(value ?? '');
  if (TERM_PARAMS.has(key) && has(`term.${text}`)) return t(`term.${text}`);
  return name ? name(key, text) : text;
}

/**
 * A note as a sentence in the current language.
 * @param {{code: string, severity?: string, params?: Record<string, unknown>}} note
 * @param {{name?: (key: string, id: string) => string}} [options] turns ids (items, proposals,
 *   reviewers) into the names the reader knows; by default the id itself.
 */
export function noteText(note, { name } = {}) {
  const params = {};
  for (const [key, value] of Object.entries(note?.params ?? {})) params[key] = paramText(key, value, name);
  const key = `note.${note?.code}`;
  return has(key) ? t(key, params) : t('note.unknown', { code: String(note?.code ?? '') });
}

register({
  en: {
    'note.unknown': 'The engine sent a note this page does not know ({code}).',
  },
  es: {
    'note.unknown': 'El motor envió una nota que esta página no conoce ({code}).',
  },
});
