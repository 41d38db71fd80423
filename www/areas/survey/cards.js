// The Survey area's two static cards, built once by survey.js's mount(): "1. Survey answers"
// (file, drop zone, examples, read options, progress and Cancel, status) and the report
// options. They hold no state; survey.js wires their controls.
import { el, uid } from '../../dom.js';

/** The data card; `onExample(which)` loads a built-in example. Returns the card and its controls. */
export function dataCard(onExample) {
  const fileInput = el('input', { id: 'survey-file', type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/plain', class: 'visually-hidden', 'data-testid': 'survey-file' });
  const drop = el('div', { class: 'survey-drop', 'data-testid': 'survey-drop' },
    el('p', { 'data-i18n': 'survey.data.drop' }),
    el('label', { class: 'file-button', for: 'survey-file' }, el('span', { 'data-i18n': 'survey.data.choose' }), fileInput),
    el('p', { class: 'survey-note', 'data-i18n': 'survey.data.private' }));
  const progressId = uid('progress');
  const progress = el('progress', { id: progressId, max: 1, 'data-testid': 'survey-progress' });
  const progressLabel = el('label', { for: progressId });
  const progressText = el('span', { class: 'survey-busy-text', 'aria-live': 'polite' });
  const cancel = el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-cancel', 'data-i18n': 'survey.busy.cancel' });
  const busyBox = el('div', { class: 'survey-busy', hidden: true, 'data-testid': 'survey-busy' }, progressLabel, progress, progressText, cancel);
  const status = el('p', { class: 'survey-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'survey-status' });
  const importErrorBox = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'survey-import-error' });
  const source = el('p', { class: 'survey-source', 'data-testid': 'survey-source' });
  const delimiterId = uid('delim'), shapeId = uid('shape'), includeId = uid('include');
  const delimiter = el('select', { id: delimiterId, 'data-testid': 'survey-delimiter' });
  const shape = el('select', { id: shapeId, 'data-testid': 'survey-shape' });
  const include = el('input', { id: includeId, type: 'checkbox', 'data-testid': 'survey-include' });
  const importView = el('div', { class: 'survey-import', 'data-testid': 'survey-import' });
  const dataCard = el('section', { class: 'card survey-data', 'aria-labelledby': 'survey-data-h' },
    el('h3', { id: 'survey-data-h', 'data-i18n': 'survey.data.title' }),
    el('div', { class: 'survey-in' },
      drop,
      el('div', { class: 'survey-examples' },
        el('p', { class: 'survey-examples-lead', 'data-i18n': 'survey.data.examples' }),
        el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-example-parents', 'data-i18n': 'survey.data.parents', onclick: () => onExample('parents') }),
        el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-example-staff', 'data-i18n': 'survey.data.staff', onclick: () => onExample('staff') }),
        el('details', { class: 'survey-readopts' }, el('summary', { 'data-i18n': 'survey.data.readOptions' }),
          el('div', { class: 'fields' },
            el('div', { class: 'field' }, el('label', { for: delimiterId, 'data-i18n': 'survey.data.delimiter' }), delimiter),
            el('div', { class: 'field' }, el('label', { for: shapeId, 'data-i18n': 'survey.data.shape' }), shape))))),
    busyBox, status, importErrorBox, source,
    el('div', { class: 'field checkbox survey-include' }, include, el('label', { for: includeId, 'data-i18n': 'survey.data.include' })),
    el('p', { class: 'survey-note', 'data-i18n': 'survey.data.includeNote' }));

  return { dataCard, fileInput, drop, progress, progressLabel, progressText, cancel, busyBox, status, importErrorBox, source, delimiter, shape, include, importView };
}

/** The report options card. Returns the card and its controls. */
export function optionsCard() {
  const levelId = uid('rlevel'), adjustId = uid('adjust'), minCellId = uid('mincell'), zeroId = uid('zero'), groupId = uid('groupby');
  const levelInput = el('input', { id: levelId, name: 'report-level', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: '0.95', 'data-testid': 'survey-opt-level' });
  const adjustSelect = el('select', { id: adjustId, 'data-testid': 'survey-opt-adjust' });
  const minCellInput = el('input', { id: minCellId, type: 'number', min: 1, max: 1000, step: 1, value: 10, 'data-testid': 'survey-opt-mincell' });
  const zeroSelect = el('select', { id: zeroId, 'data-testid': 'survey-opt-zero' });
  const groupSelect = el('select', { id: groupId, 'data-testid': 'survey-opt-groupby' });
  const optionsErrorBox = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'survey-options-error' });
  const heldBox = el('div', { class: 'survey-held-box' });
  const optionsCard = el('section', { class: 'card survey-options', 'aria-labelledby': 'survey-opt-h' },
    el('h3', { id: 'survey-opt-h', 'data-i18n': 'survey.opt.title' }),
    el('div', { class: 'fields' },
      el('div', { class: 'field' }, el('label', { for: levelId, 'data-i18n': 'survey.opt.level' }), levelInput),
      el('div', { class: 'field' }, el('label', { for: adjustId, 'data-i18n': 'survey.opt.adjust' }), adjustSelect),
      el('div', { class: 'field' }, el('label', { for: minCellId, 'data-i18n': 'survey.opt.minCell' }), minCellInput),
      el('div', { class: 'field' }, el('label', { for: zeroId, 'data-i18n': 'survey.opt.zero' }), zeroSelect),
      el('div', { class: 'field' }, el('label', { for: groupId, 'data-i18n': 'survey.opt.groupBy' }), groupSelect)),
    heldBox, optionsErrorBox);

  return { optionsCard, levelInput, adjustSelect, minCellInput, zeroSelect, groupSelect, optionsErrorBox, heldBox };
}
