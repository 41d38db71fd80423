// The ranked table: weighted score (0–100), rank, rank interval and P(top k) from the
// engine's bootstrap over reviewers (run in the worker with a progress bar and Cancel), the
// raw / calibrated switch that ranking and funding share, and what is funded.
import { el, replace, uid } from '../../dom.js';
import { methodCard } from '../../methodcard.js';
import { t } from '../../i18n.js';
import { fixed, money, num, pct, roundNoteText, safeErrorText, svg, th } from './util.js';

/** The bootstrap's error in words. */
function bootError(error) {
  if (error.code === 'bad_input') return t('proposals.boot.badOptions');
  if (error.code === 'parameter_out_of_range' && 'resamples' in (error.details ?? {})) return t('proposals.boot.badResamples', error.details);
  if (error.code === 'parameter_out_of_range' && 'topK' in (error.details ?? {})) return t('proposals.boot.badTopK');
  if (error.code === 'too_large') return t('proposals.boot.tooLarge');
  return t('proposals.boot.failed', { message: safeErrorText(error) });
}

/** A small picture of a rank interval (the numbers are in the same row, so it is hidden from screen readers). */
function intervalBar(lower, upper, rank, n) {
  const w = 96, h = 14, pad = 5;
  const x = (r) => pad + (n > 1 ? ((r - 1) / (n - 1)) * (w - 2 * pad) : (w - 2 * pad) / 2);
  return svg('svg', { class: 'rank-bar', width: w, height: h, viewBox: `0 0 ${w} ${h}`, 'aria-hidden': 'true', focusable: 'false' },
    svg('line', { x1: pad, x2: w - pad, y1: h / 2, y2: h / 2, class: 'axis' }),
    svg('line', { x1: x(lower), x2: x(upper), y1: h / 2, y2: h / 2, class: 'range' }),
    svg('circle', { cx: x(rank), cy: h / 2, r: 3.2, class: 'point' }));
}

