// Prints the shipped size of pkg/: the wasm and the JS glue, raw and gzipped (level 9).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const files = ['pkg/waterline_bg.wasm', 'pkg/waterline.js'];
let raw = 0, gz = 0;
const kb = (b) => (b / 1024).toFixed(1).padStart(7) + ' KiB';
console.log('shipped size of pkg/ (raw, gzip -9):');
for (const f of files) {
  const bytes = readFileSync(f);
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += z;
  console.log(`  ${f.padEnd(24)} ${kb(bytes.length)} ${kb(z)}`);
}
console.log(`  ${'total'.padEnd(24)} ${kb(raw)} ${kb(gz)}`);
