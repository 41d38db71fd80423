// Formatting for the survey area: the engine's bilingual texts, shares, p-values and points.
// Nothing here computes a statistic; it only writes numbers the engine returned.
import { intl, lang, percent, t } from '../../i18n.js';
import { pickText } from '../../text.js';

/** The engine's { en, es } text in the current language, falling back to the other one (www/text.js). */
export const tr = (text) => pickText(text, lang());

/** A number with exactly `digits` decimals in the current language. */
export function fixed(value, digits = 2) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return intl('NumberFormat', lang(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A whole count with grouping (1,234 / 1.234). */
export const count = (value) => (value === null || value === undefined ? '—' : intl('NumberFormat', lang()).format(value));

/** A share as a percentage, or a dash when unknown. */
export const pct = (value, digits = 0) => (value === null || value === undefined ? '—' : percent(value, digits));

/** An interval of shares, "82–94%" (the % sign once, as the engine's sentences write it). */
export function range(lower, upper, digits = 0) {
  if (lower === null || lower === undefined || upper === null || upper === undefined) return '—';
  return `${percent(lower, digits).replace(/\s?%$/, '')}–${percent(upper, digits)}`;
}

/** A p-value: three decimals, or "< 0.001". */
export function pValue(p) {
  if (p === null || p === undefined) return '—';
  return p < 0.001 ? `< ${fixed(0.001, 3)}` : fixed(p, 3);
}

/** A difference of shares in percentage points, signed: "+24". */
export function signedPoints(value) {
  if (value === null || value === undefined) return '—';
  const v = Math.round(value * 100);
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${intl('NumberFormat', lang()).format(Math.abs(v))}`;
}

/** A signed number (mean differences). */
export function signed(value, digits = 2) {
  if (value === null || value === undefined) return '—';
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${fixed(Math.abs(value), digits)}`;
}

/** The translated name of an engine method or effect size, or the name itself. */
export function methodName(method) {
  const key = `survey.method.${method}`;
  const text = t(key);
  return text === key ? method : text;
}

/** "{n} question(s)": the string `key.one` or `key.other` with n filled in. */
export const plural = (key, n) => t(`${key}.${n === 1 ? 'one' : 'other'}`, { n: count(n) });
