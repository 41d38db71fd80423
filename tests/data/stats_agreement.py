# Reference values for the standalone agreement, reliability and association statistics (#19):
# ICC (pingouin), Krippendorff's alpha at four levels with a seeded unit bootstrap (an independent
# coincidence-matrix implementation written here), Cohen's kappa (R vcd::Kappa transcribed, checked
# against statsmodels), Fleiss' kappa (R irr::kappam.fleiss transcribed, checked against
# statsmodels), Pearson and Spearman (scipy) and Kruskal-Wallis (scipy).
# Writes tests/data/stats_agreement.json. Run from the repository root:
#   python3 tests/data/stats_agreement.py
# Nothing here imports or runs waterline.
import csv
import json
import sys

import numpy as np
import pandas as pd
import pingouin
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats import inter_rater

from xoshiro import Xoshiro  # the engine's generator, tests/data/xoshiro.py

pingouin.options["round"] = None
nan = np.nan
rng = np.random.default_rng(20261202)


# ---- Krippendorff's alpha by the coincidence matrix (Krippendorff 2011) -----------------------
def delta2(metric, values, counts):
    v = np.asarray(values)
    c, k = np.meshgrid(v, v, indexing="ij")
    if metric == "nominal":
        return (c != k).astype(float)
    if metric == "interval":
        return (c - k) ** 2
    if metric == "ratio":
        s = c + k
        with np.errstate(invalid="ignore", divide="ignore"):
            d = ((c - k) / s) ** 2
        return np.where(s == 0, 0.0, d)
    # ordinal: (sum_{g=c..k} n_g - (n_c + n_k)/2)^2
    cum = np.concatenate([[0.0], np.cumsum(counts)])
    d = np.zeros((len(v), len(v)))
    for i in range(len(v)):
        for j in range(len(v)):
            lo, hi = min(i, j), max(i, j)
            d[i, j] = (cum[hi + 1] - cum[lo] - (counts[i] + counts[j]) / 2.0) ** 2
    return d


