// Draws the app icons (www/icons/*.png): the accent colour with two white waterlines. Run once;
// the PNGs are committed. Plain zlib + CRC-32, no image library.
// Usage: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const ACCENT = [0x0b, 0x5f, 0x7a];
const WHITE = [0xff, 0xff, 0xff];

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) { c ^= b; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** `inset` in [0, 0.5): the waves stay inside the centre (maskable icons are cropped to a circle). */
function icon(size, inset) {
  const rows = [];
  const lo = size * inset, span = size * (1 - 2 * inset);
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const u = (x - lo) / span, v = (y - lo) / span;
      const inside = u >= 0.12 && u <= 0.88;
      const wave = (c) => Math.abs(v - (c + 0.06 * Math.sin(u * 2 * Math.PI * 1.5))) < 0.045;
      const colour = inside && (wave(0.42) || wave(0.62)) ? WHITE : ACCENT;
      row.set(colour, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 2; // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
const dir = new URL('../www/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('icon-192.png', dir), icon(192, 0.04));
writeFileSync(new URL('icon-512.png', dir), icon(512, 0.04));
writeFileSync(new URL('icon-maskable-512.png', dir), icon(512, 0.14));
