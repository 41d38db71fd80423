// The codebook card: import a codebook CSV (column, code, label, label_es, missing) into the
// loaded survey, which declares and confirms the scales it covers, and export the current one.
// A refused codebook is shown with the line and field the engine names; nothing changes then.
import { el, uid } from '../../dom.js';
import { errorText, t } from '../../i18n.js';

/** The text of a refused codebook: where (line, field) and why, from the error's code. */
export function codebookErrorText(error) {
  const d = error.details ?? {};
  const lead = d.line !== undefined && d.field !== undefined ? t('survey.codebook.errorAt', { line: d.line, field: d.field })
    : d.line !== undefined ? t('survey.codebook.errorLine', { line: d.line }) : t('survey.codebook.error');
  return `${lead} ${errorText(error)}`;
}

/**
 * Renders the card's body. `on.import(file)` gets the chosen File, `on.export()` downloads;
 * `error` is the last refusal (an engine error) or null, `busy` disables the buttons.
 */
export function renderCodebook({ on, error, busy }) {
  const id = uid('codebook');
  const input = el('input', { id, type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/plain', class: 'visually-hidden', 'data-testid': 'survey-codebook-file',
    onchange: (e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) on.import(f); } });
  return [
    el('p', { class: 'survey-note', text: t('survey.codebook.intro') }),
    el('div', { class: 'survey-map-actions' },
      el('label', { class: `file-button${busy ? ' disabled' : ''}`, for: id }, el('span', { text: t('survey.codebook.import') }), input),
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-codebook-export', disabled: busy, text: t('survey.codebook.export'), onclick: () => on.export() })),
    error ? el('p', { class: 'error', role: 'alert', 'data-testid': 'survey-codebook-error', text: codebookErrorText(error) }) : null,
  ];
}
