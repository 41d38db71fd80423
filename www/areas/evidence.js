// Evidence area (#18): the evidence map of the project — the logic model of Theory of change,
// the survey of Survey, the rubric of Proposals, linked by id. It reads what the other areas
// publish (areas/evidence/bus.js) and asks the engine again when any of them changes.
import { call } from '../engine.js';
import { el, replace } from '../dom.js';
import { errorText, lang, onLangChange, t } from '../i18n.js';
import { lazily, onPublish, project, projectModels } from './evidence/bus.js';
import { renderEvidenceMap } from './evidence/render.js';
import './evidence/strings.js';

/** Prints the map alone: the other areas are left out while the print dialog is open. */
function printMap() {
  document.body.classList.add('print-evidence');
  window.addEventListener('afterprint', () => document.body.classList.remove('print-evidence'), { once: true });
  window.print();
}

/** Mounts the Evidence area into `root`. It stores nothing of its own: the map is derived. */
export function mount(/** @type {HTMLElement} */ root) {
  const box = el('div', { 'aria-live': 'polite' });
  const printButton = el('button', { type: 'button', class: 'secondary no-print', 'data-i18n': 'evidence.print', text: t('evidence.print'), onclick: printMap });
  replace(root,
    el('h2', { 'data-i18n': 'evidence.title', text: t('evidence.title') }),
    el('p', { 'data-i18n': 'evidence.intro', text: t('evidence.intro') }),
    printButton, box);
  let map = null;
  let error = null;
  function render() {
    if (error) { replace(box, el('p', { class: 'error', role: 'alert', text: errorText(error) })); return; }
    if (!map) { replace(box, el('p', { class: 'muted', text: t('evidence.waiting') })); return; }
    const { models, builtIn } = projectModels();
    renderEvidenceMap(box, map, { lang: lang(), models });
    if (builtIn.length) box.prepend(el('p', { class: 'muted', 'data-testid': 'evidence-builtin', text: t('evidence.builtIn', { models: builtIn.join(', ') }) }));
  }
  function recompute() {
    const p = project();
    if (!p.models.length) { map = null; error = null; render(); return; }
    const r = call('evidenceMap', p);
    map = r.ok ? r.value : null;
    error = r.ok ? null : r.error;
    render();
  }
  onPublish(lazily(box, recompute));
  onLangChange(render);
  recompute();
  return {};
}
