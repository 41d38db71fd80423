// Trying a download again (issue 21): on a first visit over a rural connection, the page's
// second step — the whole engine, the other areas' modules, the other language's strings —
// may fail half way, before the offline cache has them. What failed only because of the
// network is tried again, by itself; anything else (a module that does not compile, a bug)
// is not. Nothing here touches the page: callers say what the user sees meanwhile.

/** The first and the longest wait before another attempt (it doubles in between), ms. */
const RETRY_MS = { first: 2000, longest: 60000 };

/**
 * True for an error that a download failing explains: the engine's `engine_unavailable`
 * (engine.js) or a dynamic `import()` whose module could not be fetched (a `TypeError` in every
 * browser: "Failed to fetch dynamically imported module", "error loading dynamically imported
 * module", "Importing a module script failed").
 * @param {any} e
 */
export function failedDownload(e) {
  if (e?.code === 'engine_unavailable') return true;
  return e instanceof TypeError && /dynamically imported module|importing a module script failed|failed to fetch/i.test(String(e.message));
}

/**
 * Runs `attempt` until it succeeds and returns its value. After a failed download
 * (`failedDownload`) it calls `waiting(error)` and tries again when the browser is back online,
 * when `sooner` resolves (the same thing done for a user's action), or after a wait that
 * doubles from 2 s to a minute. Any other failure is thrown.
 * @template T
 * @param {() => Promise<T>} attempt
 * @param {{ waiting?: (error: any) => void, sooner?: () => Promise<unknown> }} [options]
 * @returns {Promise<T>}
 */
export async function retrying(attempt, { waiting = () => {}, sooner } = {}) {
  for (let wait = RETRY_MS.first; ; wait = Math.min(2 * wait, RETRY_MS.longest)) {
    try {
      return await attempt();
    } catch (e) {
      if (!failedDownload(e)) throw e;
      console.warn('waterline: a download failed; trying again', e);
      waiting(e);
      await new Promise((resume) => {
        const again = () => { clearTimeout(timer); globalThis.removeEventListener?.('online', again); resume(undefined); };
        const timer = setTimeout(again, wait);
        globalThis.addEventListener?.('online', again);
        sooner?.().then(again, () => {});
      });
    }
  }
}
