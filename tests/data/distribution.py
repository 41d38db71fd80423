# Reference values for the bulk distribution functions (src/stats/distribution.rs): cdf,
# survival function, quantile and upper quantile (isf) of the standard normal, Student t,
# chi-square, F and binomial distributions, from mpmath at 60 significant digits.
# Writes tests/data/distribution.csv. Run from the repository root:
#   python3 tests/data/distribution.py
# Every input is a double written with 17 significant digits (mpf of a double is exact).
# Quantiles: scipy's value is only the starting point; mpmath's findroot solves
# ln F(x) = ln q (or ln S(x) = ln q) at 60 digits, and the script checks the root.
# Binomial quantiles are found by stepping k with the 60-digit cdf (smallest k with
# P(X <= k) >= q, resp. P(X > k) <= q).
import sys
import mpmath as mp
import scipy
from scipy import stats

mp.mp.dps = 60
HALF = mp.mpf(1) / 2


def tails(dist, a, b, x):
    """(cdf, sf) at the double x, at 60 digits."""
    x = mp.mpf(x)
    if dist == "normal":
        return mp.erfc(-x / mp.sqrt(2)) / 2, mp.erfc(x / mp.sqrt(2)) / 2
    if dist == "t":
        df = mp.mpf(a)
        # P(T <= -|t|) = I_{df/(df+t^2)}(df/2, 1/2) / 2
        low = mp.betainc(df / 2, HALF, 0, df / (df + x * x), regularized=True) / 2
        return (low, 1 - low) if x <= 0 else (1 - low, low)
    if dist == "chisq":
        k = mp.mpf(a) / 2
        if x <= 0:
            return mp.mpf(0), mp.mpf(1)
        return (mp.gammainc(k, 0, x / 2, regularized=True),
                mp.gammainc(k, x / 2, mp.inf, regularized=True))
    if dist == "f":
        d1, d2 = mp.mpf(a), mp.mpf(b)
        if x <= 0:
            return mp.mpf(0), mp.mpf(1)
        y = d1 * x / (d1 * x + d2)
        # 1 - y formed exactly, and the upper tail as I_{1-y}(d2/2, d1/2): mpmath's
        # betainc(a, b, y, 1) loses everything when y is within 1e-60 of 1.
        return (mp.betainc(d1 / 2, d2 / 2, 0, y, regularized=True),
                mp.betainc(d2 / 2, d1 / 2, 0, d2 / (d1 * x + d2), regularized=True))
    if dist == "binom":
        n, p, k = int(a), mp.mpf(b), int(mp.floor(x))
        if k < 0:
            return mp.mpf(0), mp.mpf(1)
        if k >= n:
            return mp.mpf(1), mp.mpf(0)
        # exact sums of the smaller side
        terms = [mp.binomial(n, j) * p ** j * (1 - p) ** (n - j) for j in range(n + 1)]
        return mp.fsum(terms[:k + 1]), mp.fsum(terms[k + 1:])
    raise ValueError(dist)


def scipy_dist(dist, a, b):
    return {"normal": lambda: stats.norm(), "t": lambda: stats.t(a), "chisq": lambda: stats.chi2(a),
            "f": lambda: stats.f(a, b), "binom": lambda: stats.binom(int(a), b)}[dist]()


