// Krippendorff's alpha as a panel reads it (#20): the estimate and its bootstrap interval in
// separate cells, the level of measurement the rubric's scale implies, and Krippendorff's (2004)
// reading in words; and the ICC from all scores (the REML variance components of the proposal ×
// reviewer model, #20). Used by the agreement card in reviewers.js.
import { el } from '../../dom.js';
import { number, register, t } from '../../i18n.js';
import { fixed, num, pct, th } from './util.js';

register({
  en: {
    'proposals.alpha.estimate': 'Alpha',
    'proposals.alpha.interval': 'Interval',
    'proposals.alpha.range': '{lower} to {upper}',
    'proposals.alpha.reading': 'Reading',
    'proposals.alpha.metric': 'Level',
    'proposals.alpha.reliable': 'reliable (≥ 0.800)',
    'proposals.alpha.tentative': 'tentative (0.667–0.800)',
    'proposals.alpha.do_not_rely': 'do not rely (below 0.667)',
    'proposals.alpha.caption': 'Krippendorff’s alpha at the level each scale implies — ordinal for a condition (labelled points in order, whose distances are not known to be equal), interval for the weighted 0–100 score (an average, so interval by construction) — with a {level} bootstrap interval over proposals ({resamples} resamples, seed {seed}). ICC: Shrout–Fleiss ICC(2,1) with its {level} interval, and ICC(2,k).',
    'proposals.alpha.overall': 'Overall, alpha is {alpha} ({level} interval {lower} to {upper}): {reading}.',
    'proposals.alpha.overallNone': 'Overall, alpha could not be computed (see the notes).',
    'proposals.alpha.say.reliable': 'the reviewers agree well enough to rely on their scores',
    'proposals.alpha.say.tentative': 'draw only tentative conclusions from these scores',
    'proposals.alpha.say.do_not_rely': 'below 0.667, do not rely on these scores to tell proposals apart without discussing them',
    'proposals.alpha.lowerBelow': ' The interval reaches below {threshold}, so the reading is uncertain.',
    'proposals.iccModel.header': 'ICC, all scores',
    'proposals.iccModel.reading': 'ICC from all scores, overall: {icc} of the variance in one reviewer’s weighted score lies between proposals (ICC(A,1), absolute agreement); {consistency} once each reviewer’s harshness is set aside (ICC(C,1)). It comes from the variance components of the proposal × reviewer model (REML, as lme4 fits it for psych::ICC(lmer = TRUE) in R), which use every score, so it exists when no proposal was read by every reviewer. Variances: proposals {vp}, reviewers {vr}, residual {ve}.',
    'proposals.iccModel.none': 'The ICC from all scores could not be estimated for the overall score (see the notes).',
  },
  es: {
    'proposals.alpha.estimate': 'Alfa',
    'proposals.alpha.interval': 'Intervalo',
    'proposals.alpha.range': '{lower} a {upper}',
    'proposals.alpha.reading': 'Lectura',
    'proposals.alpha.metric': 'Nivel',
    'proposals.alpha.reliable': 'confiable (≥ 0,800)',
    'proposals.alpha.tentative': 'provisional (0,667–0,800)',
    'proposals.alpha.do_not_rely': 'no confiar (menos de 0,667)',
    'proposals.alpha.caption': 'Alfa de Krippendorff al nivel que implica cada escala —ordinal para una condición (puntos con nombre y en orden, cuyas distancias no se sabe si son iguales), de intervalo para la puntuación ponderada de 0 a 100 (un promedio, de intervalo por construcción)— con un intervalo bootstrap del {level} sobre las propuestas ({resamples} remuestras, semilla {seed}). ICC: ICC(2,1) de Shrout y Fleiss con su intervalo del {level}, e ICC(2,k).',
    'proposals.alpha.overall': 'En general, alfa es {alpha} (intervalo del {level}: {lower} a {upper}): {reading}.',
    'proposals.alpha.overallNone': 'En general, no se pudo calcular alfa (vea las notas).',
    'proposals.alpha.say.reliable': 'los evaluadores coinciden lo bastante para confiar en sus puntuaciones',
    'proposals.alpha.say.tentative': 'saque solo conclusiones provisionales de estas puntuaciones',
    'proposals.alpha.say.do_not_rely': 'por debajo de 0,667, no confíe en estas puntuaciones para distinguir propuestas sin discutirlas',
    'proposals.alpha.lowerBelow': ' El intervalo baja de {threshold}, así que la lectura es incierta.',
    'proposals.iccModel.header': 'ICC, todas las puntuaciones',
    'proposals.iccModel.reading': 'ICC con todas las puntuaciones, en general: {icc} de la varianza de la puntuación ponderada de un evaluador está entre propuestas (ICC(A,1), acuerdo absoluto); {consistency} si se descuenta la severidad de cada evaluador (ICC(C,1)). Sale de los componentes de varianza del modelo propuesta × evaluador (REML, como lo ajusta lme4 para psych::ICC(lmer = TRUE) en R), que usan todas las puntuaciones, así que existe aunque ninguna propuesta la hayan leído todos los evaluadores. Varianzas: propuestas {vp}, evaluadores {vr}, residual {ve}.',
    'proposals.iccModel.none': 'El ICC con todas las puntuaciones no se pudo estimar para la puntuación general (vea las notas).',
  },
});

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
