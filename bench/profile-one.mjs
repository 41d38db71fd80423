// One line of bench/profiles.sh: size and W1–W4 medians in Node for the pkg in argv[2].
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import * as ss from 'simple-statistics';
import { makeData } from './data.mjs';
import { runSuite } from './suite.mjs';

const dir = resolve(process.argv[2]);
const wl = await import(pathToFileURL(`${dir}/waterline.js`).href);
const wasm = readFileSync(`${dir}/waterline_bg.wasm`);
wl.initSync({ module: wasm });
const jStat = createRequire(import.meta.url)('jstat');
const results = runSuite({ wl, jStat, ss }, makeData(), { runs: 5 });
const ms = results.map((w) => {
  const c = w.contenders.find((x) => x.name === 'waterline');
  return `${w.id} ${c.ms === undefined ? 'n/a' : c.ms.toFixed(2) + ' ms'}`;
});
console.log(`${process.argv[3].padEnd(32)} wasm ${(wasm.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KiB gzip | ${ms.join(' | ')}`);
