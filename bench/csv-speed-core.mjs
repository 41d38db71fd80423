// The contenders of bench/csv-speed.mjs (issue #21 item 2), shared by Node and the Chromium
// page: waterline's parse (Survey.fromBytes: encoding check, CSV, every column's label counts,
// the detected mapping and its dataset) and W5 (the same, then mapping and full report), this
// build and, when given, a previous build (`old`), against uDSV (and DuckDB-wasm in Chromium)
// parsing and counting every label of every column. Timed round by round, each contender once
// per round in turn, so the shared machine's load falls on all alike. Counts checked equal.
import { count, checkPeers, waterlineReport, checkWaterline } from './csv-common.mjs';
import { surveyCsv } from './domains.mjs';

/** Runs the contenders; returns { bytes, rows: [{ name, ms, times }], checked }. */
export async function runSpeed({ wl, old, inferSchema, initParser, extra = [], runs = 5 }) {
  const csv = surveyCsv(100_000);
  const bytes = new TextEncoder().encode(csv);
  const header = csv.slice(0, csv.indexOf('\n')).split(',');
  const parse = (w) => () => { w.Survey.fromBytes(bytes, null).free(); };
  const contenders = [
    { name: 'waterline parse (Survey.fromBytes)', fn: parse(wl) },
    old && { name: 'previous build: parse', fn: parse(old) },
    { name: 'uDSV: parse + count', fn: () => count(initParser(inferSchema(csv)).stringArrs(csv), false), peer: true },
    ...extra.map((e) => ({ ...e, peer: true })),
    { name: 'waterline W5 (bytes → mapping → full report)', fn: () => waterlineReport(wl, bytes), w5: true },
    old && { name: 'previous build: W5', fn: () => waterlineReport(old, bytes), w5: true },
  ].filter(Boolean);
  const out = contenders.map((c) => ({ ...c, times: [], value: null }));
  for (let i = 0; i < runs; i++) {
    for (const c of out) {
      const input = c.prepare ? await c.prepare(bytes) : undefined;
      const t0 = performance.now();
      c.value = await c.fn(input);
      c.times.push(performance.now() - t0);
    }
  }
  const peers = out.filter((c) => c.peer);
  checkPeers(peers, header);
  let checked = 0;
  for (const c of out.filter((c) => c.w5)) checked = checkWaterline(c.value, peers[0].value, header);
  const rows = out.map(({ name, times }) => ({ name, times, ms: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)], min: Math.min(...times) }));
  return { bytes: bytes.length, rows, checked };
}

/** Markdown table of a run: median ms, MB/s and the ratio to the first row. */
export function table({ bytes, rows, checked }, title) {
  const mb = bytes / 1e6;
  const lines = [title, '| contender | ms (median) | fastest | MB/s (median) | ÷ waterline parse (median) |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.ms.toFixed(0)} | ${r.min.toFixed(0)} | ${(mb / (r.ms / 1000)).toFixed(0)} | ${(r.ms / rows[0].ms).toFixed(2)} |`);
  lines.push(`counts equal: peers on all 40 columns; waterline W5 on ${checked} columns`);
  return lines.join('\n');
}
