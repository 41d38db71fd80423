// Decision view (#20): the engine's three decision rules side by side (decideFunding, in the
// worker, with a progress bar over the bootstrap's resamples and Cancel), what differs and why, the lottery band and draw, and the draws recorded
// in the project ("Draw again with a new seed" records a new entry; the newest re-derives).
import { el, replace } from '../../dom.js';
import { lang, number, t } from '../../i18n.js';
import { runWith } from '../../jobs.js';
import { fixed, money, safeErrorText, th, roundNoteText } from './util.js';
import './strings.js';

const RULES = ['funding_line', 'max_score', 'lottery'];

/** A fresh 32-bit seed (exact in JavaScript numbers). */
export function newSeed() {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0];
}

const ids = (list) => (list.length ? list.join(', ') : t('proposals.decision.none'));

function ruleColumn(rule, r, budget) {
  const funded = r.funded.map((f) => f.proposalId);
  return el('div', { class: 'decision-rule', 'data-testid': `decision-${rule}` },
    el('h4', { text: t(`proposals.decision.rule.${rule}`) }),
    el('p', { class: 'intro', text: t(`proposals.decision.how.${rule}`) }),
    el('p', { text: t('proposals.decision.summary', {
      n: funded.length, total: money(r.totalFunded), budget: money(budget),
      remaining: money(r.remaining), score: fixed(r.totalScore),
    }) }),
    el('ul', { 'data-testid': `decision-${rule}-funded` }, funded.map((id) => el('li', { text: id }))));
}

function differsTable(d) {
  const rows = d.proposals.filter((p) => p.differs);
  if (!rows.length) return el('p', { text: t('proposals.decision.same') });
  const yes = (b) => t(b ? 'proposals.decision.funded' : 'proposals.decision.notFunded');
  return el('table', { 'data-testid': 'decision-differs' },
    el('caption', { text: t('proposals.decision.caption') }),
    el('thead', {}, el('tr', {}, th(t('proposals.decision.proposal')), th(t('proposals.decision.rank')),
      th(t('proposals.decision.er')), th(t('proposals.decision.interval')),
      ...RULES.map((r) => th(t(`proposals.decision.rule.${r}`))))),
    el('tbody', {}, rows.map((p) => el('tr', {},
      el('th', { scope: 'row', text: p.proposalId }),
      el('td', { class: 'num', text: String(p.rank) }),
      el('td', { class: 'num', text: p.expectedRank == null ? '—' : fixed(p.expectedRank, 2) }),
      el('td', { class: 'num', text: p.rankLower == null ? '—' : `${p.rankLower}–${p.rankUpper}` }),
      el('td', { text: t(`proposals.decision.line.${p.line}`) }),
      el('td', { text: yes(p.maxScore) }),
      el('td', { text: `${yes(p.lottery)} (${t(`proposals.decision.group.${p.group}`)})` })))));
}

function auditBlock(d) {
  const a = d.audit;
  const parts = [];
  if (a.fundingLineAt == null || !a.band.length) parts.push(el('p', { text: t('proposals.decision.noBand') }));
  if (a.fundingLineAt != null) {
    parts.push(el('p', { 'data-testid': 'decision-band', text: t('proposals.decision.band', {
      line: fixed(a.fundingLineAt, 2), n: a.linePosition, band: ids(a.band), accepted: ids(a.accepted),
    }) }));
  }
  parts.push(el('p', { 'data-testid': 'decision-draw', text: t('proposals.decision.draw', {
    seed: String(a.seed), order: ids(a.drawOrder), drawn: ids(a.drawn),
  }) }));
  return parts;
}

function auditTable(audits) {
  return el('table', { 'data-testid': 'decision-audits' },
    el('caption', { text: t('proposals.decision.auditCaption') }),
    el('thead', {}, el('tr', {}, th(t('proposals.decision.seed')), th(t('proposals.decision.when')),
      th(t('proposals.decision.order')))),
    el('tbody', {}, [...audits].reverse().map((x) => el('tr', {},
      el('td', { class: 'num', text: String(x.seed) }),
      el('td', { text: new Date(x.at).toLocaleString(lang()) }),
      el('td', { text: ids(x.drawOrder) })))));
}

