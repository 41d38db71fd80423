// Prints the shipped size of the two builds, pkg/ (the whole engine, what the page loads) and
// pkg/stats/ (statistics only): the wasm and the JS glue, raw and gzipped (level 9).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const kb = (b) => (b / 1024).toFixed(1).padStart(7) + ' KiB';
for (const dir of ['pkg', 'pkg/stats']) {
  if (!existsSync(`${dir}/waterline_bg.wasm`)) continue;
  let raw = 0, gz = 0;
  console.log(`shipped size of ${dir}/ (raw, gzip -9):`);
  for (const f of [`${dir}/waterline_bg.wasm`, `${dir}/waterline.js`]) {
    const bytes = readFileSync(f);
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length; gz += z;
    console.log(`  ${f.padEnd(28)} ${kb(bytes.length)} ${kb(z)}`);
  }
  console.log(`  ${'total'.padEnd(28)} ${kb(raw)} ${kb(gz)}`);
}
