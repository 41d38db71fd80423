// Wiring of the scale editor and the codebook card to the loaded survey: confirming a scale
// applies the mapping with that item declared; a codebook file is handed to the engine
// (setCodebook) and the mapping it declares is applied; the current codebook is exported.
import { el, replace } from '../../dom.js';
import { downloadText } from '../../store.js';
import { invoke } from './session.js';
import { forEngine } from './mapping.js';
import { renderScales } from './scales.js';
import { renderCodebook } from './codebook.js';
import { tr } from './format.js';

/**
 * `get()` returns { session, current } of the Survey area; `task(labelKey, fn)` runs a
 * cancellable job; `applyMapping(m)` applies a mapping (true on success); `setStatus(key, params)`.
 */
export function scalePanel({ get, task, setStatus, applyMapping }) {
  const scalesBox = el('div', { class: 'survey-scales-body', 'data-testid': 'survey-scales' });
  const codebookBox = el('div', { class: 'survey-codebook', 'data-testid': 'survey-codebook' });
  let drafts = new Map(), shownFor = null, loaded = null, error = null;
  const open = new Set();

  function render() {
    const { current } = get();
    if (!current) { replace(scalesBox); replace(codebookBox); return; }
    // Another survey (a new `current`): nothing open, no codebook error. Another mapping of the
    // same survey (a scale confirmed): edits start again from it, open editors stay open.
    if (loaded !== current) { loaded = current; open.clear(); error = null; }
    if (shownFor !== current.mapping) { drafts = new Map(); shownFor = current.mapping; }
    replace(scalesBox, ...renderScales(current.mapping, drafts, {
      open,
      on: { change: (id) => { open.add(id); render(); }, confirm },
    }));
    replace(codebookBox, ...renderCodebook({ error, busy: false, on: { import: importCodebook, export: exportCodebook } }));
  }

  /** Declares an item's scale as the user confirmed it, and applies the mapping. */
  async function confirm(id, item) {
    const m = forEngine(get().current.mapping);
    const at = m.instrument.items.findIndex((i) => i.id === id);
    if (at < 0) return;
    m.instrument.items[at] = item;
    open.add(id);
    if (await applyMapping(m)) setStatus('survey.scale.confirmed', { item: tr(item.text) || id });
  }

  /** Reads a codebook file into the survey (the engine declares and confirms what it covers). */
  async function importCodebook(file) {
    const { session } = get();
    if (!session) return;
    error = null;
    const r = await task('survey.busy.mapping', async (signal) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const set = await invoke(session, 'setCodebook', [bytes], { signal });
      if (!set.ok) return set;
      return invoke(session, 'mapping', [], { signal });
    });
    if (!r.ok) {
      if (r.error.code === 'cancelled') { setStatus('survey.status.cancelled'); return; }
      error = r.error;
      render();
      return;
    }
    if (await applyMapping(forEngine(r.value))) setStatus('survey.codebook.imported', { name: file.name });
  }

  async function exportCodebook() {
    const { session, current } = get();
    if (!session) return;
    const r = await invoke(session, 'codebook', []);
    if (!r.ok) { error = r.error; render(); return; }
    const base = current.source === 'file' ? (current.fileName ?? 'survey').replace(/\.[^.]+$/, '') : `waterline-${current.source}-example`;
    downloadText(`${base}.codebook.csv`, r.value, 'text/csv');
  }

  return { scalesBox, codebookBox, render };
}
