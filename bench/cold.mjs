// Cold start in a fresh page: from the import of the package to the first computed result.
// The package is the one the page preloads (cold.html: pkg/, cold-stats.html: pkg/stats/).
const glue = document.querySelector('link[rel=modulepreload]').href;
const t0 = performance.now();
const { default: init, wilson } = await import(glue);
await init();
const result = wilson(101, 113, { level: 0.95 });
const t1 = performance.now();
window.__cold = { importToResultMs: t1 - t0, navigationToResultMs: t1, lower: result.lower };
