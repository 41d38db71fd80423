# Reference values for the #19 statistics (one proportion, two proportions, Fisher, paired
# yes/no, t-tests, effect sizes, BY/Hommel). R is not installed here: values come from scipy,
# statsmodels and mpmath, or from independent transcriptions of R's code where noted.
# Run from the repository root:  python3 tests/data/stats_more.py
# Writes tests/data/stats_more.json (first line a '#' comment naming the versions).
import itertools
import json
import math

import mpmath as mp
import numpy as np
import scipy
import statsmodels
from scipy import optimize, special, stats
from scipy.stats.contingency import odds_ratio
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

out = {}

# --- one proportion -------------------------------------------------------------------------
def wilson_cc(x, n, level):
    """R prop.test(x, n, correct = TRUE)'s interval with YATES = 1/2, in mpmath (60 digits)."""
    mp.mp.dps = 60
    z = mp.sqrt(2) * mp.erfinv(mp.mpf(level))
    x, n = mp.mpf(x), mp.mpf(n)
    est, z22n = x / n, z * z / (2 * n)
    def bound(pc, s):
        return (pc + z22n + s * z * mp.sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n)
    pu, pl = est + mp.mpf(0.5) / n, est - mp.mpf(0.5) / n
    return (0.0 if pl <= 0 else float(bound(pl, -1)), 1.0 if pu >= 1 else float(bound(pu, 1)))

cases = [(0, 10, 0.95), (1, 10, 0.95), (7, 20, 0.95), (10, 10, 0.95), (1, 1, 0.9), (0, 1, 0.95),
         (101, 113, 0.95), (3, 1000, 0.99), (500, 1000, 0.95), (49, 50, 0.8), (12, 25, 0.5)]
rows = []
for x, n, level in cases:
    cp = proportion_confint(x, n, alpha=1 - level, method="beta")
    cp = (0.0 if x == 0 else cp[0], 1.0 if x == n else cp[1])
    jl, ju = proportion_confint(x, n, 1 - level, "jeffreys")
    rows.append({"x": x, "n": n, "level": level,
                 "wilson_cc": wilson_cc(x, n, level),
                 "clopper_pearson": [float(v) for v in cp],
                 "agresti_coull": [float(v) for v in proportion_confint(x, n, 1 - level, "agresti_coull")],
                 # Brown, Cai & DasGupta (2001): lower 0 at x = 0, upper 1 at x = n (statsmodels
                 # leaves the ends unmodified).
                 "jeffreys": [0.0 if x == 0 else float(jl), 1.0 if x == n else float(ju)]})
out["intervals"] = rows

rows = []
for x, n, p0 in [(12, 25, 0.3), (3, 20, 0.5), (0, 10, 0.2), (10, 10, 0.9), (7, 10, 0.7),
                 (40, 200, 0.25), (682, 925, 0.75), (1, 30, 0.01), (5, 9, 0.5)]:
    for alt in ["two-sided", "less", "greater"]:
        r = stats.binomtest(x, n, p0, alternative=alt)  # scipy follows R's two-sided rule
        ci = r.proportion_ci(0.95, method="exact")
        rows.append({"x": x, "n": n, "p0": p0, "alternative": alt.replace("-", "_"),
                     "p": float(r.pvalue), "lower": float(ci.low), "upper": float(ci.high)})
out["binom"] = rows

# --- two proportions --------------------------------------------------------------------------
rows = []
for x1, n1, x2, n2, level in [(15, 40, 8, 42, 0.95), (30, 100, 45, 110, 0.95), (3, 12, 9, 14, 0.9),
                              (120, 400, 95, 410, 0.99), (1, 20, 6, 25, 0.95)]:
    p1, p2 = x1 / n1, x2 / n2
    wald = confint_proportions_2indep(x1, n1, x2, n2, method="wald", compare="diff", alpha=1 - level)
    # R prop.test(c(x1, x2), c(n1, n2), conf.level = level)$conf.int, transcribed in mpmath.
    mp.mp.dps = 60
    z = mp.sqrt(2) * mp.erfinv(mp.mpf(level))
    d = mp.mpf(x1) / n1 - mp.mpf(x2) / n2
    s1n = mp.mpf(1) / n1 + mp.mpf(1) / n2
    yates = min(mp.mpf(0.5), abs(d) / s1n)
    w = z * mp.sqrt(mp.mpf(x1) / n1 * (1 - mp.mpf(x1) / n1) / n1 + mp.mpf(x2) / n2 * (1 - mp.mpf(x2) / n2) / n2) + yates * s1n
    t = Table2x2(np.array([[x1, n1 - x1], [x2, n2 - x2]]), shift_zeros=False)
    rows.append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "level": level,
                 "wald": [float(v) for v in wald],
                 "wald_cc": [float(max(d - w, -1)), float(min(d + w, 1))],
                 "rr": [float(t.riskratio)] + [float(v) for v in t.riskratio_confint(1 - level)],
                 "or": [float(t.oddsratio)] + [float(v) for v in t.oddsratio_confint(1 - level)]})
