// The stdlib-js functions the suite uses (issue #21 item 1), one import for Node and for the
// browser: Node imports this file as is (the packages are CommonJS); for Chromium, bench/run.mjs
// bundles it with esbuild (bench/bundle.mjs) into bench/out/stdlib.mjs (stdlib's per-package
// dist files still `require` their dependencies, so the browser needs a bundle).
import ttest from '@stdlib/stats-ttest';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

export const stdlib = { ttest, normalQuantile, normalCdf, tCdf };
