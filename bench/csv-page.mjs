// The CSV workload in Chromium (bench/csv-browser.mjs opens this page): the same file as
// bench/csv-peers.mjs, each contender timed on the page's main thread (DuckDB-wasm in its own
// worker, as it must run), every contender's counts checked equal. Sets window.__results.
import init, * as wl from '/pkg/waterline.js';
import { inferSchema, initParser, csvParseRows, duckdb, Papa } from '/bench/out/csv-libs.mjs';
import { surveyCsv } from './domains.mjs';
import { count, duckdbSql, checkPeers, waterlineReport, checkWaterline } from './csv-common.mjs';

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs') ?? 3);
const DIST = '/node_modules/@duckdb/duckdb-wasm/dist/';

/** Median time of `runs` calls of `fn` (async allowed); `prepare` runs untimed before each. */
async function time(fn, prepare = async () => undefined) {
  const times = [];
  let value;
  for (let i = 0; i < RUNS; i++) {
    const input = await prepare();
    const t0 = performance.now();
    value = await fn(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], times, value };
}

try {
  await init();
  const csv = surveyCsv(100_000);
  const bytes = new TextEncoder().encode(csv);
  const header = csv.slice(0, csv.indexOf('\n')).split(',');
  const results = [];
  // What the JS peers would pay first on a File's bytes (they parse text); not in their times.
  const decode = await time(() => new TextDecoder().decode(bytes).length);
  results.push({ name: 'uDSV', ...await time(() => count(initParser(inferSchema(csv)).stringArrs(csv), false)) });
  results.push({ name: 'PapaParse', ...await time(() => count(Papa.parse(csv, { skipEmptyLines: true }).data, true)) });
  results.push({ name: 'd3-dsv', ...await time(() => count(csvParseRows(csv), true)) });

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
  const duck = await time(async (copy) => {
    const file = `survey${n++}.csv`;
    await db.registerFileBuffer(file, copy);
    const table = await conn.query(duckdbSql(file));
    const counts = header.map(() => new Map());
    const [names, values, ns] = ['name', 'value', 'n'].map((c) => table.getChild(c).toArray());
    for (let i = 0; i < table.numRows; i++) counts[header.indexOf(String(names[i]))].set(String(values[i]), Number(ns[i]));
    await db.dropFile(file);
    return counts;
  }, async () => bytes.slice());
  results.push({ name: 'DuckDB-wasm', ...duck });
  await conn.close();
  await db.terminate();

  const ours = await time(() => waterlineReport(wl, bytes));
  checkPeers(results, header);
  const checked = checkWaterline(ours.value, results[0].value, header);
  const strip = ({ value, ...rest }) => rest;
  window.__results = {
    bytes: bytes.length, runs: RUNS, checked, decodeMs: decode.ms, duckdbStartMs, duckdbVersion,
    waterline: strip(ours), peers: results.map(strip),
  };
} catch (e) {
  window.__results = { error: String(e?.stack ?? e) };
}
document.getElementById('status').textContent = 'done';
