// bench/csv-speed.mjs's Chromium page: the contenders of bench/csv-speed-core.mjs on the main
// thread, with DuckDB-wasm (eh bundle, one thread, in its worker; start-up not timed) as
// bench/csv-page.mjs runs it. The previous build, when bench/out/old-pkg/ holds one.
import init, * as wl from '/pkg/waterline.js';
import { inferSchema, initParser, duckdb } from '/bench/out/csv-libs.mjs';
import { runSpeed } from './csv-speed-core.mjs';
import { duckdbSql } from './csv-common.mjs';

const params = new URLSearchParams(location.search);
const DIST = '/node_modules/@duckdb/duckdb-wasm/dist/';
try {
  await init();
  let old = null;
  if (params.get('old')) {
    old = await import('/bench/out/old-pkg/waterline.js');
    await old.default();
  }
  const worker = new Worker(`${DIST}duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${DIST}duckdb-eh.wasm`);
  const conn = await db.connect();
  let n = 0;
  let header = null;
  const duck = {
    name: 'DuckDB-wasm: read_csv + count',
    prepare: async (bytes) => {
      header ??= new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(10))).split(',');
      return bytes.slice();
    },
    fn: async (copy) => {
      const file = `speed${n++}.csv`;
      await db.registerFileBuffer(file, copy);
      const t = await conn.query(duckdbSql(file));
      const counts = header.map(() => new Map());
      const [names, values, ns] = ['name', 'value', 'n'].map((c) => t.getChild(c).toArray());
      for (let i = 0; i < t.numRows; i++) counts[header.indexOf(String(names[i]))].set(String(values[i]), Number(ns[i]));
      await db.dropFile(file);
      return counts;
    },
  };
  const r = await runSpeed({ wl, old, inferSchema, initParser, extra: [duck], runs: Number(params.get('runs') ?? 5) });
  await conn.close();
  await db.terminate();
  window.__results = r;
} catch (e) {
  window.__results = { error: String(e?.stack ?? e) };
}
document.getElementById('status').textContent = 'done';
