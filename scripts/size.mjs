// Prints the shipped size of every build: pkg/ (the whole engine: Evidence, the report),
// pkg/survey/, pkg/proposals/, pkg/toc/ (each area's own, what the page loads first) and
// pkg/stats/ (statistics only): the wasm and the JS glue, raw and gzipped (level 9).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const kb = (b) => (b / 1024).toFixed(1).padStart(7) + ' KiB';
for (const dir of ['pkg', 'pkg/survey', 'pkg/proposals', 'pkg/toc', 'pkg/stats']) {
  if (!existsSync(`${dir}/waterline_bg.wasm`)) continue;
  let raw = 0, gz = 0;
  console.log(`shipped size of ${dir}/ (raw, gzip -9):`);
  for (const f of [`${dir}/waterline_bg.wasm`, `${dir}/waterline.js`]) {
    const bytes = readFileSync(f);
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length; gz += z;
    console.log(`  ${f.padEnd(32)} ${kb(bytes.length)} ${kb(z)}`);
  }
  console.log(`  ${'total'.padEnd(32)} ${kb(raw)} ${kb(gz)}`);
}
