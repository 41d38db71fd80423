// The page's one reader of numbers a person typed (form fields, number inputs, score grids).
// Used by every area, so "2,5" means the same everywhere.
//
// Rules, in order:
// - spaces (also no-break and narrow no-break, the Spanish and French thousands separator) are
//   dropped; with `currency`, "US$", "$" and "USD" are dropped; with `percent`, one "%" is;
// - both "." and "," present: the last one is the decimal separator, the other groups thousands
//   ("1.234,5" and "1,234.5" are both 1234.5);
// - one kind of separator, more than once: it groups thousands ("1.234.567");
// - one separator once: it groups thousands when it is the locale's grouping separator ("," in
//   English, "." in Spanish) or, with `currency`, either one, and three digits follow a first
//   group of 1–3 digits not starting with 0 ("1,500" in English, "1.500" in Spanish, "$800.000");
//   otherwise it is the decimal separator — so a decimal comma works in English too ("2,5") and
//   a decimal point in Spanish ("2.5", "0.950");
// - groups of thousands must be exactly three digits; an exponent ("1e-3") only without
//   grouping. Anything else is NaN, for the engine to reject with a coded error.

const GROUPED = /^[1-9]\d{0,2}(?:X\d{3})+$/;

/** The grouping separator of `lang` ("," in English, "." in Spanish). */
const groupOf = (lang) => (lang === 'es' ? '.' : ',');

/**
 * Reads a typed number: `parseNumber("2,5", { lang: "es" })` is 2.5. Options: `lang` ("en" or
 * "es", default "en"), `currency` (accept US$/$/USD and read "800.000" as thousands),
 * `percent` (accept a "%" and return a share: "12,5 %" → 0.125). NaN when it is not a number.
 */
export function parseNumber(text, { lang = 'en', currency = false, percent = false } = {}) {
  let s = String(text ?? '').replace(/[\s\u00a0\u202f]/gu, '');
  if (currency) s = s.replace(/^US\$|^\$|USD$/gi, '').replace(/^([-+])(?:US\$|\$)/i, '$1');
  if (percent) s = s.replace(/%$/, '');
  const m = /^([-+]?)(.*)$/.exec(s);
  const sign = m[1] === '-' ? -1 : 1;
  const v = unsigned(m[2], groupOf(lang), currency);
  return percent ? (sign * v) / 100 : sign * v;
}

/** The value of an unsigned numeral `s` (see the rules above). */
function unsigned(s, group, currency) {
  if (s === '') return Number.NaN;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  if (dots && commas) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const other = decimal === '.' ? ',' : '.';
    const at = s.lastIndexOf(decimal);
    if (s.split(decimal).length - 1 !== 1) return Number.NaN;
    const whole = s.slice(0, at);
    const frac = s.slice(at + 1);
    if (!GROUPED.test(whole.split(other).join('X')) || !/^\d+$/.test(frac)) return Number.NaN;
    return Number(`${whole.split(other).join('')}.${frac}`);
  }
  const sep = dots ? '.' : commas ? ',' : null;
  if (sep === null) return plain(s);
  const grouped = GROUPED.test(s.split(sep).join('X'));
  if (dots + commas > 1) return grouped ? Number(s.split(sep).join('')) : Number.NaN;
  if (grouped && (sep === group || currency)) return Number(s.replace(sep, ''));
  return plain(s.replace(',', '.'));
}

/** A plain decimal numeral with "." and an optional exponent; NaN otherwise. */
function plain(s) {
  return /^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
}

/**
 * A number as a form field shows it for `lang`: the shortest text that reads back to the same
 * number, with a decimal comma in Spanish and never a thousands separator (so
 * `parseNumber(formatNumber(v, { lang }), { lang })` is `v`). "" for null and non-finite values.
 */
export function formatNumber(value, { lang = 'en' } = {}) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const s = String(value);
  return lang === 'es' ? s.replace('.', ',') : s;
}

/**
 * The text of a number field after a switch from language `from` to `to`: "0.95" becomes
 * "0,95" and back. Text that does not read as a number is kept as typed.
 */
export function relocalize(text, from, to) {
  const v = parseNumber(text, { lang: from });
  return Number.isFinite(v) ? formatNumber(v, { lang: to }) : text;
}

/**
 * Rewrites every decimal field (`inputmode="decimal"`) under `root` for a language switch,
 * except the one being typed in. Setting `value` fires no event: the areas' state is the
 * number, which does not change.
 */
export function relocalizeFields(root, from, to) {
  for (const input of root.querySelectorAll('input[inputmode="decimal"]')) {
    if (input !== input.ownerDocument.activeElement) input.value = relocalize(input.value, from, to);
  }
}
