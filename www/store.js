// The user's work: one project (what each area holds), autosaved to IndexedDB on every change
// and restored on reload; saved to and opened from a schema-versioned JSON project file.
// Opening a file that would replace existing work asks first and can be undone.
//
// Areas register { name, getState(), setState(state) } and call `changed()` after every edit.

export const SCHEMA_VERSION = 1;
const DB = 'waterline', STORE = 'projects', KEY = 'autosave';
const areas = new Map();
// Area states read from a project that no live area holds (e.g. an area that failed to start):
// carried into every save so that they are never dropped.
let carried = {};
let engineVersion = '';
let timer = null;
let undoStack = [];
const listeners = new Set();

/** Registers an area's state accessors. */
export function registerArea(name, { getState, setState }) {
  areas.set(name, { getState, setState });
}

export function setEngineVersion(v) { engineVersion = v; }

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

/** Saves now (also used by tests to flush). */
export async function saveNow() {
  clearTimeout(timer);
  timer = null;
  try {
    await put(snapshot());
    // Every change is stored once no newer one is waiting (tests and the status line read this).
    if (!timer) document.documentElement.dataset.saved = 'yes';
    emit('saved');
  } catch (e) {
    emit('error', { message: String(e?.message ?? e) });
  }
}

/** Marks the project changed: autosaves shortly after (debounced), so every edit is kept. */
export function changed() {
  document.documentElement.dataset.saved = 'no';
  clearTimeout(timer);
  timer = setTimeout(saveNow, 150);
}

// A tab being closed or hidden flushes the pending save.
addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden' && timer) saveNow(); });
addEventListener('pagehide', () => { if (timer) saveNow(); });

/**
 * Checks a project object's shape and version; returns { ok, project } or { ok: false, error }.
 * Older schema versions are migrated here, one step at a time (none exist yet: version 1 is the first).
 */
export function migrate(project) {
  if (!project || typeof project !== 'object' || Array.isArray(project)) {
    return { ok: false, error: { code: 'bad_input', details: { argument: 'project' }, message: 'not a waterline project file' } };
  }
  const v = project.schemaVersion;
  if (!Number.isInteger(v) || v < 1 || v > SCHEMA_VERSION) {
    return { ok: false, error: { code: 'unsupported_version', details: { version: String(v), supported: SCHEMA_VERSION }, message: `unsupported project version ${v}` } };
  }
  const areasState = project.areas && typeof project.areas === 'object' ? project.areas : {};
  return { ok: true, project: { ...project, areas: areasState } };
}

/** Applies a project to every area; areas validate their own part and return errors. */
function apply(project) {
  const errors = [];
  carried = Object.fromEntries(Object.entries(project.areas).filter(([name]) => !areas.has(name)));
  for (const [name, area] of areas) {
    if (!(name in project.areas)) continue;
    const r = area.setState(project.areas[name]);
    if (r && r.ok === false) errors.push({ area: name, ...r.error });
  }
  return errors;
}

/** Restores the autosaved project at start-up, if any. */
export async function restore() {
  try {
    const saved = await get();
    if (!saved) return false;
    const m = migrate(saved);
    if (!m.ok) { emit('error', m.error); return false; }
    apply(m.project);
    emit('restored', { savedAt: saved.savedAt });
    return true;
  } catch (e) {
    emit('error', { message: String(e?.message ?? e) });
    return false;
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
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