def alpha(units, metric):
    """units: list of lists of the values of each unit (any length). None when undefined."""
    units = [u for u in units if len(u) >= 2]
    values = sorted({x for u in units for x in u})
    if len(values) < 2:
        return None
    index = {x: i for i, x in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for u in units:
        m = len(u)
        for a in range(m):
            for b in range(m):
                if a != b:
                    o[index[u[a]], index[u[b]]] += 1.0 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    d = delta2(metric, values, n_c)
    d_o = (o * d).sum() / n
    d_e = (np.outer(n_c, n_c) * d).sum() / (n * (n - 1))
    return 1 - d_o / d_e


def units_of(x):
    return [[float(v) + 0.0 for v in row if not np.isnan(v)] for row in x]


def bootstrap(x, metric, resamples, seed, level):
    units = [u for u in units_of(x) if len(u) >= 2]
    g = Xoshiro(seed)
    alphas = []
    for _ in range(resamples):
        draw = [units[g.below(len(units))] for _ in range(len(units))]
        a = alpha(draw, metric)
        if a is not None:
            alphas.append(a)
    tail = (1 - level) / 2
    lower, upper = np.quantile(alphas, [tail, 1 - tail], method="linear")
    return {"lower": float(lower), "upper": float(upper), "undefined": resamples - len(alphas)}


# ---- R vcd::Kappa, transcribed --------------------------------------------------------------
def vcd_kappa(table, weights):
    x = np.asarray(table, float)
    n = x.sum()
    nc = x.shape[0]
    p = x / n
    col, row = p.sum(axis=0), p.sum(axis=1)
    dist = np.abs(np.subtract.outer(np.arange(nc), np.arange(nc))) / (nc - 1)
    W = {"unweighted": np.eye(nc), "linear": 1 - dist, "quadratic": 1 - dist**2}[weights]
    po = (W * p).sum()
    pc = (W * np.outer(row, col)).sum()
    k = (po - pc) / (1 - pc)
    # sweep(sweep(W, 1, W %*% colSums(p) * (1 - kw)), 2, W %*% rowSums(p) * (1 - kw))
    term = W - (W @ col)[:, None] * (1 - k) - (W @ row)[None, :] * (1 - k)
    ase = np.sqrt(((p * term**2).sum() - (k - pc * (1 - k)) ** 2) / (1 - pc) ** 2 / n)
    return float(k), float(ase)


# ---- R irr::kappam.fleiss (exact = FALSE), transcribed ----------------------------------------
def irr_fleiss(x):
    x = x[~np.isnan(x).any(axis=1)]
    ns, nr = x.shape
    lev = np.unique(x)
    ttab = np.array([[np.sum(row == c) for c in lev] for row in x], float)
    agree = np.sum((np.sum(ttab**2, axis=1) - nr) / (nr * (nr - 1)) / ns)
    chance = np.sum(np.sum(ttab, axis=0) ** 2) / (ns * nr) ** 2
    value = (agree - chance) / (1 - chance)
    pj = np.sum(ttab, axis=0) / (ns * nr)
    qj = 1 - pj
    var = (2 / (np.sum(pj * qj) ** 2 * (ns * nr * (nr - 1)))) * (
        np.sum(pj * qj) ** 2 - np.sum(pj * qj * (qj - pj)))
    se = np.sqrt(var)
    # statsmodels cross-check of the estimate
    sm = inter_rater.fleiss_kappa(ttab, method="fleiss")
    assert abs(sm - value) < 1e-12, (sm, value)
    z = value / se
    return {"kappa": float(value), "se": float(se), "z": float(z),
            "pValue": float(2 * stats.norm.sf(abs(z))), "nUsed": int(ns)}


def matrix(x):
    """Row-major list with null for missing."""
    return [None if np.isnan(v) else float(v) for v in np.asarray(x, float).ravel()]


out = {"generatedBy": (f"python3 tests/data/stats_agreement.py (Python {sys.version.split()[0]}, "
                       f"numpy {np.__version__}, scipy {scipy.__version__}, "
                       f"statsmodels {statsmodels.__version__}, pingouin {pingouin.__version__})")}

def icc_bounds(x, alpha=0.05):
    """The 95% bounds of the six forms, psych::ICC's formulas (as pingouin writes them)."""
    n, k = x.shape
    g = x.mean()
    ssb = k * ((x.mean(axis=1) - g) ** 2).sum()
    ssj = n * ((x.mean(axis=0) - g) ** 2).sum()
    sse = ((x - x.mean(axis=1)[:, None] - x.mean(axis=0)[None, :] + g) ** 2).sum()
    msb, msj, mse = ssb / (n - 1), ssj / (k - 1), sse / ((n - 1) * (k - 1))
    msw = (ssj + sse) / (n * (k - 1))
    icc2 = (msb - mse) / (msb + (k - 1) * mse + k * (msj - mse) / n)
    f1, f3 = msb / msw, msb / mse
    df1, df1kd, df2kd = n - 1, n * (k - 1), (n - 1) * (k - 1)
    q = 1 - alpha / 2
    f1l, f1u = f1 / stats.f.ppf(q, df1, df1kd), f1 * stats.f.ppf(q, df1kd, df1)
    f3l, f3u = f3 / stats.f.ppf(q, df1, df2kd), f3 * stats.f.ppf(q, df2kd, df1)
    fj = msj / mse
    vn = df2kd * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2
    vd = df1 * k**2 * icc2**2 * fj**2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2
    v = vn / vd
    f2u, f2l = stats.f.ppf(q, n - 1, v), stats.f.ppf(q, v, n - 1)
    l2 = n * (msb - f2u * mse) / (f2u * (k * msj + (k * n - k - n) * mse) + n * msb)
    u2 = n * (f2l * msb - mse) / (k * msj + (k * n - k - n) * mse + n * f2l * msb)
    single = lambda fl, fu: ((fl - 1) / (fl + k - 1), (fu - 1) / (fu + k - 1))
    return [single(f1l, f1u), (l2, u2), single(f3l, f3u), (1 - 1 / f1l, 1 - 1 / f1u),
            (l2 * k / (1 + l2 * (k - 1)), u2 * k / (1 + u2 * (k - 1))), (1 - 1 / f3l, 1 - 1 / f3u)]


# ---- ICC -------------------------------------------------------------------------------------
icc_sets = {
    "shrout_fleiss": np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6],
                               [10, 5, 6, 9], [6, 2, 4, 7]], float),
    "random_30x3": np.clip(np.round(rng.normal(5, 2, 30)[:, None] + rng.normal(0, 1.2, (30, 3))
                                    + np.array([0, 0.5, -0.3])), 0, 10),
    "with_missing_15x4": None,
}
x = np.round(rng.normal(3, 1, 15)[:, None] + rng.normal(0, 0.8, (15, 4)), 1)
x[[2, 7, 11], [1, 3, 0]] = nan
icc_sets["with_missing_15x4"] = x
out["icc"] = []
for name, x in icc_sets.items():
    long = pd.DataFrame([(s, r, x[s, r]) for s in range(x.shape[0]) for r in range(x.shape[1])],
                        columns=["s", "r", "y"])
    t = pingouin.intraclass_corr(long, targets="s", raters="r", ratings="y", nan_policy="omit")
    forms = []
    bounds = icc_bounds(x[~np.isnan(x).any(axis=1)])
    for (_, row), (lo, hi) in zip(t.iterrows(), bounds):
        # pingouin rounds its CI95 to two decimals: the unrounded bounds come from the same
        # formulas (icc_bounds), which must round to pingouin's.
        assert abs(lo - row["CI95"][0]) <= 0.005 + 1e-12 and abs(hi - row["CI95"][1]) <= 0.005 + 1e-12
        forms.append({"icc": float(row["ICC"]), "f": float(row["F"]), "df1": float(row["df1"]),
                      "df2": float(row["df2"]), "pValue": float(row["pval"]),
                      "lower": float(lo), "upper": float(hi)})
    out["icc"].append({"name": name, "subjects": x.shape[0], "raters": x.shape[1],
                       "ratings": matrix(x), "nUsed": int((~np.isnan(x).any(axis=1)).sum()),
                       "forms": forms})

