// A module worker that runs long engine work off the main thread (large CSV imports, reports,
// bootstraps). Messages in: { id, op, args }; out: { id, progress } while working, then
// { id, ok: true, value } or { id, ok: false, error: { code, details, message } }.
// State that must live across calls (a loaded survey) is kept here under a handle.
import { provide, settled, wasm, normalizeError, recoverIfBroken } from './engine.js';

const handles = new Map();
/** The chunk the streaming import reads at a time (8 MiB: a few dozen ms of parsing each, so
 * progress and Cancel answer quickly, and far under the in-memory limit every piece obeys). */
const STREAM_CHUNK_BYTES = 8 * 1024 * 1024;
/** Ids of jobs the page asked to stop (jobs.js `cooperative`): checked by ops between steps. */
const cancelledJobs = new Set();
let nextHandle = 1;

/** Operations: each gets (args, progress) and returns a value (structured-cloneable). */
const ops = {
  ping: () => 'pong',
  /**
   * Calls a free function of the engine: args = { name, args: [...] }. One the opened area's build
   * leaves out (engine.js `provide`) waits for the whole engine.
   */
  call: async ({ name, args }) => {
    await provide(name);
    const fn = wasm[name];
    if (typeof fn !== 'function') throw Object.assign(new Error(`no export ${name}`), { code: 'internal', details: { name } });
    return fn(...args);
  },
  /**
   * Creates an engine object (e.g. Survey) and keeps it: args = { cls, args, ctor }. `ctor` names
   * a static constructor (e.g. 'fromBytes'); without it `new Cls(...args)`. Returns its handle.
   */
  create: ({ cls, args, ctor }) => {
    const Cls = wasm[cls];
    if (typeof Cls !== 'function') throw Object.assign(new Error(`no class ${cls}`), { code: 'internal', details: { cls } });
    if (ctor && typeof Cls[ctor] !== 'function') throw Object.assign(new Error(`no constructor ${cls}.${ctor}`), { code: 'internal', details: { cls, ctor } });
    const handle = nextHandle++;
    handles.set(handle, ctor ? Cls[ctor](...args) : new Cls(...args));
    return handle;
  },
  /** Calls a method of a kept object: args = { handle, method, args }. */
  invoke: ({ handle, method, args }) => {
    const obj = handles.get(handle);
    if (!obj || typeof obj[method] !== 'function') {
      throw Object.assign(new Error(`no object ${handle}.${method}`), { code: 'internal', details: { handle, method } });
    }
    return obj[method](...args);
  },
  /**
   * The three decision rules (#20) with the bootstrap's progress: args = { rubric, round,
   * options }; reports { stage: 'resamples', done, total } about fifty times.
   */
  decide: async ({ rubric, round, options }, progress) => {
    await provide('decideFunding'); // not in the Proposals area's own build (engine.js)
    return wasm.decideFunding(rubric, round, options, (done, total) => progress({ stage: 'resamples', done, total }));
  },
  /**
   * Reads a survey File in chunks through a SurveyStream (#22): args = { file, mapping,
   * readOptions, options, chunkBytes }. Each chunk is `file.slice()`d (8 MiB by default), fed,
   * and dropped, so the worker never holds the file; progress { stage: 'stream', done, total,
   * rows } after each chunk. Between chunks it checks `cancelled()` (the page's Cancel, see
   * jobs.js `cooperative`) and stops with code "cancelled", keeping the worker and its objects.
   * Returns { report, bytes, rows, memoryBytes } (memoryBytes: the engine memory's size).
   */
  surveyStream: async ({ file, mapping, readOptions, options, chunkBytes }, progress, { cancelled } = { cancelled: () => false }) => {
    const size = Math.max(64 * 1024, Math.min(chunkBytes || STREAM_CHUNK_BYTES, 64 * 1024 * 1024));
    await provide('SurveyStream'); // not in the Survey area's own build (engine.js)
    wasm.checkSurveyStreamSize(file.size);
    const stream = new wasm.SurveyStream(mapping, readOptions ?? null, options ?? null);
    try {
      for (let at = 0; at < file.size; at += size) {
        if (cancelled()) throw Object.assign(new Error('cancelled'), { code: 'cancelled', details: {} });
        const chunk = new Uint8Array(await file.slice(at, Math.min(at + size, file.size)).arrayBuffer());
        if (cancelled()) throw Object.assign(new Error('cancelled'), { code: 'cancelled', details: {} });
        stream.feed(chunk);
        progress({ stage: 'stream', done: Math.min(at + size, file.size), total: file.size, rows: stream.rows(), memoryBytes: wasm.engineMemoryBytes() });
      }
      const rows = stream.rows();
      const report = stream.finish();
      return { report, bytes: file.size, rows: report.rows ?? rows, memoryBytes: wasm.engineMemoryBytes() };
    } finally {
      stream.free();
    }
  },
  /** Frees a kept object. */
  drop: ({ handle }) => {
    handles.get(handle)?.free?.();
    handles.delete(handle);
    return true;
  },
  /** Reads a File in chunks (reporting progress) and returns its text. */
  readText: async ({ file }, progress) => {
    const reader = file.stream().pipeThrough(new TextDecoderStream('utf-8')).getReader();
    let text = '', loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
      loaded += value.length;
      progress({ stage: 'read', done: Math.min(loaded, file.size), total: file.size });
    }
    return text;
  },
  /**
   * Reads a File in chunks (reporting progress) and returns its bytes, undecoded: the engine
   * detects the encoding (Survey.fromBytes), so a Windows-1252 or UTF-16 export is not mangled.
   */
  readBytes: async ({ file }, progress) => {
    const reader = file.stream().getReader();
    const bytes = new Uint8Array(file.size);
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes.set(value.subarray(0, Math.max(0, bytes.length - loaded)), loaded);
      loaded += value.length;
      progress({ stage: 'read', done: Math.min(loaded, file.size), total: file.size });
    }
    return loaded === bytes.length ? bytes : bytes.slice(0, loaded);
  },
};

