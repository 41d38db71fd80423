// The only module that imports the engine (../pkg/waterline.js). Everything else in the page
// calls the engine through these wrappers, which never throw: they return
// { ok: true, value } or { ok: false, error: { code, details, message } }.
//
// Health check: the engine never panics on input and reads every argument with catching calls,
// but should a call still end in a trap (a bug: "unreachable", "memory access out of bounds"),
// that instance is unusable. It is then replaced by a fresh instance of the same compiled
// module, kept ready as a spare, so the next call works. The page's state lives in
// JavaScript and is untouched; engine objects made by the old instance (a Survey) are gone.
import init, * as first from '../pkg/waterline.js';

const GLUE = new URL('../pkg/waterline.js', import.meta.url).href;
const WASM = new URL('../pkg/waterline_bg.wasm', import.meta.url);

/** The current instance's JavaScript module (a live binding: it changes after a recovery). */
export let wasm = first;
/** How many times the engine was re-instantiated after a trap. */
export let restarts = 0;

let compiled = null; // the WebAssembly.Module, compiled once
let suspects = 0; // uncoded errors from the current instance since it was made
let spare = null; // a fresh glue module, instantiated, ready to take over (null while it loads)
let loading = null; // the promise of the next spare
let depth = 0; // engine calls in progress (a getter may call the engine while it reads)

/**
 * In the page's worker, the page sends the module it compiled as the worker's first message
 * ({ engineModule }, jobs.js), so the engine is fetched and compiled once per page, not once
 * per context (a WebAssembly.Module crosses postMessage without copying or recompiling).
 * Resolves to that module, or null when there is none to wait for.
 */
function moduleFromPage() {
  const scope = /** @type {any} */ (globalThis);
  if (typeof scope.WorkerGlobalScope === 'undefined' || !(globalThis instanceof scope.WorkerGlobalScope)) return null;
  return new Promise((resolve) => {
    const take = (/** @type {MessageEvent} */ event) => {
      if (!event.data || !('engineModule' in event.data)) return;
      scope.removeEventListener('message', take);
      resolve(event.data.engineModule instanceof WebAssembly.Module ? event.data.engineModule : null);
    };
    scope.addEventListener('message', take);
  });
}

async function compile() {
  const sent = await moduleFromPage();
  if (sent) return sent;
  if (WASM.protocol === 'file:') { // Node (tests/node): no fetch of file URLs there
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(WASM));
  }
  const response = await fetch(WASM);
  if (!response.ok) throw new Error(`the engine could not be loaded (${response.status})`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Loads a spare instance: a fresh copy of the glue module (its own state) on the same module. */
function prepareSpare(generation) {
  loading ??= (async () => {
    const glue = await import(`${GLUE}?instance=${generation}`);
    await glue.default({ module_or_path: compiled });
    spare = glue;
    loading = null;
  })().catch((e) => {
    loading = null;
    console.error('waterline: a spare engine instance could not be made', e);
  });
  return loading;
}

/** The compiled engine, for the page's worker (jobs.js); resolves after `ready`. */
export async function compiledModule() {
  await ready;
  return compiled;
}

/** Resolves once the WebAssembly module is instantiated. */
export const ready = (async () => {
  compiled = await compile();
  await init({ module_or_path: compiled });
  prepareSpare(1);
})();

/** For tests and diagnostics: restarts so far and whether a spare instance is ready. */
export function health() {
  return { restarts, spare: spare !== null };
}

/**
 * Uncoded errors (wasm-bindgen's own, such as "recursive use of an object detected") are
 * thrown from inside WebAssembly and may each leak stack; after this many the instance is
 * replaced before it can trap.
 */
const MAX_SUSPECTS = 64;

/** Replaces the instance by the spare. Returns false if no spare is ready yet. */
function recover() {
  if (!spare) {
    prepareSpare(restarts + 2);
    return false;
  }
  wasm = spare;
  spare = null;
  suspects = 0;
  restarts += 1;
  prepareSpare(restarts + 1);
  return true;
}

/** A trap or a foreign error from inside the engine, as opposed to a coded engine error. */
export function isTrap(e) {
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return true;
  return !(e && typeof e === 'object' && typeof e.code === 'string');
}

/**
 * After an engine call at the top level ended with `error` (or with none): replaces the
 * instance by a fresh one if a trap shows it is broken (or too many uncoded errors make it
 * suspect). Returns true if it was replaced (objects made by the old instance are then gone).
 * The worker calls this after each failed operation.
 */
export function recoverIfBroken(error) {
  if (depth > 0 || error === undefined) return false; // a nested call: its caller decides
  if (!(error instanceof WebAssembly.RuntimeError)) {
    if (!isTrap(error) || ++suspects < MAX_SUSPECTS) return false;
  }
  return recover();
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
  const fn = /** @type {Record<string, any>} */ (wasm)[name];
  if (typeof fn !== 'function') {
    return { ok: false, error: { code: 'internal', details: { name }, message: `no export ${name}` } };
  }
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
