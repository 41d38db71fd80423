// Budget: the funded set within a budget (the engine's exact optimum), partial funding and
// minimum shares per level or community, the next proposal in line and what it would take.
// Depth and coverage: systems-change depth flags and which conditions nobody works on.
import { el, replace, uid } from '../../dom.js';
import { methodCard } from '../../methodcard.js';
import { t } from '../../i18n.js';
import { fixed, money, num, parseDollars, pct, roundNoteText, safeErrorText, signed, th, tx } from './util.js';

const STEP = 5000;

export function budgetCard(ctx) {
  const ids = { amount: uid('budget'), slider: uid('budget-range'), partial: uid('partial') };
  const amount = el('input', { id: ids.amount, type: 'text', inputmode: 'numeric', autocomplete: 'off', size: 12, 'data-testid': 'budget-amount' });
  const slider = el('input', { id: ids.slider, type: 'range', min: 0, step: STEP, 'data-testid': 'budget-range' });
  const shown = el('output', { for: `${ids.amount} ${ids.slider}`, class: 'budget-shown', 'data-testid': 'budget-shown' });
  const partial = el('input', { id: ids.partial, type: 'checkbox', 'data-testid': 'budget-partial' });
  const levelShares = el('div', { class: 'fields' });
  const communityShares = el('div', { class: 'fields' });
  const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'budget-error' });
  const result = el('div', { class: 'budget-result', 'aria-live': 'polite', 'data-testid': 'budget-result' });

  amount.addEventListener('input', () => ctx.set({ budget: amount.value }, 'fund'));
  slider.addEventListener('input', () => { amount.value = slider.value; ctx.set({ budget: slider.value }, 'fund'); });
  partial.addEventListener('change', () => ctx.set({ partial: partial.checked }, 'fund'));

  const node = el('section', { class: 'card' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.budget.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.budget.intro' }),
    el('div', { class: 'fields budget-controls' },
      el('div', { class: 'field' }, el('label', { for: ids.amount, 'data-i18n': 'proposals.budget.amount' }), amount),
      el('div', { class: 'field grow' }, el('label', { for: ids.slider, 'data-i18n': 'proposals.budget.slider' }), slider),
      shown),
    el('p', {}, el('label', { class: 'choice', for: ids.partial }, partial, ' ', el('span', { 'data-i18n': 'proposals.budget.partial' }))),
    el('details', { class: 'shares' }, el('summary', { 'data-i18n': 'proposals.budget.shares' }),
      el('p', { class: 'small', 'data-i18n': 'proposals.budget.sharesIntro' }),
      el('h4', { 'data-i18n': 'proposals.budget.perLevel' }), levelShares,
      el('h4', { 'data-i18n': 'proposals.budget.perCommunity' }), communityShares),
    error, result);

  let shareKey = '';
  function renderShareInputs() {
    const key = JSON.stringify([ctx.rubric.levels.map((l) => [l.id, tx(l.name)]), ctx.communities()]);
    if (key === shareKey) return;
    shareKey = key;
    const input = (kind, id, label) => {
      const fieldId = uid('share');
      const field = el('input', { id: fieldId, type: 'text', inputmode: 'decimal', size: 5, autocomplete: 'off', 'data-key': `share-${kind}-${id}`, value: ctx.settings[kind][id] ?? '' });
      field.addEventListener('input', () => ctx.set({ [kind]: { ...ctx.settings[kind], [id]: field.value } }, 'fund'));
      return el('div', { class: 'field' }, el('label', { for: fieldId, text: label }), field);
    };
    replace(levelShares, ctx.rubric.levels.map((l) => input('levelShares', l.id, tx(l.name))));
    replace(communityShares, ctx.communities().map((c) => input('communityShares', c, c)));
  }

  function update() {
    const total = ctx.round.proposals.reduce((sum, p) => sum + (Number.isFinite(p.amountRequested) ? p.amountRequested : 0), 0);
    slider.max = String(Math.max(STEP, Math.ceil(total / STEP) * STEP));
    if (document.activeElement !== amount) amount.value = ctx.settings.budget;
    const typed = parseDollars(ctx.settings.budget);
    if (Number.isFinite(typed) && document.activeElement !== slider) slider.value = String(typed);
    shown.textContent = Number.isFinite(typed) ? money(typed) : '';
    partial.checked = ctx.settings.partial;
    renderShareInputs();
    for (const input of node.querySelectorAll('[data-key^="share-"]')) {
      const [, kind, ...rest] = input.dataset.key.split('-');
      const value = ctx.settings[kind]?.[rest.join('-')] ?? '';
      if (document.activeElement !== input && input.value !== value) input.value = value;
    }

    const e = ctx.fundingError;
    error.hidden = !e;
    amount.toggleAttribute('aria-invalid', Boolean(e && e.code === 'invalid_budget'));
    if (e) {
      error.textContent = [e.code === 'invalid_budget' ? t('error.invalid_budget', { budget: `“${ctx.settings.budget}”` }) : safeErrorText(e),
        ctx.funding ? t('proposals.budget.stale') : ''].filter(Boolean).join(' ');
    }
    result.dataset.state = e ? 'error' : 'ok';
    const f = ctx.funding;
    if (!f) { replace(result); return; }
    const name = (id) => { const p = ctx.proposal(id); return p ? `${id} — ${p.title}` : id; };
    const next = f.nextInLine;
    node.dataset.figure = 'proposals-budget';
    replace(result,
      methodCard({ method: f.method, defaults: { budget: money(f.budget), partial: ctx.settings.partial, calibrated: f.scores === 'calibrated' },
        sizes: { proposals: ctx.round.proposals.length }, what: t('proposals.budget.title') }),
      el('p', { class: 'sentence', 'data-testid': 'budget-sentence', text: t('proposals.budget.sentence', {
        n: f.funded.length, total: money(f.totalFunded), budget: money(f.budget), remaining: money(f.remaining), score: fixed(f.totalScore, 1),
      }) }),
      el('p', { 'data-testid': 'budget-optimal', class: f.optimal ? 'ok-text' : 'warn-text', text: f.optimal
        ? t('proposals.budget.optimal', { method: t(`proposals.budget.method.${f.method}`) })
        : t('proposals.budget.notOptimal', { bound: fixed(f.upperBound, 1) }) }),
      el('p', { class: 'small', text: t(f.scores === 'calibrated' ? 'proposals.budget.scoresCalibrated' : 'proposals.budget.scoresRaw') }),
      el('table', { class: 'data compact', 'data-testid': 'funded-table' },
        el('caption', { text: t('proposals.budget.caption') }),
        el('thead', {}, el('tr', {}, th(t('proposals.budget.proposal')), th(t('proposals.budget.score'), { class: 'num' }),
          th(t('proposals.budget.awarded'), { class: 'num' }), th(t('proposals.budget.requested'), { class: 'num' }), th(t('proposals.budget.funding')))),
        el('tbody', {}, f.funded.map((x) => el('tr', { 'data-proposal': x.proposalId },
          el('th', { scope: 'row', text: name(x.proposalId) }), num(fixed(x.score, 1)), num(money(x.amount), { 'data-col': 'amount' }),
          num(money(x.amountRequested)), el('td', { text: t(x.partial ? 'proposals.budget.partialYes' : 'proposals.budget.full') }))))),
      el('p', { 'data-testid': 'next-in-line' }, next
        ? [t('proposals.budget.next', { proposal: name(next.proposalId), score: fixed(next.score, 1), amount: money(next.amount), more: money(next.additionalBudget) }), ' ',
          next.displace ? t('proposals.budget.displace', { proposal: name(next.displace.proposalId), score: fixed(next.displace.score, 1), change: signed(next.displace.totalChange, 1) })
            : t('proposals.budget.noDisplace')]
        : t('proposals.budget.allFunded')),
      f.shares.length ? el('table', { class: 'data compact', 'data-testid': 'shares-table' },
        el('caption', { text: t('proposals.budget.sharesCaption') }),
        el('thead', {}, el('tr', {}, th(t('proposals.budget.kind')), th(t('proposals.budget.minShare'), { class: 'num' }),
          th(t('proposals.budget.required'), { class: 'num' }), th(t('proposals.budget.fundedGroup'), { class: 'num' }))),
        el('tbody', {}, f.shares.map((s) => el('tr', {},
          el('th', { scope: 'row', text: `${t(`proposals.budget.kind.${s.kind}`)}: ${s.kind === 'level' ? tx(ctx.level(s.id)?.name) || s.id : s.id}` }),
          num(pct(s.minShare, 1)), num(money(s.required)), num(money(s.funded)))))) : null,
      f.warnings.length ? el('ul', { class: 'warnings' }, f.warnings.map((w) => el('li', { 'data-code': w.code, text: roundNoteText(w, ctx.names) }))) : null);
  }

  return { node, update };
}