export function rankingCard(ctx) {
  const ids = { resamples: uid('boot-n'), seed: uid('boot-seed'), topK: uid('boot-k'), auto: uid('boot-auto') };
  const modeName = uid('mode');
  const radio = (value, key) => {
    const input = el('input', { type: 'radio', name: modeName, value, id: `${modeName}-${value}`, 'data-testid': `mode-${value}` });
    input.addEventListener('change', () => { if (input.checked) ctx.set({ scores: value }, 'scores'); });
    return el('label', { class: 'choice', for: input.id }, input, ' ', el('span', { 'data-i18n': key }));
  };
  const mode = el('fieldset', { class: 'inline' }, el('legend', { 'data-i18n': 'proposals.ranking.mode' }),
    radio('raw', 'proposals.ranking.raw'), radio('calibrated', 'proposals.ranking.calibrated'));

  const field = (id, key, setting, size = 8) => {
    const input = el('input', { id, type: 'text', inputmode: 'numeric', size, autocomplete: 'off', name: setting, 'data-testid': `boot-${setting}` });
    input.addEventListener('change', () => ctx.set({ [setting]: input.value }, 'view'));
    return el('div', { class: 'field' }, el('label', { for: id, 'data-i18n': key }), input);
  };
  const runButton = el('button', { type: 'button', class: 'primary', 'data-i18n': 'proposals.boot.run', 'data-testid': 'boot-run' });
  runButton.addEventListener('click', () => ctx.runBootstrap());
  const cancelButton = el('button', { type: 'button', class: 'secondary', 'data-i18n': 'proposals.boot.cancel', 'data-testid': 'boot-cancel', disabled: true });
  cancelButton.addEventListener('click', () => ctx.cancelBootstrap());
  const auto = el('input', { type: 'checkbox', id: ids.auto, 'data-testid': 'boot-auto' });
  auto.addEventListener('change', () => ctx.set({ autoBootstrap: auto.checked }, 'view'));
  const progress = el('progress', { 'data-testid': 'boot-progress', hidden: true, 'aria-labelledby': `${ids.auto}-p` });
  const progressLabel = el('span', { id: `${ids.auto}-p`, class: 'visually-hidden', 'data-i18n': 'proposals.boot.progress' });
  const status = el('p', { class: 'boot-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'boot-status' });
  const table = el('table', { class: 'data ranking', 'data-testid': 'ranking-table' });
  const cardSlot = el('div', { class: 'methodcards' });
  const error = el('p', { class: 'error', role: 'alert', hidden: true });

  const node = el('section', { class: 'card', 'data-figure': 'proposals-ranking' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.ranking.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.ranking.intro' }),
    mode,
    el('fieldset', { class: 'boot no-print' }, el('legend', { 'data-i18n': 'proposals.boot.title' }),
      el('div', { class: 'fields' },
        field(ids.resamples, 'proposals.boot.resamples', 'resamples'),
        field(ids.seed, 'proposals.boot.seed', 'seed', 6),
        field(ids.topK, 'proposals.boot.topK', 'topK', 4),
        el('div', { class: 'buttons' }, runButton, cancelButton),
        el('label', { class: 'choice', for: ids.auto }, auto, ' ', el('span', { 'data-i18n': 'proposals.boot.auto' }))),
      progressLabel, progress),
    status, error,
    el('div', { class: 'scroll' }, table), cardSlot);

  function update() {
    const s = ctx.settings;
    for (const input of mode.querySelectorAll('input')) input.checked = input.value === s.scores;
    for (const key of ['resamples', 'seed', 'topK']) {
      const input = node.querySelector(`input[name="${key}"]`);
      if (document.activeElement !== input) input.value = s[key];
    }
    auto.checked = s.autoBootstrap;
    const boot = ctx.boot;
    const running = boot.state === 'running';
    progress.hidden = !running;
    cancelButton.disabled = !running;
    node.dataset.boot = boot.state;
    const fresh = boot.state === 'done' && boot.version === ctx.version && boot.value?.scores === s.scores;
    node.dataset.fresh = String(fresh);
    if (running) status.textContent = t('proposals.boot.running', { n: fixed(boot.resamples, 0) });
    else if (boot.state === 'error') status.textContent = bootError(boot.error);
    else if (boot.state === 'cancelled') status.textContent = t('proposals.boot.cancelled');
    else if (fresh) {
      const b = boot.value;
      const notes = (b.warnings ?? []).map((w) => ` ${roundNoteText(w, ctx.names)}`).join('');
      status.textContent = t('proposals.boot.done', { resamples: fixed(b.resamples, 0), reviewers: b.reviewers, seed: b.seed, level: pct(b.level), k: b.topK }) + notes;
    } else status.textContent = boot.value ? t('proposals.boot.stale') : t('proposals.boot.idle');
    status.classList.toggle('error-text', boot.state === 'error');

    if (!ctx.analysis) {
      error.hidden = false;
      error.textContent = t('proposals.analysisFailed', { message: safeErrorText(ctx.analysisError ?? {}) });
      replace(table);
      return;
    }
    error.hidden = true;
    const rows = ctx.ranked();
    const b = fresh ? boot.value : null;
    const k = b?.topK ?? s.topK;
    const n = rows.filter((r) => r.score !== null).length;
    const calibrated = s.scores === 'calibrated';
    const fundedIds = (ctx.funding?.funded ?? []).map((f) => f.proposalId);
    const used = el('span', { class: 'used', text: ` ${t('proposals.ranking.used')}` });
    // Scores: the engine's method; rank intervals: the bootstrap with its resamples and seed.
    const sizes = { proposals: ctx.analysis.proposals, reviewers: ctx.analysis.reviewers, scores: ctx.analysis.reviews };
    replace(cardSlot,
      methodCard({ method: ctx.analysis.scores.method, defaults: { calibrated: calibrated }, sizes, what: t('proposals.ranking.score') }),
      b ? methodCard({ method: 'bootstrap_reviewers', defaults: { level: b.level, resamples: b.resamples, seed: b.seed }, sizes, what: t('proposals.ranking.interval', { level: pct(b.level) }) }) : null);
    replace(table,
      el('caption', { text: t('proposals.ranking.caption', {
        n: rows.length, mode: t(calibrated ? 'proposals.ranking.captionCalibrated' : 'proposals.ranking.captionRaw'),
        funded: fundedIds.length ? fundedIds.join(', ') : t('proposals.none'),
      }) }),
      el('thead', {}, el('tr', {},
        th(t('proposals.ranking.rank'), { class: 'num' }),
        th(t('proposals.ranking.proposal')),
        el('th', { scope: 'col', class: 'num' }, t('proposals.ranking.score'), calibrated ? null : used.cloneNode(true)),
        el('th', { scope: 'col', class: 'num' }, t('proposals.ranking.calibratedScore'), calibrated ? used : null),
        th(t('proposals.ranking.interval', { level: pct(b?.level ?? 0.95) })),
        th(t('proposals.ranking.pTop', { k }), { class: 'num' }),
        th(t('proposals.ranking.requested'), { class: 'num' }),
        th(t('proposals.ranking.funded'), { class: 'num' }),
        th(t('proposals.ranking.notes')))),
      el('tbody', {}, rows.map((row) => {
        const p = row.proposal;
        const bp = row.boot;
        const interval = bp && bp.rankLower !== null
          ? el('td', { class: 'interval' }, el('span', { class: 'interval-text', text: bp.rankLower === bp.rankUpper ? String(bp.rankLower) : `${bp.rankLower}–${bp.rankUpper}` }), ' ', intervalBar(bp.rankLower, bp.rankUpper, bp.rank ?? bp.medianRank, n))
          : el('td', { text: row.score === null ? t('proposals.none') : running ? t('proposals.ranking.pending') : t('proposals.none') });
        const funded = row.funded
          ? (row.funded.partial ? t('proposals.ranking.partial', { amount: money(row.funded.amount) }) : money(row.funded.amount))
          : t('proposals.ranking.notFunded');
        const notes = [
          row.score === null ? t('proposals.ranking.unscored') : null,
          row.flags.length ? t('proposals.ranking.discuss', { n: row.flags.length }) : null,
          row.depth.length ? t('proposals.ranking.depth') : null,
        ].filter(Boolean).join(' · ');
        return el('tr', { class: row.funded ? 'funded' : null, 'data-proposal': p.id },
          el('td', { class: 'num', text: row.rank ?? t('proposals.none') }),
          el('th', { scope: 'row' }, el('span', { class: 'pid', text: p.id }), ' ', p.title,
            el('small', { class: 'sub', text: `${p.applicant} · ${p.community}` })),
          num(fixed(row.raw, 1), { class: `num${calibrated ? '' : ' used-col'}`, 'data-col': 'score' }),
          num(fixed(row.calibrated, 1), { class: `num${calibrated ? ' used-col' : ''}`, 'data-col': 'calibrated' }),
          interval,
          num(bp ? pct(bp.pTopK) : (running && row.score !== null ? t('proposals.ranking.pending') : t('proposals.none')), { 'data-col': 'ptop' }),
          num(money(p.amountRequested)),
          num(funded, { 'data-col': 'funded', class: row.funded ? 'num funded-cell' : 'num muted' }),
          el('td', { class: 'notes', text: notes }));
      })));
  }

  return { node, update };
}
