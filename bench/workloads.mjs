// The workloads and their contenders. Each contender's `run(data)` returns a small summary
// (a number or a few) so the runner can check that contenders agree. Peers that lack a
// function say so (`missing`) instead of being left out.

const median = (xs) => { const s = [...xs].sort((p, q) => p - q); return s[Math.floor(s.length / 2)]; };
export { median };

/** Sum of an array-like, to summarise a bulk result. */
const sum = (xs) => { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i]; return s; };

/** jStat / simple-statistics paired t on before/after (both by hand from the peer's pieces). */
function pairedTJs(before, after, meanFn, sdFn, pFn) {
  const d = new Float64Array(before.length);
  for (let i = 0; i < d.length; i++) d[i] = after[i] - before[i];
  const m = meanFn(d), sd = sdFn(d), n = d.length;
  const t = m / (sd / Math.sqrt(n));
  return { t, df: n - 1, p: pFn ? pFn(t, n - 1) : null };
}

/** Mann–Whitney U with tie correction, normal approximation with continuity correction, by hand. */
function mannWhitneyJs(x, y, normalCdf) {
  const n1 = x.length, n2 = y.length, all = new Float64Array(n1 + n2);
  all.set(x); all.set(y, n1);
  const order = Array.from(all.keys()).sort((i, j) => all[i] - all[j]);
  const ranks = new Float64Array(all.length);
  let ties = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && all[order[j + 1]] === all[order[i]]) j++;
    const r = (i + j) / 2 + 1, tcount = j - i + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    ties += tcount ** 3 - tcount;
    i = j + 1;
  }
  let r1 = 0; for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u = r1 - n1 * (n1 + 1) / 2, mu = n1 * n2 / 2, n = n1 + n2;
  const sigma = Math.sqrt(n1 * n2 / 12 * (n + 1 - ties / (n * (n - 1))));
  const zz = (u - mu - Math.sign(u - mu) * 0.5) / sigma;
  return { u, p: 2 * (1 - normalCdf(Math.abs(zz))) };
}

/** Wilson bounds by hand from a peer's normal quantile. */
function wilsonJs(x, n, z) {
  const out = new Float64Array(2 * x.length), k = x.length;
  for (let i = 0; i < k; i++) {
    const p = x[i] / n[i], c = z * z / (2 * n[i]);
    const half = z * Math.sqrt(p * (1 - p) / n[i] + c / (2 * n[i]));
    out[i] = x[i] === 0 ? 0 : (p + c - half) / (1 + 2 * c);
    out[k + i] = x[i] === n[i] ? 1 : (p + c + half) / (1 + 2 * c);
  }
  return out;
}

/**
 * The workloads. `wl` is the waterline module, `jStat`, `ss` (simple-statistics) and `stdlib`
 * (the stdlib-js functions of bench/stdlib.mjs, or null where they could not be loaded) the peers.
 * A contender with `missing` is reported, not run.
 */
