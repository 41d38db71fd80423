// Browser bundles of npm packages for the benchmark pages, written to bench/out/ (served by the
// local bench server; nothing from another host). esbuild 0.28.2 (pinned devDependency) because
// the peers ship CommonJS (stdlib-js, PapaParse) or bare imports (DuckDB-wasm → apache-arrow)
// that a page cannot load as they are, and a page's CSP forbids an inline import map.
import { mkdirSync } from 'node:fs';

/** Bundles `entry` (a file URL) into bench/out/`name` as one ES module; returns its path. */
export async function bundle(entry, name) {
  const { build } = await import('esbuild');
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  const outfile = new URL(`./out/${name}`, import.meta.url).pathname;
  await build({ entryPoints: [new URL(entry).pathname], bundle: true, format: 'esm', platform: 'browser', minify: true, outfile, logLevel: 'warning' });
  return outfile;
}
