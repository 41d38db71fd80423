// Cold start in a fresh page: from the import of the package to the first computed result.
const t0 = performance.now();
const { default: init, wilson } = await import('/pkg/waterline.js');
await init();
const result = wilson(101, 113, { level: 0.95 });
const t1 = performance.now();
window.__cold = { importToResultMs: t1 - t0, navigationToResultMs: t1, lower: result.lower };
