// Writes a Brotli copy (`<file>.br`, quality 11) beside each file the page transfers that
// compresses: the bundled page in www/ and the engine builds it loads (pkg/, pkg/survey/,
// pkg/proposals/, pkg/toc/). scripts/serve.mjs sends it to a browser that accepts `br` (every
// current one), as static hosts that serve Brotli do; otherwise gzip, as before.
//
// Why (issue 21 items 3 and 5): Brotli at quality 11 takes about a fifth off gzip -9 on the
// engine (survey build: 335.5 → 269.2 KB) and the page, and the first load on a slow phone is
// mostly those bytes. Quality 11 is too slow to compress per request (1.6 s for an area build,
// 4.4 s for the whole engine on this machine), so it is done once here, by `make build`/`make
// bundle`; node:zlib's Brotli, no new dependency. A `.br` older than its file is ignored by
// the server (it then gzips), so a stale copy is never sent. The 200 KiB is measured
// gzipped (tests/browser/first-load.test.mjs asks for gzip).
// Usage: node scripts/compress.mjs
import { brotliCompressSync, constants } from 'node:zlib';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_BUILDS } from './precache.mjs';
import { COMPRESSIBLE } from './serve.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Smaller files get no Brotli copy (the server gzips them); what compresses is serve.mjs's COMPRESSIBLE. */
const MIN_BYTES = 1024;

/** The files to compress: www/ (its subfolders too, but not the sources the bundle replaces) and each page build. */
function files() {
  const www = join(root, 'www');
  let sources = new Set();
  try {
    sources = new Set(JSON.parse(readFileSync(join(www, 'app.files.json'), 'utf8')).inputs.map((name) => join(www, name)));
  } catch { /* no bundle yet: every file */ }
  const walk = (dir) => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return sources.has(path) ? [] : [path];
  });
  const builds = PAGE_BUILDS.flatMap((dir) => ['waterline.js', 'waterline_bg.wasm'].map((name) => join(root, dir, name)));
  return [...walk(www), ...builds.filter((path) => existsSync(path))];
}

/** Writes the missing or stale `.br` copies and removes those whose file is gone; returns the counts. */
export function compressAll() {
  let written = 0, kept = 0, removed = 0;
  for (const path of files()) {
    if (path.endsWith('.br')) {
      if (!existsSync(path.slice(0, -3))) { rmSync(path); removed++; }
      continue;
    }
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const size = statSync(path).size;
    if (size < MIN_BYTES) continue;
    const out = `${path}.br`;
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(path).mtimeMs) { kept++; continue; }
    writeFileSync(out, brotliCompressSync(readFileSync(path), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: size },
    }));
    written++;
  }
  return { written, kept, removed };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { written, kept, removed } = compressAll();
  console.log(`compress: ${written} Brotli copies written, ${kept} up to date, ${removed} removed`);
}
