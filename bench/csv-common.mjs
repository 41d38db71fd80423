// What the CSV workload's contenders share, in Node (bench/csv-peers.mjs) and Chromium
// (bench/csv-page.mjs): per-column label counts and the checks that every contender's counts
// are equal. Plain ES module, no imports, so the page loads it as it is.

const agree = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
const acuerdo = ['Totalmente en desacuerdo', 'En desacuerdo', 'Ni de acuerdo ni en desacuerdo', 'De acuerdo', 'Totalmente de acuerdo'];
/** A scale label → its point (0–4), English and Spanish alike. */
const point = new Map([...agree.map((l, i) => [l, i]), ...acuerdo.map((l, i) => [l, i])]);

/** Per-column label counts of string rows (header first when `withHeader`). */
export function count(rows, withHeader) {
  const width = rows[0].length;
  const counts = Array.from({ length: width }, () => new Map());
  for (let r = withHeader ? 1 : 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < width; c++) {
      const m = counts[c];
      const v = row[c];
      m.set(v, (m.get(v) ?? 0) + 1);
    }
  }
  return counts;
}

/** The SQL DuckDB runs (native and wasm): every cell as text, unpivoted, counted. */
export const duckdbSql = (file) => `SELECT name, value, count(*)::INTEGER AS n FROM (UNPIVOT (SELECT * FROM read_csv('${file}', all_varchar = true, header = true)) ON COLUMNS(*) INTO NAME name VALUE value) GROUP BY ALL`;

const sameMaps = (a, b) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** Throws unless every peer in `results` ([{ name, value: Map[] }]) counts as the first does. */
export function checkPeers(results, header) {
  const reference = results[0].value;
  for (const r of results.slice(1)) {
    const bad = reference.findIndex((m, c) => !sameMaps(m, r.value[c]));
    if (bad >= 0) throw new Error(`${r.name} counts column ${header[bad]} differently from ${results[0].name}`);
  }
}

/** waterline: bytes → Survey → mapping and full report (as the page's worker does). */
export function waterlineReport(wl, bytes) {
  const survey = wl.Survey.fromBytes(bytes, null);
  try {
    const mapping = survey.mapping();
    const report = survey.report(null);
    return { mapping, byItem: new Map(report.items.map((it) => [it.item, it])) };
  } finally {
    survey.free();
  }
}

/**
 * Throws unless waterline's per-item distributions count as the peers (`reference`, Map[] by
 * column) on the 34 agreement items (a scale point counts its English and Spanish labels
 * together) and the community column; returns the number of columns checked (35).
 */
export function checkWaterline({ mapping, byItem }, reference, header) {
  let checked = 0;
  for (const column of mapping.columns) {
    const c = header.indexOf(column.header);
    const likert = column.header.startsWith('How much do you agree?');
    if (c < 0 || column.items.length !== 1 || !(likert || column.header === 'Community')) continue;
    const item = byItem.get(column.items[0]);
    const peer = new Map();
    for (const [label, n] of reference[c]) {
      const key = likert ? point.get(label) : label;
      peer.set(key, (peer.get(key) ?? 0) + n);
    }
    for (const d of item.distribution) {
      const key = likert ? point.get(d.label.en) : d.label.en;
      if (peer.get(key) !== d.count) throw new Error(`waterline counts ${column.header} / ${key} as ${d.count}, the peers ${peer.get(key)}`);
    }
    checked++;
  }
  if (checked !== 35) throw new Error(`checked ${checked} of waterline's columns, expected 35`);
  return checked;
}
