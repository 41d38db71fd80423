// Reviewers: calibration (each reviewer's offset from the engine's least-squares fit of
// proposal + reviewer effects, the calibrated scores and the z-score alternative) and agreement
// (Shrout–Fleiss ICC on complete rows, Krippendorff's alpha, proposals to discuss).
import { el, replace } from '../../dom.js';
import { methodCard } from '../../methodcard.js';
import { number, t } from '../../i18n.js';
import { alphaCaption, alphaCells, alphaHeaders, alphaReading, iccModelCell, iccModelHeader, iccModelReading } from './agreement.js';
import { fixed, num, pct, roundNoteText, signed, svg, th } from './util.js';

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
