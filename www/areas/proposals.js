// Proposals area (funders, review panels): score a round of grant proposals against FSG's
// systems-change conditions and Alianza's community-led ones, with several reviewers; rank with
// honest uncertainty, calibrate reviewers, measure agreement and fund within a budget.
//
// The area keeps three things the user makes — the rubric, the round (proposals, reviewers,
// conflicts, scores) and the settings — and asks the engine for everything it shows:
// analyzeRound (scores, calibration, agreement, depth, coverage) and fundWithinBudget on the
// page's thread (both take milliseconds), bootstrapRanks in the worker (it can be slow).
// Modules in ./proposals/ each build one part of the page from this shared context.
import { publish } from './evidence/bus.js';
import { proposalEvidenceBlock } from './evidence/proposal-block.js';
import { call, callSoon, provide } from '../engine.js';
import { run } from '../jobs.js';
import { el, replace } from '../dom.js';
import { lang, onLangChange, t } from '../i18n.js';
import { parseDollars, parseNumber, parsePercent, tx } from './proposals/util.js';
import { roundCard } from './proposals/round.js';
import { rankingCard } from './proposals/ranking.js';
import { heatmapCard } from './proposals/heatmap.js';
import { calibrationCard, agreementCard } from './proposals/reviewers.js';
import { budgetCard, depthCard } from './proposals/budget.js';
import { decisionCard } from './proposals/decision.js';
import { scoresCard } from './proposals/scores.js';
import { rubricCard } from './proposals/rubric.js';
import { exportCard } from './proposals/export.js';
import { setupCard } from './proposals/setup.js';

const STATE_VERSION = 1;
const DEFAULT_SETTINGS = {
  scores: 'raw', budget: '800000', partial: false, levelShares: {}, communityShares: {},
  resamples: '1000', seed: '1', topK: '3', profile: '', reviewer: '', autoBootstrap: true,
};

/** Settings from saved state, keeping only known keys of the right type. */
function cleanSettings(saved) {
  const out = { ...DEFAULT_SETTINGS, levelShares: {}, communityShares: {} };
  if (!saved || typeof saved !== 'object') return out;
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    if (!(key in saved)) continue;
    if (typeof value === 'object') {
      if (saved[key] && typeof saved[key] === 'object') {
        out[key] = Object.fromEntries(Object.entries(saved[key]).filter(([, v]) => typeof v === 'string'));
      }
    } else if (typeof saved[key] === typeof value) out[key] = saved[key];
  }
  if (out.scores !== 'raw' && out.scores !== 'calibrated') out.scores = 'raw';
  return out;
}

/**
 * The page shows and edits score objects. A round that carries `scoreColumns` (the compact
 * form the API takes for large rounds: a round file or a project file written by a script)
 * gets them as score objects once, when it is applied or restored; it was validated first, so
 * every index is in range.
 */
function withScoreObjects(round) {
  const c = round?.scoreColumns;
  if (!c) return round;
  const scores = [...(round.scores ?? [])];
  for (let i = 0; i < c.value.length; i++) {
    scores.push({
      reviewerId: c.reviewerIds[c.reviewer[i]], proposalId: c.proposalIds[c.proposal[i]],
      conditionId: c.conditionIds[c.condition[i]], value: c.value[i],
    });
  }
  const { scoreColumns: _, ...rest } = round;
  return { ...rest, scores };
}

