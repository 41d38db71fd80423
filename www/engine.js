// The only module that imports the engine (../pkg/**/waterline.js). Everything else in the page
// calls the engine through these wrappers, which never throw: they return
// { ok: true, value } or { ok: false, error: { code, details, message } }.
//
// Builds (issue 21, `make build`): each area has its own small build (pkg/survey/,
// pkg/proposals/, pkg/toc/) and pkg/ is the whole engine (Evidence, the report, other pages).
// The page loads the opened area's build first and the whole engine after that area's first
// result (www/main.js); several builds can be loaded at once. An export is taken from the first
// loaded build that has it, so an area keeps using the instance it started with (its objects,
// such as a LogicModel, stay with the functions that take them) and the whole engine only
// supplies what the first build lacks.
//
// Health check: the engine never panics on input and reads every argument with catching calls,
// but should a call still end in a trap (a bug: "unreachable", "memory access out of bounds"),
// that instance is unusable. It is then replaced by a fresh instance of the same compiled
// module, kept ready as a spare, so the next call works. The page's state lives in
// JavaScript and is untouched; engine objects made by the old instance (a Survey) are gone.

import { failedDownload, retrying } from './retry.js';

/** Where each build lives, relative to this file. */
export const BUILDS = /** @type {const} */ ({ whole: '../pkg/', survey: '../pkg/survey/', proposals: '../pkg/proposals/', toc: '../pkg/toc/' });
/** @typedef {keyof typeof BUILDS} Build */

/**
 * One loaded build: its compiled module, the current instance's glue module, a spare.
 * @typedef {{ build: Build, glueUrl: string, compiled: WebAssembly.Module | null, glue: any,
 *   spare: any, loading: Promise<void> | null, suspects: number }} Loaded
 */

/** @type {Loaded[]} the builds in the order they were loaded (the first that has an export serves it) */
const loaded = [];
/** @type {Map<Build, Promise<Loaded>>} */
const loads = new Map();
/** @type {Set<(build: Build, module: WebAssembly.Module) => void>} */
const buildListeners = new Set();
/** @type {Loaded | null} the build of the last export looked up (a trap is blamed on it) */
let last = null;

/** How many times an engine instance was re-instantiated after a trap. */
export let restarts = 0;
let depth = 0; // engine calls in progress (a getter may call the engine while it reads)

const inWorker = () => {
  const scope = /** @type {any} */ (globalThis);
  return typeof scope.WorkerGlobalScope !== 'undefined' && globalThis instanceof scope.WorkerGlobalScope;
};

/** The loaded build that serves export `name`, or null. */
function owner(name) {
  if (name === 'default') return null;
  for (const entry of loaded) if (entry.glue && entry.glue[name] !== undefined) return entry;
  return null;
}

/**
 * The engine's exports, looked up by name in the loaded builds (the first that has it). A name
 * no loaded build has is undefined.
 * @type {Engine}
 */
export const wasm = /** @type {any} */ (new Proxy({}, {
  get(_, name) {
    if (typeof name !== 'string') return undefined;
    const entry = owner(name);
    if (!entry) return undefined;
    last = entry;
    return entry.glue[name];
  },
  has(_, name) { return typeof name === 'string' && owner(name) !== null; },
}));

/**
 * The response www/boot.js asked for before the page's modules ran, if it is for `href`; null
 * otherwise, or if that request failed (the caller then fetches for itself). Either way the
 * slot is left `{ taken: true }`: should boot.js (an async script) run only now, it asks for
 * nothing, so the engine is never downloaded twice.
 * @returns {Promise<Response | null>}
 */
async function early(/** @type {string} */ href) {
  const scope = /** @type {any} */ (globalThis);
  const asked = scope.waterlineEarly;
  scope.waterlineEarly = { taken: true };
  if (!asked?.response || asked.url !== href) return null;
  return asked.response.catch(() => null);
}

/**
 * A build that could not be downloaded (no connection, the connection dropped, the server
 * answered an error): coded `engine_unavailable`, so that the page tries again (www/main.js)
 * rather than report a bug. A module that downloads but does not compile is not one.
 */
function unreachable(/** @type {Build} */ build, /** @type {any} */ cause, status = 0) {
  return Object.assign(new Error(`the engine build ${build} could not be downloaded (${status || String(cause?.message ?? cause)})`),
    { code: 'engine_unavailable', details: { build, ...(status ? { status } : {}) } });
}

