// Runs the workloads: one warm-up, then `runs` timed runs per contender; reports the median.
// For waterline, the time to pass the same arrays across the boundary (`boundaryCopy`) is
// measured too, and compute-only time = total − copy.
import { median, workloads } from './workloads.mjs';

const now = () => performance.now();

function time(fn, runs) {
  fn(); // warm-up
  const times = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    value = fn();
    times.push(now() - t0);
  }
  return { ms: median(times), times, value };
}

/** Returns [{ id, name, size, contenders: [{ name, ms, computeMs, copyMs, value, note, missing }] }]. */
export function runSuite(env, data, { runs = 5, only = null } = {}) {
  const results = [];
  for (const w of workloads(env)) {
    if (only && !only.includes(w.id)) continue;
    const row = { id: w.id, name: w.name, size: w.size, contenders: [] };
    for (const c of w.contenders) {
      if (c.missing || !c.run) { row.contenders.push({ name: c.name, missing: c.missing ?? 'not available' }); continue; }
      try {
        const total = time(() => c.run(data), runs);
        const entry = { name: c.name, ms: total.ms, times: total.times, value: total.value, note: c.note ?? null };
        if (c.copy) {
          const copy = time(c.copy(data), runs);
          entry.copyMs = copy.ms;
          entry.computeMs = Math.max(0, total.ms - copy.ms);
        }
        row.contenders.push(entry);
      } catch (e) {
        row.contenders.push({ name: c.name, missing: `failed: ${e.code ?? ''} ${e.message ?? e}` });
      }
    }
    results.push(row);
  }
  return results;
}
