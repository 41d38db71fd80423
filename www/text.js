// The page's one way to pick the English or Spanish side of a bilingual text, the `{ en, es }`
// the engine and the built-in examples carry (`Text` in src/note/ and the models). Callers that
// mark up the result use the returned `lang`, so English shown on the Spanish page is marked
// lang="en".

/**
 * The side of `text` in `lang`, falling back to the other language when that side is missing
 * or blank: `{ text, lang }`, where `lang` is the language of the text returned. A plain string
 * is returned as it is, with `lang` null (its language is not known); null gives "".
 */
export function pick(text, lang) {
  if (text === null || text === undefined) return { text: '', lang };
  if (typeof text !== 'object') return { text: String(text), lang: null };
  const has = (l) => typeof text[l] === 'string' && text[l].trim() !== '';
  const other = lang === 'es' ? 'en' : 'es';
  if (has(lang)) return { text: text[lang], lang };
  if (has(other)) return { text: text[other], lang: other };
  return { text: '', lang };
}

/** The string of `pick(text, lang)`: the text in `lang`, else in the other language, else "". */
export const pickText = (text, lang) => pick(text, lang).text;
