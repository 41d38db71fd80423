// Runs long work in the module worker (worker.js) with progress and cancellation. If the
// worker dies (a trap would kill the engine instance) or a job is cancelled, the worker is
// terminated and a fresh one is started for the next job; the page itself keeps working.

import { has, missing, onBuild, provide } from './engine.js';
import { retrying } from './retry.js';

/** The worker's module: the source here, `worker.app.js` in the page's bundle (scripts/bundle.mjs defines it). */
const WORKER_FILE = /** @type {any} */ (globalThis).WATERLINE_WORKER ?? './worker.js';

let worker = null;
let unsubscribe = () => {};
let nextId = 1;
const pending = new Map();
/** How long a cooperative job may take to stop after Cancel before the worker is restarted. */
const COOPERATIVE_GRACE_MS = 5000;

function spawn() {
  worker = new Worker(new URL(WORKER_FILE, import.meta.url), { type: 'module' });
  // Each build the page compiled goes first, in the order the page loaded it (and each one it
  // loads later, as it does), so the worker uses the same builds and neither fetches nor
  // compiles them again (engine.js; a job only ever needs a build the page has loaded).
  const spawned = worker;
  unsubscribe = onBuild((build, module) => spawned.postMessage({ engineModule: module, build }));
  let started = false; // the worker's modules ran (it says so first: worker.js)
  worker.addEventListener('message', (event) => {
    if (event.data?.started) { started = true; return; }
    const { id, progress, ok, value, error } = event.data;
    const job = pending.get(id);
    if (!job) return;
    if (progress) return job.onProgress?.(progress);
    pending.delete(id);
    ok ? job.resolve({ ok: true, value }) : job.resolve({ ok: false, error });
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    // A worker whose script (or one of its modules) could not be downloaded never started and
    // fires a plain Event; one that ran and died, an ErrorEvent with the exception's message.
    if (!started && !(typeof ErrorEvent === 'function' && event instanceof ErrorEvent)) return restart(UNREACHABLE);
    restart({ code: 'internal', details: { workerStopped: true }, message: `the worker stopped: ${event.message ?? ''}` });
  });
}

/**
 * Starts the worker now, before its first job, and names the engine build the page is
 * loading, so that the worker's modules and that build's glue arrive while the engine itself
 * downloads. Issue 21 item 5: the Survey area's first result is computed in the worker; started
 * by that first job, the worker's three requests in a row came after the engine, about 0.5 s on
 * a slow phone (bench/throttled.mjs).
 * @param {import('./engine.js').Build} build
 */
export function warm(build) {
  if (!worker) spawn();
  worker.postMessage({ engineHint: build });
}

/** The error of a cancelled job (a new object each time: callers may add to it). */
const cancelled = () => ({ code: 'cancelled', details: {}, message: 'cancelled' });

/** The error of the jobs of a worker that could not be downloaded (they never ran). */
const UNREACHABLE = Object.freeze({ code: 'engine_unavailable', details: Object.freeze({ worker: 'unreachable' }), message: 'the worker could not be downloaded' });

/** @type {((waiting: boolean) => void) | null} */
let downloadWait = null;
/** How many jobs wait for the worker's download now. */
let waitingJobs = 0;
/**
 * Tells `fn(true)` when jobs start waiting because the worker could not be downloaded (it is
 * tried again: retry.js), and `fn(false)` once none waits (www/main.js shows it in the status).
 * @param {(waiting: boolean) => void} fn
 */
export function onDownloadWait(fn) { downloadWait = fn; }

/** Terminates the worker, failing every pending job with `error`, and starts a new one lazily. */
function restart(error) {
  worker?.terminate();
  unsubscribe();
  worker = null;
  for (const job of pending.values()) job.resolve({ ok: false, error });
  pending.clear();
}

/**
 * Runs `op` with `args` in the worker. Resolves to { ok, value } or { ok: false, error }
 * (never rejects). `onProgress({ stage, done, total })` is called as work advances; aborting
 * `signal` cancels the job (error code "cancelled"). With `cooperative` (an op that checks
 * `cancelled()` between steps, e.g. `surveyStream`), Cancel asks the worker to stop instead of
 * restarting it, so the objects it keeps (the survey on screen) survive; the job resolves as
 * cancelled at once, and should the worker not answer within `COOPERATIVE_GRACE_MS`, it is
 * restarted as for any other job.
 */
/** @param {string} op @param {any} args
 * @param {{ onProgress?: (p: { stage: string, done: number, total: number }) => void, signal?: AbortSignal, transfer?: Transferable[], cooperative?: boolean }} [options]
 * @returns {Promise<any>} */
export async function run(op, args, options = {}) {
  // A job the worker never ran because it could not be downloaded runs again once it can
  // (retry.js) — unless it handed over its buffers (`transfer`): they went with the dead worker,
  // so it answers `engine_unavailable` and the user tries again. Cancel ends the wait.
  const { signal } = options;
  let waited = false;
  try {
    const r = await retrying(async () => {
      if (signal?.aborted) return { ok: false, error: cancelled() };
      const once = await runOnce(op, args, options);
      if (!once.ok && once.error === UNREACHABLE && !options.transfer?.length && !signal?.aborted) {
        throw Object.assign(new Error(UNREACHABLE.message), { code: UNREACHABLE.code });
      }
      return once;
    }, {
      waiting: () => { if (!waited && waitingJobs++ === 0) downloadWait?.(true); waited = true; },
      sooner: () => new Promise((resume) => signal?.addEventListener('abort', resume, { once: true })),
    });
    if (signal?.aborted && !r.ok) return { ok: false, error: cancelled() };
    return r.ok || r.error !== UNREACHABLE ? r : { ok: false, error: { ...UNREACHABLE, details: { ...UNREACHABLE.details } } };
  } finally {
    if (waited && --waitingJobs === 0) downloadWait?.(false);
  }
}

/** One attempt of `run`. @param {string} op @param {any} args @param {Parameters<typeof run>[2]} [options] */
function runOnce(op, args, { onProgress, signal, transfer = [], cooperative = false } = {}) {
  if (!worker) spawn();
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve, onProgress });
    signal?.addEventListener('abort', () => {
      if (!pending.has(id)) return;
      if (!cooperative) return restart(cancelled());
      const job = pending.get(id);
      const mine = worker;
      // The worker's answer (its "cancelled" error) then finds no pending job and is dropped.
      job.resolve({ ok: false, error: cancelled() });
      pending.set(id, { resolve: () => clearTimeout(grace), onProgress: null });
      mine.postMessage({ cancel: id });
      const grace = setTimeout(() => { if (pending.has(id) && worker === mine) restart(cancelled()); }, COOPERATIVE_GRACE_MS);
    }, { once: true });
    worker.postMessage({ id, op, args }, transfer);
  });
}

/**
 * `run`, for a job that calls engine export `name`, which the opened area's own build may leave
 * out (engine.js `provide`: Cargo feature `deferred`). The page asks for the whole engine first
 * and sends the job once it is loaded (the worker has it by then); should it fail to load, the
 * job is answered here with `call`'s `engine_unavailable` rather than left waiting in the worker.
 * @param {string} name @param {string} op @param {any} args
 * @param {Parameters<typeof run>[2]} [options]
 * @returns {Promise<any>}
 */
export async function runWith(name, op, args, options = {}) {
  await provide(name);
  if (options.signal?.aborted) return { ok: false, error: cancelled() };
  if (!has(name)) return { ok: false, error: missing(name) };
  return run(op, args, options);
}
