// The only module that imports the engine (../pkg/waterline.js). Everything else in the page
// calls the engine through these wrappers, which never throw: they return
// { ok: true, value } or { ok: false, error: { code, details, message } }.
import init, * as wasm from '../pkg/waterline.js';

/** Resolves once the WebAssembly module is instantiated. */
export const ready = init();

/** Turns anything thrown by the engine into { code, details, message }. */
export function normalizeError(e) {
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    return { code: e.code, details: e.details ?? {}, message: String(e.message ?? '') };
  }
  // A trap (a bug: the engine must never panic) or a JS-side failure.
  return { code: 'internal', details: {}, message: String(e?.message ?? e) };
}

/** Calls export `name` of the engine with `args`. */
export function call(name, ...args) {
  const fn = wasm[name];
  if (typeof fn !== 'function') {
    return { ok: false, error: { code: 'internal', details: { name }, message: `no export ${name}` } };
  }
  try {
    return { ok: true, value: fn(...args) };
  } catch (e) {
    return { ok: false, error: normalizeError(e) };
  }
}

/** The engine's version string. */
export const version = () => call('version');
/** Wilson score interval for x of n. */
export const wilson = (x, n, options) => call('wilson', x, n, options);

/** The raw module, for classes (stateful objects such as a loaded survey). */
export { wasm };
