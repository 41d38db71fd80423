// Runs the workloads: each contender once as a warm-up, then `runs` rounds in which every
// contender of the workload runs once in turn (so a change in the shared machine's load falls
// on all of them alike); reports the median. For waterline, the time to pass the same arrays
// across the boundary (`boundaryCopy`) is timed in the same rounds, and compute-only time =
// total − copy.
import { median, workloads } from './workloads.mjs';

const now = () => performance.now();

function once(fn) {
  const t0 = now();
  const value = fn();
  return { ms: now() - t0, value };
}

/** Returns [{ id, name, size, contenders: [{ name, ms, computeMs, copyMs, value, note, missing }] }]. */
export function runSuite(env, data, { runs = 5, only = null } = {}) {
  const results = [];
  for (const w of workloads(env)) {
    if (only && !only.includes(w.id)) continue;
    const row = { id: w.id, name: w.name, size: w.size, contenders: [] };
    const live = [];
    for (const c of w.contenders) {
      if (c.missing || !c.run) { row.contenders.push({ name: c.name, missing: c.missing ?? 'not available' }); continue; }
      const entry = { name: c.name, times: [], value: undefined, note: c.note ?? null };
      row.contenders.push(entry);
      const run = () => c.run(data);
      const copy = c.copy ? c.copy(data) : null;
      try {
        run(); // warm-up
        copy?.();
        live.push({ entry, run, copy, copyTimes: [] });
      } catch (e) {
        Object.assign(entry, { missing: `failed: ${e.code ?? ''} ${e.message ?? e}` });
      }
    }
    for (let i = 0; i < runs; i++) {
      for (const l of live) {
        if (l.entry.missing) continue;
        try {
          const t = once(l.run);
          l.entry.times.push(t.ms);
          l.entry.value = t.value;
          if (l.copy) l.copyTimes.push(once(l.copy).ms);
        } catch (e) {
          l.entry.missing = `failed: ${e.code ?? ''} ${e.message ?? e}`;
        }
      }
    }
    for (const { entry, copyTimes } of live) {
      if (entry.missing) continue;
      entry.ms = median(entry.times);
      if (copyTimes.length) {
        entry.copyMs = median(copyTimes);
        entry.computeMs = Math.max(0, entry.ms - entry.copyMs);
      }
    }
    results.push(row);
  }
  return results;
}