export function depthCard(ctx) {
  const flags = el('div', { 'data-testid': 'depth-flags' });
  const coverage = el('div', { 'data-testid': 'coverage' });
  const intro = el('p', { class: 'intro' });
  const node = el('section', { class: 'card' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.depth.title' }),
    intro,
    el('h4', { 'data-i18n': 'proposals.depth.flags' }), flags,
    el('h4', { 'data-i18n': 'proposals.depth.coverage' }), coverage);

  function update() {
    const a = ctx.analysis;
    if (!a) { replace(flags); replace(coverage); return; }
    intro.textContent = t('proposals.depth.intro', { working: fixed(a.coverage.working, 0) });
    replace(flags, a.depthFlags.length
      ? el('ul', { class: 'flags' }, a.depthFlags.map((f) => el('li', { 'data-proposal': f.proposalId },
        el('strong', { text: `${f.proposalId} — ${ctx.proposal(f.proposalId)?.title ?? ''}` }), ' ',
        el('span', { class: 'tag', text: t(`proposals.depth.code.${f.code}`) }), ' ', tx(f.message))))
      : el('p', { text: t('proposals.depth.noFlags') }));
    const round = a.coverage;
    const funded = ctx.funding?.coverage ?? null;
    const cell = (c) => el('td', {}, el('span', { class: 'count', text: String(c?.proposalIds.length ?? 0) }), ' ',
      el('small', { class: 'sub-inline', text: c?.proposalIds.length ? c.proposalIds.join(', ') : '' }));
    const list = (ids) => ids.map((id) => ctx.names.condition(id)).join(', ');
    replace(coverage,
      el('table', { class: 'data compact', 'data-testid': 'coverage-table' },
        el('caption', { text: t('proposals.depth.caption') }),
        el('thead', {}, el('tr', {}, th(t('proposals.depth.condition')), th(t('proposals.depth.level')), th(t('proposals.depth.round')), th(t('proposals.depth.funded')))),
        el('tbody', {}, round.conditions.map((c) => el('tr', { class: c.proposalIds.length ? null : 'uncovered' },
          el('th', { scope: 'row', text: ctx.names.condition(c.conditionId) }),
          el('td', { text: tx(ctx.level(c.levelId)?.name) || c.levelId }),
          cell(c), cell(funded?.conditions.find((x) => x.conditionId === c.conditionId)))))),
      el('p', { 'data-testid': 'uncovered-round', class: round.uncovered.length ? 'warn-text' : null,
        text: round.uncovered.length ? t('proposals.depth.uncoveredRound', { list: list(round.uncovered) }) : t('proposals.depth.coveredRound') }),
      funded ? el('p', { 'data-testid': 'uncovered-funded', class: funded.uncovered.length ? 'warn-text' : null,
        text: funded.uncovered.length ? t('proposals.depth.uncoveredFunded', { list: list(funded.uncovered) }) : t('proposals.depth.coveredFunded') }) : null);
  }

  return { node, update };
}
