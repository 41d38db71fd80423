// The one CSV writer of the page: every CSV export (survey report, proposals results and
// scores) builds its cells here, so the quoting and the formula guard are the same everywhere.
//
// Quoting (RFC 4180): a field is quoted when it holds a comma, a double quote, CR or LF, and a
// double quote inside is doubled; records end with CRLF. Nothing else is quoted.
//
// Formula guard (CSV injection, OWASP): a spreadsheet runs a cell that starts with `=`, `+`,
// `-`, `@`, a tab or a line break as a formula — also after leading spaces, and also with the
// fullwidth forms `＝ ＋ － ＠` that some spreadsheets fold to ASCII. Such text gets a leading
// apostrophe, so it shows as the same text and never runs. Numbers stay numbers.

/** Leading characters a spreadsheet may skip before reading a formula (spaces of every kind, controls). */
const SKIPPED = /^[\s\u0000-\u001f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]*/u;
/* A formula start: ASCII or fullwidth = + - @, or a tab / line break in first place. */
const FORMULA = /^[=+\-@\uff1d\uff0b\uff0d\uff20]/u;

/** True when a spreadsheet could read `text` as a formula. */
export function looksLikeFormula(text) {
  if (/^[\t\r\n]/.test(text)) return true;
  return FORMULA.test(text.replace(SKIPPED, ''));
}

/** One CSV cell: empty for null/undefined/non-finite, defused when it could run, quoted as RFC 4180 says. */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  if (looksLikeFormula(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text from rows of cells (CRLF line ends, as spreadsheets expect). */
export const csvText = (rows) => rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

// ---- CSV for Excel set to Spanish (issue 18): Excel in a Spanish locale splits fields on `;`
// and reads `0,5` as a number, and needs the UTF-8 byte-order mark to read "ñ" and "á" right.

/** One cell for Spanish Excel: numbers with a decimal comma (no thousands separator), text as
 *  `csvCell` but quoted when it holds `;` (or a comma, kept for safety). */
export function csvCellEs(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  const s = csvCell(value);
  return !s.startsWith('"') && s.includes(';') ? `"${s}"` : s;
}

/** CSV text for Spanish Excel: UTF-8 BOM, `;` between fields, decimal commas, CRLF. */
export const csvTextEs = (rows) => `\ufeff${rows.map((row) => row.map(csvCellEs).join(';')).join('\r\n')}\r\n`;
