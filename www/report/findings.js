// The survey's findings for the report: each paired shift or wave comparison as one headline a
// funder reads without statistics ("35% → 89% …, a rise of 54 points (42 to 63)"), its test and
// p-value in a method note beside it, and one table row (for the table and its CSV/JSON).
// Every number is the engine's (src/survey/report); this file only words and rounds them.
import { intl, lang, percent, t } from '../i18n.js';
import { pickText } from '../text.js';
import { methodLabel } from '../methodcard.js';

const pts = (share) => Math.round(share * 100);
const signedPts = (share) => { const v = pts(share); return v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0'; };
const fmt = (v, digits) => intl('NumberFormat', lang(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
const pText = (p) => (p === null || p === undefined ? '—' : p < 0.001 ? `< ${fmt(0.001, 3)}` : fmt(p, 3));
/** "= 0.012" or "< 0.001", to follow a "p". */
const pRel = (p) => (p < 0.001 ? `< ${fmt(0.001, 3)}` : `= ${fmt(p, 3)}`);

/** The question's top-box label ("agree or strongly agree"), from the item result. */
function measureOf(report, itemId) {
  const it = report.items.find((r) => r.item === itemId && r.topBox);
  const label = it ? pickText(it.topBox.label, lang()) : '';
  return label ? t('report.share', { label: label.toLocaleLowerCase(lang()) }) : t('report.agreeing');
}

/** "a rise / a fall / a change that may be none", from the interval's sign. */
function headline(question, measure, before, after, diff) {
  const key = diff.lower > 0 ? 'report.rise' : diff.upper < 0 ? 'report.fall' : 'report.unclear';
  const points = key === 'report.unclear' ? signedPts(diff.estimate) : String(Math.abs(pts(diff.estimate)));
  const [lo, hi] = key === 'report.fall' ? [-diff.upper, -diff.lower] : [diff.lower, diff.upper];
  const bound = (v) => (key === 'report.unclear' ? signedPts(v) : String(pts(v)).replace('-', '−'));
  return t(key, { question, measure, before: percent(before), after: percent(after), points, lower: bound(lo), upper: bound(hi) });
}

function methodNote(report, test, n) {
  const adjust = report.adjustment;
  let stat = t('report.methodNoteNoTest');
  if (test) {
    stat = test.pAdjusted === null || test.pAdjusted === undefined
      ? t('report.methodNoteP', { p: pRel(test.pValue) })
      : t('report.methodNotePAdj', { p: pRel(test.pValue), m: adjust.m, adjust: t(`survey.adjust.${adjust.method}`), padj: pRel(test.pAdjusted) });
  }
  return t('report.methodNote', { method: test ? methodLabel(test.method) : '—', stat, n });
}

/**
 * The findings of an engine survey report: `{ headline, note, reference, withheld, row }[]`,
 * where `row` holds the table's values (shares as numbers in [0, 1], points as numbers).
 */
export function surveyFindings(report) {
  const out = [];
  for (const s of report.shifts) {
    const question = pickText(s.text, lang());
    const withheld = (s.notices ?? []).length > 0;
    const test = s.test ?? null;
    const base = { question, method: test?.method ?? s.method, p: test?.pValue ?? null, pAdjusted: test?.pAdjusted ?? null, n: s.nUsed };
    if (!withheld && s.kind !== 'numeric' && s.topBefore && s.topAfter && s.topChange) {
      const measure = measureOf(report, s.after);
      out.push({
        headline: headline(question, measure, s.topBefore.estimate, s.topAfter.estimate, s.topChange),
        note: methodNote(report, test, s.nUsed), reference: test?.reference ?? null, withheld,
        row: { ...base, measure, before: s.topBefore.estimate, after: s.topAfter.estimate, change: pts(s.topChange.estimate), lower: pts(s.topChange.lower), upper: pts(s.topChange.upper) },
      });
    } else if (!withheld && s.kind === 'numeric' && s.pairedT && s.meanBefore !== null && s.meanAfter !== null) {
      const d = s.pairedT;
      out.push({
        headline: t('report.meanShift', { question, before: fmt(s.meanBefore, 2), after: fmt(s.meanAfter, 2), diff: fmt(d.meanDifference, 2), lower: fmt(d.lower, 2), upper: fmt(d.upper, 2) }),
        note: methodNote(report, test, s.nUsed), reference: test?.reference ?? null, withheld,
        row: { ...base, measure: '', before: s.meanBefore, after: s.meanAfter, change: d.meanDifference, lower: d.lower, upper: d.upper },
      });
    } else {
      // Withheld or incomplete: the engine's own sentence says why, and no number is guessed.
      out.push({ headline: pickText(s.sentence, lang()), note: methodNote(report, test, s.nUsed), reference: test?.reference ?? null, withheld: true,
        row: { ...base, measure: t('report.withheld'), before: null, after: null, change: null, lower: null, upper: null } });
    }
  }
  for (const w of report.waves) {
    const question = pickText(w.text, lang());
    const tp = w.twoProportions;
    const test = w.test ?? null;
    const n = w.nFrom + w.nTo;
    const base = { question, method: test?.method ?? 'newcombe', p: test?.pValue ?? null, pAdjusted: test?.pAdjusted ?? null, n };
    if ((w.notices ?? []).length === 0 && tp && w.shareFrom && w.shareTo && !w.sizesAssumed) {
      const measure = t('report.periods', { measure: measureOf(report, w.item), from: w.from, to: w.to });
      out.push({
        headline: headline(question, measure, w.shareFrom.estimate, w.shareTo.estimate, { estimate: tp.difference, lower: tp.lower, upper: tp.upper }),
        note: methodNote(report, test, n), reference: test?.reference ?? null, withheld: false,
        row: { ...base, measure, before: w.shareFrom.estimate, after: w.shareTo.estimate, change: pts(tp.difference), lower: pts(tp.lower), upper: pts(tp.upper) },
      });
    } else {
      out.push({ headline: pickText(w.sentence, lang()), note: methodNote(report, test, n), reference: test?.reference ?? null, withheld: true,
        row: { ...base, measure: t('report.withheld'), before: null, after: null, change: null, lower: null, upper: null } });
    }
  }
  return out;
}

/** The engine's plain sentences of the single questions not already in a headline. */
export function otherSentences(report) {
  const paired = new Set(report.shifts.flatMap((s) => [s.before, s.after]));
  const waved = new Set(report.waves.map((w) => w.item));
  return report.items
    .filter((it) => it.kind !== 'category' && it.kind !== 'codes' && !paired.has(it.item) && !waved.has(it.item))
    .map((it) => pickText(it.sentence, lang()))
    .filter(Boolean);
}

/** The table's columns: [key, header string key]. */
export const COLUMNS = [
  ['question', 'report.col.question'], ['measure', 'report.col.measure'], ['before', 'report.col.before'], ['after', 'report.col.after'],
  ['change', 'report.col.change'], ['lower', 'report.col.lower'], ['upper', 'report.col.upper'], ['n', 'report.col.n'],
  ['method', 'report.col.method'], ['p', 'report.col.p'], ['pAdjusted', 'report.col.pAdjusted'],
];

/** A cell as shown in the report's table (shares as percent, p-values to 3 decimals). */
export function cellText(key, row) {
  const v = row[key];
  if (v === null || v === undefined || v === '') return key === 'measure' ? '' : '—';
  if ((key === 'before' || key === 'after') && row.measure !== '') return percent(v);
  if (key === 'p' || key === 'pAdjusted') return pText(v);
  if (key === 'method') return methodLabel(v);
  if (typeof v === 'number') return fmt(v, Number.isInteger(v) ? 0 : 2);
  return String(v);
}
