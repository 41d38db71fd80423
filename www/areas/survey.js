// Survey area (evaluators): outcome statistics from a survey export. Load a CSV (or a built-in
// synthetic example), check what was read, review the column mapping, choose the report
// options, and read the report: shares with Wilson intervals, confidence shifts with tests and
// effect sizes, subgroups with small-cell suppression, scales, sentences in English and
// Spanish. The survey is parsed and analysed in the module worker (jobs.js), so a large file
// never freezes the page; every number comes from the engine.
import { publish } from './evidence/bus.js';
import './survey/strings.js';
import { call } from '../engine.js';
import { el, replace } from '../dom.js';
import { errorText, lang, onLangChange, t } from '../i18n.js';
import { formatNumber, parseNumber } from '../number.js';
import { downloadText } from '../store.js';
import { shareCalculator } from './survey/quick.js';
import { planningCard } from './survey/planning.js';
import { open, invoke, setMapping, close, readFile, csvText } from './survey/session.js';
import { renderImport } from './survey/importview.js';
import { editor, forEngine, renderMapping } from './survey/mapping.js';
import { renderReport } from './survey/report.js';
import { publish as publishToReport } from '../report/sources.js';
import { reportCsv, reportJson } from './survey/export.js';
import { refill, surveyForStore } from './survey/consent.js';
import { heldCard, jobEnded, jobStarted, unfinishedAtStart } from './survey/held.js';
import { scalePanel } from './survey/scalepanel.js';
import { dataCard as buildDataCard, optionsCard as buildOptionsCard } from './survey/cards.js';
import { count, plural, tr } from './survey/format.js';
import { readHead, streamAbove, streamReport, tooManyRows } from './survey/stream.js';
import { DEFAULT_OPTIONS, ADJUST, ZERO, sameOptions, sameColumns, checkState } from './survey/state.js';