self.addEventListener('message', async (event) => {
  if (event.data && ('engineModule' in event.data || 'engineHint' in event.data)) return; // for engine.js (a build)
  if (event.data && 'cancel' in event.data) { cancelledJobs.add(event.data.cancel); return; } // jobs.js cooperative cancel
  const { id, op, args } = event.data ?? {};
  const progress = (p) => self.postMessage({ id, progress: p });
  try {
    await settled();
    const fn = ops[op];
    if (!fn) throw Object.assign(new Error(`unknown operation ${op}`), { code: 'internal', details: { op } });
    const value = await fn(args ?? {}, progress, { cancelled: () => cancelledJobs.has(id) });
    const transfer = value instanceof Float64Array || value instanceof Uint8Array ? [value.buffer] : [];
    /** @type {Worker} */ (/** @type {unknown} */ (self)).postMessage({ id, ok: true, value }, transfer); // a worker's postMessage (tsc reads the page's DOM types)
  } catch (e) {
    const error = normalizeError(e);
    // A trap leaves the engine instance unusable: engine.js replaces it; the objects kept here
    // belonged to the old one, so they are dropped and this worker takes a new instance name
    // (later calls with old handles fail with "stale_handle").
    if (recoverIfBroken(e)) {
      handles.clear();
      instance = newInstanceName();
      error.details = { ...error.details, restarted: 'yes' };
    }
    self.postMessage({ id, ok: false, error });
  } finally {
    cancelledJobs.delete(id);
  }
});

// A handle is only valid in the worker instance that made it: a cancelled job restarts the
// worker (jobs.js), and the next worker numbers its handles from 1 again. `instance` names this
// worker; `checked` runs another op only when the caller's instance matches, else it fails with
// code "stale_handle" and touches nothing (so a stale handle can never reach another object).
const newInstanceName = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
let instance = newInstanceName();
ops.instance = () => instance;
ops.checked = ({ instance: expected, op, args }, progress, control) => {
  if (expected !== instance) {
    throw Object.assign(new Error('the worker was restarted; the object is gone'), { code: 'stale_handle', details: {} });
  }
  const fn = ops[op];
  if (!fn || op === 'checked') throw Object.assign(new Error(`unknown operation ${op}`), { code: 'internal', details: { op } });
  return fn(args ?? {}, progress, control);
};

// Its modules ran: a failure from now on is not a download's (jobs.js tries those again).
self.postMessage({ started: true });
