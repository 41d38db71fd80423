// Deterministic benchmark data: one seeded generator, generated once per run and shared by
// every contender (in Node and in Chromium the same seed gives the same numbers).

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller. */
function normal(u) {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** The data of workloads W1–W4. Sizes follow the table. */
export function makeData(seed = 20261124, scale = 1) {
  const u = rng(seed);
  const z = normal(u);
  const w1 = Math.round(1_000_000 * scale);
  const before = new Float64Array(w1), after = new Float64Array(w1);
  for (let i = 0; i < w1; i++) {
    // 5-point-like scores with a true shift of 0.1 SD.
    before[i] = 3 + z();
    after[i] = before[i] + 0.1 + 0.8 * z();
  }
  const w2 = Math.round(100_000 * scale);
  const x = new Float64Array(w2), n = new Float64Array(w2);
  for (let i = 0; i < w2; i++) {
    n[i] = 1 + Math.floor(u() * 500);
    x[i] = Math.floor(u() * (n[i] + 1));
  }
  const w3 = Math.round(50_000 * scale);
  const a = new Float64Array(w3), b = new Float64Array(w3);
  for (let i = 0; i < w3; i++) {
    // Likert 1..5: heavy ties, as survey data has.
    a[i] = 1 + Math.floor(u() * 5);
    b[i] = Math.min(5, 1 + Math.floor(u() * 5 + 0.3));
  }
  const w4 = Math.round(1_000_000 * scale);
  const t = new Float64Array(w4), df = new Float64Array(w4);
  for (let i = 0; i < w4; i++) {
    t[i] = -10 + 20 * u();
    df[i] = 2 + Math.floor(u() * 199);
  }
  return { w1: { before, after }, w2: { x, n }, w3: { a, b }, w4: { t, df } };
}
