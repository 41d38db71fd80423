// The user's work: one project (what each area holds), autosaved to IndexedDB on every change
// and restored on reload; saved to and opened from a schema-versioned JSON project file.
// Opening a file that would replace existing work asks first and can be undone.
//
// Areas register { name, getState(), setState(state) } and call `changed(name)` after every edit.
//
// No lost keystroke: IndexedDB writes are asynchronous and debounced, so every edit is also
// written synchronously, in the same tick, to a small localStorage journal (the changed area's
// state, as its getState returns it — so it holds exactly what the autosave may hold, consent
// included). A reload at any moment finds it; on load it is merged into the autosave and cleared.

import { SCHEMA_VERSION, migrateAreas } from './migrate.js';

export { SCHEMA_VERSION };
const DB = 'waterline', STORE = 'projects', KEY = 'autosave';
const JOURNAL = 'waterline.journal';
/** Largest journal (UTF-16 code units); an area state larger than this is left to IndexedDB. */
const JOURNAL_LIMIT = 2 * 1024 * 1024;
const areas = new Map();
// Areas the page has (main.js): a known area that failed to start keeps its saved state
// (carried into every save); an area name the page does not know is reported and dropped.
let expected = new Set();
let carried = {};
// Area name -> its state as JSON text, for every area changed since the last stored save.
const journaled = new Map();
// Areas whose state was over the journal's limit: not serialized again on every keystroke, only
// after the next save (a large round or a survey saved with its answers would cost each edit).
const oversized = new Set();
let generation = 0;
let restored = false;
/**
 * Whether the user has done anything on the page yet. Until then a save only stores what was
 * restored, or the example an area loaded as it started (the areas other than the opened one
 * mount after the restore, www/main.js): it is made, but the status line keeps saying what was
 * restored.
 */
let acted = false;
for (const type of ['input', 'change', 'click', 'keydown', 'drop']) {
  addEventListener(type, () => { acted = true; }, { capture: true, once: true });
}
/** The area whose saved part registerArea is applying (its `changed` calls are not edits). */
let applying = null;
let engineVersion = '';
let timer = null;
let undoStack = [];
const listeners = new Set();

/** Registers an area's state accessors. */
export function registerArea(name, { getState, setState }) {
  areas.set(name, { getState, setState });
  // An area mounted after the project was restored or opened (www/main.js mounts the opened
  // area first, the others after its first result) takes its part now.
  if (!Object.hasOwn(carried, name)) return;
  const state = carried[name];
  delete carried[name];
  let r;
  applying = name;
  try { r = setState(state); } catch (e) { r = { ok: false, error: { code: 'internal', details: {}, message: String(e?.message ?? e) } }; } finally { applying = null; }
  if (r && r.ok === false) emit('error', { area: name, ...r.error });
}

/** The current state of area `name` (read only; null when it is not registered). */
export const areaState = (name) => areas.get(name)?.getState() ?? null;

export function setEngineVersion(v) { engineVersion = v; }

/** Names the page's areas (those that registered and those that failed to start). */
export function expectAreas(names) { expected = new Set(names); }

/** Calls fn({ kind, detail }) on 'saved', 'restored', 'replaced', 'undone', 'error'. */
export function onStoreEvent(fn) { listeners.add(fn); }
const emit = (kind, detail = {}) => { for (const fn of listeners) fn({ kind, detail }); };

/** The whole project as a plain object. */
export function snapshot() {
  const state = { ...carried };
  for (const [name, area] of areas) state[name] = area.getState();
  return { schemaVersion: SCHEMA_VERSION, engineVersion, savedAt: new Date().toISOString(), areas: state };
}

