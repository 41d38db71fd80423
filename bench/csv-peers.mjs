// The CSV workload beside W5 (issue #21 item 1), in Node: the same 100,000 × 40 survey export
// (bench/domains.mjs surveyCsv, ~61 MB) read by each contender, which returns the count of
// every label in every column. Peers parse and count; waterline reads the bytes (encoding
// detection, CSV, the columns' dictionaries) and builds its whole report, whose per-item
// distributions carry the same counts — so its time includes more work than the peers'.
// Every contender's counts are checked equal: the peers' against each other on all 40 columns,
// waterline's against them on the 34 agreement items (a scale point counts its English and
// Spanish labels together) and the community column. DuckDB runs natively with 2 threads
// (@duckdb/node-api) on the same text written to a temporary file.
// Usage: node bench/csv-peers.mjs [runs]  (after make build; part of make bench)
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inferSchema, initParser } from 'udsv';
import { csvParseRows } from 'd3-dsv';
import { DuckDBInstance } from '@duckdb/node-api';
import * as wl from '../pkg/waterline.js';
import { surveyCsv } from './domains.mjs';
import { count, duckdbSql, checkPeers, waterlineReport, checkWaterline } from './csv-common.mjs';

const Papa = createRequire(import.meta.url)('papaparse');
const RUNS = Number(process.argv[2] ?? 3);
wl.initSync({ module: readFileSync(new URL('../pkg/waterline_bg.wasm', import.meta.url)) });

const csv = surveyCsv(100_000);
const bytes = new TextEncoder().encode(csv);
const header = csv.slice(0, csv.indexOf('\n')).split(',');
const contenders = {
  uDSV: () => {
    const parser = initParser(inferSchema(csv));
    return count(parser.stringArrs(csv), false);
  },
  PapaParse: () => count(Papa.parse(csv, { skipEmptyLines: true }).data, true),
  'd3-dsv': () => count(csvParseRows(csv), true),
};

async function duckdb(file) {
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await db.connect();
  return async () => {
    const reader = await con.runAndReadAll(duckdbSql(file));
    const counts = header.map(() => new Map());
    for (const [name, value, n] of reader.getRows()) counts[header.indexOf(String(name))].set(String(value), Number(n));
    return counts;
  };
}

const waterline = () => waterlineReport(wl, bytes);

function time(fn) {
  const times = [];
  let value;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)], value };
}
async function timeAsync(fn) {
  const times = [];
  let value;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    value = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)], value };
}

const results = [];
for (const [name, fn] of Object.entries(contenders)) results.push({ name, ...time(fn) });
const dir = mkdtempSync(join(tmpdir(), 'waterline-csv-'));
try {
  const file = join(dir, 'survey.csv');
  writeFileSync(file, csv);
  results.push({ name: 'DuckDB (native, 2 threads)', ...await timeAsync(await duckdb(file)) });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const ours = time(waterline);

// ---- every contender counts the same
checkPeers(results, header);
const reference = results[0].value;
const checked = checkWaterline(ours.value, reference, header);

console.log(`\nCSV → per-column label counts, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}; ${(bytes.length / 1e6).toFixed(1)} MB, 100,000 × 40; median of ${RUNS}`);
console.log('| contender | ms | MB/s | waterline ÷ contender |');
console.log('|---|---:|---:|---:|');
const row = (name, ms) => console.log(`| ${name} | ${ms.toFixed(0)} | ${(bytes.length / 1e6 / (ms / 1000)).toFixed(0)} | ${(ours.ms / ms).toFixed(2)} |`);
row('waterline: bytes → Survey → full report', ours.ms);
for (const r of results) row(r.name, r.ms);
console.log(`counts equal: ${results.length} peers on all 40 columns; waterline on ${checked} columns (34 agreement items, community)`);
