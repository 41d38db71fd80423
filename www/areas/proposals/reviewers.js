// Reviewers: calibration (each reviewer's offset from the engine's least-squares fit of
// proposal + reviewer effects, the calibrated scores and the z-score alternative) and agreement
// (Shrout–Fleiss ICC on complete rows, Krippendorff's alpha, proposals to discuss).
import { el, replace } from '../../dom.js';
import { methodCard } from '../../methodcard.js';
import { number, register, t } from '../../i18n.js';
import { alphaCaption, alphaCells, alphaHeaders, alphaReading, iccModelCell, iccModelHeader, iccModelReading } from './agreement.js';
import { fixed, num, pct, roundNoteText, signed, svg, th } from './util.js';

register({
  en: {
    'proposals.calibration.title': 'Reviewer calibration',
    'proposals.calibration.intro': 'Some reviewers score harder than others, and in an incomplete design that decides which proposals look strong. The engine fits score = proposal effect + reviewer offset by least squares over every review (each reviewer saw only some proposals), then removes each reviewer’s offset: the calibrated score. The z-score alternative standardises each reviewer’s own scores (mean 0, SD 1) before averaging.',
    'proposals.calibration.use': 'Rank and fund by calibrated scores',
    'proposals.calibration.using': 'Ranking and funding use calibrated scores. Switch back to raw scores',
    'proposals.calibration.reviewers': 'Reviewers: offset in points on 0–100 (positive: more generous than the average reviewer).',
    'proposals.calibration.reviewer': 'Reviewer',
    'proposals.calibration.reviews': 'Reviews',
    'proposals.calibration.mean': 'Mean of their scores (0–100)',
    'proposals.calibration.sd': 'SD',
    'proposals.calibration.offset': 'Offset (points)',
    'proposals.calibration.reading': 'Reading',
    'proposals.calibration.generous': 'more generous than average',
    'proposals.calibration.harsh': 'harsher than average',
    'proposals.calibration.even': 'average',
    'proposals.calibration.group': 'group {g}',
    'proposals.calibration.chart': 'Reviewer offsets in points: {list}.',
    'proposals.calibration.proposals': 'Proposals: raw, calibrated and z-scores.',
    'proposals.calibration.proposal': 'Proposal',
    'proposals.calibration.raw': 'Raw (mean of its reviews, 0–100)',
    'proposals.calibration.calibrated': 'Calibrated (0–100)',
    'proposals.calibration.z': 'Mean z-score',
    'proposals.calibration.rawNote': 'Raw here is the mean of the reviewers’ overall scores for the proposal; it can differ slightly from the weighted score in the ranking when a reviewer skipped a condition.',
    'proposals.calibration.fit': 'Least-squares fit on {n} reviews: residual SD {sd} points; {groups} connected reviewer group(s).',
    'proposals.agreement.title': 'Agreement between reviewers',
    'proposals.agreement.intro': 'How much the reviewers agree, per condition and overall (on each reviewer’s weighted 0–100 score). Krippendorff’s alpha works with incomplete designs; the estimate and its interval are shown apart. The ICC is Shrout & Fleiss’s ICC(2,1) — two-way random effects, absolute agreement, a single reviewer — with ICC(2,k) for the mean of the k reviewers; it needs proposals scored by every reviewer, so it uses complete rows only.',
    'proposals.agreement.iccNone': 'ICC is not available for this round: it needs at least two proposals scored by every reviewer, and {complete} of {n} proposals are complete. The column “ICC, all scores” estimates it from every score instead, and Krippendorff’s alpha is the measure to read first.',
    'proposals.agreement.iccNoneGeneric': 'ICC is not available for this round (see the notes). Read Krippendorff’s alpha instead.',
    'proposals.agreement.guide': 'Krippendorff (2004) suggests relying on alpha ≥ 0.800 and drawing only tentative conclusions from alpha between 0.667 and 0.800.',
    'proposals.agreement.condition': 'Condition',
    'proposals.agreement.overall': 'Overall (weighted score)',
    'proposals.agreement.icc': 'ICC(2,1) [interval]',
    'proposals.agreement.icck': 'ICC(2,k)',
    'proposals.agreement.pairable': 'Proposals / pairable scores',
    'proposals.agreement.notes': 'Notes',
    'proposals.agreement.notAvailable': 'not available',
    'proposals.agreement.flags': 'Proposals flagged for discussion',
    'proposals.agreement.flagsIntro': 'A flag means the reviewers’ scores of a proposal on a condition spread over at least {share} of the scale (overall: {points} points on 0–100){calibrated}.',
    'proposals.agreement.afterOffsets': ', after removing each reviewer’s offset',
    'proposals.agreement.noFlags': 'No proposal needs discussion at these thresholds.',
    'proposals.agreement.proposal': 'Proposal',
    'proposals.agreement.spread': 'Spread',
    'proposals.agreement.rawSpread': 'Spread as scored',
    'proposals.agreement.threshold': 'Threshold',
    'proposals.agreement.between': 'Lowest → highest',
  },
  es: {
    'proposals.calibration.title': 'Calibración de evaluadores',
    'proposals.calibration.intro': 'Algunos evaluadores puntúan con más dureza que otros, y en un diseño incompleto eso decide qué propuestas parecen fuertes. El motor ajusta puntuación = efecto de la propuesta + desvío del evaluador por mínimos cuadrados con todas las evaluaciones (cada evaluador vio solo algunas propuestas) y luego quita el desvío de cada evaluador: la puntuación calibrada. La alternativa de puntuaciones z estandariza las puntuaciones de cada evaluador (media 0, DE 1) antes de promediar.',
    'proposals.calibration.use': 'Clasificar y financiar con puntuaciones calibradas',
    'proposals.calibration.using': 'La clasificación y la financiación usan puntuaciones calibradas. Volver a las puntuaciones sin ajustar',
    'proposals.calibration.reviewers': 'Evaluadores: desvío en puntos de 0 a 100 (positivo: más generoso que el evaluador promedio).',
    'proposals.calibration.reviewer': 'Evaluador',
    'proposals.calibration.reviews': 'Evaluaciones',
    'proposals.calibration.mean': 'Media de sus puntuaciones (0–100)',
    'proposals.calibration.sd': 'DE',
    'proposals.calibration.offset': 'Desvío (puntos)',
    'proposals.calibration.reading': 'Lectura',
    'proposals.calibration.generous': 'más generoso que el promedio',
    'proposals.calibration.harsh': 'más duro que el promedio',
    'proposals.calibration.even': 'promedio',
    'proposals.calibration.group': 'grupo {g}',
    'proposals.calibration.chart': 'Desvíos de los evaluadores en puntos: {list}.',
    'proposals.calibration.proposals': 'Propuestas: puntuación sin ajustar, calibrada y z.',
    'proposals.calibration.proposal': 'Propuesta',
    'proposals.calibration.raw': 'Sin ajustar (media de sus evaluaciones, 0–100)',
    'proposals.calibration.calibrated': 'Calibrada (0–100)',
    'proposals.calibration.z': 'Puntuación z media',
    'proposals.calibration.rawNote': 'Aquí, «sin ajustar» es la media de las puntuaciones globales de los evaluadores para la propuesta; puede diferir un poco de la puntuación ponderada de la clasificación cuando un evaluador omitió una condición.',
    'proposals.calibration.fit': 'Ajuste por mínimos cuadrados con {n} evaluaciones: DE residual de {sd} puntos; {groups} grupo(s) conectado(s) de evaluadores.',
    'proposals.agreement.title': 'Acuerdo entre evaluadores',
    'proposals.agreement.intro': 'Cuánto coinciden los evaluadores, por condición y en general (con la puntuación ponderada de 0 a 100 de cada evaluador). El alfa de Krippendorff funciona con diseños incompletos; la estimación y su intervalo se muestran por separado. El ICC es el ICC(2,1) de Shrout y Fleiss —efectos aleatorios de dos vías, acuerdo absoluto, un solo evaluador— con el ICC(2,k) para la media de los k evaluadores; necesita propuestas calificadas por todos los evaluadores, así que solo usa filas completas.',
    'proposals.agreement.iccNone': 'El ICC no está disponible para esta ronda: necesita al menos dos propuestas calificadas por todos los evaluadores, y {complete} de {n} propuestas están completas. La columna «ICC, todas las puntuaciones» lo estima con todas las puntuaciones, y el alfa de Krippendorff es la medida que conviene leer primero.',
    'proposals.agreement.iccNoneGeneric': 'El ICC no está disponible para esta ronda (vea las notas). Lea el alfa de Krippendorff en su lugar.',
    'proposals.agreement.guide': 'Krippendorff (2004) sugiere confiar en un alfa ≥ 0,800 y sacar solo conclusiones provisionales con un alfa entre 0,667 y 0,800.',
    'proposals.agreement.condition': 'Condición',
    'proposals.agreement.overall': 'General (puntuación ponderada)',
    'proposals.agreement.icc': 'ICC(2,1) [intervalo]',
    'proposals.agreement.icck': 'ICC(2,k)',
    'proposals.agreement.pairable': 'Propuestas / puntuaciones emparejables',
    'proposals.agreement.notes': 'Notas',
    'proposals.agreement.notAvailable': 'no disponible',
    'proposals.agreement.flags': 'Propuestas señaladas para discutir',
    'proposals.agreement.flagsIntro': 'Una señal indica que las puntuaciones de los evaluadores para una propuesta en una condición se separan al menos {share} de la escala (en general: {points} puntos de 0 a 100){calibrated}.',
    'proposals.agreement.afterOffsets': ', tras quitar el desvío de cada evaluador',
    'proposals.agreement.noFlags': 'Ninguna propuesta necesita discusión con estos umbrales.',
    'proposals.agreement.proposal': 'Propuesta',
    'proposals.agreement.spread': 'Dispersión',
    'proposals.agreement.rawSpread': 'Dispersión tal como se puntuó',
    'proposals.agreement.threshold': 'Umbral',
    'proposals.agreement.between': 'Más baja → más alta',
  },
});