def quantile(dist, a, b, q, upper):
    q = mp.mpf(q)
    if dist == "binom":
        n = int(a)
        for k in range(n + 1):
            lo, hi = tails(dist, a, b, k)
            if (hi <= q) if upper else (lo >= q):
                return mp.mpf(k)
        return mp.mpf(n)
    d = scipy_dist(dist, a, b)
    x0 = float(d.isf(float(q)) if upper else d.ppf(float(q)))
    if not (x0 == x0) or x0 in (0.0, float("inf"), float("-inf")):
        return None
    side = 1 if upper else 0
    # Solve in ln x for the positive distributions, in x for the symmetric ones, by the
    # Anderson-Bjorck bracketing method from a bracket grown around scipy's value.
    if dist in ("chisq", "f"):
        f = lambda u: mp.log(tails(dist, a, b, mp.exp(u))[side]) - mp.log(q)
        u0 = mp.log(x0)
    else:
        f = lambda x: mp.log(tails(dist, a, b, x)[side]) - mp.log(q)
        u0 = mp.mpf(x0)
    step = mp.mpf(1e-12) * max(1, abs(u0))
    while True:
        lo, hi = u0 - step, u0 + step
        if f(lo) * f(hi) < 0:
            break
        step *= 4
    u = mp.findroot(f, (lo, hi), solver="anderson", tol=mp.mpf(10) ** -100, verify=False)
    root = mp.exp(u) if dist in ("chisq", "f") else u
    assert abs(tails(dist, a, b, root)[side] / q - 1) < mp.mpf(10) ** -40, (dist, a, b, q, upper)
    return root


def fmt(v):
    return mp.nstr(v, 25, min_fixed=1, max_fixed=0)


XS = {
    "normal": [-38.0, -37.0, -20.0, -8.5, -3.0, -1.0, -0.5, -1e-8, 0.0, 0.3, 0.46875, 0.5, 1.0,
               2.0, 4.0, 5.657, 6.0, 8.0, 10.0, 15.0, 20.0, 26.5, 30.0, 37.0, 38.0],
    "t": [-200.0, -30.0, -5.0, -2.0, -0.3, 0.0, 0.001, 1.0, 2.5, 4.0, 10.0, 40.0, 1e3, 1e10],
    "chisq": [-1.0, 0.0, 1e-12, 1e-5, 0.01, 0.5, 1.0, 2.0, 3.84, 7.5, 10.0, 30.0, 100.0, 300.0,
              1000.0, 1500.0],
    "f": [0.0, 1e-10, 0.001, 0.1, 0.5, 1.0, 1.5, 3.0, 10.0, 100.0, 1e4, 1e8],
    "binom": [-1.0, 0.0, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 49.0, 50.0, 99.0, 150.0, 199.0, 200.0],
}
PARAMS = {
    "normal": [(0, 0)],
    "t": [(1.0, 0), (2.0, 0), (3.0, 0), (4.5, 0), (30.0, 0), (1000.0, 0), (1e4, 0)],
    "chisq": [(0.5, 0), (1.0, 0), (2.0, 0), (3.0, 0), (7.5, 0), (30.0, 0), (100.0, 0), (1000.0, 0)],
    "f": [(1.0, 1.0), (2.0, 7.0), (5.0, 30.0), (30.0, 5.0), (100.0, 1000.0), (0.5, 3.5)],
    "binom": [(1, 0.5), (10, 0.3), (50, 0.001), (100, 0.5), (200, 0.999), (200, 1e-8), (150, 0.2)],
}
QS = [1e-300, 1e-100, 1e-20, 1e-8, 0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999999]

rows = []
for dist, params in PARAMS.items():
    for a, b in params:
        for x in XS[dist]:
            lo, hi = tails(dist, a, b, x)
            rows.append((dist, a, b, "cdf", x, lo))
            rows.append((dist, a, b, "sf", x, hi))
        for q in QS:
            for what, upper in (("quantile", False), ("isf", True)):
                root = quantile(dist, a, b, q, upper)
                if root is not None:
                    rows.append((dist, a, b, what, q, root))

with open("tests/data/distribution.csv", "w") as f:
    f.write("# generated by: python3 tests/data/distribution.py (Python %s, mpmath %s, scipy %s, "
            "mp.dps = 60)\n" % (sys.version.split()[0], mp.__version__, scipy.__version__))
    f.write("dist,a,b,what,x,value\n")
    for dist, a, b, what, x, v in rows:
        f.write("%s,%r,%r,%s,%r,%s\n" % (dist, float(a), float(b), what, float(x), fmt(v)))
print(len(rows), "rows")
