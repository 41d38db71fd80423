// Shipped size (issue #19 "Size", issue #21 item 3): the statistics-only build pkg/stats/ is at
// most 150 KiB gzipped (wasm + glue, gzip -9, as scripts/size.mjs prints it); each area's own
// build exists and is smaller than the whole engine (what the page loaded before them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url);
const kib = (dir) => ['waterline_bg.wasm', 'waterline.js']
  .reduce((sum, f) => sum + gzipSync(readFileSync(new URL(`${dir}/${f}`, root)), { level: 9 }).length, 0) / 1024;

// What pkg/stats/ weighs (`make build`'s pkg/stats line, 2026-12-03, branch statsize: 146.6 KiB,
// after results went through a tape and options, tables and methodInfo's tag through small
// readers instead of serde's generic code; it was 173.1) plus 2 KiB: a regression fails before
// the 150 KiB does (README "Shipped size").
const STATS_CEILING_KIB = 148.6;

test('pkg/stats/ does not grow', () => {
  const size = kib('pkg/stats');
  console.log(`# pkg/stats/: ${size.toFixed(1)} KiB gzipped`);
  assert.ok(size <= STATS_CEILING_KIB, `pkg/stats/ is ${size.toFixed(1)} KiB gzipped, over ${STATS_CEILING_KIB}`);
});

test('pkg/stats/ is at most 150 KiB gzipped (issue 19)', () => {
  const size = kib('pkg/stats');
  assert.ok(size <= 150, `pkg/stats/ is ${size.toFixed(1)} KiB gzipped, over 150`);
});

test('each area build is smaller than the whole engine', () => {
  const whole = kib('pkg');
  for (const area of ['survey', 'proposals', 'toc']) {
    const size = kib(`pkg/${area}`);
    console.log(`# pkg/${area}/: ${size.toFixed(1)} KiB gzipped (pkg/: ${whole.toFixed(1)})`);
    assert.ok(size < whole * 0.6, `pkg/${area}/ ${size.toFixed(1)} KiB vs pkg/ ${whole.toFixed(1)} KiB`);
  }
});
