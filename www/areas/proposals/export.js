// Export: the results as CSV (one row per proposal) and JSON (everything the engine returned,
// with the rubric, round and settings that produced it), and the scores in the import format.
import { el } from '../../dom.js';
import { downloadText } from '../../store.js';
import { csvText } from './util.js';

/** One row per proposal, in ranking order, with every figure the page shows. */
export function resultsCsv(ctx) {
  const conditions = ctx.rubric.conditions;
  const levels = ctx.rubric.levels;
  const header = ['rank', 'proposalId', 'title', 'applicant', 'community', 'amountRequested', 'minimumAmount',
    'score', 'calibratedScore', 'zScore', 'rankedBy', 'rankLower', 'rankUpper', 'medianRank', 'pTopK', 'topK',
    'fundedAmount', 'partial', 'discussionFlags', 'depthFlags',
    ...levels.map((l) => `level:${l.id}`), ...conditions.flatMap((c) => [`mean:${c.id}`, `sd:${c.id}`, `n:${c.id}`])];
  const rows = ctx.ranked().map((r) => [
    r.rank, r.proposal.id, r.proposal.title, r.proposal.applicant, r.proposal.community, r.proposal.amountRequested, r.proposal.minimumAmount ?? null,
    r.raw, r.calibrated, r.z, ctx.settings.scores, r.boot?.rankLower ?? null, r.boot?.rankUpper ?? null, r.boot?.medianRank ?? null,
    r.boot?.pTopK ?? null, r.boot ? ctx.boot.value.topK : null,
    r.funded ? r.funded.amount : 0, r.funded ? r.funded.partial : false,
    r.flags.map((f) => f.conditionId).join(' '), r.depth.map((f) => f.code).join(' '),
    ...levels.map((_, i) => r.summary?.levels[i]?.score ?? null),
    ...conditions.flatMap((_, i) => { const s = r.summary?.conditions[i]; return [s?.mean ?? null, s?.sd ?? null, s?.n ?? 0]; }),
  ].map((v) => (typeof v === 'boolean' ? String(v) : v)));
  return csvText([header, ...rows]);
}

/** Everything: inputs and the engine's results. */
export function resultsJson(ctx) {
  const fresh = ctx.boot.value && ctx.boot.version === ctx.version ? ctx.boot.value : null;
  return JSON.stringify({
    generatedBy: 'waterline', generatedAt: new Date().toISOString(), synthetic: Boolean(ctx.round.synthetic),
    settings: ctx.settings, rubric: ctx.rubric, round: ctx.round,
    analysis: ctx.analysis, bootstrap: fresh, funding: ctx.funding,
  }, null, 2);
}

/** The scores in the format the CSV import reads (one row per reviewer × proposal). */
export function scoresCsv(ctx) {
  const conditions = ctx.rubric.conditions;
  const scores = ctx.round.scores ?? [];
  const commented = conditions.filter((c) => scores.some((s) => s.conditionId === c.id && s.comment));
  const header = ['reviewerId', 'proposalId', ...conditions.map((c) => c.id), ...commented.map((c) => `${c.id} comment`)];
  const rows = [];
  for (const r of ctx.round.reviewers) {
    for (const p of ctx.round.proposals) {
      const mine = scores.filter((s) => s.reviewerId === r.id && s.proposalId === p.id);
      if (!mine.length) continue;
      const get = (c) => mine.find((s) => s.conditionId === c.id);
      rows.push([r.id, p.id, ...conditions.map((c) => get(c)?.value ?? null), ...commented.map((c) => get(c)?.comment ?? null)]);
    }
  }
  return csvText([header, ...rows]);
}

export function exportCard(ctx) {
  const button = (key, testid, make) => {
    const b = el('button', { type: 'button', class: 'secondary', 'data-i18n': key, 'data-testid': testid });
    b.addEventListener('click', make);
    return b;
  };
  const node = el('section', { class: 'card no-print' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.export.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.export.intro' }),
    el('div', { class: 'buttons' },
      button('proposals.export.csv', 'export-csv', () => downloadText('waterline-proposals-results.csv', resultsCsv(ctx), 'text/csv')),
      button('proposals.export.json', 'export-json', () => downloadText('waterline-proposals-results.json', resultsJson(ctx), 'application/json')),
      button('proposals.export.scores', 'export-scores', () => downloadText('waterline-scores.csv', scoresCsv(ctx), 'text/csv'))));
  return { node, update: () => {} };
}
