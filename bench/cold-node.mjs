// Cold start in a fresh Node process: import of the package to the first computed result.
// Argument: the package directory, `pkg` (whole engine, default) or `pkg/stats`. Prints one
// JSON line.
import { readFileSync } from 'node:fs';
const dir = new URL(`../${process.argv[2] ?? 'pkg'}/`, import.meta.url);
const t0 = performance.now();
const { initSync, wilson } = await import(new URL('waterline.js', dir));
initSync({ module: readFileSync(new URL('waterline_bg.wasm', dir)) });
const result = wilson(101, 113, { level: 0.95 });
const t1 = performance.now();
console.log(JSON.stringify({ importToResultMs: t1 - t0, lower: result.lower }));