/** Mounts the Proposals area into `root`; returns its state accessors for the project file. */
export function mount(/** @type {HTMLElement} */ root, /** @type {{ changed?: () => void }} */ { changed } = {}) {
  const rubric = call('defaultRubric');
  const example = call('exampleRound', lang());
  if (!rubric.ok || !example.ok) {
    replace(root, el('h2', { 'data-i18n': 'proposals.title', text: t('proposals.title') }),
      el('p', { class: 'error', role: 'alert', text: t('proposals.analysisFailed', { message: (rubric.error ?? example.error).message }) }));
    return { getState: () => ({}), setState: () => ({ ok: true }) };
  }

  const sections = [];
  const undoStack = [];
  let bootController = null;
  let bootTimer = null;

  const ctx = {
    rubric: rubric.value,
    round: example.value,
    example: example.value,
    defaultRubric: rubric.value,
    settings: cleanSettings(null),
    /** @type {import('../../pkg/waterline.js').RoundValidation | null} */
    validation: null,
    /** @type {import('../../pkg/waterline.js').RoundAnalysis | null} */
    analysis: null,
    analysisError: null,
    /** @type {import('../../pkg/waterline.js').FundingResult | null} */
    funding: null,
    fundingError: null,
    boot: { state: 'idle', value: null, error: null, version: -1 },
    /** The lottery draws recorded in the project (see ./proposals/decision.js). */
    decision: { audits: [] },
    changed,
    version: 0,
    engineCall: call,
    /** `engineCall` for the round set-up's exports, which the area's own build leaves out (engine.js `callSoon`). */
    engineCallSoon: callSoon,
    /** Resolves once an export the area's own build leaves out can be called (engine.js `provide`). */
    engineReady: provide,

    // ---- names for messages and tables
    condition: (id) => ctx.rubric.conditions.find((c) => c.id === id),
    proposal: (id) => ctx.round.proposals.find((p) => p.id === id),
    reviewer: (id) => ctx.round.reviewers.find((r) => r.id === id),
    level: (id) => ctx.rubric.levels.find((l) => l.id === id),
    names: {
      reviewer: (id) => { const r = ctx.reviewer(id); return r ? `${r.name} (${id})` : String(id); },
      proposal: (id) => String(id),
      condition: (id) => { const c = ctx.condition(id); return c ? tx(c.name) : String(id); },
      hasReviewer: (id) => Boolean(ctx.reviewer(id)),
      hasProposal: (id) => Boolean(ctx.proposal(id)),
      scale: (column) => {
        const key = String(column ?? '').trim().toLowerCase();
        const c = ctx.rubric.conditions.find((x) => [x.id, x.name.en, x.name.es].some((n) => n.toLowerCase() === key));
        return c ? `${c.scale[0].value}–${c.scale[c.scale.length - 1].value}` : '';
      },
    },
    communities: () => [...new Set(ctx.round.proposals.map((p) => p.community))].sort(),

    /** Rows of the ranking: every proposal with its raw and calibrated scores, best first. */
    ranked() {
      const a = ctx.analysis;
      if (!a) return [];
      const boot = ctx.boot.value && ctx.boot.version === ctx.version && ctx.boot.value.scores === ctx.settings.scores ? ctx.boot.value : null;
      const funded = new Map((ctx.funding?.funded ?? []).map((f) => [f.proposalId, f]));
      /** @type {any[]} */
      const rows = ctx.round.proposals.map((p, i) => {
        const s = a.scores.proposals[i];
        const c = a.calibration.proposals[i];
        const used = ctx.settings.scores === 'calibrated' ? c?.calibrated ?? null : s?.score ?? null;
        return {
          proposal: p, index: i, summary: s, calibration: c, score: used, raw: s?.score ?? null,
          calibrated: c?.calibrated ?? null, z: c?.z ?? null,
          boot: boot?.proposals.find((b) => b.proposalId === p.id) ?? null,
          funded: funded.get(p.id) ?? null,
          flags: a.agreement.flags.filter((f) => f.proposalId === p.id),
          depth: a.depthFlags.filter((f) => f.proposalId === p.id),
        };
      });
      // The engine ranks (competition ranks, ties share the better rank); the page only orders by them.
      const ranks = ctx.settings.scores === 'calibrated' ? a.ranks.calibrated : a.ranks.raw;
      for (const row of rows) row.rank = ranks[row.index] ?? null;
      rows.sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || x.index - y.index);
      return rows;
    },

    /** Funding options from the settings, as the engine takes them. */
    fundingOptions() {
      const s = ctx.settings;
      const shares = (texts) => Object.fromEntries(Object.entries(texts)
        .filter(([, text]) => String(text).trim() !== '').map(([id, text]) => [id, parsePercent(text)]));
      const levelShares = shares(s.levelShares);
      const communityShares = shares(s.communityShares);
      for (const id of Object.keys(levelShares)) if (!ctx.level(id)) delete levelShares[id];
      for (const id of Object.keys(communityShares)) if (!ctx.communities().includes(id)) delete communityShares[id];
      return {
        budget: parseDollars(s.budget), partial: s.partial, calibrated: s.scores === 'calibrated',
        minSharePerLevel: levelShares, minSharePerCommunity: communityShares,
      };
    },

    bootstrapOptions() {
      const s = ctx.settings;
      return { resamples: parseNumber(s.resamples), seed: parseNumber(s.seed), topK: parseNumber(s.topK), calibrated: s.scores === 'calibrated' };
    },

    /**
     * Validates and applies a new rubric and/or round. With `dropInvalidScores`, scores the
     * engine rejects (off a changed scale, from a conflicted reviewer, naming a removed
     * condition) are dropped and returned, and the change can be undone.
     * Returns { ok, dropped } or { ok: false, problems, notListed }.
     */
    apply(next, /** @type {{ label?: { key: string, params?: object }, dropInvalidScores?: boolean }} */ { label, dropInvalidScores = false } = {}) {
      const rubricNext = next.rubric ?? ctx.rubric;
      let roundNext = next.round ?? ctx.round;
      let v = call('validateRound', rubricNext, roundNext);
      if (!v.ok) return { ok: false, problems: [v.error], notListed: 0 };
      let dropped = [];
      if (!v.value.valid) {
        // Only problems of score objects can be dropped one by one (not of scoreColumns).
        const scoreLevel = (e) => e.details?.source === 'scores' && ['index', 'reviewerId', 'proposalId', 'conditionId'].every((k) => k in e.details);
        if (!dropInvalidScores || v.value.errorsNotListed > 0 || !v.value.errors.every(scoreLevel)) {
          return { ok: false, problems: v.value.errors, notListed: v.value.errorsNotListed };
        }
        dropped = v.value.errors;
        const bad = new Set(dropped.map((e) => e.details.index));
        roundNext = { ...roundNext, scores: (roundNext.scores ?? []).filter((_, i) => !bad.has(i)) };
        v = call('validateRound', rubricNext, roundNext);
        if (!v.ok || !v.value.valid) return { ok: false, problems: v.ok ? v.value.errors : [v.error], notListed: 0 };
      }
      roundNext = withScoreObjects(roundNext);
      if (label) undoStack.push({ rubric: ctx.rubric, round: ctx.round, label });
      if (undoStack.length > 30) undoStack.shift();
      ctx.rubric = rubricNext;
      ctx.round = roundNext;
      ctx.validation = v.value;
      ctx.version++;
      changed?.();
      ctx.recompute();
      return { ok: true, dropped };
    },

    canUndo: () => undoStack.length > 0,
    undoLabel: () => undoStack.at(-1)?.label ?? null,
    undo() {
      const last = undoStack.pop();
      if (!last) return null;
      ctx.rubric = last.rubric;
      ctx.round = last.round;
      exampleInReaderLanguage(); // an undone-to example comes back in the reader's language
      const v = call('validateRound', ctx.rubric, ctx.round);
      ctx.validation = v.ok ? v.value : null;
      ctx.version++;
      changed?.();
      ctx.recompute();
      return last.label;
    },

    /** Changes settings; `what` says what to recompute: 'fund', 'boot', 'view'. */
    set(patch, what = 'view') {
      Object.assign(ctx.settings, patch);
      changed?.();
      if (what === 'all') { ctx.recompute(); return; }
      if (what === 'fund' || what === 'scores') ctx.refund();
      if (what === 'boot' || what === 'scores') ctx.scheduleBootstrap(0);
      ctx.render(what === 'fund' ? ['ranking', 'budget', 'depth'] : undefined);
    },

    recompute() {
      const a = call('analyzeRound', ctx.rubric, ctx.round, null);
      ctx.analysis = a.ok ? a.value : null;
      ctx.analysisError = a.ok ? null : a.error;
      ctx.refund();
      ctx.scheduleBootstrap();
      ctx.render();
      publish('proposals', { rubric: ctx.rubric, round: ctx.round });
    },

    refund() {
      const f = call('fundWithinBudget', ctx.rubric, ctx.round, ctx.fundingOptions());
      if (f.ok) { ctx.funding = f.value; ctx.fundingError = null; } else ctx.fundingError = f.error;
    },

    render(only) {
      for (const s of sections) if (!only || only.includes(s.name)) s.update();
      undoButton.hidden = !ctx.canUndo();
      if (ctx.canUndo()) {
        const label = ctx.undoLabel();
        undoButton.textContent = t('proposals.undo', { what: t(label.key, label.params ?? {}) });
      }
    },

    // ---- bootstrap in the worker
    scheduleBootstrap(delay = 400) {
      clearTimeout(bootTimer);
      if (!ctx.settings.autoBootstrap) return;
      bootTimer = setTimeout(() => ctx.runBootstrap(), delay);
    },
    async runBootstrap() {
      clearTimeout(bootTimer);
      bootController?.abort();
      const controller = new AbortController();
      bootController = controller;
      const version = ctx.version;
      const options = ctx.bootstrapOptions();
      ctx.boot = { ...ctx.boot, state: 'running', error: null, started: performance.now(), resamples: options.resamples };
      ctx.render(['ranking']);
      const r = await run('call', { name: 'bootstrapRanks', args: [ctx.rubric, ctx.round, options] }, { signal: controller.signal });
      if (bootController !== controller) return; // a newer run replaced this one
      bootController = null;
      if (r.ok) ctx.boot = { state: 'done', value: r.value, error: null, version };
      else ctx.boot = { ...ctx.boot, state: r.error.code === 'cancelled' ? 'cancelled' : 'error', error: r.error };
      ctx.render(['ranking', 'heatmap', 'export']);
    },
    cancelBootstrap() {
      clearTimeout(bootTimer);
      bootController?.abort();
    },
  };

  // ---- layout
  const undoStatus = el('p', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });
  const undoButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'proposals-undo', hidden: true });
  undoButton.addEventListener('click', () => {
    const label = ctx.undo();
    if (label) { undoStatus.hidden = false; undoStatus.textContent = t('proposals.undone', { what: t(label.key, label.params ?? {}) }); }
  });
  /** @type {Array<[string, (ctx: any) => any]>} */
  const parts = [
    ['round', roundCard], ['setup', setupCard], ['ranking', rankingCard], ['budget', budgetCard], ['decision', decisionCard],
    ['heatmap', heatmapCard],
    ['calibration', calibrationCard], ['agreement', agreementCard], ['depth', depthCard],
    ['scores', scoresCard], ['rubric', rubricCard], ['export', exportCard],
  ];
  for (const [name, make] of parts) {
    const section = make(ctx);
    section.name = name;
    section.node.id = `proposals-${name}`;
    if (name === 'heatmap') section.node.append(proposalEvidenceBlock()); // #18, beside the condition scores
    sections.push(section);
  }
  const nav = el('nav', { class: 'subnav no-print', 'aria-labelledby': 'proposals-nav-label' },
    el('span', { id: 'proposals-nav-label', class: 'visually-hidden', 'data-i18n': 'proposals.nav' }),
    el('ul', {}, parts.map(([name]) => el('li', {}, el('a', { href: `#proposals-${name}`, 'data-i18n': `proposals.nav.${name}` })))));
  nav.addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (!a) return;
    e.preventDefault(); // keep the area's #proposals address (the tabs use the hash)
    const target = root.querySelector(a.getAttribute('href'));
    target?.scrollIntoView({ block: 'start' });
    target?.querySelector('h3')?.focus({ preventScroll: true });
  });
  replace(root,
    el('h2', { 'data-i18n': 'proposals.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.intro' }),
    nav,
    el('div', { class: 'undo-bar no-print' }, undoButton, undoStatus),
    sections.map((s) => s.node));

  const refreshStatic = () => { for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(/** @type {HTMLElement} */ (n).dataset.i18n); };
  // The example round comes in the reader's language. While the round on screen is still the
  // untouched example, a language switch swaps in the other language's copy: the same ids and
  // scores, so the analysis and any bootstrap run stay valid (no recompute, no undo step).
  // A restored project holding the untouched example (in either language) is treated the same.
  const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const exampleIn = (language) => { const r = call('exampleRound', language); return r.ok ? r.value : null; };
  const untouchedExample = () => ctx.round === ctx.example || ['en', 'es'].some((l) => sameJson(ctx.round, exampleIn(l)));
  const exampleInReaderLanguage = () => {
    const fresh = exampleIn(lang());
    if (!fresh) return;
    if (untouchedExample()) ctx.round = fresh;
    ctx.example = fresh;
  };
  onLangChange(() => {
    exampleInReaderLanguage();
    refreshStatic();
    ctx.render();
  });
  refreshStatic();
  const v = call('validateRound', ctx.rubric, ctx.round);
  ctx.validation = v.ok ? v.value : null;
  ctx.recompute();

  return {
    getState: () => ({ version: STATE_VERSION, rubric: ctx.rubric, round: ctx.round, settings: { ...ctx.settings }, decision: { audits: [...ctx.decision.audits] } }),
    setState(state) {
      const fail = (error) => ({ ok: false, error });
      if (!state || typeof state !== 'object' || state.version !== STATE_VERSION) {
        return fail({ code: 'bad_input', details: { argument: 'proposals' }, message: 'not a proposals state' });
      }
      const r = call('validateRubric', state.rubric);
      if (!r.ok) return fail(r.error);
      const check = call('validateRound', r.value, state.round);
      if (!check.ok) return fail(check.error);
      if (!check.value.valid) return fail(check.value.errors[0]);
      ctx.rubric = r.value;
      ctx.round = withScoreObjects(state.round);
      exampleInReaderLanguage();
      ctx.validation = check.value;
      ctx.settings = cleanSettings(state.settings);
      const audits = Array.isArray(state.decision?.audits) ? state.decision.audits : [];
      ctx.decision = { audits: audits.filter((a) => a && Number.isSafeInteger(a.seed) && Array.isArray(a.drawOrder)) };
      undoStack.length = 0;
      ctx.version++;
      ctx.boot = { state: 'idle', value: null, error: null, version: -1 };
      ctx.recompute();
      return { ok: true };
    },
  };
}
