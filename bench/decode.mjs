// Decoding cost of the two large structured inputs, W6's round and T1's logic model, in Node
// (issue #16, "one way in"): node bench/decode.mjs [pkg-dir]. Prints medians in ms; a short
// run (RUNS, default 5) so that it can compare two builds, e.g. main's pkg/ against this one.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reviewRound, tocModels } from './domains.mjs';

const dir = resolve(process.argv[2] ?? new URL('../pkg', import.meta.url).pathname);
const wl = await import(pathToFileURL(`${dir}/waterline.js`).href);
wl.initSync({ module: readFileSync(`${dir}/waterline_bg.wasm`) });
const runs = Number(process.env.RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  fn();
  const ts = [];
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); fn(); ts.push(performance.now() - t0); }
  return median(ts).toFixed(1);
};

const base = wl.defaultRubric();
const extra = { ...structuredClone(base.conditions[0]), id: 'custom-equity', provenance: 'custom' };
const rubric = wl.editRubric(base, { op: 'add', condition: extra });
const big = reviewRound(rubric, 10_000, 20, 20, 11, true);
console.log('W6 validateRound (decode + checks)', time(() => wl.validateRound(rubric, big)));
console.log('W6 analyzeRound', time(() => wl.analyzeRound(rubric, big)));
const { big: model } = tocModels();
console.log('T1 new LogicModel (decode)', time(() => new wl.LogicModel(model).free()));
const m = new wl.LogicModel(model);
console.log('T1 validate + schedule', time(() => { m.validate(); m.schedule({ start: '2021-01-04' }); }));
m.free();
const text = JSON.stringify(model);
console.log('T1 parseModel (JSON text)', time(() => wl.parseModel(text)));
