// Runs long work in the module worker (worker.js) with progress and cancellation. If the
// worker dies (a trap would kill the engine instance) or a job is cancelled, the worker is
// terminated and a fresh one is started for the next job; the page itself keeps working.

import { compiledModule } from './engine.js';

let worker = null;
let nextId = 1;
const pending = new Map();

function spawn() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  // The engine the page already compiled goes first, so the worker neither fetches nor
  // compiles it again (engine.js waits for it; null makes the worker load its own).
  const spawned = worker;
  compiledModule().then((module) => spawned.postMessage({ engineModule: module }),
    () => spawned.postMessage({ engineModule: null }));
  worker.addEventListener('message', (event) => {
    const { id, progress, ok, value, error } = event.data;
    const job = pending.get(id);
    if (!job) return;
    if (progress) return job.onProgress?.(progress);
    pending.delete(id);
    ok ? job.resolve({ ok: true, value }) : job.resolve({ ok: false, error });
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    restart({ code: 'internal', details: { workerStopped: true }, message: `the worker stopped: ${event.message ?? ''}` });
  });
}

/** Terminates the worker, failing every pending job with `error`, and starts a new one lazily. */
function restart(error) {
  worker?.terminate();
  worker = null;
  for (const job of pending.values()) job.resolve({ ok: false, error });
  pending.clear();
}

/**
 * Runs `op` with `args` in the worker. Resolves to { ok, value } or { ok: false, error }
 * (never rejects). `onProgress({ stage, done, total })` is called as work advances; aborting
 * `signal` cancels the job (error code "cancelled").
 */
/** @param {string} op @param {any} args
 * @param {{ onProgress?: (p: { stage: string, done: number, total: number }) => void, signal?: AbortSignal, transfer?: Transferable[] }} [options] */
export function run(op, args, { onProgress, signal, transfer = [] } = {}) {
  if (!worker) spawn();
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve, onProgress });
    signal?.addEventListener('abort', () => {
      if (pending.has(id)) restart({ code: 'cancelled', details: {}, message: 'cancelled' });
    }, { once: true });
    worker.postMessage({ id, op, args }, transfer);
  });
}
