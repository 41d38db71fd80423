// Quick look at W1–W4 in Node only (development aid; `make bench` is the full suite):
// node bench/quick.mjs [W1,W2,...] [--old <dir of a previous pkg/>]
// With --old, the previous build runs too, in the same process: the suite for this build and
// for the old one alternate three times (so a change in the machine's load falls on both), and
// each line is the median of the three medians.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as ss from 'simple-statistics';
import { initSync } from '../pkg/waterline.js';
import * as wl from '../pkg/waterline.js';
import { makeData } from './data.mjs';
import { runSuite } from './suite.mjs';
import { median } from './workloads.mjs';

initSync({ module: readFileSync(new URL('../pkg/waterline_bg.wasm', import.meta.url)) });
const jStat = createRequire(import.meta.url)('jstat');
const args = process.argv.slice(2);
const oldAt = args.indexOf('--old');
const oldDir = oldAt >= 0 ? args.splice(oldAt, 2)[1] : null;
const only = args[0]?.split(',') ?? ['W1', 'W2', 'W3', 'W4'];
const runs = Number(process.env.RUNS ?? 9);
const data = makeData();

const print = (label, rows) => {
  for (const w of rows) {
    for (const c of w.contenders) {
      console.log(w.id.padEnd(3), `${label}${c.name}`.padEnd(24), c.ms?.toFixed(2).padStart(8) ?? '', c.copyMs !== undefined ? `copy ${c.copyMs.toFixed(2)} compute ${c.computeMs.toFixed(2)}` : '', c.missing ?? '');
    }
  }
};

if (!oldDir) {
  print('', runSuite({ wl, jStat, ss }, data, { runs, only }));
} else {
  const base = pathToFileURL(`${oldDir.replace(/\/$/, '')}/`);
  const old = await import(new URL('waterline.js', base));
  old.initSync({ module: readFileSync(new URL('waterline_bg.wasm', base)) });
  const builds = [['', wl], ['old ', old]];
  const all = new Map();
  for (let round = 0; round < 3; round++) {
    for (const [label, build] of builds) {
      for (const w of runSuite({ wl: build, jStat, ss }, data, { runs, only })) {
        for (const c of w.contenders) {
          if (c.ms === undefined || (label && !c.name.startsWith('waterline'))) continue;
          const key = `${w.id}\t${label}${c.name}`;
          const seen = all.get(key) ?? { ms: [], copy: [] };
          seen.ms.push(c.ms);
          if (c.copyMs !== undefined) seen.copy.push(c.copyMs);
          all.set(key, seen);
        }
      }
    }
  }
  for (const [key, { ms, copy }] of all) {
    const [id, name] = key.split('\t');
    const m = median(ms), cm = copy.length ? median(copy) : undefined;
    console.log(id.padEnd(3), name.padEnd(24), m.toFixed(2).padStart(8), cm !== undefined ? `copy ${cm.toFixed(2)} compute ${Math.max(0, m - cm).toFixed(2)}` : '');
  }
}