# ---- Krippendorff's alpha ---------------------------------------------------------------------
alpha_sets = {}
with open("tests/data/conditions_alpha_data.csv") as f:
    rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")][1:]
for name, unit, rater, value in rows:
    alpha_sets.setdefault(name, {})[(int(unit), int(rater))] = nan if value == "NA" else float(value)
alpha_sets = {name: np.array([[d[(u, r)] for r in range(1, 1 + max(k[1] for k in d))]
                              for u in range(1, 1 + max(k[0] for k in d))])
              for name, d in alpha_sets.items()}
# Krippendorff (2011) p. 3, four observers, nominal codes, published alpha_nominal = 0.743.
published = {"krippendorff_2011": {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849,
                                   "ratio": 0.797}}
with open("tests/data/conditions_alpha.csv") as f:
    package = {(r[0], r[3]): float(r[4]) for r in csv.reader(f)
               if r and not r[0].startswith("#") and r[0] != "set"}
out["krippendorff"] = []
for name, x in alpha_sets.items():
    entry = {"name": name, "units": x.shape[0], "raters": x.shape[1], "ratings": matrix(x),
             "alpha": {}, "bootstrap": {}}
    for metric in ("nominal", "ordinal", "interval", "ratio"):
        if metric == "ratio" and np.nanmin(x) < 0:
            continue
        a = alpha(units_of(x), metric)
        # this implementation agrees with the krippendorff package where that was run
        if (name, metric) in package:
            assert abs(a - package[(name, metric)]) < 1e-12, (name, metric)
        if name in published:
            assert round(a, 3) == published[name][metric], (name, metric, a)
        entry["alpha"][metric] = a
        entry["bootstrap"][metric] = bootstrap(x, metric, 200, 7, 0.95)
    out["krippendorff"].append(entry)

# ---- Cohen's kappa ----------------------------------------------------------------------------
cats = [0.0, 1.0, 2.0, 3.0, 4.0]
truth = rng.integers(0, 5, 60)
a = np.clip(truth + rng.integers(-1, 2, 60), 0, 4).astype(float)
b = np.clip(truth + rng.integers(-1, 2, 60), 0, 4).astype(float)
b[[3, 17]] = nan
cohen_sets = {
    "scores_60": (a, b, cats),
    # a category nobody used is listed: it still shapes the weights
    "listed_unused": (np.array([1, 1, 2, 2, 3, 3, 1, 2, 3, 3.]),
                      np.array([1, 2, 2, 2, 3, 1, 1, 3, 3, 2.]), [1.0, 2.0, 3.0, 4.0]),
    "yes_no": (np.array([1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0.]),
               np.array([1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0.]), [0.0, 1.0]),
}
out["cohen"] = []
for name, (a, b, c) in cohen_sets.items():
    keep = ~(np.isnan(a) | np.isnan(b))
    table = np.zeros((len(c), len(c)))
    for u, v in zip(a[keep], b[keep]):
        table[c.index(u), c.index(v)] += 1
    est = {}
    for w in ("unweighted", "linear", "quadratic"):
        k, ase = vcd_kappa(table, w)
        est[w] = {"kappa": k, "ase": ase}
    # statsmodels agrees on the estimates; its ASE for the unweighted kappa is the same
    # large-sample formula (its weighted 'std_kappa' differs; vcd's is the one matched).
    for w, wt in (("unweighted", None), ("linear", "linear"), ("quadratic", "quadratic")):
        sm = inter_rater.cohens_kappa(table, wt=wt)
        assert abs(sm.kappa - est[w]["kappa"]) < 1e-12, (name, w)
    assert abs(inter_rater.cohens_kappa(table).std_kappa - est["unweighted"]["ase"]) < 1e-12
    out["cohen"].append({"name": name, "a": matrix(a), "b": matrix(b), "categories": c,
                         "nUsed": int(keep.sum()), "estimates": est})