function db() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function put(value) {
  const d = await db();
  await new Promise((resolve, reject) => {
    const tx = d.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, KEY);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  d.close();
}

async function get() {
  const d = await db();
  const value = await new Promise((resolve, reject) => {
    const req = d.transaction(STORE).objectStore(STORE).get(KEY);
    req.onsuccess = () => resolve(req.result ?? null);
    req.onerror = () => reject(req.error);
  });
  d.close();
  return value;
}

// ---- the journal (localStorage, synchronous)

function writeJournal() {
  if (!journaled.size) return clearJournal();
  const parts = [...journaled].map(([name, text]) => `${JSON.stringify(name)}:${text}`);
  const text = `{"schemaVersion":${SCHEMA_VERSION},"savedAt":${JSON.stringify(new Date().toISOString())},"areas":{${parts.join(',')}}}`;
  try { localStorage.setItem(JOURNAL, text); } catch { /* storage off or full: IndexedDB still has the work */ }
}

function clearJournal() {
  try { localStorage.removeItem(JOURNAL); } catch { /* storage off */ }
}

/** Journals the state of `names` (every area when none is given) now, in this tick. */
function journal(names) {
  if (!restored) return; // the journal of the previous visit is read by restore() first
  for (const name of names ?? areas.keys()) {
    const area = areas.get(name);
    if (!area || oversized.has(name)) continue;
    try {
      const text = JSON.stringify(area.getState());
      if (text.length <= JOURNAL_LIMIT) journaled.set(name, text);
      else { journaled.delete(name); oversized.add(name); }
    } catch { journaled.delete(name); }
  }
  writeJournal();
}

function readJournal() {
  try {
    const j = JSON.parse(localStorage.getItem(JOURNAL) ?? 'null');
    return j && typeof j === 'object' && j.areas && typeof j.areas === 'object' ? j : null;
  } catch { return null; }
}

/** Saves now (also used by tests to flush); `quiet` saves without a 'saved' event. */
export async function saveNow({ quiet = false } = {}) {
  clearTimeout(timer);
  timer = null;
  const at = generation;
  try {
    await put(snapshot());
    // The journal is only needed until a save holds every change it has.
    if (at === generation) { journaled.clear(); clearJournal(); }
    oversized.clear();
    // Every change is stored once no newer one is waiting (tests and the status line read this).
    if (!timer) document.documentElement.dataset.saved = 'yes';
    if (!quiet && acted) emit('saved');
  } catch (e) {
    emit('error', { message: String(e?.message ?? e) });
  }
}

/**
 * Marks area `name` changed (every area when no name is given): journals its state at once and
 * autosaves shortly after (debounced), so every edit is kept.
 */
export function changed(name) {
  // An area mounted late (www/main.js) reports its example or its restored part as it starts:
  // not an edit, and no reason to replace the "restored" line by "saved".
  if (name !== undefined && (!areas.has(name) || name === applying)) return;
  generation++;
  document.documentElement.dataset.saved = 'no';
  journal(name === undefined ? undefined : [name]);
  clearTimeout(timer);
  timer = setTimeout(saveNow, 150);
}

// A tab being closed or hidden journals every area (an edit an area has not reported yet
// included) and flushes the pending save.
addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden' && timer) saveNow(); });
addEventListener('pagehide', () => { if (timer) { journal(); saveNow(); } });

/**
 * Checks a project object's shape and version; returns { ok, project } or { ok: false, error }.
 * Older schema versions are migrated here, one step at a time (migrate.js: version 1 spelt
 * survey and rubric values in camelCase and kebab-case, version 2 in snake_case).
 */
export function migrate(project) {
  if (!project || typeof project !== 'object' || Array.isArray(project)) {
    return { ok: false, error: { code: 'bad_input', details: { argument: 'project' }, message: 'not a waterline project file' } };
  }
  const v = project.schemaVersion;
  // A JSON file without a version, or one that is not a project (a model or a round has a
  // schemaVersion but no areas), is not a project file: say so, not "version undefined".
  if (v === undefined || v === null || !project.areas || typeof project.areas !== 'object') {
    return { ok: false, error: { code: 'not_a_project', details: {}, message: 'not a waterline project file' } };
  }
  if (!Number.isInteger(v) || v < 1 || v > SCHEMA_VERSION) {
    return { ok: false, error: { code: 'unsupported_version', details: { version: String(v), supported: SCHEMA_VERSION }, message: `unsupported project version ${v}` } };
  }
  const areasState = project.areas && typeof project.areas === 'object' ? project.areas : {};
  return { ok: true, project: { ...project, schemaVersion: SCHEMA_VERSION, areas: migrateAreas(areasState, v) } };
}

/**
 * Applies a project to every area; areas validate their own part and return errors
 * ({ area, code, details, message }). Unknown areas are reported (code "unknown_area") and dropped.
 */
function apply(project) {
  const errors = [];
  carried = {};
  for (const [name, state] of Object.entries(project.areas)) {
    if (areas.has(name)) continue;
    if (expected.has(name)) carried[name] = state;
    else errors.push({ area: name, code: 'unknown_area', details: { area: name }, message: `the page has no area "${name}"; it was left out` });
  }
  for (const [name, area] of areas) {
    if (!Object.hasOwn(project.areas, name)) continue;
    let r;
    try { r = area.setState(project.areas[name]); } catch (e) { r = { ok: false, error: { code: 'internal', details: {}, message: String(e?.message ?? e) } }; }
    if (r && r.ok === false) errors.push({ area: name, ...r.error });
  }
  return errors;
}

/** Restores the autosaved project at start-up, if any, with the journal's newer edits merged in. */
export async function restore() {
  try {
    const j = readJournal();
    const saved = await get();
    restored = true;
    if (!saved && !j) return false;
    const base = saved ?? { schemaVersion: SCHEMA_VERSION, areas: {} };
    // The journal has no version: a page of an older schema may have written it, so its areas
    // take the (idempotent) value renames of every step before they are merged.
    const journalAreas = j ? migrateAreas(j.areas, 1) : {};
    const project = j ? { ...base, savedAt: j.savedAt ?? base.savedAt, areas: { ...(base.areas ?? {}), ...journalAreas } } : base;
    const m = migrate(project);
    if (!m.ok) { emit('error', m.error); return false; }
    const errors = apply(m.project);
    emit('restored', { savedAt: project.savedAt, errors });
    if (j || errors.length) await saveNow({ quiet: true }); // the merged project replaces the autosave; dropped parts go
    return true;
  } catch (e) {
    emit('error', { message: String(e?.message ?? e) });
    return false;
  } finally {
    restored = true; // (the page marks the end of its start-up itself: www/main.js)
  }
}

/** Replaces the current work with `project` (after `confirmFn` agrees), keeping an undo copy. */
export async function replaceWith(project, confirmFn) {
  const m = migrate(project);
  if (!m.ok) return m;
  if (!(await confirmFn())) return { ok: false, error: { code: 'cancelled', details: {}, message: 'cancelled' } };
  undoStack.push(snapshot());
  const errors = apply(m.project);
  await saveNow();
  emit('replaced', { errors });
  return { ok: true, errors };
}

/** True when an import can be undone. */
export const canUndo = () => undoStack.length > 0;

/** Undoes the last replacing import. */
export async function undo() {
  const previous = undoStack.pop();
  if (!previous) return false;
  apply(previous);
  await saveNow();
  emit('undone');
  return true;
}

/** Offers the project as a JSON file download (a blob: URL; nothing leaves the machine). */
export function download(filename = 'waterline-project.json') {
  downloadText(filename, JSON.stringify(snapshot(), null, 2), 'application/json');
}

/** Offers `text` as a file download. */
export function downloadText(filename, text, type = 'text/plain') {
  downloadBlob(filename, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** Offers `blob` as a file download through an object URL (revoked a second later). */
export function downloadBlob(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