out["compare"] = rows

# --- Fisher -----------------------------------------------------------------------------------
rows = []
for tab in [[[3, 1], [1, 3]], [[7, 2], [3, 9]], [[0, 5], [4, 1]], [[10, 0], [3, 6]],
            [[25, 40], [12, 60]], [[1, 9], [11, 3]], [[2, 7], [8, 2]]]:
    p = stats.fisher_exact(tab).pvalue
    r = odds_ratio(tab, kind="conditional")  # solved by scipy to full precision
    ci = r.confidence_interval(0.95)
    rows.append({"table": tab, "p": float(p), "or": None if math.isinf(r.statistic) else float(r.statistic),
                 "lower": float(ci.low), "upper": None if math.isinf(ci.high) else float(ci.high)})
out["fisher2"] = rows

def enumerate_rxc(tab):
    """An independent r×c Fisher p-value: every table with the margins, by brute force, with
    exact rational probabilities (mpmath at 50 digits) and R's 1 + 1e-7 rule."""
    mp.mp.dps = 50
    R = [sum(r) for r in tab]
    C = [sum(c) for c in zip(*tab)]
    N = sum(R)
    const = mp.fprod(mp.factorial(v) for v in R + C) / mp.factorial(N)
    def prob(t):
        return const / mp.fprod(mp.factorial(v) for row in t for v in row)
    pobs = prob(tab)
    total = mp.mpf(0)
    def rows_with(sums, cols):
        # all rows of length len(cols)... build tables row by row with column capacities
        if len(sums) == 1:
            yield [list(cols)] if sum(cols) == sums[0] else None
            return
        for row in itertools.product(*[range(min(c, sums[0]) + 1) for c in cols]):
            if sum(row) != sums[0]:
                continue
            rest = [c - v for c, v in zip(cols, row)]
            for tail in rows_with(sums[1:], rest):
                if tail is not None:
                    yield [list(row)] + tail
    for t in rows_with(R, C):
        if t is None:
            continue
        p = prob(t)
        if p <= pobs * (1 + mp.mpf("1e-7")):
            total += p
    return float(min(total, 1))

rows = []
for tab in [[[3, 1, 2], [1, 3, 4]], [[2, 0, 1], [0, 3, 0], [1, 0, 2]], [[5, 2, 1, 0], [1, 3, 4, 6]],
            [[4, 4], [1, 6], [5, 0]], [[1, 2, 3, 4], [4, 3, 2, 1], [2, 2, 2, 2]]]:
    rows.append({"table": tab, "p": enumerate_rxc(tab)})
out["fisher_rxc"] = rows

# --- paired yes/no ----------------------------------------------------------------------------
rows = []
for a, b, c, d in [(20, 3, 12, 15), (10, 5, 5, 10), (0, 1, 9, 2), (40, 10, 22, 28), (5, 0, 0, 5), (1, 7, 0, 2)]:
    n, m, k = a + b + c + d, b + c, min(b, c)
    pmid = 2 * (stats.binom.cdf(k, m, 0.5) - 0.5 * stats.binom.pmf(k, m, 0.5)) if m else 1.0
    z = stats.norm.ppf(0.975)
    diff = (c - b) / n
    se = math.sqrt((b + c) - (c - b) ** 2 / n) / n  # Fagerland et al. 2014, eq. for Wald
    rows.append({"t": [a, b, c, d], "p_mid": float(min(pmid, 1.0)),
                 "wald": [max(diff - z * se, -1), min(diff + z * se, 1)],
                 "wald_cc": [max(diff - z * se - 1 / n, -1), min(diff + z * se + 1 / n, 1)]})
out["paired"] = rows

def nct_cdf(t, df, nc):
    """scipy's noncentral t cdf; Boost returns NaN deep in a tail (e.g. t = -1.76, df = 25,
    nc = 13.2), where the probability is 0 (nc far above t) or 1 (far below)."""
    v = stats.nct.cdf(t, df, nc)
    return v if not math.isnan(v) else (0.0 if nc > t else 1.0)


