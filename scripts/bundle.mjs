// Bundles the page's JavaScript for shipping (issue #21, a small first load): esbuild (the pinned
// devDependency the benchmarks already use) reads www/main.js and www/worker.js with every module
// they import and writes minified ES modules beside them in www/: `main.app.js`, `worker.app.js`
// and shared chunks `app-<hash>.js`, split at each dynamic import() so that an area's code still
// loads only when that area opens. www/index.html loads `main.app.js`.
//
// Why: opening an area used to take 40–50 module requests (each a round trip, in a waterfall of
// imports five deep) and every module's comments; on a phone at 150 ms latency the round trips
// alone were about a second. The sources stay the code that is reviewed, type-checked (tsc) and
// imported by Node (benchmarks, tests).
//
// The outputs sit in www/ itself, not a folder, so that every `new URL(…, import.meta.url)` the
// modules make (the engine's builds in ../pkg/, the worker) resolves as it does from the
// sources. The worker is the one URL that names a source file: `WATERLINE_WORKER` tells jobs.js
// the bundled one. The engine's glue (pkg/) and the vendored docx stay separate files.
//
// Writes www/app.files.json: the files written, and the source modules they contain (which
// scripts/precache.mjs leaves out of the offline cache: the bundled page never requests them).
// `boot.js` (no imports) becomes `boot.app.js`, the script index.html runs first. Entry points
// besides those: i18n.js and engine.js, so that a browser test can import the
// page's own instance of them (`/www/i18n.app.js`) rather than a second copy.
// Usage: node scripts/bundle.mjs
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const www = join(root, 'www');

/** Removes the previous bundle's files (names carry hashes). */
function clean() {
  for (const name of readdirSync(www)) {
    if (/^app-[A-Z0-9]+\.js$/.test(name) || name.endsWith('.app.js') || name === 'app.files.json') rmSync(join(www, name));
  }
}

export async function bundle() {
  clean();
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['www/boot.js', 'www/main.js', 'www/worker.js', 'www/i18n.js', 'www/engine.js'],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outdir: 'www',
    entryNames: '[name].app',
    chunkNames: 'app-[hash]',
    // The engine's glue is loaded by URL (engine.js); node: modules only on engine.js's Node path.
    external: ['node:*'],
    define: { 'globalThis.WATERLINE_WORKER': '"./worker.app.js"' },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  const written = Object.keys(result.metafile.outputs).map((path) => relative(www, join(root, path))).sort();
  const inputs = Object.keys(result.metafile.inputs)
    .filter((path) => path.startsWith('www/'))
    .map((path) => relative(www, join(root, path))).sort();
  writeFileSync(join(www, 'app.files.json'), `${JSON.stringify({ written, inputs }, null, 1)}\n`);
  return { written, inputs };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { written, inputs } = await bundle();
  console.log(`bundle: ${inputs.length} modules → ${written.length} files in www/`);
}
