// The streaming import (#22): a file above the in-memory limits (128 MiB, or more than 250,000
// rows) is read in chunks by the worker (op `surveyStream`, 8 MiB a chunk) instead of being
// refused. Its mapping comes from the in-memory import of the file's first HEAD_BYTES (cut at
// the last line end), so detection, a saved mapping and the mapping editor work as for any
// file; the report is the streamed one (`ChunkedReport`: the whole report, as the in-memory
// import gives it on the same file).
import { call } from '../../engine.js';
import { runWith } from '../../jobs.js';
import { readFile } from './session.js';
import { forEngine } from './mapping.js';

/** The file's start read into memory for detection and the mapping (4 MiB). */
export const HEAD_BYTES = 4 * 1024 * 1024;

/** { memoryBytes, memoryRows, streamBytes, streamRows } from the engine (null before it loads). */
export function limits() {
  const r = call('surveyStreamLimits');
  return r.ok ? r.value : null;
}

/**
 * Bytes above which a file is streamed: the in-memory limit (128 MiB), or, for the browser
 * tests only, the `data-stream-above` attribute of <html> (a byte count) that the test harness
 * sets to keep its files small. Nothing in the page sets it.
 */
export function streamAbove() {
  const test = Number(document.documentElement.dataset.streamAbove);
  if (Number.isFinite(test) && test > 0) return test;
  return limits()?.memoryBytes ?? 128 * 1024 * 1024;
}

/** True when the in-memory import refused the file for its rows only (it is then streamed). */
export const tooManyRows = (error) => error?.code === 'too_large' && Number.isFinite(error.details?.rows) && !Number.isFinite(error.details?.bytes);

/**
 * The file's first HEAD_BYTES, cut after the last line end (a record may be cut otherwise), as a
 * Uint8Array: { ok, value } or { ok: false, error }.
 */
export async function readHead(/** @type {Blob} */ file, /** @type {{ signal?: AbortSignal }} */ { signal } = {}) {
  const r = await readFile(/** @type {File} */ (file.slice(0, HEAD_BYTES)), { signal });
  if (!r.ok || file.size <= HEAD_BYTES) return r;
  const bytes = r.value;
  const end = bytes.lastIndexOf(10);
  return { ok: true, value: end > 0 ? bytes.subarray(0, end + 1) : bytes };
}

/**
 * Streams `file` through the worker with `mapping` (as the engine gave it) and report `options`:
 * { ok, value: { report, rows, bytes, memoryBytes } } or { ok: false, error } ("cancelled" on
 * Cancel: the worker stops between chunks and keeps the survey on screen).
 */
export function streamReport(file, mapping, readOptions, options, /** @type {{ signal?: AbortSignal, onProgress?: (p: any) => void }} */ { signal, onProgress } = {}) {
  // Test-only, like `data-stream-above`: a smaller chunk (bytes, at least 64 KiB) so that a small
  // test file still arrives in several chunks. The page itself always uses the worker's 8 MiB.
  const chunkBytes = Number(document.documentElement.dataset.streamChunk) || undefined;
  // SurveyStream is not in the Survey area's own build (engine.js `provide`).
  return runWith('SurveyStream', 'surveyStream', { file, mapping: forEngine(mapping), readOptions, options, chunkBytes }, { signal, onProgress, cooperative: true });
}