/** Mounts the Survey area into `root`; returns its state accessors for the project file. */
export function mount(root, { changed = () => {} } = {}) {
  // ---------------------------------------------------------------- state
  let session = null;           // the Survey in the worker (survey/session.js)
  let current = null;           // { source, fileName, mapping, issues, report }
  let ed = null;                // the mapping editor
  let pending = null;           // { mapping, columns, fileName }: a file's mapping waiting for its CSV
  let options = { ...DEFAULT_OPTIONS };
  let goodOptions = { ...DEFAULT_OPTIONS }; // the options of the report on screen (saved in the project)
  let readOptions = { delimiter: null, shape: null, encoding: null, duplicates: null };
  let includeAnswers = false;
  let held = null;              // { options, error }: a setting not run again without asking (survey/held.js)
  let mapError = null, optionsError = null, importError = null;
  let statusKey = null, statusParams = {};
  let loadSeq = 0, reportSeq = 0;
  let restoredOnce = false;     // the first setState is the restore at start-up
  const active = new Set();

  // ---------------------------------------------------------------- skeleton
  const share = shareCalculator();
  const plan = planningCard(() => changed());
  share.card.addEventListener('input', () => changed());

  const { dataCard, fileInput, drop, progress, progressLabel, progressText, cancel, busyBox, status, importErrorBox,
    source, delimiter, shape, include, importView } = buildDataCard((which) => loadExample(which));

  const mapBody = el('div', { class: 'survey-mapping-body' });
  const mapSummary = el('summary', { 'data-testid': 'survey-mapping-summary' });
  const mapDetails = el('details', { class: 'survey-mapping-details', 'data-testid': 'survey-mapping' }, mapSummary, mapBody);
  // The mapping table (a row of controls per column) is built when it is shown: closed, as it
  // is after an import, it was a third of the time from the report's data to the report on
  // screen (issue 21 item 5, bench/waterfall.mjs).
  let mapStale = false;
  mapDetails.addEventListener('toggle', () => { if (mapDetails.open && mapStale) renderMappingCard(); });
  const scales = scalePanel({
    get: () => ({ session, current }), task, setStatus, applyMapping: (m) => applyMapping(m),
  });
  const mapCard = el('section', { class: 'card survey-mapping', 'aria-labelledby': 'survey-map-h' },
    el('h3', { id: 'survey-map-h', 'data-i18n': 'survey.map.title' }), importView,
    el('h4', { 'data-i18n': 'survey.scale.title' }), scales.scalesBox,
    el('h4', { 'data-i18n': 'survey.codebook.title' }), scales.codebookBox, mapDetails);

  const { optionsCard, levelInput, adjustSelect, minCellInput, zeroSelect, groupSelect, optionsErrorBox, heldBox } = buildOptionsCard();

  const reportBox = el('section', { class: 'survey-report', 'aria-label': '', 'data-testid': 'survey-report', 'data-state': 'empty' });

  replace(root,
    el('h2', { 'data-i18n': 'survey.title' }),
    el('p', { class: 'intro', 'data-i18n': 'survey.intro' }),
    dataCard, mapCard, optionsCard, reportBox, share.card, plan.card);

  // ---------------------------------------------------------------- busy, progress, cancel

  function setStatus(key, params = {}) { statusKey = key; statusParams = params; status.textContent = key ? t(key, params) : ''; }

  /** Runs `fn(signal, progress)` as a cancellable task with the progress bar (shown after `delay` ms). */
  async function task(labelKey, fn, { delay = 0 } = {}) {
    const ctrl = new AbortController();
    active.add(ctrl);
    const show = () => {
      busyBox.hidden = false;
      root.dataset.busy = 'true';
      progressLabel.textContent = t(labelKey);
      progressLabel.dataset.key = labelKey;
    };
    const timer = setTimeout(show, delay);
    if (!delay) show();
    const report = (stage, done, total, rows) => {
      if (total > 0 && rows !== undefined) { progress.max = total; progress.value = done; progressText.textContent = t('survey.busy.stream', { done: count(Math.round(done / 1e6)), total: count(Math.round(total / 1e6)), rows: count(rows) }); } else if (total > 0) { progress.max = total; progress.value = done; progressText.textContent = t('survey.busy.bytes', { done: count(Math.round(done / 1024)), total: count(Math.round(total / 1024)) }); } else { progress.removeAttribute('value'); progressText.textContent = t(`survey.stage.${stage}`); }
    };
    try {
      return await fn(ctrl.signal, report);
    } finally {
      clearTimeout(timer);
      active.delete(ctrl);
      if (!active.size) { busyBox.hidden = true; delete root.dataset.busy; progress.max = 1; progress.value = 0; progressText.textContent = ''; }
    }
  }
  cancel.addEventListener('click', () => {
    for (const ctrl of active) ctrl.abort();
    setStatus('survey.status.cancelled');
  });

  // ---------------------------------------------------------------- loading

  const engineOptions = () => ({ level: options.level, adjust: options.adjust, minCell: options.minCell, zeroMethod: options.zeroMethod, groupBy: options.groupBy });

  /**
   * Runs the report with the current options, marking the job so that a reload mid-job is noticed.
   * @returns {Promise<{ ok: true, value: import('../../pkg/waterline.js').SurveyReport, error?: undefined }
   *   | { ok: false, error: any, value?: undefined }>}
   */
  async function runReport(s, opts = {}) {
    jobStarted(engineOptions());
    try { return await invoke(s, 'report', [engineOptions()], opts); } finally { jobEnded(); }
  }
  const readOptionsForEngine = () => Object.fromEntries(Object.entries(readOptions).filter(([, v]) => v));

  /** Loads CSV text into a new survey; the current one stays until the new one is ready. */
  async function loadText(text, meta, signal, progressFn) {
    const seq = ++loadSeq;
    progressFn?.('parse');
    const opened = await open(text, meta.source === 'file' ? readOptionsForEngine() : null, { signal });
    if (!opened.ok) return opened;
    const s = opened.value;
    const fail = (r) => { close(s); return r; };
    let mapping = await invoke(s, 'mapping', [], { signal });
    if (!mapping.ok) return fail(mapping);
    const detected = mapping.value;
    let note = null;
    let rejected = null;
    let want = meta.mapping ?? null;
    const columns = mapping.value.columns.map((c) => c.key);
    if (!want && meta.source === 'file' && (pending?.mapping || pending?.draft)) {
      if (sameColumns(pending.columns, columns)) { want = pending.mapping; meta = { ...meta, draft: meta.draft ?? pending.draft ?? null, withheld: pending.withheld }; note = 'survey.status.reapplied'; } else note = 'survey.status.otherColumns';
    }
    // Labels left out of a mapping saved without the answers come back from the file itself.
    want = refill(want, detected, meta.withheld);
    if (meta.draft) meta = { ...meta, draft: refill(meta.draft, detected, meta.withheld) };
    if (want) {
      const r = await setMapping(s, want, { signal });
      if (r.ok) {
        mapping = await invoke(s, 'mapping', [], { signal });
        if (!mapping.ok) return fail(mapping);
      } else if (r.error.code === 'cancelled') return fail(r);
      else { rejected = r.error; note = null; }
    }
    progressFn?.('report');
    const issues = await invoke(s, 'issues', [], { signal });
    if (!issues.ok) return fail(issues);
    let report = meta.stream ? await streamed(meta.stream, mapping.value, issues.value, signal, progressFn) : await runReport(s, { signal });
    if (!report.ok && report.error.code === 'unknown_id' && options.groupBy) {
      options = { ...options, groupBy: null };
      report = await runReport(s, { signal });
    }
    if (!report.ok && report.error.code === 'too_large' && options.groupBy?.length) {
      // A saved setting the engine refuses is held, not run again on every reload.
      held = { options: { ...options }, error: report.error };
      options = { ...options, groupBy: [] };
      report = await runReport(s, { signal });
    }
    if (!report.ok) return fail(report);
    if (seq !== loadSeq) return fail({ ok: false, error: { code: 'cancelled', details: {}, message: 'superseded' } });
    close(session);
    session = s;
    current = { source: meta.source, fileName: meta.fileName ?? null, mapping: mapping.value, detected, issues: issues.value, report: report.value, streamFile: meta.stream ?? null };
    publishReport();
    goodOptions = { ...options };
    ed = editor(mapping.value);
    if (meta.draft && typeof meta.draft === 'object' && meta.draft.instrument) {
      // Unapplied edits saved with the project come back as unapplied edits.
      ed.draft = { ...JSON.parse(JSON.stringify(meta.draft)), columns: mapping.value.columns };
      ed.dirty = true;
    }
    mapError = rejected ? { error: rejected, mapping: mapping.value, draft: want } : null;
    optionsError = null;
    importError = null;
    if (meta.source === 'file') pending = null;
    return { ok: true, note: note ?? (meta.stream ? 'survey.status.streamed' : null), params: meta.stream ? { name: meta.fileName ?? '', rows: count(report.value.rows) } : undefined };
  }

  /**
   * The report of a file read in chunks (#22; survey/stream.js), in the shape of `runReport`'s.
   * The head's encoding is kept so that every chunk decodes as the mapping's columns did.
   */
  async function streamed(file, mapping, issues, signal, progressFn) {
    progressFn?.('stream');
    const ro = { ...readOptionsForEngine(), encoding: readOptions.encoding ?? issues?.encoding?.name ?? null };
    // Not marked with jobStarted: a reload cannot run a stream again by itself (the file is not
    // kept), so there is no setting to hold back.
    const r = await streamReport(file, mapping, ro, engineOptions(), { signal, onProgress: (p) => progressFn?.(p.stage, p.done, p.total, p.rows) });
    return r.ok ? { ok: true, value: r.value.report } : r;
  }

  /** Reads a file above the in-memory limits in chunks: its start for the mapping, then all of it. */
  async function importStream(file, mapping = null) {
    const r = await task('survey.busy.streaming', async (signal, progressFn) => {
      const head = await readHead(file, { signal });
      if (!head.ok) return head;
      return loadText(head.value, { source: 'file', fileName: file.name, stream: file, mapping }, signal, progressFn);
    });
    finish(r, 'survey.status.streamed', { name: file.name });
  }

  async function importFile(file) {
    importError = null;
    readOptions = { ...readOptions, encoding: null }; // a new file: its encoding is detected
    setStatus(null);
    if (file.size > streamAbove()) return importStream(file);
    const r = await task('survey.busy.importing', async (signal, progressFn) => {
      const read = await readFile(file, { signal, onProgress: (p) => progressFn(p.stage, p.done, p.total) });
      if (!read.ok) return read;
      return loadText(read.value, { source: 'file', fileName: file.name }, signal, progressFn);
    });
    if (!r.ok && tooManyRows(r.error)) return importStream(file);
    finish(r, 'survey.status.loadedFile', { name: file.name });
  }

  /** Tells the evidence map (#18) the current report; a file's survey is "survey". */
  function publishReport() {
    publish('survey', { id: current.source === 'file' ? 'survey' : current.source, report: current.report });
  }

  function loadExample(which, { mapping = null, draft = null } = {}) {
    const text = call(which === 'staff' ? 'exampleStaffCsv' : 'exampleSurveyCsv');
    if (!text.ok) { finish(text); return Promise.resolve(); }
    setStatus(null);
    return task('survey.busy.example', (signal, progressFn) => loadText(text.value, { source: which, mapping, draft }, signal, progressFn), { delay: 300 })
      .then((r) => finish(r, which === 'staff' ? 'survey.status.loadedStaff' : 'survey.status.loadedParents'));
  }

  function loadSaved(text, meta) {
    return task('survey.busy.importing', (signal, progressFn) => loadText(text, meta, signal, progressFn), { delay: 300 })
      .then((r) => finish(r, 'survey.status.loadedFile', { name: meta.fileName ?? '' }));
  }

  function finish(r, okKey, params) {
    if (r.ok) {
      setStatus(r.note ?? okKey, r.params ?? params);
      renderAll();
      changed();
    } else if (r.error.code === 'cancelled') {
      if (r.error.message !== 'superseded') setStatus('survey.status.cancelled');
    } else {
      const error = r.error;
      importError = () => errorText(error); // in the current language at each render
      setStatus(null);
      renderData();
    }
  }

  // ---------------------------------------------------------------- mapping and options

  /** Which file columns an engine error points at (the engine names items, pairs, scales or columns). */
  function columnsFor(error, mapping) {
    const d = error.details ?? {};
    const ins = mapping?.instrument;
    const cols = new Set();
    const header = (key) => mapping?.columns?.find((c) => c.key === key)?.header ?? key;
    const ofItem = (id) => { const it = ins?.items.find((i) => i.id === id); if (it?.column) cols.add(header(it.column)); for (const c of it?.choices ?? []) if (c.column) cols.add(header(c.column)); return !!it; };
    if (d.column) cols.add(header(d.column));
    if (d.id && ins) {
      if (!ofItem(d.id)) {
        const pair = ins.pairs.find((p) => p.id === d.id);
        const scale = ins.scales.find((s) => s.id === d.id);
        if (pair) { ofItem(pair.before); ofItem(pair.after); }
        if (scale) scale.items.forEach(ofItem);
        if (ins.waves?.column === d.id) cols.add(header(d.id));
      }
    }
    if (d.in && ins) ofItem(d.in);
    return [...cols];
  }
  function mappingErrorText(error, mapping, draft) {
    const cols = columnsFor(error, draft ? { ...draft, columns: mapping.columns } : mapping);
    return {
      lead: cols.length ? t('survey.map.rejectedColumns', { columns: cols.map((c) => `“${c}”`).join(', ') }) : t('survey.map.rejected'),
      reason: errorText(error),
    };
  }

  async function applyMapping(mapping) {
    if (!session) return false;
    const m = mapping ?? forEngine(ed.draft);
    mapError = null;
    const r = await task('survey.busy.mapping', async (signal, progressFn) => {
      const set = await setMapping(session, m, { signal });
      if (!set.ok) return set;
      const [mp, is] = [await invoke(session, 'mapping', [], { signal }), await invoke(session, 'issues', [], { signal })];
      if (!mp.ok) return mp;
      if (!is.ok) return is;
      const again = () => current.streamFile ? streamed(current.streamFile, mp.value, is.value, signal, progressFn) : runReport(session, { signal });
      let rep = await again();
      if (!rep.ok && rep.error.code === 'unknown_id' && options.groupBy) {
        options = { ...options, groupBy: null };
        rep = await again();
      }
      if (!rep.ok) return rep;
      return { ok: true, mapping: mp.value, issues: is.value, report: rep.value };
    }, { delay: 250 });
    if (!r.ok) {
      if (r.error.code === 'cancelled') { setStatus('survey.status.cancelled'); return false; }
      mapError = { error: r.error, mapping: current.mapping, draft: m };
      mapDetails.open = true;
      renderMappingCard();
      return false;
    }
    Object.assign(current, { mapping: r.mapping, issues: r.issues, report: r.report });
    goodOptions = { ...options };
    ed = editor(r.mapping);
    setStatus('survey.status.mappingApplied');
    renderAll();
    changed();
    return true;
  }

  /** Adds an unknown label as another spelling of a point, and applies the mapping. */
  async function addAlias(itemId, label, value) {
    const m = forEngine(current.mapping);
    const point = m.instrument.items.find((i) => i.id === itemId)?.points.find((p) => p.value === value);
    if (!point) return;
    point.aliases.push(label);
    const applied = await applyMapping(m);
    if (applied) setStatus('survey.status.aliasAdded', { label, point: tr(point.label) });
  }

  async function recompute() {
    if (!session) return;
    const seq = ++reportSeq;
    const r = await task('survey.busy.report', (signal, progressFn) => current.streamFile
      ? streamed(current.streamFile, current.mapping, current.issues, signal, progressFn)
      : runReport(session, { signal, onRebuild: () => setStatus('survey.status.rebuilding') }), { delay: 250 });
    if (seq !== reportSeq) return;
    if (!r.ok) {
      if (r.error.code === 'cancelled') { setStatus('survey.status.cancelled'); return; }
      optionsError = r.error;
      renderOptions();
      return;
    }
    if (statusKey === 'survey.status.rebuilding') setStatus(null);
    optionsError = null;
    goodOptions = { ...options };
    current.report = r.value;
    publishReport();
    if (held && sameOptions(held.options, options)) held = null;
    renderOptions();
    renderReportBox();
  }

  let levelTimer = null;
  levelInput.addEventListener('input', () => {
    clearTimeout(levelTimer);
    // The typed level is journaled at once (a reload 0 ms later keeps it); only the report waits.
    const level = parseNumber(levelInput.value, { lang: lang() });
    if (Number.isFinite(level)) { options = { ...options, level }; changed(); }
    levelTimer = setTimeout(() => { options = { ...options, level: parseNumber(levelInput.value, { lang: lang() }) }; changed(); recompute(); }, 300);
  });
  adjustSelect.addEventListener('change', () => { options = { ...options, adjust: adjustSelect.value }; changed(); recompute(); });
  minCellInput.addEventListener('change', () => { options = { ...options, minCell: parseNumber(minCellInput.value, { lang: lang() }) }; changed(); recompute(); });
  zeroSelect.addEventListener('change', () => { options = { ...options, zeroMethod: zeroSelect.value }; changed(); recompute(); });
  groupSelect.addEventListener('change', () => {
    const v = groupSelect.value;
    options = { ...options, groupBy: v === '__default' ? null : v === '__none' ? [] : [v] };
    changed(); recompute();
  });
  include.addEventListener('change', () => { includeAnswers = include.checked; changed(); });
  fileInput.addEventListener('change', () => { const f = fileInput.files?.[0]; fileInput.value = ''; if (f) importFile(f); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer?.files?.[0]; if (f) importFile(f); });
  const reread = (keepMapping = false) => {
    readOptions = { ...readOptions, delimiter: delimiter.value || null, shape: shape.value || null };
    changed();
    if (session && current?.source === 'file' && current.streamFile) importStream(current.streamFile, keepMapping ? session.mapping : null);
    else if (session && current?.source === 'file') loadSaved(session.text, { source: 'file', fileName: current.fileName, mapping: keepMapping ? session.mapping : null });
  };
  delimiter.addEventListener('change', () => reread());
  shape.addEventListener('change', () => reread());
  /** Another encoding: the file's bytes are read again (the columns may change, so detected afresh). */
  const setEncoding = (name) => { readOptions = { ...readOptions, encoding: name }; reread(); };
  /** Another duplicate-id policy: read again with it, keeping the applied mapping. */
  const setDuplicates = (policy) => { readOptions = { ...readOptions, duplicates: policy }; reread(true); };

  // Printing shows every data table.
  addEventListener('beforeprint', () => { for (const d of root.querySelectorAll('details.survey-datatable:not([open])')) { d.open = true; d.dataset.printOpened = 'true'; } });
  addEventListener('afterprint', () => { for (const d of root.querySelectorAll('details[data-print-opened]')) { d.open = false; delete d.dataset.printOpened; } });

  // ---------------------------------------------------------------- rendering

  const fill = (selectEl, entries, value) => replace(selectEl, entries.map(([v, text]) => el('option', { value: v, selected: v === value, text })));

  function renderData() {
    importErrorBox.hidden = !importError;
    importErrorBox.textContent = importError?.() ?? '';
    if (statusKey) status.textContent = t(statusKey, statusParams);
    include.checked = includeAnswers;
    fill(delimiter, [['', t('survey.delim.auto')], [',', t('survey.delim.comma')], [';', t('survey.delim.semicolon')], ['\t', t('survey.delim.tab')], ['|', t('survey.delim.pipe')]], readOptions.delimiter ?? '');
    fill(shape, [['', t('survey.shape.auto')], ...['one_header', 'survey_monkey', 'qualtrics'].map((s) => [s, t(`survey.shape.${s}`)])], readOptions.shape ?? '');
    if (current) {
      const key = current.source === 'file' ? 'survey.source.file' : `survey.source.${current.source}`;
      source.textContent = t(key, { name: current.fileName ?? '' });
      source.className = `survey-source${current.source === 'file' ? '' : ' synthetic'}`;
      replace(importView, ...renderImport(current.issues, {
        fileName: current.source === 'file' ? current.fileName : null,
        points: (id) => (current.mapping.instrument.items.find((i) => i.id === id)?.points ?? []).map((p) => ({ value: p.value, label: tr(p.label) })),
        onAlias: addAlias,
        encoding: readOptions.encoding, canReread: current.source === 'file' && session?.text instanceof Uint8Array,
        hasIds: !!current.mapping.respondentId, onEncoding: setEncoding, onDuplicates: setDuplicates,
      }));
    } else {
      source.textContent = pending ? t('survey.source.needsFile', { name: pending.fileName ?? '' }) : '';
      source.className = 'survey-source';
      replace(importView);
    }
  }

  function renderMappingCard(focusKey) {
    mapCard.hidden = !ed;
    if (!ed) return;
    if (mapError || ed.dirty) mapDetails.open = true;
    const ins = ed.draft.instrument;
    mapSummary.textContent = t('survey.map.summary', { columns: count(ed.draft.columns.length), items: plural('survey.count.questions', ins.items.length), pairs: plural('survey.count.pairs', ins.pairs.length), scales: plural('survey.count.scales', ins.scales.length) });
    const why = mapError ? mappingErrorText(mapError.error, mapError.mapping, mapError.draft) : null;
    const error = why ? `${why.lead} ${why.reason}` : null;
    mapStale = !mapDetails.open;
    if (mapStale) { mapBody.replaceChildren(); return; }
    replace(mapBody, ...renderMapping(ed, {
      error, busy: false,
      on: {
        change: (key) => { mapError = null; renderMappingCard(key); changed(); },
        apply: () => applyMapping(),
        revert: () => { ed = editor(current.mapping); mapError = null; renderMappingCard(); changed(); },
        detected: () => applyMapping(forEngine(current.detected)),
      },
    }));
    if (focusKey) mapBody.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function renderOptions() {
    if (document.activeElement !== levelInput) levelInput.value = Number.isFinite(options.level) ? formatNumber(options.level, { lang: lang() }) : levelInput.value;
    fill(adjustSelect, ADJUST.map((a) => [a, t(`survey.adjust.${a}`)]), options.adjust);
    minCellInput.value = Number.isFinite(options.minCell) ? options.minCell : minCellInput.value;
    fill(zeroSelect, ZERO.map((z) => [z, t(`survey.zero.${z}`)]), options.zeroMethod);
    const items = current?.mapping?.instrument.items.filter((i) => ['category', 'binary', 'likert'].includes(i.type)) ?? [];
    const g = options.groupBy === null ? '__default' : options.groupBy.length === 0 ? '__none' : options.groupBy[0];
    fill(groupSelect, [['__default', t('survey.opt.groupDefault')], ['__none', t('survey.opt.groupNone')], ...items.map((i) => [i.id, tr(i.text) || i.id])], g);
    replace(heldBox, heldCard(held, {
      onRun: () => { options = { ...DEFAULT_OPTIONS, ...held.options }; held = null; changed(); renderOptions(); recompute(); },
      onDrop: () => { held = null; changed(); renderOptions(); },
    }));
    optionsErrorBox.hidden = !optionsError;
    optionsErrorBox.textContent = optionsError ? errorText(optionsError) : '';
    const culprit = optionsError ? (optionsError.code === 'level_out_of_range' || optionsError.code === 'not_finite' ? levelInput : optionsError.details?.minCell !== undefined ? minCellInput : groupSelect) : null;
    for (const input of [levelInput, minCellInput, groupSelect]) input.toggleAttribute('aria-invalid', input === culprit);
    optionsCard.hidden = !current;
  }

  function exportActions() {
    const r = current.report;
    const base = current.source === 'file' ? (current.fileName ?? 'survey').replace(/\.[^.]+$/, '') : `waterline-${current.source}-example`;
    return [
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-export-csv', text: t('survey.report.exportCsv'), onclick: () => downloadText(`${base}-report.csv`, reportCsv(r), 'text/csv') }),
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-export-json', text: t('survey.report.exportJson'),
        onclick: () => downloadText(`${base}-report.json`, reportJson({ report: r, options: engineOptions(), mapping: forEngine(current.mapping), issues: current.issues, source: current.source, fileName: current.fileName, engineVersion: call('version').value ?? '' }), 'application/json') }),
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'survey-print', text: t('survey.report.print'), onclick: () => window.print() }),
    ];
  }

  function renderReportBox() {
    publishToReport('survey', current ? { report: current.report, mapping: current.mapping, source: current.source } : null);
    if (!current) {
      reportBox.dataset.state = pending ? 'needs-file' : 'empty';
      replace(reportBox, pending ? el('p', { class: 'survey-needs-file card', 'data-testid': 'survey-needs-file', text: t(pending.mapping ? 'survey.status.needsFileMapping' : 'survey.status.needsFile', { name: pending.fileName ?? '' }) }) : null);
      return;
    }
    reportBox.dataset.state = 'ready';
    reportBox.setAttribute('aria-label', t('survey.report.label'));
    replace(reportBox, renderReport(current.report, { mapping: current.mapping, actions: exportActions(), source: current.source }));
  }

  function renderAll() {
    renderData();
    scales.render();
    renderMappingCard();
    renderOptions();
    renderReportBox();
  }

  const refresh = () => {
    for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    if (progressLabel.dataset.key) progressLabel.textContent = t(progressLabel.dataset.key);
    share.render();
    plan.render();
    renderAll();
  };
  onLangChange(refresh);
  refresh();
  loadExample('parents');

  // ---------------------------------------------------------------- project state

  /** What the area holds, answers included; only `surveyForStore` decides what of it is stored. */
  function fullState() {
    const state = { share: share.getState(), plan: plan.getState(), options: { ...goodOptions }, readOptions: { ...readOptions }, includeAnswers };
    if (held) state.held = held;
    // Options typed but not yet confirmed by a report (e.g. a level mid-debounce): kept apart
    // from the options of the report on screen, and tried again on restore.
    if (!sameOptions(options, goodOptions)) state.pendingOptions = { ...options };
    if (current) {
      Object.assign(state, { source: current.source, fileName: current.fileName, mapping: session?.mapping ?? null, columns: current.mapping.columns.map((c) => c.key) });
      if (ed?.dirty) state.draft = forEngine(ed.draft);
      // A streamed file is not kept (only its start is in memory): the project asks for it again.
      if (current.source === 'file' && session && !current.streamFile) state.csv = csvText(session, current.issues?.encoding?.name);
      if (pending && current.source !== 'file') state.pendingFile = pending;
    } else if (pending) {
      Object.assign(state, { source: 'file', fileName: pending.fileName, mapping: pending.mapping, columns: pending.columns, withheld: pending.withheld, counts: pending.counts });
      if (pending.draft) state.draft = pending.draft;
    }
    return state;
  }

  function getState() {
    return surveyForStore(fullState(), { consent: includeAnswers, minCell: goodOptions.minCell, report: current?.source === 'file' ? current.report : null, synthetic: !!current && current.source !== 'file' });
  }

  function setState(state) {
    const check = checkState(state);
    if (!check.ok) return check;
    if (state.share) share.setState(state.share);
    share.render();
    if (state.plan) plan.setState(state.plan);
    plan.render();
    if (state.options) options = { ...DEFAULT_OPTIONS, ...state.options };
    held = state.held ? { options: { ...DEFAULT_OPTIONS, ...state.held.options }, error: state.held.error ?? null } : null;
    if (!held && unfinishedAtStart && !restoredOnce && !sameOptions(options, DEFAULT_OPTIONS)) {
      // The page went away while a long report ran: show the setting and ask before running it.
      held = { options: { ...options }, error: { code: 'unfinished', details: {}, message: 'the last report with these options did not finish' } };
    }
    restoredOnce = true;
    if (held) options = { ...options, groupBy: [] };
    goodOptions = { ...options };
    if (!held && state.pendingOptions && typeof state.pendingOptions === 'object') options = { ...options, ...state.pendingOptions };
    const draft = state.draft && typeof state.draft === 'object' ? state.draft : null;
    if (state.readOptions && typeof state.readOptions === 'object') {
      const ro = state.readOptions;
      readOptions = { delimiter: ro.delimiter ?? null, shape: ro.shape ?? null, encoding: typeof ro.encoding === 'string' ? ro.encoding : null, duplicates: typeof ro.duplicates === 'string' ? ro.duplicates : null };
    }
    if (typeof state.includeAnswers === 'boolean') includeAnswers = state.includeAnswers;
    const kept = (s) => ({ withheld: s.withheld && typeof s.withheld === 'object' ? s.withheld : null, counts: s.counts && typeof s.counts === 'object' ? s.counts : null });
    if (state.pendingFile) pending = { mapping: state.pendingFile.mapping ?? null, columns: state.pendingFile.columns ?? null, fileName: state.pendingFile.fileName ?? null, draft: state.pendingFile.draft ?? null, ...kept(state.pendingFile) };
    const mapping = state.mapping ?? null;
    if (state.source === 'parents' || state.source === 'staff') {
      loadExample(state.source, { mapping, draft });
    } else if (state.source === 'file' && typeof state.csv === 'string') {
      loadSaved(state.csv, { source: 'file', fileName: state.fileName ?? null, mapping, draft });
    } else if (state.source === 'file') {
      // The answers were not saved: keep the mapping until the same columns are loaded again.
      ++loadSeq;
      close(session);
      session = null;
      current = null;
      ed = null;
      pending = { mapping, columns: state.columns ?? null, fileName: state.fileName ?? null, draft, ...kept(state) };
      setStatus(mapping ? 'survey.status.needsFileMapping' : 'survey.status.needsFile', { name: pending.fileName ?? '' });
    }
    renderAll();
    return { ok: true };
  }

  return { getState, setState };
}
