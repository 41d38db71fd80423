// The CSV workload in Chromium (bench/csv-browser.mjs opens this page): the same file as
// bench/csv-peers.mjs, each contender timed on the page's main thread, in turn round by round (DuckDB-wasm in its own
// worker, as it must run), every contender's counts checked equal. Sets window.__results.
import init, * as wl from '/pkg/waterline.js';
import { inferSchema, initParser, csvParseRows, duckdb, Papa } from '/bench/out/csv-libs.mjs';
import { surveyCsv } from './domains.mjs';
import { count, duckdbSql, checkPeers, waterlineReport, checkWaterline } from './csv-common.mjs';

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs') ?? 3);
const DIST = '/node_modules/@duckdb/duckdb-wasm/dist/';

/**
 * Times the contenders ({ name, fn, prepare? }) round by round, each once per round in turn
 * (so a change in the shared machine's load falls on all of them alike); `prepare` runs untimed
 * before each call and its result is `fn`'s argument. Returns [{ name, ms (median), times, value }].
 */
async function timeRounds(contenders) {
  const out = contenders.map(({ name }) => ({ name, times: [], value: null }));
  for (let i = 0; i < RUNS; i++) {
    for (const [k, c] of contenders.entries()) {
      const input = c.prepare ? await c.prepare() : undefined;
      const t0 = performance.now();
      out[k].value = await c.fn(input);
      out[k].times.push(performance.now() - t0);
    }
  }
  for (const o of out) o.ms = [...o.times].sort((a, b) => a - b)[Math.floor(o.times.length / 2)];
  return out;
}

try {
  await init();
  const csv = surveyCsv(100_000);
  const bytes = new TextEncoder().encode(csv);
  const header = csv.slice(0, csv.indexOf('\n')).split(',');
  // What the JS peers would pay first on a File's bytes (they parse text); not in their times.
  const t00 = performance.now();
  new TextDecoder().decode(bytes);
  const decodeMs = performance.now() - t00;

  // DuckDB-wasm, the eh bundle (wasm exceptions, one thread: the threaded coi bundle needs
  // cross-origin isolation). Start-up (worker, 34 MB wasm) is not timed; each timed run hands
  // it the bytes (a fresh copy, transferred: the copy is made untimed), queries, reads counts.
  const worker = new Worker(`${DIST}duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const t0 = performance.now();
  await db.instantiate(`${DIST}duckdb-eh.wasm`);
  const duckdbStartMs = performance.now() - t0;
  const duckdbVersion = await db.getVersion();
  const conn = await db.connect();
  let n = 0;
  const [ours, ...results] = await timeRounds([
    { name: 'waterline', fn: () => waterlineReport(wl, bytes) },
    { name: 'uDSV', fn: () => count(initParser(inferSchema(csv)).stringArrs(csv), false) },
    { name: 'PapaParse', fn: () => count(Papa.parse(csv, { skipEmptyLines: true }).data, true) },
    { name: 'd3-dsv', fn: () => count(csvParseRows(csv), true) },
    { name: 'DuckDB-wasm', prepare: async () => bytes.slice(), fn: async (copy) => {
      const file = `survey${n++}.csv`;
      await db.registerFileBuffer(file, copy);
      const table = await conn.query(duckdbSql(file));
      const counts = header.map(() => new Map());
      const [names, values, ns] = ['name', 'value', 'n'].map((c) => table.getChild(c).toArray());
      for (let i = 0; i < table.numRows; i++) counts[header.indexOf(String(names[i]))].set(String(values[i]), Number(ns[i]));
      await db.dropFile(file);
      return counts;
    } },
  ]);
  await conn.close();
  await db.terminate();

  checkPeers(results, header);
  const checked = checkWaterline(ours.value, results[0].value, header);
  const strip = ({ value, ...rest }) => rest;
  window.__results = {
    bytes: bytes.length, runs: RUNS, checked, decodeMs, duckdbStartMs, duckdbVersion,
    waterline: strip(ours), peers: results.map(strip),
  };
} catch (e) {
  window.__results = { error: String(e?.stack ?? e) };
}
document.getElementById('status').textContent = 'done';