/** The decision card. `ctx.decision` holds `{ audits: [...] }` (stored in the project). */
export function decisionCard(ctx) {
  const status = el('p', { class: 'notice', role: 'status', 'aria-live': 'polite', 'data-testid': 'decision-status' });
  const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'decision-error' });
  const result = el('div', { 'data-testid': 'decision-result' });
  const runButton = el('button', { type: 'button', 'data-testid': 'decision-run' });
  const redraw = el('button', { type: 'button', class: 'secondary', 'data-testid': 'decision-redraw' });
  const cancel = el('button', { type: 'button', class: 'secondary', hidden: true, 'data-testid': 'decision-cancel' });
  const progress = el('progress', { max: 1, value: 0, hidden: true, 'data-testid': 'decision-progress' });
  let controller = null;
  let last = null;

  async function decide(seed, record) {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const options = { ...ctx.fundingOptions(), seed, resamples: 1000, bootstrapSeed: 1, bandLevel: 0.5 };
    error.hidden = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.max = options.resamples;
    progress.value = 0;
    status.textContent = t('proposals.decision.running');
    const onProgress = ({ done, total }) => {
      if (controller !== mine) return;
      progress.max = total;
      progress.value = done;
      status.textContent = t('proposals.decision.progress', { done: number(done, 0), total: number(total, 0) });
    };
    const r = await runWith('decideFunding', 'decide', { rubric: ctx.rubric, round: ctx.round, options }, { signal: mine.signal, onProgress });
    if (controller !== mine) return;
    controller = null;
    cancel.hidden = true;
    progress.hidden = true;
    status.textContent = '';
    if (!r.ok) {
      if (r.error.code === 'cancelled') { status.textContent = t('proposals.decision.cancelled'); return; }
      error.hidden = false;
      error.textContent = safeErrorText(r.error);
      return;
    }
    last = r.value;
    const audits = ctx.decision.audits;
    const recorded = audits.at(-1);
    if (record || !recorded) {
      audits.push({ at: Date.now(), ...r.value.audit, budget: options.budget, partial: options.partial, calibrated: options.calibrated });
      ctx.changed?.();
    } else if (recorded.seed === seed) {
      const same = JSON.stringify(recorded.drawOrder) === JSON.stringify(r.value.audit.drawOrder);
      status.textContent = t(same ? 'proposals.decision.rederived' : 'proposals.decision.mismatch', { seed: String(seed) });
    }
    update();
  }

  runButton.addEventListener('click', () => decide(ctx.decision.audits.at(-1)?.seed ?? newSeed(), false));
  redraw.addEventListener('click', () => decide(newSeed(), true));
  cancel.addEventListener('click', () => controller?.abort());

  const node = el('section', { class: 'card' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.decision.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.decision.intro' }),
    el('p', { class: 'actions' }, runButton, redraw, cancel), progress, status, error, result);

  function update() {
    runButton.textContent = t('proposals.decision.run');
    redraw.textContent = t('proposals.decision.redraw');
    cancel.textContent = t('proposals.decision.cancel');
    progress.setAttribute('aria-label', t('proposals.decision.progressLabel'));
    if (!last) { replace(result); return; }
    const d = last;
    replace(result,
      el('div', { class: 'decision-rules' }, RULES.map((rule) =>
        ruleColumn(rule, rule === 'funding_line' ? d.fundingLine : rule === 'max_score' ? d.maxScore : d.lottery, d.budget))),
      el('h4', { text: t('proposals.decision.differs') }),
      differsTable(d),
      ...auditBlock(d),
      d.warnings.length ? el('ul', { class: 'notes' }, d.warnings.map((n) => el('li', { text: roundNoteText(n, ctx.names) }))) : null,
      el('h4', { text: t('proposals.decision.audit') }),
      auditTable(ctx.decision.audits));
  }
  update();
  return { node, update, decide };
}
