// Scores: import reviews from CSV (read and parsed in the worker, with progress and Cancel; bad
// cells reported by row and column), a grid to enter or correct scores (reviewer × proposal ×
// condition, with a comment per score; conflicted cells cannot be scored), and the engine's
// checks of the round (validateRound).
import { el, replace, uid } from '../../dom.js';
import { register, t } from '../../i18n.js';
import { run } from '../../jobs.js';
import { fileButton, parseNumber, problemText, roundNoteText, th, tx } from './util.js';
import { problemList } from './round.js';
import { unknownReviewers, unknownReviewersOffer } from './import.js';

register({
  en: {
    'proposals.scores.title': 'Scores',
    'proposals.scores.intro': 'Import the reviewers’ scores from a spreadsheet (CSV), or enter and correct them in the grid. Scores are checked against each condition’s scale and against conflicts of interest before they count.',
    'proposals.scores.import': 'Import reviews from CSV',
    'proposals.scores.format': 'One row per reviewer and proposal: columns reviewerId, proposalId, then one column per condition (its id, English or Spanish name), and optionally comment and “<condition> comment”. Empty cells are “not scored”; 2,5 and 2.5 both read as two and a half. Export → “Scores (CSV)” gives a file in this format.',
    'proposals.scores.file': 'Choose a CSV file…',
    'proposals.scores.paste': 'Or paste CSV text',
    'proposals.scores.importPasted': 'Import the pasted text',
    'proposals.scores.mode': 'When importing',
    'proposals.scores.merge': 'add to the current scores (a score in the file replaces the same reviewer × proposal × condition)',
    'proposals.scores.replace': 'replace all current scores',
    'proposals.scores.reading': 'Reading the file…',
    'proposals.scores.parsing': 'Reading the reviews…',
    'proposals.scores.progress': 'Import progress',
    'proposals.scores.cancel': 'Cancel import',
    'proposals.scores.cancelled': 'Import cancelled; nothing changed.',
    'proposals.scores.failed': 'The file could not be imported: {message}',
    'proposals.scores.unknownColumn': 'The file needs a reviewerId column, a proposalId column and at least one column named after a condition (columns found: {columns}).',
    'proposals.scores.csvEmpty': 'The file is empty: it has no header row.',
    'proposals.scores.imported': 'Read {rows} rows: {n} scores imported.',
    'proposals.scores.badCells': '{n} cells or rows were not imported:',
    'proposals.scores.moreBad': '…and {n} more problems not listed.',
    'proposals.scores.row': 'Row',
    'proposals.scores.column': 'Column',
    'proposals.scores.problem': 'Problem',
    'proposals.scores.dropped': '{n} scores were not imported because the round does not allow them:',
    'proposals.scores.rejected': 'Nothing was imported; the engine found these problems:',
    'proposals.scores.grid': 'Enter or correct scores',
    'proposals.scores.reviewer': 'Reviewer',
    'proposals.scores.gridCaption': 'Scores given by {reviewer}. Empty: not scored. Change a number and leave the cell to save it.',
    'proposals.scores.proposal': 'Proposal',
    'proposals.scores.conflict': 'Conflict of interest: {reviewer} does not score this proposal{reason}.',
    'proposals.scores.cell': '{reviewer}, {proposal}, {condition} (scale {scale})',
    'proposals.scores.comment': 'Comment on the selected score',
    'proposals.scores.commentFor': 'Comment: {reviewer}, {proposal}, {condition}',
    'proposals.scores.commentNone': 'Select a scored cell of the grid to add or edit its comment.',
    'proposals.scores.kept': 'The previous value ({value}) was kept.',
    'proposals.scores.keptEmpty': 'The cell stays empty.',
    'proposals.scores.checks': 'Checks by the engine',
    'proposals.scores.checksSummary': 'Problems: {errors} · Notes: {warnings} (checked: {proposals} proposals, {reviewers} reviewers, {conditions} conditions).',
    'proposals.scores.noChecks': 'No problems and no notes.',
    'proposals.label.score': 'score of {reviewer} for {proposal} on {condition}',
    'proposals.label.comment': 'comment of {reviewer} for {proposal}',
    'proposals.label.import': 'import reviews',
  },
  es: {
    'proposals.scores.title': 'Puntuaciones',
    'proposals.scores.intro': 'Importe las puntuaciones de los evaluadores desde una hoja de cálculo (CSV), o introdúzcalas y corríjalas en la cuadrícula. Cada puntuación se comprueba contra la escala de su condición y contra los conflictos de interés antes de contar.',
    'proposals.scores.import': 'Importar evaluaciones desde CSV',
    'proposals.scores.format': 'Una fila por evaluador y propuesta: columnas reviewerId, proposalId y luego una columna por condición (su id, o su nombre en inglés o en español), y opcionalmente comment y «<condición> comment». Las celdas vacías son «sin puntuar»; 2,5 y 2.5 se leen como dos y medio. Exportar → «Puntuaciones (CSV)» da un archivo con este formato.',
    'proposals.scores.file': 'Elegir un archivo CSV…',
    'proposals.scores.paste': 'O pegue el texto CSV',
    'proposals.scores.importPasted': 'Importar el texto pegado',
    'proposals.scores.mode': 'Al importar',
    'proposals.scores.merge': 'añadir a las puntuaciones actuales (una puntuación del archivo reemplaza la del mismo evaluador × propuesta × condición)',
    'proposals.scores.replace': 'reemplazar todas las puntuaciones actuales',
    'proposals.scores.reading': 'Leyendo el archivo…',
    'proposals.scores.parsing': 'Leyendo las evaluaciones…',
    'proposals.scores.progress': 'Progreso de la importación',
    'proposals.scores.cancel': 'Cancelar la importación',
    'proposals.scores.cancelled': 'Importación cancelada; no cambió nada.',
    'proposals.scores.failed': 'No se pudo importar el archivo: {message}',
    'proposals.scores.unknownColumn': 'El archivo necesita una columna reviewerId, una columna proposalId y al menos una columna con el nombre de una condición (columnas encontradas: {columns}).',
    'proposals.scores.csvEmpty': 'El archivo está vacío: no tiene fila de encabezado.',
    'proposals.scores.imported': 'Se leyeron {rows} filas: se importaron {n} puntuaciones.',
    'proposals.scores.badCells': '{n} celdas o filas no se importaron:',
    'proposals.scores.moreBad': '…y {n} problemas más que no se listan.',
    'proposals.scores.row': 'Fila',
    'proposals.scores.column': 'Columna',
    'proposals.scores.problem': 'Problema',
    'proposals.scores.dropped': '{n} puntuaciones no se importaron porque la ronda no las permite:',
    'proposals.scores.rejected': 'No se importó nada; el motor encontró estos problemas:',
    'proposals.scores.grid': 'Introducir o corregir puntuaciones',
    'proposals.scores.reviewer': 'Evaluador',
    'proposals.scores.gridCaption': 'Puntuaciones de {reviewer}. Vacío: sin puntuar. Cambie un número y salga de la celda para guardarlo.',
    'proposals.scores.proposal': 'Propuesta',
    'proposals.scores.conflict': 'Conflicto de interés: {reviewer} no califica esta propuesta{reason}.',
    'proposals.scores.cell': '{reviewer}, {proposal}, {condition} (escala {scale})',
    'proposals.scores.comment': 'Comentario sobre la puntuación seleccionada',
    'proposals.scores.commentFor': 'Comentario: {reviewer}, {proposal}, {condition}',
    'proposals.scores.commentNone': 'Seleccione una celda puntuada de la cuadrícula para añadir o editar su comentario.',
    'proposals.scores.kept': 'Se conservó el valor anterior ({value}).',
    'proposals.scores.keptEmpty': 'La celda sigue vacía.',
    'proposals.scores.checks': 'Comprobaciones del motor',
    'proposals.scores.checksSummary': 'Problemas: {errors} · Notas: {warnings} (se comprobaron {proposals} propuestas, {reviewers} evaluadores y {conditions} condiciones).',
    'proposals.scores.noChecks': 'Ningún problema y ninguna nota.',
    'proposals.label.score': 'puntuación de {reviewer} para {proposal} en {condition}',
    'proposals.label.comment': 'comentario de {reviewer} para {proposal}',
    'proposals.label.import': 'importar evaluaciones',
  },
});

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
    const parsed = await run('call', { name: 'parseReviewsCsv', args: [ctx.rubric, text] }, { signal });
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