export function workloads({ wl, jStat, ss, stdlib = null }) {
  const noStdlib = stdlib ? null : 'stdlib-js not loaded (bench/out/stdlib.mjs is written by bench/run.mjs)';
  const has = (name) => typeof wl[name] === 'function';
  const need = (name) => (has(name) ? null : `waterline has no ${name} export yet`);
  const copyOnly = (...arrays) => () => wl.boundaryCopy?.(...arrays);
  return [
    {
      id: 'W1', name: 'paired t-test (t, df, two-sided p)', size: '1,000,000 pairs',
      contenders: [
        { name: 'waterline', missing: need('pairedT'),
          run: (d) => { const r = wl.pairedT(d.w1.before, d.w1.after); return { t: r.t, p: r.pValue }; },
          copy: (d) => copyOnly(d.w1.before, d.w1.after) },
        { name: 'jStat', run: (d) => pairedTJs(d.w1.before, d.w1.after, jStat.mean, (a) => jStat.stdev(a, true),
          (t, df) => 2 * (1 - jStat.studentt.cdf(Math.abs(t), df))) },
        { name: 'simple-statistics', note: 'no t distribution: t only, p not computed',
          run: (d) => pairedTJs(d.w1.before, d.w1.after, ss.mean, ss.sampleStandardDeviation, null) },
        { name: 'stdlib-js', missing: noStdlib, note: '@stdlib/stats-ttest(after, before): paired t, p from its t cdf; also computes a 95% CI (one t quantile)',
          run: (d) => { const r = stdlib.ttest(d.w1.after, d.w1.before); return { t: r.statistic, p: r.pValue }; } },
      ],
    },
    {
      id: 'W2', name: '95% Wilson interval for each (x, n)', size: '100,000 pairs',
      contenders: [
        { name: 'waterline', missing: need('wilsonMany'),
          run: (d) => sum(wl.wilsonMany(d.w2.x, d.w2.n, { level: 0.95 })),
          copy: (d) => copyOnly(d.w2.x, d.w2.n) },
        { name: 'jStat', note: 'no Wilson interval: formula by hand on jStat.normal.inv',
          run: (d) => sum(wilsonJs(d.w2.x, d.w2.n, jStat.normal.inv(0.975, 0, 1))) },
        { name: 'simple-statistics', note: 'no Wilson interval: formula by hand on ss.probit',
          run: (d) => sum(wilsonJs(d.w2.x, d.w2.n, ss.probit(0.975))) },
        { name: 'stdlib-js', missing: noStdlib, note: 'no Wilson interval: formula by hand on @stdlib/stats-base-dists-normal-quantile',
          run: (d) => sum(wilsonJs(d.w2.x, d.w2.n, stdlib.normalQuantile(0.975, 0, 1))) },
      ],
    },
    {
      id: 'W3', name: 'Mann–Whitney U, tie correction, normal approximation, two-sided p', size: '2 × 50,000',
      contenders: [
        { name: 'waterline', missing: need('mannWhitney'),
          run: (d) => { const r = wl.mannWhitney(d.w3.a, d.w3.b, { exact: false }); return { u: r.statistic, p: r.pValue }; },
          copy: (d) => copyOnly(d.w3.a, d.w3.b) },
        { name: 'jStat', note: 'no Mann–Whitney: ranks by hand, p from jStat.normal.cdf',
          run: (d) => mannWhitneyJs(d.w3.a, d.w3.b, (q) => jStat.normal.cdf(q, 0, 1)) },
        { name: 'simple-statistics', note: 'wilcoxonRankSum gives the rank sum only: the rest by hand, p from cumulativeStdNormalProbability',
          run: (d) => mannWhitneyJs(d.w3.a, d.w3.b, ss.cumulativeStdNormalProbability) },
        { name: 'stdlib-js', missing: noStdlib, note: 'no Mann–Whitney: ranks by hand, p from @stdlib/stats-base-dists-normal-cdf',
          run: (d) => mannWhitneyJs(d.w3.a, d.w3.b, (q) => stdlib.normalCdf(q, 0, 1)) },
      ],
    },
    {
      id: 'W4', name: 'two-sided Student t p-values for (t, df)', size: '1,000,000',
      contenders: [
        { name: 'waterline', missing: need('tTwoSidedP'),
          run: (d) => sum(wl.tTwoSidedP(d.w4.t, d.w4.df)),
          copy: (d) => copyOnly(d.w4.t, d.w4.df) },
        { name: 'jStat', run: (d) => {
          const { t, df } = d.w4; const p = new Float64Array(t.length);
          for (let i = 0; i < t.length; i++) p[i] = 2 * (1 - jStat.studentt.cdf(Math.abs(t[i]), df[i]));
          return sum(p);
        } },
        { name: 'simple-statistics', missing: 'simple-statistics has no t distribution', run: null },
        { name: 'stdlib-js', missing: noStdlib, note: '2 · @stdlib/stats-base-dists-t-cdf(−|t|, df), the form its ttest uses',
          run: (d) => {
            const { t, df } = d.w4; const p = new Float64Array(t.length);
            for (let i = 0; i < t.length; i++) p[i] = 2 * stdlib.tCdf(-Math.abs(t[i]), df[i]);
            return sum(p);
          } },
      ],
    },
  ];
}
