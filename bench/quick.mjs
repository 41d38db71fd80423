// Quick look at W1–W4 in Node only (development aid; `make bench` is the full suite):
// node bench/quick.mjs [W1,W2,...]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as ss from 'simple-statistics';
import { initSync } from '../pkg/waterline.js';
import * as wl from '../pkg/waterline.js';
import { makeData } from './data.mjs';
import { runSuite } from './suite.mjs';

initSync({ module: readFileSync(new URL('../pkg/waterline_bg.wasm', import.meta.url)) });
const jStat = createRequire(import.meta.url)('jstat');
const only = process.argv[2]?.split(',') ?? ['W1', 'W2', 'W3', 'W4'];
for (const w of runSuite({ wl, jStat, ss }, makeData(), { runs: Number(process.env.RUNS ?? 9), only })) {
  for (const c of w.contenders) {
    console.log(w.id.padEnd(3), c.name.padEnd(18), c.ms?.toFixed(2).padStart(8) ?? '', c.computeMs !== undefined ? `compute ${c.computeMs.toFixed(2)}` : '', c.missing ?? '');
  }
}
