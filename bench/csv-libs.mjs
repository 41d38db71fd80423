// The CSV peers for the browser (bench/csv-browser.mjs): bundled by bench/bundle.mjs into
// bench/out/csv-libs.mjs, which bench/csv-page.mjs imports. DuckDB-wasm's worker and wasm are
// not bundled: the page loads them from /node_modules/@duckdb/duckdb-wasm/dist/.
export { inferSchema, initParser } from 'udsv';
export { csvParseRows } from 'd3-dsv';
export * as duckdb from '@duckdb/duckdb-wasm';
import Papa from 'papaparse';
export { Papa };
