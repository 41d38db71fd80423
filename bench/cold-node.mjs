// Cold start in a fresh Node process: import of pkg/ to the first computed result.
// Prints one JSON line.
import { readFileSync } from 'node:fs';
const t0 = performance.now();
const { initSync, wilson } = await import('../pkg/waterline.js');
initSync({ module: readFileSync(new URL('../pkg/waterline_bg.wasm', import.meta.url)) });
const result = wilson(101, 113, { level: 0.95 });
const t1 = performance.now();
console.log(JSON.stringify({ importToResultMs: t1 - t0, lower: result.lower }));
