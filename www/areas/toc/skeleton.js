// The Theory-of-change area's static cards, built once: every element the area fills or listens
// to. Static labels carry data-i18n keys, so applyStatic follows the language switch.
import { el, uid } from '../../dom.js';

/** An element whose text is the i18n string `key` (kept in step with the language by applyStatic). */
export const h = (tag, key, attrs = {}) => el(tag, { 'data-i18n': key, ...attrs });

/**
 * Builds the model, validation, diagram, schedule, progress, edit and export cards.
 * `asOf`, `delay`: the initial "as of" date and what-if delay; `imageButtons(getNode, name,
 * whatKey)` makes a picture's SVG and PNG buttons; `getDiagram()` / `getGantt()` return the drawn
 * diagram's and Gantt chart's <svg> (or null).
 */
export function skeleton({ asOf, delay, imageButtons, getDiagram, getGantt }) {
  const ids = { example: uid('example'), file: uid('file'), asOf: uid('asof'), addKind: uid('addkind'), wiGoal: uid('wigoal'), wiDelay: uid('widelay'), wiMsg: uid('wimsg') };
  const modelStatus = el('p', { class: 'toc-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'toc-status' });
  const modelInfo = el('div', { class: 'toc-model-info' });
  const provTable = el('div', {});
  const provDetails = el('details', { class: 'toc-prov-details' }, h('summary', 'toc.prov.list'), provTable);
  const undoButton = h('button', 'toc.model.undo', { type: 'button', class: 'secondary', disabled: true, 'data-testid': 'toc-undo' });
  const exampleSelect = el('select', { id: ids.example, 'data-testid': 'toc-example' },
    h('option', 'toc.model.pass', { value: 'pass' }), h('option', 'toc.model.alianza', { value: 'alianza' }));
  const loadButton = h('button', 'toc.model.load', { type: 'button', class: 'primary', 'data-testid': 'toc-load' });
  const fileInput = el('input', { type: 'file', id: ids.file, accept: '.json,application/json', class: 'visually-hidden', 'data-testid': 'toc-import' });
  const modelCard = el('section', { class: 'card toc-model-card', 'aria-labelledby': uid('h') },
    el('div', { class: 'fields' },
      el('div', { class: 'field' }, h('label', 'toc.model.choose', { for: ids.example }), exampleSelect),
      el('div', { class: 'field toc-field-button' }, loadButton),
      el('div', { class: 'field toc-field-button' }, el('label', { class: 'file-button secondary', for: ids.file }, h('span', 'toc.model.import')), fileInput),
      el('div', { class: 'field toc-field-button' }, undoButton)),
    modelStatus, modelInfo, provDetails);

  const findingsBody = el('div', { 'aria-live': 'polite' });
  const validationCard = el('section', { class: 'card toc-validation', 'data-testid': 'toc-validation' }, h('h3', 'toc.val.heading'), findingsBody);

  const zoomSelect = el('select', { id: uid('zoom'), 'data-testid': 'toc-zoom' },
    [1, 0.75, 0.5].map((z) => el('option', { value: String(z), text: `${Math.round(z * 100)} %` })));
  const diagramScroll = el('div', { class: 'toc-scroll toc-diagram-scroll', tabindex: '0', role: 'region', 'data-i18n-aria-label': 'toc.diagram.heading', 'data-testid': 'toc-diagram' });
  const diagramTextBody = el('div', { class: 'toc-textcols', 'data-testid': 'toc-diagram-text' });
  const textVersion = el('details', { class: 'toc-textversion' }, h('summary', 'toc.diagram.text'), diagramTextBody);
  const diagramCard = el('section', { class: 'card toc-diagram-card' },
    h('h3', 'toc.diagram.heading'), h('p', 'toc.diagram.help', { class: 'toc-help' }),
    el('div', { class: 'toc-zoom' }, h('label', 'toc.diagram.zoom', { for: zoomSelect.id }), zoomSelect,
      imageButtons(getDiagram, 'diagram', 'toc.diagram.heading')), diagramScroll,
    textVersion);

  const ganttSummary = el('div', { 'data-testid': 'toc-gantt-summary' });
  const ganttScroll = el('div', { class: 'toc-scroll toc-gantt-scroll', tabindex: '0', role: 'region', 'data-i18n-aria-label': 'toc.gantt.heading', 'data-testid': 'toc-gantt' });
  const scheduleTableBox = el('div', { class: 'toc-table-scroll' });
  const wiGoal = el('select', { id: ids.wiGoal, 'data-key': 'wi-goal', 'data-testid': 'toc-whatif-goal' });
  const wiDelay = el('input', { id: ids.wiDelay, type: 'text', inputmode: 'numeric', value: delay, 'aria-describedby': ids.wiMsg, autocomplete: 'off', 'data-testid': 'toc-whatif-delay' });
  const wiResult = el('div', { id: ids.wiMsg, 'aria-live': 'polite', 'data-testid': 'toc-whatif-result' });
  const whatIfForm = el('form', { class: 'toc-whatif', novalidate: true },
    h('h4', 'toc.whatif.heading'),
    el('div', { class: 'fields' },
      el('div', { class: 'field' }, h('label', 'toc.whatif.goal', { for: ids.wiGoal }), wiGoal),
      el('div', { class: 'field' }, h('label', 'toc.whatif.delay', { for: ids.wiDelay }), wiDelay),
      el('div', { class: 'field toc-field-button' }, h('button', 'toc.whatif.run', { type: 'submit', class: 'primary', 'data-testid': 'toc-whatif-run' }))),
    wiResult);
  const ganttImages = imageButtons(getGantt, 'gantt', 'toc.gantt.heading');
  const scheduleCard = el('section', { class: 'card toc-schedule-card', 'data-figure': 'toc-schedule' },
    h('h3', 'toc.gantt.heading'), ganttSummary, h('p', 'toc.gantt.legend', { class: 'toc-help' }),
    ganttImages, ganttScroll, scheduleTableBox, whatIfForm);

  const asOfInput = el('input', { id: ids.asOf, type: 'date', value: asOf, 'data-testid': 'toc-asof' });
  const progressBody = el('div', { 'data-testid': 'toc-progress' });
  const progressCard = el('section', { class: 'card toc-progress-card', 'data-figure': 'toc-progress' }, h('h3', 'toc.prog.heading'),
    el('div', { class: 'fields' }, el('div', { class: 'field' }, h('label', 'toc.prog.asOf', { for: ids.asOf }), asOfInput)), progressBody);

  const addKind = el('select', { id: ids.addKind, 'data-testid': 'toc-add-kind' });
  const listsBody = el('div', { class: 'toc-lists' });
  const editCard = el('section', { class: 'card toc-edit-card' }, h('h3', 'toc.edit.heading'), h('p', 'toc.edit.help', { class: 'toc-help' }),
    el('div', { class: 'fields' },
      el('div', { class: 'field' }, h('label', 'toc.edit.addWhat', { for: ids.addKind }), addKind),
      el('div', { class: 'field toc-field-button' }, h('button', 'toc.edit.add', { type: 'button', class: 'primary', 'data-testid': 'toc-add' }))),
    listsBody);

  const exportPreview = el('textarea', { id: uid('export'), readonly: true, rows: 8, class: 'toc-export-preview', 'data-testid': 'toc-export-preview' });
  const exportStatus = el('p', { class: 'toc-status', role: 'status', 'aria-live': 'polite' });
  const exportCard = el('section', { class: 'card toc-export-card' }, h('h3', 'toc.export.heading'), h('p', 'toc.export.help', { class: 'toc-help' }),
    el('div', { class: 'toc-buttons' }, ['json', 'mermaid', 'dot', 'indicators_csv'].map((f) => h('button', `toc.export.${f === 'indicators_csv' ? 'csv' : f}`,
      { type: 'button', class: 'secondary', 'data-export': f, 'data-testid': `toc-export-${f}` }))),
    exportStatus,
    el('div', { class: 'field' }, h('label', 'toc.export.preview', { for: exportPreview.id }), exportPreview));

  return {
    modelStatus, modelInfo, provTable, provDetails, undoButton, exampleSelect, loadButton, fileInput,
    modelCard, findingsBody, validationCard, zoomSelect, diagramScroll, diagramTextBody, textVersion,
    diagramCard, ganttSummary, ganttScroll, scheduleTableBox, wiGoal, wiDelay, wiResult, whatIfForm,
    ganttImages, scheduleCard, asOfInput, progressBody, progressCard, addKind, listsBody, editCard,
    exportPreview, exportStatus, exportCard,
  };
}
