// Krippendorff's alpha as a panel reads it (#20): the estimate and its bootstrap interval in
// separate cells, the level of measurement the rubric's scale implies, and Krippendorff's (2004)
// reading in words; and the ICC from all scores (the REML variance components of the proposal ×
// reviewer model, #20). Used by the agreement card in reviewers.js.
import { el } from '../../dom.js';
import { number, t } from '../../i18n.js';
import { fixed, num, pct, th } from './util.js';

const bounds = (a) => a?.bootstrap && a.bootstrap.lower !== null && a.bootstrap.upper !== null ? a.bootstrap : null;

/** The header cells of the alpha columns. */
export function alphaHeaders() {
  return [th(t('proposals.alpha.estimate'), { class: 'num' }), th(t('proposals.alpha.interval'), { class: 'num' }),
    th(t('proposals.alpha.reading')), th(t('proposals.alpha.metric'))];
}

/** The alpha cells of one row (a condition or overall) of the engine's agreement. */
export function alphaCells(row, missing) {
  const a = row.alpha;
  const b = bounds(a);
  return [
    num(a ? fixed(a.alpha, 3) : missing, { 'data-col': 'alpha', class: a ? 'num' : 'num muted' }),
    num(b ? t('proposals.alpha.range', { lower: fixed(b.lower, 3), upper: fixed(b.upper, 3) }) : missing, { 'data-col': 'alpha-ci', class: b ? 'num' : 'num muted' }),
    el('td', { 'data-col': 'reliability', 'data-reliability': row.reliability ?? '', text: row.reliability ? t(`proposals.alpha.${row.reliability}`) : missing }),
    el('td', { 'data-col': 'metric', text: t(`term.${row.alphaMetric}`) }),
  ];
}

/** The caption of the table, naming the bootstrap that produced the intervals. */
export function alphaCaption(rows, level) {
  const boot = rows.map((r) => r.alpha?.bootstrap).find(Boolean);
  return t('proposals.alpha.caption', { level: pct(level), resamples: number(boot?.resamples ?? 0, 0), seed: String(boot?.seed ?? '') });
}

/** One sentence reading the overall alpha against Krippendorff's thresholds. */
export function alphaReading(overall) {
  const a = overall.alpha;
  const b = bounds(a);
  if (!a || !b || !overall.reliability) return el('p', { 'data-testid': 'agreement-reading', text: t('proposals.alpha.overallNone') });
  const threshold = overall.reliability === 'reliable' ? 0.8 : overall.reliability === 'tentative' ? 0.667 : null;
  const text = t('proposals.alpha.overall', {
    alpha: fixed(a.alpha, 3), level: pct(b.level), lower: fixed(b.lower, 3), upper: fixed(b.upper, 3),
    reading: t(`proposals.alpha.say.${overall.reliability}`),
  }) + (threshold !== null && b.lower < threshold ? t('proposals.alpha.lowerBelow', { threshold: fixed(threshold, 3) }) : '');
  return el('p', { class: `reading ${overall.reliability}`, 'data-testid': 'agreement-reading', text });
}

/** The header cell of the ICC from all scores (the variance components of the crossed model). */
export const iccModelHeader = () => th(t('proposals.iccModel.header'), { class: 'num' });

/** The ICC(A,1) from all scores of one row, or `missing`. */
export function iccModelCell(row, missing) {
  const m = row.iccModel;
  return num(m ? fixed(m.iccAgreement, 3) : missing, { 'data-col': 'icc-model', class: m ? 'num' : 'num muted' });
}

/** One sentence on the overall ICC from all scores: what it measures and where it comes from. */
export function iccModelReading(overall) {
  const m = overall.iccModel;
  if (!m) return el('p', { class: 'small', 'data-testid': 'icc-model-reading', text: t('proposals.iccModel.none') });
  return el('p', { class: 'small', 'data-testid': 'icc-model-reading', text: t('proposals.iccModel.reading', {
    icc: pct(m.iccAgreement), consistency: pct(m.iccConsistency),
    vp: fixed(m.varSubjects, 1), vr: fixed(m.varRaters, 1), ve: fixed(m.varError, 1),
  }) });
}
