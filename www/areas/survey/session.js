// A survey kept in the module worker. The engine object lives there (large files are parsed off
// the main thread); the page holds its handle, the worker instance it belongs to, and what is
// needed to rebuild it (the CSV text, read options and the applied mapping): a cancelled job
// anywhere on the page restarts the worker, and the next call then re-creates the survey.
import { run } from '../../jobs.js';

const lost = (error) => error?.code === 'stale_handle' || error?.code === 'cancelled'
  || (error?.code === 'internal' && error.details?.workerStopped === true);

/**
 * Creates a Survey in the worker from a file's bytes (a Uint8Array: the engine detects the
 * encoding) or from CSV text: { ok, value: session } or { ok: false, error }.
 */
export async function open(text, readOptions, /** @type {{ signal?: AbortSignal }} */ { signal } = {}) {
  const ctor = text instanceof Uint8Array ? 'fromBytes' : undefined;
  // The worker is shared: another area cancelling its own job restarts it and fails every job
  // in flight (ours too). Unless this job was the one cancelled, it is simply run again.
  for (let attempt = 0; ; attempt++) {
    const [inst, made] = await Promise.all([
      run('instance', {}),
      run('create', { cls: 'Survey', ctor, args: [text, readOptions ?? null] }, { signal }),
    ]);
    const failed = !made.ok ? made : !inst.ok ? inst : null;
    if (failed && lost(failed.error) && !signal?.aborted && attempt < 2) continue;
    if (failed) return failed;
    return { ok: true, value: { handle: made.value, instance: inst.value, text, readOptions: readOptions ?? null, mapping: null } };
  }
}

async function rebuild(session, /** @type {{ signal?: AbortSignal }} */ { signal } = {}) {
  const fresh = await open(session.text, session.readOptions, { signal });
  if (!fresh.ok) return fresh;
  Object.assign(session, { handle: fresh.value.handle, instance: fresh.value.instance });
  if (session.mapping) {
    const r = await run('checked', { instance: session.instance, op: 'invoke', args: { handle: session.handle, method: 'setMapping', args: [session.mapping] } }, { signal });
    if (!r.ok) return r;
  }
  return { ok: true };
}

/**
 * Calls `method(...args)` on the survey. If the worker was restarted since (the survey is gone),
 * rebuilds it and tries once more. `onRebuild()` is called before a rebuild (it can take a while).
 */
export async function invoke(session, method, args = [], /** @type {{ signal?: AbortSignal, onRebuild?: () => void }} */ { signal, onRebuild } = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await run('checked', { instance: session.instance, op: 'invoke', args: { handle: session.handle, method, args } }, { signal });
    if (r.ok || !lost(r.error) || signal?.aborted) return r;
    onRebuild?.();
    const b = await rebuild(session, { signal });
    if (!b.ok && (!lost(b.error) || signal?.aborted)) return b;
  }
  return { ok: false, error: { code: 'internal', details: {}, message: 'the worker kept restarting' } };
}

/** Applies a mapping; on success remembers it for rebuilds. */
export async function setMapping(session, mapping, options) {
  const r = await invoke(session, 'setMapping', [mapping], options);
  if (r.ok) session.mapping = mapping;
  return r;
}

/** Frees the survey in the worker (only in the instance that made it). */
export function close(session) {
  if (session) run('checked', { instance: session.instance, op: 'drop', args: { handle: session.handle } });
}

/** Reads a File in the worker with progress: { ok, value: bytes } (a Uint8Array, undecoded). */
export const readFile = (/** @type {File} */ file, /** @type {{ onProgress?: (p: any) => void, signal?: AbortSignal }} */ { onProgress, signal } = {}) => run('readBytes', { file }, { onProgress, signal });

/**
 * The survey's CSV as text (for a project file): bytes are decoded with the encoding the engine
 * reported (`issues().encoding.name`; the browser's TextDecoder is the same WHATWG decoder).
 */
export function csvText(session, encoding) {
  const src = session?.text;
  if (!(src instanceof Uint8Array)) return src;
  return new TextDecoder(encoding ?? 'utf-8').decode(src);
}