# --- t-tests and effect sizes -------------------------------------------------------------------
rng = np.random.default_rng(19)
samples = [
    (rng.normal(3.2, 1.1, 12), rng.normal(2.6, 0.7, 15)),
    (rng.normal(50, 10, 40), rng.normal(47, 15, 33)),
    (np.array([5.0, 6, 7, 9]), np.array([3.0, 4, 6])),
    (rng.integers(1, 6, 30).astype(float), rng.integers(1, 6, 28).astype(float)),
    (np.array([1.0, 2, 3]), np.array([10.0, 11, 13, 12])),
]
rows = []
for x, y in samples:
    one = stats.ttest_1samp(x, 3.0)
    ci1 = one.confidence_interval(0.95)
    row = {"x": x.tolist(), "y": y.tolist(),
           "one": [float(one.statistic), float(one.df), float(one.pvalue), float(ci1.low), float(ci1.high)]}
    for key, eq in [("student", True), ("welch", False)]:
        r = stats.ttest_ind(x, y, equal_var=eq)
        ci = r.confidence_interval(0.95)
        row[key] = [float(r.statistic), float(r.df), float(r.pvalue), float(ci.low), float(ci.high)]
    n1, n2 = len(x), len(y)
    df = n1 + n2 - 2
    sp = math.sqrt(((n1 - 1) * x.var(ddof=1) + (n2 - 1) * y.var(ddof=1)) / df)
    dval = (x.mean() - y.mean()) / sp
    t = dval / math.sqrt(1 / n1 + 1 / n2)
    def ncp(q):
        return optimize.brentq(lambda nc: nct_cdf(t, df, nc) - q, t - 15, t + 15, xtol=1e-14, rtol=1e-15)
    scale = math.sqrt(1 / n1 + 1 / n2)
    j = math.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / math.sqrt(df / 2)
    row["d"] = [dval, ncp(0.975) * scale, ncp(0.025) * scale]
    row["j"] = j
    row["g_approx"] = dval * (1 - 3 / (4 * (n1 + n2) - 9))  # pingouin's form
    rows.append(row)
out["means"] = rows

rows = []
for before, after in [(rng.normal(3, 1, 20), None), (np.array([2.0, 3, 3, 4]), np.array([3.0, 5, 4, 4])),
                      (rng.integers(1, 6, 25).astype(float), None)]:
    if after is None:
        after = before + rng.normal(0.4, 0.8, len(before))
    diff = after - before
    n = len(diff)
    dz = diff.mean() / diff.std(ddof=1)
    t = dz * math.sqrt(n)
    ncp = lambda q: optimize.brentq(lambda nc: nct_cdf(t, n - 1, nc) - q, t - 15, t + 15, xtol=1e-14, rtol=1e-15)
    j = math.exp(special.gammaln((n - 1) / 2) - special.gammaln((n - 2) / 2)) / math.sqrt((n - 1) / 2)
    dav = diff.mean() / ((before.std(ddof=1) + after.std(ddof=1)) / 2)
    rows.append({"before": before.tolist(), "after": after.tolist(),
                 "dz": [dz, ncp(0.975) / math.sqrt(n), ncp(0.025) / math.sqrt(n)], "j": j, "gav": dav * j})
out["paired_effects"] = rows

# --- p.adjust BY and Hommel ----------------------------------------------------------------------
def r_hommel(p):
    """R's p.adjust(p, "hommel") transcribed (1-based indices kept in comments)."""
    p = np.asarray(p, float)
    n = len(p)
    if n <= 2:
        return multipletests(p, method="simes-hochberg")[1] if n == 2 else p
    o = np.argsort(p, kind="stable")
    ps = p[o]
    i = np.arange(1, n + 1)
    q = np.full(n, np.min(n * ps / i))
    pa = q.copy()
    for m in range(n - 1, 1, -1):
        i1 = np.arange(0, n - m + 1)
        i2 = np.arange(n - m + 1, n)
        q1 = np.min(m * ps[i2] / np.arange(2, m + 1))
        q[i1] = np.minimum(m * ps[i1], q1)
        q[i2] = q[n - m]
        pa = np.maximum(pa, q)
    res = np.empty(n)
    res[o] = np.maximum(pa, ps)
    return res

sets = [[0.01, 0.04, 0.03], [0.001, 0.008, 0.039, 0.041, 0.042, 0.060, 0.074, 0.205, 0.212, 0.216],
        [0.02, 0.02, 0.02, 0.5, 0.5, 1, 0], [0.7], [0.03, 0.2], (rng.uniform(size=40) ** 3).tolist(),
        [1e-300, 5e-200, 0.049, 0.051, 1e-10]]
rows = []
for p in sets:
    by = multipletests(p, method="fdr_by")[1]
    hom = multipletests(p, method="hommel")[1]
    ours = r_hommel(p)
    assert np.allclose(hom, ours, rtol=1e-12, atol=0), (p, hom, ours)
    rows.append({"p": p, "by": by.tolist(), "hommel": ours.tolist()})
out["adjust"] = rows

with open("tests/data/stats_more.json", "w") as f:
    f.write(f"# generated by: python3 tests/data/stats_more.py (scipy {scipy.__version__}, "
            f"statsmodels {statsmodels.__version__}, mpmath {mp.__version__})\n")
    json.dump(out, f)
    f.write("\n")
