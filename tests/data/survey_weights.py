"""Reference values for survey weights (#19): writes tests/data/survey_weights.json.

R is not installed here, so this script implements, independently of the Rust code and with
numpy/scipy only, the documented formulas of R's `survey` package for a design of weights
alone. Each block names the R call it stands for:

  mean   svymean(~y, svydesign(ids = ~1, weights = ~w, data = d), deff = "replace")
           estimate = sum(w y) / sum(w)
           var      = n/(n-1) * sum(w^2 (y - ybar)^2) / sum(w)^2     (with-replacement, one
                      respondent per PSU: survey:::onestrat with nPSU = n)
           deff     = var / (svyvar(~y, design) / n+),  svyvar = n+/(n+-1) sum(w (y-ybar)^2)/sum(w),
                      n+ = number of positive weights (svymean's deff = "replace" branch)
         confint(svymean(...)) = estimate -/+ qnorm(1 - alpha/2) * SE
  kg     svyciprop(~y, design, method = "beta", level = L)
           n* = p (1 - p) / var  (times (qt(a/2, nrow - 1) / qt(a/2, degf))^2 = 1 for ids = ~1)
           lower = qbeta(a/2, n* p, n* (1 - p) + 1); upper = qbeta(1 - a/2, n* p + 1, n* (1 - p))
  wilson Wilson (1927) score interval (prop.test(correct = FALSE)) with n = Kish's
         n_eff = sum(w)^2 / sum(w^2) -- not an R call; waterline's default share interval
  shift  svymean(~I(after - before), design): the mean above on the paired differences
  rake   rake(design, list(~community, ~gender), list(pop1, pop2),
              control = list(maxit = 1000, epsilon = 1e-10)): iterative proportional fitting,
         each margin in turn post-stratified (weights in a category scaled so their sum equals
         the target), until the margins all hold; compared on weights(raked design)

Run: python3 tests/data/survey_weights.py   (numpy, scipy)
"""

import json
import os

import numpy as np
from scipy import stats

rng = np.random.default_rng(19)


def svymean(y, w, level):
    y, w = np.asarray(y, float), np.asarray(w, float)
    n = len(y)
    sw = w.sum()
    ybar = (w * y).sum() / sw
    var = n / (n - 1) * (w**2 * (y - ybar) ** 2).sum() / sw**2 if n > 1 else 0.0
    pos = w > 0
    npos = pos.sum()
    svyvar = npos / (npos - 1) * (w * (y - ybar) ** 2).sum() / sw
    vsrs = svyvar / npos
    z = stats.norm.ppf(1 - (1 - level) / 2)
    se = np.sqrt(var)
    n_eff = sw**2 / (w**2).sum()
    return {
        "estimate": ybar,
        "se": se,
        "lower": ybar - z * se,
        "upper": ybar + z * se,
        "nEff": n_eff,
        "deffKish": npos / n_eff,
        "deff": var / vsrs if vsrs > 0 else None,
    }


def svyciprop_beta(y, w, level):
    m = svymean(y, w, level)
    p, var = m["estimate"], m["se"] ** 2
    n_star = p * (1 - p) / var
    a = 1 - level
    lower = stats.beta.ppf(a / 2, n_star * p, n_star * (1 - p) + 1)
    upper = stats.beta.ppf(1 - a / 2, n_star * p + 1, n_star * (1 - p))
    return lower, upper


def wilson_kish(y, w, level):
    m = svymean(y, w, level)
    p, n = m["estimate"], m["nEff"]
    z = stats.norm.ppf(1 - (1 - level) / 2)
    c = z * z / n
    centre = (p + c / 2) / (1 + c)
    half = z / (1 + c) * np.sqrt(p * (1 - p) / n + c / (4 * n))
    return centre - half, centre + half


def rake(cols, margins, w0, tol=1e-13, maxit=1000):
    w = np.asarray(w0, float).copy()
    for it in range(1, maxit + 1):
        for col, target in zip(cols, margins):
            for cat, total in target.items():
                sel = np.array([c == cat for c in col])
                w[sel] *= total / w[sel].sum()
        worst = max(
            abs(w[np.array([c == cat for c in col])].sum() - total)
            for col, target in zip(cols, margins)
            for cat, total in target.items()
        )
        if worst < tol * w.sum():
            return w, it
    raise RuntimeError("did not converge")


def case(name, y, w, level, share):
    out = {"name": name, "values": list(map(float, y)), "weights": list(map(float, w)),
           "level": level, "mean": svymean(y, w, level)}
    if share:
        out["wilsonKish"] = list(wilson_kish(y, w, level))
        out["kornGraubard"] = list(svyciprop_beta(y, w, level))
    return out


cases = []
for k, (n, p, level) in enumerate([(40, 0.3, 0.95), (120, 0.7, 0.9), (25, 0.12, 0.95),
                                   (300, 0.5, 0.99), (60, 0.85, 0.95)]):
    y = (rng.random(n) < p).astype(float)
    w = np.round(rng.lognormal(0, 0.6, n), 4)
    cases.append(case(f"share{k}", y, w, level, True))
for k, n in enumerate([30, 200]):
    y = rng.integers(1, 6, n).astype(float)
    w = np.round(rng.gamma(2.0, 1.5, n), 4)
    w[:3] = 0.0  # zero weights stay in the design (n counts them; n+ does not)
    cases.append(case(f"likert{k}", y, w, 0.95, False))

shifts = []
for k, n in enumerate([50, 150]):
    before = (rng.random(n) < 0.4).astype(float)
    after = np.where(rng.random(n) < 0.7, 1.0, before)
    w = np.round(rng.lognormal(0, 0.5, n), 4)
    m = svymean(after - before, w, 0.95)
    shifts.append({"before": list(before), "after": list(after), "weights": list(w),
                   "level": 0.95, "shift": m})

n = 80
community = [str(c) for c in rng.choice(["north", "south", "east"], n, p=[0.5, 0.3, 0.2])]
gender = [str(g) for g in rng.choice(["f", "m"], n, p=[0.6, 0.4])]
margins = [{"north": 300.0, "south": 450.0, "east": 250.0}, {"f": 510.0, "m": 490.0}]
w0 = np.ones(n)
raked, iterations = rake([community, gender], margins, w0)
rake_case = {"columns": [community, gender], "margins": margins, "weights": list(raked),
             "iterations": iterations}

out = {"generatedBy": "tests/data/survey_weights.py", "cases": cases, "shifts": shifts,
       "rake": rake_case}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "survey_weights.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
