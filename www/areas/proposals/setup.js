// "Set up a round" (#20): read proposals and reviewers from CSV files (the engine's
// parseProposalsCsv / parseReviewersCsv, problems listed by row and column), start a round with
// them, assign k reviewers per proposal within a load cap (assignReviewers: balanced, conflicts
// respected, connected, seeded), download the review template (reviewTemplateCsv) and import the
// filled-in file back (parseReviewsCsv), offering to add reviewers the round lacks.
import { el, replace, uid } from '../../dom.js';
import { lang, number, t } from '../../i18n.js';
import { downloadText } from '../../store.js';
import { fileButton, th } from './util.js';
import { problemList } from './round.js';
import { applyScores, badRows, noteList, setupProblemText, unknownReviewersOffer } from './import.js';
import './strings.js';

const count = (v) => number(Number(v ?? 0), 0);

export function setupCard(ctx) {
  /** @type {any} */ let proposals = null;
  /** @type {any} */ let reviewers = null;
  /** @type {any} */ let assignment = null;
  // Each report is kept as a function so that a language switch re-renders it (update()).
  const views = new Map();
  const show = (box, render) => { views.set(box, render); replace(box, render()); };
  const say = (box, render) => show(box, () => { const [text, ...extra] = render(); return [text ? el('p', { class: 'notice', role: 'status', text }) : null, ...extra]; });
  const failText = (box, error) => show(box, () => el('p', { class: 'error', role: 'alert', 'data-code': error.code, text: setupProblemText(error, ctx.names) }));
  const failKey = (box, key, params) => show(box, () => el('p', { class: 'error', role: 'alert', text: t(key, params) }));

  // ---- 1, 2: the two files
  const proposalsReport = el('div', { 'data-testid': 'setup-proposals-report' });
  const reviewersReport = el('div', { 'data-testid': 'setup-reviewers-report' });
  const readProposals = async (file) => {
    const r = await ctx.engineCallSoon('parseProposalsCsv', await file.text());
    proposals = r.ok ? r.value : null;
    if (!r.ok) { failText(proposalsReport, r.error); return; }
    const read = proposals;
    say(proposalsReport, () => [t('setup.proposalsRead', { n: count(read.proposals.length), rows: count(read.rows) }),
      noteList(read.warnings), badRows(read, ctx.names, 'setup-proposals-errors')]);
    if (reviewers?.source) await readReviewers(reviewers.source);
  };
  const readReviewers = async (file) => {
    const text = await file.text();
    // Not in the area's own build (engine.js `provide`); the proposals' ids are read after the
    // wait, so that a proposals file read meanwhile is taken into account.
    await ctx.engineReady('parseReviewersCsv');
    const ids = proposals ? proposals.proposals.map((p) => p.id) : null;
    const r = ctx.engineCall('parseReviewersCsv', text, ids);
    reviewers = r.ok ? { ...r.value, source: file } : null;
    if (!r.ok) { failText(reviewersReport, r.error); return; }
    const read = reviewers;
    say(reviewersReport, () => [t('setup.reviewersRead', { n: count(read.reviewers.length), conflicts: count(read.conflicts.length), rows: count(read.rows) }),
      noteList(read.warnings), badRows(read, ctx.names, 'setup-reviewers-errors')]);
  };

  // ---- 3: start the round
  const titleId = uid('setup-title');
  const titleInput = el('input', { id: titleId, type: 'text', autocomplete: 'off', 'data-testid': 'setup-title' });
  const startReport = el('div', { 'data-testid': 'setup-start-report' });
  const startButton = el('button', { type: 'button', class: 'primary', 'data-testid': 'setup-start', 'data-i18n': 'setup.start' });
  startButton.addEventListener('click', () => {
    if (!proposals || !reviewers) { failKey(startReport, 'setup.needBoth'); return; }
    const round = {
      title: titleInput.value.trim() || t('setup.defaultTitle'),
      proposals: proposals.proposals, reviewers: reviewers.reviewers, conflicts: reviewers.conflicts, scores: [],
    };
    const r = ctx.apply({ round }, { label: { key: 'setup.label.start' } });
    if (!r.ok) { show(startReport, () => [el('p', { class: 'error', text: t('proposals.round.rejected') }), problemList(ctx, r.problems, r.notListed)]); return; }
    assignment = null;
    say(startReport, () => [t('setup.started', { proposals: count(round.proposals.length), reviewers: count(round.reviewers.length), conflicts: count(round.conflicts.length) })]);
  });

  // ---- 4: assign
  const field = (key, attrs) => {
    const id = uid(`setup-${key}`);
    const input = el('input', { id, type: 'text', inputmode: 'numeric', size: 5, autocomplete: 'off', 'data-testid': `setup-${key}`, ...attrs });
    return [input, el('div', { class: 'field' }, el('label', { for: id, 'data-i18n': `setup.${key}` }), input)];
  };
  const [kInput, kField] = field('k', { value: '3' });
  const [capInput, capField] = field('cap', {});
  const [seedInput, seedField] = field('seed', { value: '1' });
  const assignReport = el('div', { 'data-testid': 'setup-assign-report' });
  const assignButton = el('button', { type: 'button', class: 'primary', 'data-testid': 'setup-assign', 'data-i18n': 'setup.assign' });
  const downloadButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'setup-download', 'data-i18n': 'setup.download', hidden: true });
  const whole = (text) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);
  assignButton.addEventListener('click', async () => {
    if (!ctx.round.proposals.length || !ctx.round.reviewers.length) { failKey(assignReport, 'setup.err.noRound'); return; }
    const k = whole(kInput.value);
    const cap = capInput.value.trim() === '' ? null : whole(capInput.value);
    if (!Number.isInteger(k) || k < 1) { failKey(assignReport, 'setup.err.k_range', { max: count(ctx.round.reviewers.length) }); return; }
    if (cap !== null && !(Number.isInteger(cap) && cap >= 1)) { failKey(assignReport, 'setup.err.cap_range'); return; }
    const seed = Number.isInteger(whole(seedInput.value)) ? whole(seedInput.value) : 1;
    await ctx.engineReady('assignReviewers'); // not in the area's own build: the round is read after the wait
    const r = ctx.engineCall('assignReviewers', ctx.round, { reviewsPerProposal: k, maxLoad: cap, seed });
    assignment = r.ok ? r.value : null;
    downloadButton.hidden = !r.ok;
    if (!r.ok) { failText(assignReport, r.error); return; }
    const done = assignment;
    show(assignReport, () => assignmentView(done));
  });
  function assignmentView(assignment) {
    const loads = assignment.loads.map((l) => l.load);
    return [
      el('p', { class: 'notice', role: 'status', text: t('setup.assigned', { reviews: count(assignment.reviews.length), k: count(assignment.reviewsPerProposal), min: count(Math.min(...loads)), max: count(Math.max(...loads)), cap: count(assignment.maxLoad), seed: String(assignment.seed) }) }),
      assignment.connected ? el('p', { text: t('setup.connected') }) : null,
      assignment.swaps ? el('p', { class: 'small', text: t('setup.swaps', { n: count(assignment.swaps) }) }) : null,
      noteList(assignment.warnings),
      el('details', {}, el('summary', { text: t('setup.loads') }),
        el('table', { class: 'data compact', 'data-testid': 'setup-loads' },
          el('thead', {}, el('tr', {}, th(t('setup.reviewer')), th(t('setup.load'), { class: 'num' }))),
          el('tbody', {}, assignment.loads.map((l) => el('tr', {}, el('td', { text: ctx.names.reviewer(l.reviewerId) }), el('td', { class: 'num', text: count(l.load) })))))),
      el('p', { class: 'small', text: t('setup.downloadHint') })];
  }
  downloadButton.addEventListener('click', async () => {
    if (!assignment) return;
    const r = await ctx.engineCallSoon('reviewTemplateCsv', ctx.rubric, ctx.round, assignment.reviews, lang());
    if (!r.ok) { failText(assignReport, r.error); return; }
    downloadText(lang() === 'es' ? 'waterline-asignacion.csv' : 'waterline-assignment.csv', r.value, 'text/csv');
  });

  // ---- 5: the scores back
  const scoresReport = el('div', { 'data-testid': 'setup-scores-report' });
  const importScores = async (file) => {
    const parsed = await ctx.engineCallSoon('parseReviewsCsv', ctx.rubric, await file.text());
    if (!parsed.ok) { failText(scoresReport, parsed.error); return; }
    const csv = parsed.value;
    const report = (r, extra) => {
      if (!r.ok) { show(scoresReport, () => [el('p', { class: 'error', text: t('setup.scoresRejected') }), problemList(ctx, r.problems, r.notListed)]); return; }
      say(scoresReport, () => [extra ? extra() : t('setup.importedScores', { n: count(csv.scores.length - r.dropped.length), rows: count(csv.rows) }),
        badRows(csv, ctx.names, 'setup-scores-errors'), r.dropped.length ? problemList(ctx, r.dropped.slice(0, 20), Math.max(0, r.dropped.length - 20)) : null]);
    };
    const r = applyScores(ctx, csv.scores, {
      label: { key: 'setup.label.import' },
      onUnknown: (ids, addAndImport) => show(scoresReport, () => unknownReviewersOffer(ids, addAndImport, (res) => report(res, res.ok ? () => t('setup.addedReviewers', { n: count(ids.length) }) : undefined))),
    });
    if (r) report(r);
  };

  const step = (key, ...children) => el('div', { class: 'setup-step' }, el('h4', { 'data-i18n': key }), ...children);
  const node = el('section', { class: 'card', 'data-testid': 'setup' },
    el('h3', { tabindex: '-1', 'data-i18n': 'setup.title' }),
    el('p', { class: 'intro', 'data-i18n': 'setup.intro' }),
    step('setup.step.proposals', el('div', { class: 'buttons' }, fileButton('setup.proposalsFile', '.csv,text/csv', readProposals, 'setup-proposals-file')), proposalsReport),
    step('setup.step.reviewers', el('div', { class: 'buttons' }, fileButton('setup.reviewersFile', '.csv,text/csv', readReviewers, 'setup-reviewers-file')), reviewersReport),
    step('setup.step.start', el('div', { class: 'fields' }, el('div', { class: 'field' }, el('label', { for: titleId, 'data-i18n': 'setup.roundTitle' }), titleInput)),
      el('div', { class: 'buttons' }, startButton), startReport),
    step('setup.step.assign', el('div', { class: 'fields' }, kField, capField, seedField), el('div', { class: 'buttons' }, assignButton, downloadButton), assignReport),
    step('setup.step.scores', el('div', { class: 'buttons' }, fileButton('setup.scoresFile', '.csv,text/csv', importScores, 'setup-scores-file')), scoresReport));

  function update() {
    for (const [box, render] of views) replace(box, render()); // in the reader's language
  }

  return { node, update };
}