async function compile(/** @type {Build} */ build) {
  const url = new URL(`${BUILDS[build]}waterline_bg.wasm`, import.meta.url);
  if (url.protocol === 'file:') { // Node (tests/node): no fetch of file URLs there
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  /** @type {Response} */
  let response;
  try { response = await early(url.href) ?? await fetch(url); } catch (e) { throw unreachable(build, e); }
  // A server error or "too many requests" may pass; a 404 (a deploy without this file) will not.
  if (response.status === 408 || response.status === 429 || response.status >= 500) throw unreachable(build, null, response.status);
  if (!response.ok) throw new Error(`the engine could not be loaded (${response.status})`);
  let bytes;
  try { bytes = await response.arrayBuffer(); } catch (e) { throw unreachable(build, e); } // the connection dropped
  return WebAssembly.compile(bytes);
}

/** Loads a spare instance: a fresh copy of the glue module (its own state) on the same module. */
function prepareSpare(/** @type {Loaded} */ entry, generation) {
  entry.loading ??= (async () => {
    const glue = await import(`${entry.glueUrl}?instance=${generation}`);
    await glue.default({ module_or_path: entry.compiled });
    entry.spare = glue;
    entry.loading = null;
  })().catch((e) => {
    entry.loading = null;
    console.error('waterline: a spare engine instance could not be made', e);
  });
  return entry.loading;
}

/**
 * Loads build `build` (once; later calls return the same promise): fetches and compiles it, or
 * takes `module` when given (the page's worker gets the page's compiled module, so the engine
 * is fetched and compiled once per page, not once per context).
 * @param {Build} build @param {WebAssembly.Module | null} [module]
 */
export function load(build, module = null) {
  if (!Object.hasOwn(BUILDS, build)) return Promise.reject(new Error(`no build ${build}`));
  let promise = loads.get(build);
  if (promise) return promise;
  // The slot is taken now, so that the order of the builds is the order they were asked for
  // (in the worker too, whichever instantiates first); it serves nothing until it is ready.
  /** @type {Loaded} */
  const entry = { build, glueUrl: new URL(`${BUILDS[build]}waterline.js`, import.meta.url).href,
    compiled: null, glue: null, spare: null, loading: null, suspects: 0 };
  loaded.push(entry);
  promise = (async () => {
    const fetched = () => Promise.all([module ?? compile(build), import(entry.glueUrl)]);
    // The worker shows nothing and is asked nothing again: it waits for its own downloads.
    const [compiled, glue] = await (inWorker() ? retrying(fetched) : fetched());
    // The worker gets the module before this context instantiates it, so that both instantiate
    // at once (the Survey's first result is computed there: issue 21 item 5).
    entry.compiled = compiled;
    for (const fn of buildListeners) fn(build, compiled);
    await glue.default({ module_or_path: compiled });
    entry.glue = glue;
    resolveReady();
    if (!sparesHeld) prepareSpare(entry, 1);
    if (build === 'whole') resolveWhole();
    return entry;
  })();
  // A failed load leaves no trace: the next `load(build)` tries again (www/main.js, `provide`).
  promise.catch(() => {
    loaded.splice(loaded.indexOf(entry), 1);
    if (loads.get(build) === promise) loads.delete(build);
  });
  loads.set(build, promise);
  // `ready` fails with the first build only for a reason other than a download (which is tried again).
  if (loads.size === 1) promise.catch((e) => { if (!failedDownload(e)) rejectReady(e); });
  return promise;
}

/**
 * While held, a loaded build gets no spare instance yet: a spare is a second copy of the glue
 * (`waterline.js?instance=1`, another request of 7–9 KiB gzipped), which the page need not wait
 * for before the opened area's first result (issue 21, tests/browser/first-load.test.mjs).
 */
let sparesHeld = false;
/** Defers the spare instances of the builds loaded from now on until `releaseSpares()`. */
export function holdSpares() { sparesHeld = true; }
/** Prepares a spare for every loaded build that has none, and for every build loaded later. */
export function releaseSpares() {
  sparesHeld = false;
  for (const entry of loaded) if (entry.compiled && !entry.spare) prepareSpare(entry, restarts + 1);
}

/** @type {() => void} */ let resolveReady;
/** @type {(e: any) => void} */ let rejectReady;
/** Resolves once a build is instantiated (the first to be; rejects if the first fails for another reason than its download). */
export const ready = new Promise((resolve, reject) => { resolveReady = () => resolve(undefined); rejectReady = reject; });
ready.catch(() => {}); // awaited by callers; unobserved in a page that never loads

/** Resolves once every build asked for so far is instantiated (the worker waits for it). */
export async function settled() {
  await ready;
  await Promise.all(loads.values());
}

/** @type {() => void} */ let resolveWhole;
/** Resolves once the whole engine (pkg/) is instantiated in this context. */
const wholeReady = new Promise((resolve) => { resolveWhole = () => resolve(undefined); });

/** Resolves once the whole engine is loaded in this context, by whichever caller asked for it. */
export const wholeLoaded = () => wholeReady;

/** True when a loaded build has export `name` (else `provide(name)` waits for the whole engine). */
export const has = (/** @type {string} */ name) => owner(name) !== null;

/**
 * Resolves once export `name` can be called: at once when a loaded build has it, else once the
 * whole engine is loaded. An area's own build leaves out the exports its page calls only on a
 * user's action (Cargo feature `deferred`: the Survey's streamed import, the Theory of change's
 * CSV imports; issue 21), which may come before the whole engine has arrived. The page starts
 * loading it (it would anyway, after the first result); the worker waits for the page to send it,
 * and the page sends such a job only once it has (jobs.js `runWith`). On the page it never
 * rejects: should the whole engine fail to load, calling `name` gives `call`'s
 * `engine_unavailable`, and each later `provide` tries the download again.
 * @param {string} name
 */
export async function provide(name) {
  if (owner(name)) return;
  if (inWorker()) await wholeReady;
  else await load('whole').catch(() => {});
}

/**
 * Resolves once export `name` can be called, without asking for any build: for what the page
 * shows by itself rather than on a user's action (the Survey's planning card), so that the whole
 * engine still loads after the opened area's first result (www/main.js), not before it.
 * @param {string} name
 */
export async function available(name) {
  if (!owner(name)) await wholeReady;
}

/**
 * `call`, after `provide(name)`: for the exports an area's build may leave out.
 * @template {string} K
 * @param {K} name
 * @param {...any} args
 * @returns {Promise<ReturnType<typeof call<K>>>}
 */
export async function callSoon(name, ...args) {
  await provide(name);
  return call(name, ...args);
}

/**
 * The error of a call to export `name`, which no loaded build has: `engine_unavailable` while
 * the whole engine is not loaded (its download failed or is still under way: the user is told
 * to check the connection), else `internal` (a name no build has: a bug).
 * @param {string} name
 * @returns {Failure}
 */
export function missing(name) {
  if (loaded.some((entry) => entry.build === 'whole' && entry.glue)) {
    return { code: 'internal', details: { name }, message: `no export ${name}` };
  }
  return { code: 'engine_unavailable', details: { name }, message: `${name} needs the rest of the engine, which is not loaded` };
}

/** The builds loaded so far, in order. */
export const builds = () => loaded.filter((entry) => entry.glue).map((entry) => entry.build);

/**
 * Calls fn(build, module) for every build already loaded (in order, now) and every one loaded
 * later: jobs.js hands each to the page's worker. Returns a function that stops the calls.
 * @param {(build: Build, module: WebAssembly.Module) => void} fn
 */
export function onBuild(fn) {
  for (const entry of loaded) if (entry.compiled) fn(entry.build, entry.compiled);
  buildListeners.add(fn);
  return () => buildListeners.delete(fn);
}

if (inWorker()) {
  // The page sends each build it compiled ({ engineModule, build }, jobs.js), in the order it
  // loaded them, before any job that needs it; a null module makes the worker load its own.
  globalThis.addEventListener('message', (/** @type {MessageEvent} */ event) => {
    // A hint ({ engineHint: build }, jobs.js `warm`) comes before the page has compiled that
    // build: the glue is imported now, so that `load` finds it in the module map.
    const hint = event.data?.engineHint;
    if (typeof hint === 'string' && Object.hasOwn(BUILDS, hint)) {
      import(new URL(`${BUILDS[/** @type {Build} */ (hint)]}waterline.js`, import.meta.url).href).catch(() => {});
      return;
    }
    if (!event.data || !('engineModule' in event.data)) return;
    const { engineModule, build = 'whole' } = event.data;
    // The page sends the opened area's build first and the whole engine after that area's first
    // result: the spares wait for the whole engine, as the page's do (www/main.js).
    if (build !== 'whole' && loads.size === 0) holdSpares();
    if (build === 'whole') releaseSpares();
    load(build, engineModule instanceof WebAssembly.Module ? engineModule : null).catch(() => {});
  });
} else if (typeof document === 'undefined') {
  // Node (tests/node, bench): the whole engine.
  load('whole').catch(() => {});
}

/** For tests and diagnostics: restarts so far and whether every build has a spare ready. */
export function health() {
  return { restarts, spare: loaded.length > 0 && loaded.every((entry) => entry.spare !== null) };
}

/**
 * Uncoded errors (wasm-bindgen's own, such as "recursive use of an object detected") are
 * thrown from inside WebAssembly and may each leak stack; after this many the instance is
 * replaced before it can trap.
 */
const MAX_SUSPECTS = 64;

/** Replaces the instance of `entry` by its spare. Returns false if no spare is ready yet. */
function recover(/** @type {Loaded} */ entry) {
  if (!entry.spare) {
    prepareSpare(entry, restarts + 2);
    return false;
  }
  entry.glue = entry.spare;
  entry.spare = null;
  entry.suspects = 0;
  restarts += 1;
  prepareSpare(entry, restarts + 1);
  return true;
}

/** A trap or a foreign error from inside the engine, as opposed to a coded engine error. */
export function isTrap(e) {
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return true;
  return !(e && typeof e === 'object' && typeof e.code === 'string');
}

/**
 * After an engine call at the top level ended with `error` (or with none): replaces the
 * instance of the build that served the call by a fresh one if a trap shows it is broken (or
 * too many uncoded errors make it suspect). Returns true if it was replaced (objects made by
 * the old instance are then gone). The worker calls this after each failed operation.
 */
export function recoverIfBroken(error) {
  const entry = last ?? loaded.find((e) => e.glue);
  if (depth > 0 || error === undefined || !entry) return false; // a nested call: its caller decides
  if (!(error instanceof WebAssembly.RuntimeError)) {
    if (!isTrap(error) || ++entry.suspects < MAX_SUSPECTS) return false;
  }
  return recover(entry);
}

/** Turns anything thrown by the engine into { code, details, message }. */
export function normalizeError(e) {
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    return { code: e.code, details: e.details ?? {}, message: String(e.message ?? '') };
  }
  // A trap (a bug: the engine must never panic) or a JS-side failure.
  let message = '';
  try { message = String(e?.message ?? e); } catch { /* a hostile value: no message */ }
  return { code: 'internal', details: {}, message };
}