/** Diverging bars of reviewer offsets (points), labelled with the numbers. */
function offsetChart(reviewers, names, label) {
  const rowH = 26, left = 190, width = 560, top = 6, bottom = 20;
  const max = Math.max(10, ...reviewers.map((r) => Math.abs(r.offset ?? 0)));
  const span = Math.ceil(max / 10) * 10;
  const mid = left + (width - left - 50) / 2;
  const half = (width - left - 50) / 2;
  const x = (v) => mid + (v / span) * half;
  const height = top + reviewers.length * rowH + bottom;
  const chart = svg('svg', { class: 'offset-chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  for (const tick of [-span, -span / 2, 0, span / 2, span]) {
    chart.append(svg('line', { x1: x(tick), x2: x(tick), y1: top, y2: top + reviewers.length * rowH, class: tick === 0 ? 'zero' : 'grid' }),
      svg('text', { x: x(tick), y: height - 5, 'text-anchor': 'middle', class: 'tick', text: signed(tick, 0) }));
  }
  reviewers.forEach((r, i) => {
    const y = top + i * rowH;
    chart.append(svg('text', { x: left - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end', class: 'label', text: names.reviewer(r.reviewerId) }));
    if (r.offset === null) return;
    const x0 = Math.min(x(0), x(r.offset)), w = Math.max(1, Math.abs(x(r.offset) - x(0)));
    chart.append(svg('rect', { x: x0, y: y + 5, width: w, height: rowH - 10, class: r.offset >= 0 ? 'bar up' : 'bar down' }),
      svg('text', { x: r.offset >= 0 ? x0 + w + 4 : x0 - 4, y: y + rowH / 2 + 4, 'text-anchor': r.offset >= 0 ? 'start' : 'end', class: 'value', text: signed(r.offset, 1) }));
  });
  return chart;
}

export function calibrationCard(ctx) {
  const toggle = el('button', { type: 'button', class: 'secondary', 'data-testid': 'calibration-toggle' });
  toggle.addEventListener('click', () => ctx.set({ scores: ctx.settings.scores === 'calibrated' ? 'raw' : 'calibrated' }, 'scores'));
  const body = el('div', { 'data-testid': 'calibration' });
  const node = el('section', { class: 'card' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.calibration.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.calibration.intro' }),
    el('p', { class: 'no-print' }, toggle),
    body);

  function update() {
    const on = ctx.settings.scores === 'calibrated';
    toggle.textContent = t(on ? 'proposals.calibration.using' : 'proposals.calibration.use');
    toggle.setAttribute('aria-pressed', String(on));
    const c = ctx.analysis?.calibration;
    if (!c) { replace(body); return; }
    const reading = (o) => (o === null ? t('proposals.none') : o > 0 ? t('proposals.calibration.generous') : o < 0 ? t('proposals.calibration.harsh') : t('proposals.calibration.even'));
    const label = t('proposals.calibration.chart', { list: c.reviewers.map((r) => `${ctx.names.reviewer(r.reviewerId)} ${signed(r.offset, 1)}`).join('; ') });
    node.dataset.figure = 'proposals-calibration';
    replace(body,
      methodCard({ method: c.method, defaults: { calibrated: on }, sizes: { reviewers: c.reviewers.length, proposals: c.proposals.length, scores: c.n } }),
      el('div', { class: 'profile-pair' },
        offsetChart(c.reviewers, ctx.names, label),
        el('table', { class: 'data compact', 'data-testid': 'calibration-reviewers' },
          el('caption', { text: t('proposals.calibration.reviewers') }),
          el('thead', {}, el('tr', {}, th(t('proposals.calibration.reviewer')), th(t('proposals.calibration.reviews'), { class: 'num' }),
            th(t('proposals.calibration.mean'), { class: 'num' }), th(t('proposals.calibration.sd'), { class: 'num' }),
            th(t('proposals.calibration.offset'), { class: 'num' }), th(t('proposals.calibration.reading')))),
          el('tbody', {}, c.reviewers.map((r) => el('tr', {},
            el('th', { scope: 'row', text: ctx.names.reviewer(r.reviewerId) }),
            num(String(r.reviews)), num(fixed(r.mean, 1)), num(fixed(r.sd, 1)), num(signed(r.offset, 1), { 'data-col': 'offset' }),
            el('td', { text: reading(r.offset) + (c.groups > 1 && r.group !== null ? ` (${t('proposals.calibration.group', { g: r.group + 1 })})` : '') })))))),
      el('p', { class: 'small', text: t('proposals.calibration.fit', { n: c.n, sd: fixed(c.residualSd, 1), groups: c.groups }) }),
      c.warnings.length ? el('ul', { class: 'warnings' }, c.warnings.map((w) => el('li', { 'data-code': w.code, text: roundNoteText(w, ctx.names) }))) : null,
      el('table', { class: 'data compact', 'data-testid': 'calibration-proposals' },
        el('caption', { text: t('proposals.calibration.proposals') }),
        el('thead', {}, el('tr', {}, th(t('proposals.calibration.proposal')), th(t('proposals.calibration.raw'), { class: 'num' }),
          th(t('proposals.calibration.calibrated'), { class: 'num' }), th(t('proposals.calibration.z'), { class: 'num' }))),
        el('tbody', {}, c.proposals.map((p) => el('tr', {},
          el('th', { scope: 'row' }, el('span', { class: 'pid', text: p.proposalId }), ' ', ctx.proposal(p.proposalId)?.title ?? ''),
          num(fixed(p.raw, 1)), num(fixed(p.calibrated, 1), { 'data-col': 'calibrated' }), num(signed(p.z, 2)))))),
      el('p', { class: 'small', text: t('proposals.calibration.rawNote') }));
  }

  return { node, update };
}

export function agreementCard(ctx) {
  const body = el('div', { 'data-testid': 'agreement' });
  const node = el('section', { class: 'card' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.agreement.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.agreement.intro' }),
    body);

  const form = (icc, name) => icc?.forms.find((f) => f.form === name) ?? null;

  function update() {
    const a = ctx.analysis?.agreement;
    if (!a) { replace(body); return; }
    const rows = [...a.conditions, a.overall];
    const allNull = rows.every((r) => r.icc === null);
    const isIcc = (n) => n.code === 'agreement_not_computed' && n.params.statistic === 'icc';
    const incomplete = a.overall.notes.find((n) => isIcc(n) && n.params.error === 'sample_too_small' && n.params.nUsed !== undefined)?.params;
    const level = rows.find((r) => r.icc)?.icc.level ?? 0.95;
    const missing = () => (allNull ? t('proposals.none') : t('proposals.agreement.notAvailable'));
    const iccCell = (r) => {
      const f = form(r.icc, 'ICC2');
      if (!f) return el('td', { class: 'num muted', 'data-col': 'icc', text: missing() });
      const ci = f.lower !== null && f.upper !== null ? ` [${fixed(f.lower, 2)}, ${fixed(f.upper, 2)}]` : '';
      return num(`${fixed(f.icc, 3)}${ci}`, { 'data-col': 'icc' });
    };
    // When no condition has an ICC the sentence above says why once; other notes stay per row.
    const notes = (r) => r.notes.filter((n) => !(allNull && isIcc(n))).map((n) => roundNoteText(n, ctx.names));
    const anyNotes = rows.some((r) => notes(r).length);
    const flags = a.flags;
    node.dataset.figure = 'proposals-agreement';
    replace(body,
      methodCard({ method: a.method, defaults: { level }, sizes: { conditions: a.conditions.length, proposals: ctx.analysis.proposals, reviewers: ctx.analysis.reviewers } }),
      allNull ? el('p', { class: 'notice', 'data-testid': 'icc-none', text: incomplete
        ? t('proposals.agreement.iccNone', { complete: number(incomplete.nUsed, 0), n: number(incomplete.n, 0) })
        : t('proposals.agreement.iccNoneGeneric') }) : null,
      el('div', { class: 'scroll' }, el('table', { class: 'data compact', 'data-testid': 'agreement-table' },
        el('caption', { text: alphaCaption(rows, level) }),
        el('thead', {}, el('tr', {}, th(t('proposals.agreement.condition')), ...alphaHeaders(), th(t('proposals.agreement.icc'), { class: 'num' }),
          th(t('proposals.agreement.icck'), { class: 'num' }), iccModelHeader(), th(t('proposals.agreement.pairable'), { class: 'num' }),
          anyNotes ? th(t('proposals.agreement.notes')) : null)),
        el('tbody', {}, rows.map((r) => {
          const overall = r.conditionId === 'overall';
          const k = form(r.icc, 'ICC2k');
          return el('tr', { class: overall ? 'total-row' : null, 'data-condition': r.conditionId },
            el('th', { scope: 'row', text: overall ? t('proposals.agreement.overall') : ctx.names.condition(r.conditionId) }),
            ...alphaCells(r, t('proposals.agreement.notAvailable')),
            iccCell(r), num(k ? fixed(k.icc, 3) : missing(), { class: k ? 'num' : 'num muted' }), iccModelCell(r, t('proposals.agreement.notAvailable')),
            num(r.alphaInterval ? `${r.alphaInterval.nUnitsPairable} / ${r.alphaInterval.nPairable}` : t('proposals.none')),
            anyNotes ? el('td', { class: 'notes' }, notes(r).join(' ')) : null);
        })))),
      alphaReading(a.overall),
      iccModelReading(a.overall),
      el('p', { class: 'small', text: t('proposals.agreement.guide') }),
      el('h4', { text: t('proposals.agreement.flags') }),
      el('p', { class: 'small', text: t('proposals.agreement.flagsIntro', {
        share: pct(a.spreadThreshold), points: fixed(a.overallSpreadThreshold, 0),
        calibrated: a.calibratedSpread ? t('proposals.agreement.afterOffsets') : '',
      }) }),
      flags.length ? el('table', { class: 'data compact', 'data-testid': 'flags' },
        el('thead', {}, el('tr', {}, th(t('proposals.agreement.proposal')), th(t('proposals.agreement.condition')),
          th(t('proposals.agreement.spread'), { class: 'num' }), th(t('proposals.agreement.rawSpread'), { class: 'num' }),
          th(t('proposals.agreement.threshold'), { class: 'num' }), th(t('proposals.agreement.between')))),
        el('tbody', {}, flags.map((f) => el('tr', {},
          el('th', { scope: 'row' }, el('span', { class: 'pid', text: f.proposalId }), ' ', ctx.proposal(f.proposalId)?.title ?? ''),
          el('td', { text: f.conditionId === 'overall' ? t('proposals.agreement.overall') : ctx.names.condition(f.conditionId) }),
          num(fixed(f.spread, 1)), num(fixed(f.rawSpread, 1)), num(fixed(f.threshold, 1)),
          el('td', { text: `${ctx.names.reviewer(f.lowReviewerId)} → ${ctx.names.reviewer(f.highReviewerId)}` })))))
        : el('p', { text: t('proposals.agreement.noFlags') }));
  }

  return { node, update };
}