# ---- Fleiss' kappa ----------------------------------------------------------------------------
# Fleiss (1971) Table 1 is given as counts; here: raw codes of 30 subjects by 6 raters.
truth = rng.integers(0, 4, 30)
f1 = np.where(rng.random((30, 6)) < 0.6, truth[:, None], rng.integers(0, 4, (30, 6))).astype(float)
f2 = rng.integers(1, 4, (25, 4)).astype(float)
f2[5, 2] = nan
f3 = np.where(rng.random((200, 5)) < 0.9, (np.arange(200) % 3)[:, None],
              rng.integers(0, 3, (200, 5))).astype(float)
out["fleiss"] = []
for name, x in (("codes_30x6", f1), ("chance_25x4_missing", f2), ("strong_200x5", f3)):
    out["fleiss"].append({"name": name, "subjects": x.shape[0], "raters": x.shape[1],
                          "codes": matrix(x), **irr_fleiss(x)})

# ---- Pearson, Spearman ------------------------------------------------------------------------
out["correlation"] = []
x1 = rng.normal(0, 1, 40)
y1 = 0.5 * x1 + rng.normal(0, 1, 40)
x2 = rng.integers(1, 6, 25).astype(float)
y2 = np.clip(x2 + rng.integers(-2, 3, 25), 1, 5).astype(float)
x3 = np.array([1, 2, 3, 4, 5.])
y3 = np.array([2, 1, 4, 3, 5.])
for name, x, y in (("normal_40", x1, y1), ("likert_ties_25", x2, y2), ("small_5", x3, y3)):
    p = stats.pearsonr(x, y)
    ci = p.confidence_interval(0.95)
    s = stats.spearmanr(x, y)
    rho, n = float(s.statistic), len(x)
    half = stats.norm.ppf(0.975) * np.sqrt((1 + rho**2 / 2) / (n - 3))
    out["correlation"].append({
        "name": name, "x": matrix(x), "y": matrix(y),
        "pearson": {"r": float(p.statistic), "pValue": float(p.pvalue),
                    "lower": float(ci.low), "upper": float(ci.high)},
        "spearman": {"r": rho, "pValue": float(s.pvalue),
                     "lower": float(np.tanh(np.arctanh(rho) - half)),
                     "upper": float(np.tanh(np.arctanh(rho) + half))}})

# ---- Kruskal-Wallis ---------------------------------------------------------------------------
out["kruskal"] = []
g1 = [rng.normal(m, 1, n) for m, n in ((0, 8), (0.5, 10), (1.2, 7))]
g2 = [rng.integers(1, 6, n).astype(float) for n in (12, 9, 15, 6)]
g3 = [np.array([1.0, 2, 3]), np.array([4.0, 5, 6])]
for name, groups in (("normal_3", g1), ("likert_ties_4", g2), ("two_separated", g3)):
    h = stats.kruskal(*groups)
    values = np.concatenate(groups)
    codes = np.concatenate([np.full(len(g), 10.0 * (i + 1)) for i, g in enumerate(groups)])
    out["kruskal"].append({"name": name, "values": matrix(values), "groups": matrix(codes),
                           "statistic": float(h.statistic), "pValue": float(h.pvalue)})

# ---- #20: the example round's agreement, per condition (ordinal; proposals resampled) --------
with open("src/conditions/example/round.json") as f:
    example = json.load(f)
pids = [p["id"] for p in example["proposals"]]
rids = [r["id"] for r in example["reviewers"]]
out["exampleRound"] = {}
for cid in dict.fromkeys(s["conditionId"] for s in example["scores"]):
    x = np.full((len(pids), len(rids)), nan)
    for sc in example["scores"]:
        if sc["conditionId"] == cid and sc["value"] is not None:
            x[pids.index(sc["proposalId"]), rids.index(sc["reviewerId"])] = sc["value"]
    out["exampleRound"][cid] = {"alpha": alpha(units_of(x), "ordinal"),
                                **bootstrap(x, "ordinal", 1000, 1, 0.95)}

with open("tests/data/stats_agreement.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
