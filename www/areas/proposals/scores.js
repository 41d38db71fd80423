// Scores: import reviews from CSV (read and parsed in the worker, with progress and Cancel; bad
// cells reported by row and column), a grid to enter or correct scores (reviewer × proposal ×
// condition, with a comment per score; conflicted cells cannot be scored), and the engine's
// checks of the round (validateRound).
import { el, replace, uid } from '../../dom.js';
import { t } from '../../i18n.js';
import { run, runWith } from '../../jobs.js';
import { fileButton, parseNumber, problemText, roundNoteText, th, tx } from './util.js';
import { problemList } from './round.js';
import { unknownReviewers, unknownReviewersOffer } from './import.js';

const cellKey = (s) => `${s.reviewerId}\u0000${s.proposalId}\u0000${s.conditionId}`;

export function scoresCard(ctx) {
  // ---- import
  const modeName = uid('import-mode');
  const mode = (value, key, checked) => el('label', { class: 'choice' },
    el('input', { type: 'radio', name: modeName, value, checked, 'data-testid': `import-${value}` }), ' ', el('span', { 'data-i18n': key }));
  const pasteId = uid('paste');
  const paste = el('textarea', { id: pasteId, rows: 4, cols: 70, spellcheck: 'false', 'data-testid': 'import-paste' });
  const importPasted = el('button', { type: 'button', class: 'secondary', 'data-i18n': 'proposals.scores.importPasted', 'data-testid': 'import-pasted' });
  const progress = el('progress', { hidden: true, 'aria-label': t('proposals.scores.progress'), 'data-testid': 'import-progress' });
  const cancel = el('button', { type: 'button', class: 'secondary', hidden: true, 'data-i18n': 'proposals.scores.cancel' });
  const importStatus = el('div', { 'aria-live': 'polite', 'data-testid': 'import-result' });
  let controller = null;
  let runs = 0;

  const importReport = { render: () => {} };
  const showReport = (fn) => { importReport.render = fn; fn(); };

  async function importText(source) {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    importStatus.dataset.state = 'busy';
    importStatus.dataset.run = String(++runs);
    progress.hidden = false; cancel.hidden = false;
    progress.removeAttribute('value');
    let text = source;
    if (typeof source !== 'string') {
      showReport(() => replace(importStatus, el('p', { text: t('proposals.scores.reading') })));
      const read = await run('readText', { file: source }, {
        signal, onProgress: (p) => { if (p.total) { progress.max = p.total; progress.value = p.done; } },
      });
      if (!read.ok) return finish(read.error);
      text = read.value;
    }
    showReport(() => replace(importStatus, el('p', { text: t('proposals.scores.parsing') })));
    progress.removeAttribute('value');
    const parsed = await runWith('parseReviewsCsv', 'call', { name: 'parseReviewsCsv', args: [ctx.rubric, text] }, { signal });
    if (!parsed.ok) return finish(parsed.error);
    const csv = parsed.value;
    const replaceAll = importStatus.closest('section').querySelector(`input[name="${modeName}"]:checked`)?.value === 'replace';
    const incoming = new Set(csv.scores.map(cellKey));
    const kept = replaceAll ? [] : (ctx.round.scores ?? []).filter((s) => !incoming.has(cellKey(s)));
    const round = { ...ctx.round, scores: [...kept, ...csv.scores] };
    const unknown = unknownReviewers(ctx.round, csv.scores);
    if (unknown.length) { offerReviewers(unknown, round, csv); return; }
    const r = ctx.apply({ round }, { label: { key: 'proposals.label.import' }, dropInvalidScores: true });
    finish(null, csv, r);
  }

  /** Scores naming reviewers the round lacks: offer to add them (one click), then import (#20). */
  function offerReviewers(unknown, round, csv) {
    controller = null;
    importStatus.dataset.state = 'done';
    progress.hidden = true; cancel.hidden = true;
    const addAndImport = () => ctx.apply({ round: { ...round, reviewers: [...round.reviewers, ...unknown.map((id) => ({ id, name: id }))] } },
      { label: { key: 'setup.label.addReviewers', params: { ids: unknown.join(', ') } }, dropInvalidScores: true });
    showReport(() => replace(importStatus, unknownReviewersOffer(unknown, addAndImport, (r) => finish(null, csv, r))));
  }

  function finish(error, csv, applied) {
    controller = null;
    importStatus.dataset.state = 'done';
    progress.hidden = true; cancel.hidden = true;
    showReport(() => {
      if (error) {
        const text = error.code === 'cancelled' ? t('proposals.scores.cancelled')
          : error.code === 'unknown_column' ? t('proposals.scores.unknownColumn', { columns: (error.details?.columns ?? []).join(', ') })
            : error.code === 'csv_empty' ? t('proposals.scores.csvEmpty')
              : t('proposals.scores.failed', { message: problemText(error, ctx.names) });
        replace(importStatus, el('p', { class: error.code === 'cancelled' ? 'notice' : 'error', role: 'alert', 'data-testid': 'import-error', text }));
        return;
      }
      const droppedNew = applied.ok ? applied.dropped : [];
      replace(importStatus,
        applied.ok ? el('p', { class: 'notice', text: t('proposals.scores.imported', { rows: csv.rows, n: csv.scores.length - droppedNew.length }) })
          : [el('p', { class: 'error', text: t('proposals.scores.rejected') }), problemList(ctx, applied.problems, applied.notListed)],
        csv.errors.length ? [
          el('p', { class: 'error', role: 'alert', text: t('proposals.scores.badCells', { n: csv.errors.length + csv.errorsNotListed }) }),
          el('table', { class: 'data compact', 'data-testid': 'import-errors' },
            el('thead', {}, el('tr', {}, th(t('proposals.scores.row'), { class: 'num' }), th(t('proposals.scores.column')), th(t('proposals.scores.problem')))),
            el('tbody', {}, csv.errors.map((e) => el('tr', {},
              el('td', { class: 'num', 'data-col': 'row', text: e.details?.row ?? '' }),
              el('td', { 'data-col': 'column', text: e.details?.column ?? '' }),
              el('td', { text: problemText(e, ctx.names) }))))),
          csv.errorsNotListed ? el('p', { text: t('proposals.scores.moreBad', { n: csv.errorsNotListed }) }) : null] : null,
        droppedNew.length ? [el('p', { class: 'error', text: t('proposals.scores.dropped', { n: droppedNew.length }) }), problemList(ctx, droppedNew)] : null,
        csv.warnings.length ? el('ul', { class: 'warnings' }, csv.warnings.map((w) => el('li', { 'data-code': w.code, text: roundNoteText(w, ctx.names) }))) : null);
    });
  }

  importPasted.addEventListener('click', () => { if (paste.value.trim()) importText(paste.value); });
  cancel.addEventListener('click', () => controller?.abort());

  // ---- grid
  const reviewerId = uid('grid-reviewer');
  const reviewerSelect = el('select', { id: reviewerId, 'data-testid': 'grid-reviewer' });
  reviewerSelect.addEventListener('change', () => ctx.set({ reviewer: reviewerSelect.value }, 'view'));
  const grid = el('table', { class: 'data grid', 'data-testid': 'score-grid' });
  const gridMessage = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'grid-error' });
  const commentId = uid('comment');
  const commentLabel = el('label', { for: commentId });
  const comment = el('textarea', { id: commentId, rows: 2, cols: 70, disabled: true, 'data-testid': 'grid-comment' });
  let selected = null; // { reviewerId, proposalId, conditionId }
  let gridKey = '';

  const scoreOf = (r, p, c) => (ctx.round.scores ?? []).find((s) => s.reviewerId === r && s.proposalId === p && s.conditionId === c) ?? null;
  const shown = (s) => (s ? String(s.value) : '');
  const names = (r, p, c) => ({ reviewer: ctx.names.reviewer(r), proposal: p, condition: ctx.names.condition(c) });

  function editCell(input) {
    const { reviewer, proposal, condition } = input.dataset;
    const previous = scoreOf(reviewer, proposal, condition);
    const text = input.value.trim();
    if (text === shown(previous)) { input.removeAttribute('aria-invalid'); return; }
    const scores = (ctx.round.scores ?? []).filter((s) => s !== previous);
    if (text !== '') scores.push({ reviewerId: reviewer, proposalId: proposal, conditionId: condition, value: parseNumber(text), comment: previous?.comment ?? null });
    const r = ctx.apply({ round: { ...ctx.round, scores } }, { label: { key: 'proposals.label.score', params: names(reviewer, proposal, condition) } });
    if (r.ok) {
      gridMessage.hidden = true;
      input.removeAttribute('aria-invalid');
      input.value = shown(scoreOf(reviewer, proposal, condition));
      return;
    }
    input.value = shown(previous);
    input.setAttribute('aria-invalid', 'true');
    gridMessage.hidden = false;
    gridMessage.textContent = `${r.problems.map((p) => problemText(p, ctx.names)).join(' ')} ${previous ? t('proposals.scores.kept', { value: shown(previous) }) : t('proposals.scores.keptEmpty')}`;
  }

  function select(input) {
    const { reviewer, proposal, condition } = input.dataset;
    selected = { reviewer, proposal, condition };
    renderComment();
  }

  function renderComment() {
    const s = selected && scoreOf(selected.reviewer, selected.proposal, selected.condition);
    commentLabel.textContent = selected && s ? t('proposals.scores.commentFor', names(selected.reviewer, selected.proposal, selected.condition)) : t('proposals.scores.comment');
    comment.disabled = !s;
    comment.placeholder = s ? '' : t('proposals.scores.commentNone');
    if (document.activeElement !== comment) comment.value = s?.comment ?? '';
  }

  comment.addEventListener('change', () => {
    if (!selected) return;
    const s = scoreOf(selected.reviewer, selected.proposal, selected.condition);
    if (!s) return;
    const scores = ctx.round.scores.map((x) => (x === s ? { ...x, comment: comment.value.trim() ? comment.value : null } : x));
    ctx.apply({ round: { ...ctx.round, scores } }, { label: { key: 'proposals.label.comment', params: names(selected.reviewer, selected.proposal, selected.condition) } });
  });

  function renderGrid() {
    const reviewers = ctx.round.reviewers;
    const current = reviewers.find((r) => r.id === ctx.settings.reviewer) ?? reviewers[0];
    const key = JSON.stringify([reviewers.map((r) => [r.id, r.name]), current?.id, ctx.round.proposals.map((p) => [p.id, p.title]),
      ctx.rubric.conditions.map((c) => [c.id, tx(c.name), c.scale.length]), ctx.round.conflicts ?? [], t('proposals.scores.reviewer')]);
    if (key !== gridKey) {
      gridKey = key;
      replace(reviewerSelect, reviewers.map((r) => el('option', { value: r.id, text: ctx.names.reviewer(r.id) })));
      if (current) reviewerSelect.value = current.id;
      if (!current) { replace(grid); return; }
      const conditions = ctx.rubric.conditions;
      const scale = (c) => `${c.scale[0].value}–${c.scale[c.scale.length - 1].value}`;
      replace(grid,
        el('caption', { text: t('proposals.scores.gridCaption', { reviewer: ctx.names.reviewer(current.id) }) }),
        el('thead', {}, el('tr', {}, th(t('proposals.scores.proposal')),
          conditions.map((c) => el('th', { scope: 'col', class: 'num' }, tx(c.name), el('small', { class: 'sub', text: scale(c) }))))),
        el('tbody', {}, ctx.round.proposals.map((p) => {
          const conflict = (ctx.round.conflicts ?? []).find((c) => c.reviewerId === current.id && c.proposalId === p.id);
          const head = el('th', { scope: 'row', title: p.title }, el('span', { class: 'pid', text: p.id }), ' ', el('span', { class: 'grid-title', text: p.title }));
          if (conflict) {
            return el('tr', { class: 'conflict' }, head, el('td', { colspan: conditions.length, 'data-testid': 'conflict-cell',
              text: t('proposals.scores.conflict', { reviewer: ctx.names.reviewer(current.id), reason: conflict.reason ? ` (${conflict.reason})` : '' }) }));
          }
          return el('tr', {}, head, conditions.map((c) => {
            const input = el('input', {
              type: 'text', inputmode: 'decimal', size: 3, autocomplete: 'off', class: 'cell',
              'data-key': `g-${current.id}-${p.id}-${c.id}`, dataset: { reviewer: current.id, proposal: p.id, condition: c.id },
              'aria-label': t('proposals.scores.cell', { reviewer: ctx.names.reviewer(current.id), proposal: `${p.id} ${p.title}`, condition: tx(c.name), scale: scale(c) }),
            });
            input.addEventListener('change', () => editCell(input));
            input.addEventListener('focus', () => select(input));
            return el('td', { class: 'num' }, input);
          }));
        })));
    }
    // Values change in place so that focus and typing are never disturbed.
    for (const input of grid.querySelectorAll('input.cell')) {
      const s = scoreOf(input.dataset.reviewer, input.dataset.proposal, input.dataset.condition);
      if (document.activeElement !== input) input.value = shown(s);
      input.classList.toggle('has-comment', Boolean(s?.comment));
      input.title = s?.comment ?? '';
    }
    renderComment();
  }

  // ---- checks
  const checks = el('div', { 'data-testid': 'checks' });
  function renderChecks() {
    const v = ctx.validation;
    if (!v) { replace(checks); return; }
    const warnings = [...v.warnings, ...(ctx.analysis?.scores.warnings ?? [])];
    replace(checks,
      el('p', { text: t('proposals.scores.checksSummary', { errors: v.errors.length + v.errorsNotListed, warnings: warnings.length, proposals: v.proposals, reviewers: v.reviewers, conditions: v.conditions }) }),
      v.errors.length ? problemList(ctx, v.errors, v.errorsNotListed) : null,
      warnings.length ? el('ul', { class: 'warnings' }, warnings.map((w) => el('li', { 'data-code': w.code, text: roundNoteText(w, ctx.names) }))) : null,
      !v.errors.length && !warnings.length ? el('p', { text: t('proposals.scores.noChecks') }) : null);
  }

  const node = el('section', { class: 'card' },
    el('h3', { tabindex: '-1', 'data-i18n': 'proposals.scores.title' }),
    el('p', { class: 'intro', 'data-i18n': 'proposals.scores.intro' }),
    el('h4', { 'data-i18n': 'proposals.scores.import' }),
    el('p', { class: 'small', 'data-i18n': 'proposals.scores.format' }),
    el('fieldset', { class: 'inline' }, el('legend', { 'data-i18n': 'proposals.scores.mode' }),
      mode('merge', 'proposals.scores.merge', true), mode('replace', 'proposals.scores.replace', false)),
    el('div', { class: 'buttons' }, fileButton('proposals.scores.file', '.csv,text/csv,text/plain', (file) => importText(file), 'import-file')),
    el('div', { class: 'field' }, el('label', { for: pasteId, 'data-i18n': 'proposals.scores.paste' }), paste),
    el('div', { class: 'buttons' }, importPasted, progress, cancel),
    importStatus,
    el('h4', { 'data-i18n': 'proposals.scores.grid' }),
    el('div', { class: 'field' }, el('label', { for: reviewerId, 'data-i18n': 'proposals.scores.reviewer' }), reviewerSelect),
    gridMessage,
    el('div', { class: 'scroll' }, grid),
    el('div', { class: 'field comment-field' }, commentLabel, comment),
    el('h4', { 'data-i18n': 'proposals.scores.checks' }),
    checks);

  function update() {
    renderGrid();
    renderChecks();
    importReport.render();
    progress.setAttribute('aria-label', t('proposals.scores.progress'));
  }

  return { node, update };
}
