// Theory-of-change area (program staff): logic models, schedules and progress.
// The model (the engine's TocModel JSON) is the area's state. Every edit goes through `commit`:
// the engine reads the edited copy (LogicModel) before it is kept, then validation, layout,
// schedule and progress are recomputed once and everything is drawn again once.
import { publish } from './evidence/bus.js';
import './toc/strings.js';
import { call, normalizeError, wasm } from '../engine.js';
import { el, replace } from '../dom.js';
import { applyStatic, errorText, lang, onLangChange, t } from '../i18n.js';
import { areaState, downloadText } from '../store.js';
import { diagramText, drawDiagram } from './toc/diagram.js';
import { createEditor } from './toc/editor.js';
import { renderFindings } from './toc/findings.js';
import { drawGantt, fmtDate, scheduleTable, whatIfView } from './toc/gantt.js';
import { editList } from './toc/lists.js';
import { KINDS, LOGIC_KINDS, COLLECTION, applyEdit, indexModel, isIsoDate, labelOf, provenanceCounts, provenanceEntries, today } from './toc/model.js';
import { parseNumber } from '../number.js';
import { pick } from '../text.js';
import { createEvidence } from './toc/evidence.js';
import { exportButtons, relabelImageButtons } from './toc/exportimg.js';
import { renderProgress } from './toc/progress.js';
import { h, skeleton } from './toc/skeleton.js';
import { methodCard } from '../methodcard.js';

const EXAMPLES = { pass: 'examplePassModel', alianza: 'exampleAlianzaModel' };
const UNDO_LIMIT = 30;

/** Runs `fn` and turns anything thrown by the engine into { ok, value } / { ok: false, error }. */
function attempt(fn) {
  try { return { ok: true, value: fn() }; } catch (e) { return { ok: false, error: normalizeError(e) }; }
}

/** Re-renders `container` with `children`, keeping keyboard focus on the control with the same data-key. */
function rerender(container, ...children) {
  const active = document.activeElement;
  const key = container.contains(active) ? /** @type {HTMLElement} */ (active)?.dataset?.key : null;
  replace(container, ...children);
  if (key) {
    const next = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
    next?.focus({ preventScroll: true });
  }
}

const reduceMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Why a model file was refused, from the error's code and details (line and column of bad JSON). */
function importDetail(error) {
  const d = error?.details ?? {};
  const text = errorText(error);
  return Number.isFinite(d.line) && Number.isFinite(d.column) ? t('toc.model.importAt', { detail: text, line: d.line, column: d.column }) : text;
}

/**
 * The systems-change conditions an outcome can be mapped to: those of the rubric the Proposals
 * area holds (so an edited rubric's conditions appear), else the engine's default rubric.
 */
function rubricConditions() {
  const held = areaState('proposals')?.rubric;
  const rubric = held ?? call('defaultRubric').value;
  return rubric?.conditions ?? [];
}