/** @typedef {typeof import('../pkg/waterline.js')} Engine */
/** @typedef {{ code: string, details: Record<string, any>, message: string }} Failure */

/**
 * Calls export `name` of the engine with `args`; the value has the export's declared result
 * type (generated from the engine's Rust types), so a misspelt field is a tsc error.
 * (A name only known at run time gives `any`.)
 * @template {string} K
 * @param {K} name
 * @param {...any} args
 * @returns {{ ok: true, value: K extends keyof Engine ? (Engine[K & keyof Engine] extends (...a: any[]) => infer R ? R : never) : any, error?: undefined }
 *   | { ok: false, error: Failure, value?: undefined }}
 */
export function call(name, ...args) {
  const fn = /** @type {Record<string, any>} */ (/** @type {unknown} */ (wasm))[name];
  if (typeof fn !== 'function') return { ok: false, error: missing(name) };
  /** @type {any} */
  let outcome;
  let thrown;
  depth += 1;
  try {
    outcome = { ok: true, value: fn(...args) };
  } catch (e) {
    thrown = e;
    outcome = { ok: false, error: normalizeError(e) };
  } finally {
    depth -= 1;
  }
  if (recoverIfBroken(thrown) && !outcome.ok) {
    outcome.error.details = { ...outcome.error.details, restarted: 'yes' };
  }
  return outcome;
}

/** The engine's version string. */
export const version = () => call('version');
/** Wilson score interval for x of n. */
export const wilson = (x, n, options) => call('wilson', x, n, options);
