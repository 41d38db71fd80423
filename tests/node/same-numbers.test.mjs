// Issue #22 item 4, the wasm leg: the same 1,500 synthetic respondents (the fixture
// crates/waterline-datafusion/tests/same_numbers.rs generates and checks byte for byte) through
// (a) the page's engine, the wasm build in Node (Survey + setCodebook + report), and
// (b) waterline-cli, the DataFusion path, over the rows split into 4 files with 4 partitions —
// for all rows and per district (the CLI's --by District; the page's report of each district's
// rows). Every count, share, Wilson bound, mean, sd, median, moved-up/same/down share, test
// statistic and p-value must be identical (===, no tolerance: both print shortest round-trip f64),
// and every item's and shift's sentence the page's English one, character for character.
//
// The CLI binary is target/debug/waterline-cli, built by `cargo test -p waterline-datafusion`
// (`make native`, which `make test` runs before `examples`); without it the CLI test is skipped
// and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as w from '../../pkg/waterline.js';

w.initSync({ module: readFileSync(new URL('../../pkg/waterline_bg.wasm', import.meta.url)) });
const root = new URL('../../', import.meta.url).pathname;
const dataDir = join(root, 'crates/waterline-datafusion/tests/data');
const csv = readFileSync(join(dataDir, 'same-numbers.csv'), 'utf8');
const codebook = readFileSync(join(dataDir, 'same-numbers-codebook.csv'), 'utf8');
const cliPath = join(root, 'target/debug/waterline-cli');
const [header, ...rows] = csv.trimEnd().split('\n');
const districts = [...new Set(rows.map((r) => r.split(',')[0]))].sort();

/** The page's report (wasm) of some rows. */
function pageReport(lines) {
  const s = new w.Survey(`${header}\n${lines.join('\n')}\n`);
  s.setCodebook(codebook);
  const r = s.report();
  s.free();
  return r;
}

/** The CLI's JSON over the rows split round-robin into 4 files, 4 partitions. */
function cliReport(extra) {
  const dir = mkdtempSync(join(tmpdir(), 'wl-same-numbers-'));
  try {
    const files = [0, 1, 2, 3].map((f) => {
      const path = join(dir, `part${f}.csv`);
      writeFileSync(path, `${header}\n${rows.filter((_, k) => k % 4 === f).join('\n')}\n`);
      return path;
    });
    const cb = join(dir, 'codebook.csv');
    writeFileSync(cb, codebook);
    const out = execFileSync(cliPath, ['report', '--codebook', cb, '--partitions', '4', ...extra, ...files], { encoding: 'utf8' });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const share = (s) => s && [s.count, s.n, s.share, s.lower, s.upper];

/** Every number of one CLI group against the page's report of the same rows. */
function assertSame(g, r, where) {
  assert.equal(g.rows, r.rows, `${where}: rows`);
  assert.equal(g.items.length, 5, `${where}: the four declared items and District (a category item)`);
  for (const i of g.items) {
    const m = r.items.find((x) => x.item === i.item);
    assert.ok(m, `${where}: item ${i.item} in the page's report`);
    const at = `${where} ${i.item}`;
    assert.equal(i.nUsed, m.nUsed, `${at}: nUsed`);
    assert.deepEqual(i.distribution.map(share), m.distribution.map(share), `${at}: distribution`);
    if (m.topBox) {
      const t = m.topBox.interval;
      assert.deepEqual(share(i.topBox), [t.x, t.n, t.estimate, t.lower, t.upper], `${at}: top box`);
    } else {
      assert.equal(i.topBox, null, `${at}: no top box (a category item)`);
    }
    assert.deepEqual([i.mean, i.sd, i.median], [m.mean, m.sd, m.median], `${at}: mean, sd, median`);
    assert.equal(i.sentence, m.sentence.en, `${at}: sentence`);
  }
  assert.equal(g.shifts.length, r.shifts.length, `${where}: shifts`);
  assert.ok(g.shifts.length > 0);
  for (const s of g.shifts) {
    const m = r.shifts.find((x) => x.pair === s.pair);
    const at = `${where} ${s.pair}`;
    assert.equal(s.nUsed, m.nUsed, `${at}: nUsed`);
    for (const k of ['improved', 'same', 'worse']) assert.deepEqual(share(s[k]), share(m[k]), `${at}: ${k}`);
    assert.deepEqual([s.meanBefore, s.meanAfter], [m.meanBefore, m.meanAfter], `${at}: means`);
    assert.deepEqual([s.method, s.statistic, s.pValue], [m.test.method, m.test.statistic, m.test.pValue], `${at}: test`);
    assert.equal(s.sentence, m.sentence.en, `${at}: sentence (its Holm-adjusted p-value)`);
  }
}

test('the fixture has 1,500 respondents in three districts', () => {
  assert.equal(rows.length, 1500);
  assert.deepEqual(districts, ['Fresno', 'Kern', 'Tulare']);
  const r = pageReport(rows);
  assert.equal(r.rows, 1500);
  assert.ok(r.shifts.every((s) => s.test), 'every shift has its test');
});

test('the CLI (DataFusion, 4 files, 4 partitions) gives the wasm report\'s numbers, whole and per district', { skip: existsSync(cliPath) ? false : `${cliPath} is missing: run \`cargo test -p waterline-datafusion\` (make native) first` }, () => {
  const whole = cliReport([]);
  assert.equal(whole.groups.length, 1);
  assertSame(whole.groups[0], pageReport(rows), 'all rows');
  const by = cliReport(['--by', 'District']);
  assert.deepEqual(by.groups.map((g) => g.group), districts);
  for (const g of by.groups) {
    assertSame(g, pageReport(rows.filter((r) => r.startsWith(`${g.group},`))), g.group);
  }
});