/** Mounts the Theory-of-change area into `root`; returns its state accessors for the project file. */
export function mount(/** @type {HTMLElement} */ root, /** @type {{ changed?: () => void }} */ { changed } = {}) {
  let model = null;
  let lm = null;              // the engine's LogicModel of `model`
  let example = 'pass';       // which built-in model was loaded last (null: imported or new)
  let asOf = today();
  let asOfChosen = false;      // the user picked the "as of" date: a newly loaded model keeps it
  let whatIfState = { goal: null, delay: '30', shown: false };
  let an = null;              // analysis: { validation, layout, schedule, scheduleError, progress }
  let selected = null;        // selected element id
  let timer = null;
  const undoStack = [];
  const openLists = new Set();

  // ---- skeleton (static labels carry data-i18n and follow the language switch)
  const {
    modelStatus, modelInfo, provTable, provDetails, undoButton, exampleSelect, loadButton, fileInput,
    modelCard, findingsBody, validationCard, zoomSelect, diagramScroll, diagramTextBody, textVersion,
    diagramCard, ganttSummary, ganttScroll, scheduleTableBox, wiGoal, wiDelay, wiResult, whatIfForm,
    ganttImages, scheduleCard, asOfInput, progressBody, progressCard, addKind, listsBody, editCard,
    exportPreview, exportStatus, exportCard,
  } = skeleton({ asOf, delay: whatIfState.delay, imageButtons, getDiagram: () => diagram?.svg, getGantt: () => gantt?.svg });

  const evidence = createEvidence({ getModel: () => model, getLm: () => lm, commit, lang });
  const drawer = el('aside', { class: 'toc-drawer no-print', hidden: true, 'data-testid': 'toc-drawer' });
  replace(root, h('h2', 'toc.title'), h('p', 'toc.intro', { class: 'intro' }),
    modelCard, validationCard, diagramCard, scheduleCard, progressCard, evidence.card, editCard, exportCard, drawer);

  applyStatic(root);
  const editor = createEditor({ panel: drawer, getModel: () => model, getSchedule: () => (an?.schedule?.ok ? an.schedule.value : null),
    getDerived: (id) => { const r = lm ? attempt(() => lm.derivedSeries(id)) : null; return r?.ok ? r.value : null; },
    getConditions: rubricConditions, commit, select, onClose: () => { selected = null; applySelection(); } });

  /** SVG and PNG export buttons of a drawn picture (`getNode()`: its <svg>, or null). */
  function imageButtons(getNode, name, whatKey) {
    return exportButtons({ getNode, name: () => `${model?.id || 'model'}-${name}`, what: () => t(whatKey),
      onDone: (text, isError) => status(text, isError) });
  }

  // ---- model changes
  /** Applies `edit(copy)` to a copy of the model; keeps it only when the engine can read it. */
  function commit(edit, { source = null, undo = false } = {}) {
    const copy = structuredClone(model);
    try { edit(copy); } catch (e) { return { ok: false, error: normalizeError(e) }; }
    const next = attempt(() => new wasm.LogicModel(copy));
    if (!next.ok) return next;
    if (undo) pushUndo();
    lm?.free();
    lm = next.value;
    model = copy;
    publish('toc', { model });
    changed?.();
    later(source);
    return { ok: true };
  }

  /** The model's status line: `text` a string, or a function giving it in the current
   * language (called again on a language switch, so a message never stays in the old one). */
  let statusText = () => modelStatus.textContent ?? '';
  function status(text, isError = false) {
    statusText = typeof text === 'function' ? text : () => text;
    modelStatus.textContent = statusText();
    modelStatus.classList.toggle('error', isError);
  }

  function pushUndo() {
    undoStack.push(JSON.stringify({ model, example }));
    if (undoStack.length > UNDO_LIMIT) undoStack.shift();
    undoButton.disabled = false;
  }

  /** Replaces the whole model (from an example, a file, undo or a project file). */
  function setModel(next, { source = null, windowAsOf = false } = {}) {
    const made = attempt(() => new wasm.LogicModel(next));
    if (!made.ok) return made;
    lm?.free();
    lm = made.value;
    // A new model opens "as of" its own window (engine: defaultAsOf), not today's date (#17).
    if (windowAsOf && !asOfChosen) { asOf = attempt(() => lm.defaultAsOf()).value ?? today(); asOfInput.value = asOf; }
    model = lm.toObject(); // every optional field present, as the engine writes it
    publish('toc', { model });
    if (editor.current() && !indexModel(model).has(editor.current().id) && editor.current().kind !== 'model') editor.close(false);
    if (selected && !indexModel(model).has(selected)) selected = null;
    whatIfState = { ...whatIfState, shown: false };
    resetScroll = true;
    refresh(source);
    return { ok: true };
  }

  /** Redraws once, shortly after a burst of edits (typing), never per keystroke. */
  function later(source) {
    clearTimeout(timer);
    timer = setTimeout(() => refresh(source), 80);
  }

  // ---- analysis: one decode (lm), then every view from its results
  function analyse() {
    const validation = attempt(() => lm.validateFor(rubricConditions().map((c) => c.id)));
    const layout = attempt(() => lm.layout());
    const hasGoals = (model.goals ?? []).length > 0;
    const schedule = hasGoals ? attempt(() => lm.schedule(null)) : null;
    const progress = attempt(() => lm.progress({ asOf }));
    an = { validation, layout, schedule, progress };
  }

  function refresh(source = null) {
    clearTimeout(timer);
    timer = null;
    analyse();
    const index = indexModel(model);
    renderModelCard(index);
    renderValidation(index);
    renderDiagram(index);
    renderSchedule(index);
    ganttImages.hidden = !gantt;
    renderProgressCard(index);
    evidence.render();
    renderLists();
    applySelection();
    if (source !== 'editor') editor.refresh();
    else editor.refreshNotes();
    root.dataset.renders = String(Number(root.dataset.renders ?? 0) + 1);
  }

  // ---- model card
  function renderModelCard(index) {
    const title = pick(model.title, lang());
    const entries = provenanceEntries(model);
    const c = provenanceCounts(entries);
    const counts = {
      elements: LOGIC_KINDS.reduce((n, k) => n + (model[COLLECTION[k]]?.length ?? 0), 0),
      links: model.links?.length ?? 0, goals: model.goals?.length ?? 0, indicators: model.indicators?.length ?? 0,
    };
    rerender(modelInfo,
      el('h3', { class: 'toc-model-title', 'data-testid': 'toc-model-title', lang: title.lang !== lang() ? title.lang : null, text: title.text }),
      el('p', {}, el('strong', { text: `${t('toc.model.source')}: ` }), model.source ? el('span', { lang: 'en', text: model.source }) : t('toc.model.noSource')),
      el('p', { text: t('toc.model.counts', counts) }),
      el('p', { class: 'toc-prov-summary', 'data-testid': 'toc-prov-summary', text: t('toc.prov.summary', c) }),
      el('button', { type: 'button', class: 'secondary', 'data-key': 'edit-model', 'data-testid': 'toc-edit-model', text: t('toc.model.edit'),
        onclick: () => editor.open('model', model.id) }));
    if (provDetails.open) renderProvTable(index, entries);
    else replace(provTable);
    exampleSelect.value = example ?? exampleSelect.value;
  }

  function renderProvTable(index, entries = provenanceEntries(model)) {
    rerender(provTable, el('div', { class: 'toc-table-scroll' }, el('table', { class: 'data toc-table' },
      el('thead', {}, el('tr', {}, ['element', 'what', 'origin', 'detail'].map((k) => el('th', { scope: 'col', text: t(`toc.prov.${k}`) })))),
      el('tbody', {}, entries.map((e) => el('tr', {},
        el('th', { scope: 'row' }, index.has(e.id) ? el('button', { type: 'button', class: 'toc-linkbutton', 'data-select': e.id, text: e.id }) : e.id),
        el('td', { text: t(`toc.what.${e.what}`, e.params) }),
        el('td', {}, el('span', { class: 'toc-prov-badge', 'data-origin': e.provenance?.origin ?? 'entered',
          text: t(e.provenance?.origin === 'read' ? 'toc.prov.read' : e.provenance?.origin === 'assumed' ? 'toc.prov.assumed' : 'toc.prov.entered') })),
        el('td', {}, e.provenance?.quote ? el('q', { lang: 'en', text: e.provenance.quote }) : null,
          e.provenance?.quote && e.provenance?.note ? ' ' : null,
          e.provenance?.note ? el('span', { lang: 'en', class: 'toc-muted', text: e.provenance.note }) : null)))))));
  }
  provDetails.addEventListener('toggle', () => { if (provDetails.open) renderProvTable(indexModel(model)); });

  // ---- validation panel
  function renderValidation(index) {
    if (!an.validation.ok) { rerender(findingsBody, el('p', { class: 'error', text: t('toc.model.broken', { message: errorText(an.validation.error) }) })); return; }
    const conflicts = an.schedule?.ok ? an.schedule.value.conflicts.map((f) => ({ ...f, fromSchedule: true })) : [];
    const findings = [...an.validation.value.findings, ...conflicts].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    rerender(findingsBody, ...renderFindings({ validation: an.validation.value, findings, exists: (id) => index.has(id) }));
  }

  // ---- diagram
  let diagram = null;
  let resetScroll = false;
  /** Scales the drawn diagram (the engine's coordinates stay as they are: only the view zooms). */
  function zoomDiagram() {
    if (!diagram) return;
    const z = Number(zoomSelect.value) || 1;
    for (const part of [diagram.head, diagram.svg]) {
      const [, , w, h2] = part.getAttribute('viewBox').split(' ').map(Number);
      part.setAttribute('width', String(Math.round(w * z)));
      part.setAttribute('height', String(Math.round(h2 * z)));
    }
  }
  zoomSelect.addEventListener('change', zoomDiagram);
  /** Skips drawing when nothing the drawing shows has changed (a status edit leaves the diagram alone). */
  const drawn = new Map();
  const unchanged = (name, key) => { if (drawn.get(name) === key) return true; drawn.set(name, key); return false; };
  const nodeKey = (index, ids) => ids.map((id) => {
    const item = index.get(id)?.item;
    return `${id}\u0001${JSON.stringify(labelOf(item))}\u0001${item?.provenance?.origin ?? ''}`;
  }).join('\u0002');

  function renderDiagram(index) {
    if (!an.layout.ok) {
      drawn.delete('diagram');
      replace(diagramScroll, el('p', { class: 'error', text: t('toc.model.broken', { message: errorText(an.layout.error) }) }));
      diagram = null;
      return;
    }
    const layout = an.layout.value;
    if (!layout.nodes.length) {
      drawn.delete('diagram');
      replace(diagramScroll, el('p', { class: 'toc-muted', text: t('toc.diagram.empty') }));
      replace(diagramTextBody);
      diagram = null;
      return;
    }
    const key = [lang(), JSON.stringify(layout), nodeKey(index, layout.nodes.map((n) => n.id)),
      JSON.stringify((model.links ?? []).map((l) => l.provenance?.origin ?? '')), JSON.stringify(model.title)].join('\u0003');
    if (!unchanged('diagram', key)) {
      diagram = drawDiagram({ layout, index, links: model.links, title: pick(model.title, lang()).text, lang: lang() });
      replace(diagramScroll, el('div', { class: 'toc-diagram-sticky' }, diagram.head), diagram.svg);
      zoomDiagram();
      if (textVersion.open) renderDiagramText(index);
      else replace(diagramTextBody);
    }
    if (resetScroll) { diagramScroll.scrollLeft = 0; diagramScroll.scrollTop = 0; resetScroll = false; }
  }
  /** The text version is built when it is open (a closed <details> hides it from everyone). */
  function renderDiagramText(index = indexModel(model)) {
    if (!an?.layout?.ok) return;
    rerender(diagramTextBody, ...diagramText({ layout: an.layout.value, index, links: model.links, lang: lang() }));
  }
  textVersion.addEventListener('toggle', () => { if (textVersion.open) renderDiagramText(); else replace(diagramTextBody); });

  // ---- schedule
  let gantt = null;
  function renderSchedule(index) {
    const goals = model.goals ?? [];
    const options = goals.map((g) => el('option', { value: g.id, text: `${g.id} · ${pick(g.title, lang()).text}` }));
    const keep = whatIfState.goal ?? wiGoal.value;
    replace(wiGoal, ...options);
    if (goals.some((g) => g.id === keep)) wiGoal.value = keep;
    whatIfForm.hidden = !goals.length;
    if (!an.schedule || !an.schedule.ok) { gantt = null; drawn.delete('schedule'); }
    if (!an.schedule) {
      rerender(ganttSummary, el('p', { class: 'toc-muted', text: t('toc.gantt.noGoals') }));
      replace(ganttScroll); replace(scheduleTableBox); replace(wiResult);
      ganttScroll.hidden = true;
      return;
    }
    if (!an.schedule.ok) {
      rerender(ganttSummary, el('p', { class: 'error', 'data-testid': 'toc-gantt-error', text: t('toc.gantt.failed', { message: errorText(an.schedule.error) }) }));
      replace(ganttScroll); replace(scheduleTableBox); replace(wiResult);
      ganttScroll.hidden = true;
      return;
    }
    const s = an.schedule.value;
    const key = [lang(), asOf, JSON.stringify(s), nodeKey(index, s.goals.map((g) => g.id)),
      JSON.stringify(model.goals.map((g) => [g.start, g.end, g.durationDays].map((f) => f?.provenance?.origin ?? ''))),
      JSON.stringify(model.phases)].join('\u0003');
    if (unchanged('schedule', key) && gantt) {
      if (whatIfState.shown) runWhatIf(false);
      return;
    }
    ganttScroll.hidden = false;
    rerender(ganttSummary,
      el('p', { class: 'toc-gantt-summary' }, el('strong', { text: `${t('toc.gantt.criticalPath')}: ` }),
        el('span', { 'data-testid': 'toc-critical-path', text: s.criticalPath.join(' → ') || '—' }),
        ...(s.criticalChains ?? []).slice(1).map((c) => el('span', { class: 'toc-critical-also', 'data-testid': 'toc-critical-also',
          text: t('toc.gantt.alsoCritical', { chain: c.goals.join(' → '), why: t(`toc.gantt.bound.${c.bound}`) }) })), '. ',
        t('toc.gantt.summary', { start: fmtDate(s.projectStart, lang()), finish: fmtDate(s.projectFinish, lang()), days: s.durationDays })),
      s.feasible ? null : el('p', { class: 'error', text: t('toc.gantt.infeasible') }),
      methodCard({ method: s.method, sizes: { goals: s.nGoals }, what: t('toc.gantt.heading') }));
    gantt = drawGantt({ schedule: s, model, index, lang: lang(), asOf });
    replace(ganttScroll, gantt.svg);
    rerender(scheduleTableBox, scheduleTable({ schedule: s, index, lang: lang() }));
    if (whatIfState.shown) runWhatIf(false);
  }

  function runWhatIf(announce = true) {
    const goalId = wiGoal.value;
    const delay = parseNumber(wiDelay.value, { lang: lang() });
    whatIfState = { goal: goalId, delay: wiDelay.value, shown: true };
    changed?.();
    wiDelay.removeAttribute('aria-invalid');
    if (!Number.isInteger(delay) || delay < 0) {
      wiDelay.setAttribute('aria-invalid', 'true');
      replace(wiResult, el('p', { class: 'error', role: announce ? 'alert' : null, text: t('toc.whatif.badDelay') }));
      return;
    }
    const r = attempt(() => lm.whatIf({ goalId, delayDays: delay }));
    if (!r.ok) { replace(wiResult, el('p', { class: 'error', text: errorText(r.error) })); return; }
    replace(wiResult, ...whatIfView(r.value, { index: indexModel(model), lang: lang() }));
  }
  whatIfForm.addEventListener('submit', (e) => { e.preventDefault(); runWhatIf(); });

  // ---- progress
  function renderProgressCard(index) {
    if (!an.progress.ok) { rerender(progressBody, el('p', { class: 'error', text: errorText(an.progress.error) })); return; }
    const p = an.progress.value;
    rerender(progressBody, methodCard({ method: p.method, defaults: { asOf: fmtDate(p.asOf, lang()) }, sizes: { goals: p.goals.length, indicators: p.indicators.length }, what: t('toc.prog.heading') }),
      ...renderProgress({ progress: p, model, index, lang: lang(), asOf }));
  }
  asOfInput.addEventListener('change', () => {
    if (!isIsoDate(asOfInput.value)) { asOfInput.setAttribute('aria-invalid', 'true'); return; }
    asOfInput.removeAttribute('aria-invalid');
    asOf = asOfInput.value;
    asOfChosen = true;
    changed?.();
    refresh();
  });
  progressBody.addEventListener('change', (e) => {
    const s = e.target.closest('select[data-status-id]');
    if (!s) return;
    const { statusKind: kind, statusId: id } = s.dataset;
    commit((m) => { const x = m[COLLECTION[kind]].find((i) => i.id === id); if (x) x.status = s.value; });
  });
  progressBody.addEventListener('submit', (e) => {
    const form = e.target.closest('.toc-actual-form');
    if (!form) return;
    e.preventDefault();
    const msg = form.querySelector('.toc-form-message');
    const valueInput = form.elements.value;
    const dateInput = form.elements.date;
    const value = parseNumber(valueInput.value, { lang: lang() });
    valueInput.removeAttribute('aria-invalid'); dateInput.removeAttribute('aria-invalid');
    msg.classList.remove('error');
    if (!Number.isFinite(value)) { valueInput.setAttribute('aria-invalid', 'true'); msg.classList.add('error'); msg.textContent = t('toc.prog.badValue'); return; }
    if (!isIsoDate(dateInput.value)) { dateInput.setAttribute('aria-invalid', 'true'); msg.classList.add('error'); msg.textContent = t('toc.prog.badDate'); return; }
    const id = form.elements.indicator.value;
    const r = commit((m) => { m.indicators.find((i) => i.id === id)?.actuals.push({ value, date: dateInput.value, provenance: null }); }, { undo: true });
    if (!r.ok) { msg.classList.add('error'); msg.textContent = errorText(r.error); return; }
    refresh();
    const again = progressBody.querySelector('.toc-actual-form');
    if (again) {
      again.elements.indicator.value = id;
      again.querySelector('.toc-form-message').textContent = t('toc.prog.added', { value: valueInput.value, date: fmtDate(dateInput.value, lang()), id });
    }
  });

  // ---- edit lists
  function renderLists() {
    const kinds = KINDS.map(([k]) => k);
    const keep = addKind.value;
    replace(addKind, ...kinds.map((k) => el('option', { value: k, text: t(`toc.kind.${k}`) })));
    addKind.value = keep || 'goal';
    const sections = [...kinds, 'link'].map((kind) => {
      const items = kind === 'link' ? model.links ?? [] : model[COLLECTION[kind]] ?? [];
      const details = el('details', { 'data-kind': kind, open: openLists.has(kind) },
        el('summary', { text: `${t(`toc.kinds.${kind}`)} (${items.length})` }));
      if (openLists.has(kind)) details.append(listTable(kind, items));
      return details;
    });
    rerender(listsBody, ...sections);
  }
  const listTable = (kind, items) => editList(kind, items, {
    lang: lang(),
    onDelete: (i, label) => {
      const r = commit((m) => (kind === 'link' ? m.links.splice(i, 1) : applyEdit(m, { op: 'remove', kind, index: i })), { undo: true });
      if (!r.ok) { status(() => errorText(r.error), true); return; }
      status(() => t('toc.edit.deleted', { id: label }));
      const open = editor.current();
      if (open && !indexModel(model).has(open.id) && open.kind !== 'model') editor.close(false);
    },
  });
  listsBody.addEventListener('toggle', (e) => {
    const d = e.target;
    if (!(d instanceof HTMLDetailsElement)) return;
    const kind = d.dataset.kind;
    if (d.open === openLists.has(kind)) return;
    if (d.open) { openLists.add(kind); d.append(listTable(kind, kind === 'link' ? model.links ?? [] : model[COLLECTION[kind]] ?? [])); }
    else { openLists.delete(kind); d.querySelector('table, p')?.remove(); }
  }, true);
  editCard.querySelector('[data-testid="toc-add"]').addEventListener('click', () => {
    const kind = addKind.value;
    /** @type {string | null} */
    let made = null;
    const r = commit((m) => { made = applyEdit(m, { op: 'add', kind }).id; }, { undo: true });
    if (!r.ok) { status(() => errorText(r.error), true); return; }
    refresh();
    status(() => t('toc.edit.added', { id: made }));
    select(made, { scroll: false });
    editor.titleField()?.focus();
    editor.titleField()?.select?.();
  });

  // ---- selection: highlight in the diagram and the Gantt chart, open the form
  function select(id, { scroll = true, focus = true } = {}) {
    const hit = indexModel(model).get(id);
    if (!hit) return false;
    selected = id;
    editor.open(hit.kind, id, { focus });
    applySelection();
    if (scroll) {
      const target = diagram?.nodes.get(id) ?? gantt?.bars.get(id) ?? gantt?.phases.get(id) ?? relatedNodes(hit)[0];
      target?.scrollIntoView?.({ block: 'center', inline: 'center', behavior: reduceMotion() ? 'auto' : 'smooth' });
    }
    return true;
  }
  /** Diagram nodes related to a selection that is not drawn itself (a goal's activities, an indicator's element). */
  function relatedNodes(hit) {
    if (!diagram) return [];
    const { kind, item } = hit;
    const ids = kind === 'goal' ? (model.activities ?? []).filter((a) => a.goal === item.id).map((a) => a.id)
      : kind === 'indicator' ? [item.of]
        : kind === 'assumption' ? item.about
          : kind === 'component' ? LOGIC_KINDS.flatMap((k) => model[COLLECTION[k]] ?? []).filter((x) => x.component === item.id).map((x) => x.id) : [];
    return ids.map((i) => diagram.nodes.get(i)).filter(Boolean);
  }
  function applySelection() {
    for (const node of root.querySelectorAll('.toc-selected, .toc-related')) node.classList.remove('toc-selected', 'toc-related');
    if (diagram) for (const e of diagram.edges) if (e.el.classList.contains('toc-edge-hl')) { e.el.classList.remove('toc-edge-hl'); e.el.setAttribute('marker-end', 'url(#toc-arrow)'); }
    if (!selected) return;
    const hit = indexModel(model).get(selected);
    if (!hit) return;
    for (const node of [diagram?.nodes.get(selected), gantt?.bars.get(selected), gantt?.phases.get(selected)]) node?.classList.add('toc-selected');
    for (const node of relatedNodes(hit)) node.classList.add('toc-related');
    if (diagram) {
      for (const e of diagram.edges) {
        if (e.from === selected || e.to === selected) { e.el.classList.add('toc-edge-hl'); e.el.setAttribute('marker-end', 'url(#toc-arrow-hl)'); e.el.parentNode.append(e.el); }
      }
    }
  }
  // One listener for every [data-select] (diagram nodes, Gantt bars, findings, tables).
  root.addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const button = /** @type {HTMLElement | null} */ (target.closest('[data-select]'));
    if (button && root.contains(button)) { select(button.dataset.select); return; }
    const node = /** @type {HTMLElement | null} */ (target.closest?.('.toc-node[data-id], .toc-gantt-row[data-id], .toc-gantt-phase[data-id]'));
    if (node) select(node.dataset.id, { scroll: false });
  });

  // ---- model chooser, undo, import, export
  loadButton.addEventListener('click', () => {
    const key = exampleSelect.value;
    const r = call(EXAMPLES[key]);
    if (!r.ok) { status(() => errorText(r.error), true); return; }
    pushUndo();
    example = key;
    setModel(r.value, { windowAsOf: true });
    changed?.();
    status(() => t('toc.model.loaded', { title: pick(model.title, lang()).text }));
  });
  undoButton.addEventListener('click', () => {
    const prev = undoStack.pop();
    undoButton.disabled = undoStack.length === 0;
    if (!prev) return;
    const { model: m, example: ex } = JSON.parse(prev);
    example = ex;
    setModel(m);
    changed?.();
    status(() => t('toc.model.undone'));
  });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    const text = await file.text();
    if (text.trim() === '') { status(() => t('toc.model.importEmpty'), true); return; }
    const r = call('parseModel', text);
    if (!r.ok) {
      const { code, details, message } = r.error;
      status(() => (code === 'unsupported_version'
        ? t('toc.model.importVersion', { version: details.schemaVersion ?? '?', supported: details.supported ?? 1 })
        : t('toc.model.importBad', { detail: importDetail({ code, details, message }) })), true);
      return;
    }
    pushUndo();
    example = null;
    const set = setModel(r.value, { windowAsOf: true });
    if (!set.ok) { status(() => t('toc.model.importBad', { detail: importDetail(set.error) }), true); return; }
    changed?.();
    status(() => t('toc.model.imported', { title: pick(model.title, lang()).text, file: file.name }));
  });
  exportCard.addEventListener('click', (e) => {
    const button = e.target.closest('[data-export]');
    if (!button) return;
    const r = call('exportModel', model, { format: button.dataset.export, lang: lang() });
    if (!r.ok) { exportStatus.textContent = errorText(r.error); return; }
    const file = `${model.id || 'model'}${button.dataset.export === 'indicators_csv' ? '-indicators' : ''}.${r.value.extension}`;
    exportPreview.value = r.value.text;
    downloadText(file, r.value.text, r.value.mimeType);
    exportStatus.textContent = t('toc.export.done', { file });
  });

  onLangChange(() => { refresh(); editor.render?.(); relabelImageButtons(root); modelStatus.textContent = statusText(); });

  // ---- start with the PASS model
  const first = call(EXAMPLES.pass);
  if (first.ok) setModel(first.value, { windowAsOf: true });
  else replace(modelInfo, el('p', { class: 'error', text: errorText(first.error) }));

  return {
    getState: () => ({ model, example, asOf, whatIf: { goal: whatIfState.goal, delay: whatIfState.delay } }),
    setState: (state) => {
      if (!state || typeof state !== 'object' || !state.model) {
        return { ok: false, error: { code: 'bad_input', details: { argument: 'toc' }, message: 'no theory-of-change model in the project' } };
      }
      const check = attempt(() => new wasm.LogicModel(state.model));
      // The engine names the path it rejects when it can; otherwise the model as a whole.
      if (!check.ok) return { ok: false, error: { ...check.error, details: { argument: 'model', ...check.error.details } } };
      check.value.free();
      if (isIsoDate(state.asOf)) { asOf = state.asOf; asOfInput.value = asOf; asOfChosen = true; }
      example = EXAMPLES[state.example] ? state.example : null;
      if (state.whatIf && typeof state.whatIf === 'object') {
        whatIfState = { goal: typeof state.whatIf.goal === 'string' ? state.whatIf.goal : null, delay: String(state.whatIf.delay ?? '30'), shown: false };
        wiDelay.value = whatIfState.delay;
      }
      return setModel(structuredClone(state.model));
    },
  };
}

