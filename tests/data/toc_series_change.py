"""Reference values for tests/toc_series.rs: the change of an indicator series between two
periods with counts (Newcombe's hybrid score interval of p2 - p1, Wilson per point) and derived
ratio/difference series. Independent of the Rust code: Python's standard library only
(statistics.NormalDist for the normal quantile), written from Wilson (1927) and Newcombe (1998,
method 10). All values in percent / points, as the engine reports them.

Run: python3 tests/data/toc_series_change.py > tests/data/toc_series_change.json
"""
import json
from math import sqrt
from statistics import NormalDist


def wilson(x, n, level):
    z = NormalDist().inv_cdf((1 + level) / 2)
    p = x / n
    centre = p + z * z / (2 * n)
    half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    den = 1 + z * z / n
    lo, hi = (centre - half) / den, (centre + half) / den
    if x == 0:
        lo = 0.0
    if x == n:
        hi = 1.0
    return lo, hi


def newcombe(x1, n1, x2, n2, level):
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, level)
    l2, u2 = wilson(x2, n2, level)
    d = p2 - p1
    return d - sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)


# (x1, n1, x2, n2, level): suspensions out of enrolment in two school years (illustrative
# DataQuest-sized counts), a staff item (48 of 100 -> 72 of 100, wave sizes assumed), edges.
CASES = [
    (1350, 10000, 920, 10000, 0.95),
    (48, 100, 72, 100, 0.95),
    (280, 10000, 0, 9800, 0.95),
    (164, 1000, 182, 1000, 0.90),
    (5, 5, 3, 7, 0.99),
]

out = {"change": [], "derive": []}
for x1, n1, x2, n2, level in CASES:
    lo, hi = newcombe(x1, n1, x2, n2, level)
    out["change"].append({
        "x1": x1, "n1": n1, "x2": x2, "n2": n2, "level": level,
        "difference": 100 * (x2 / n2 - x1 / n1),
        "lower": 100 * lo, "upper": 100 * hi,
        "from": [100 * v for v in wilson(x1, n1, level)],
        "to": [100 * v for v in wilson(x2, n2, level)],
    })
# Derived series: middle- over high-school suspension rates (seed 000, Figure 2: 10% and 6%
# in 2013-14) and their difference in points.
for a, b in [(10.0, 6.0), (13.5, 9.2), (4.2, 3.1)]:
    out["derive"].append({"a": a, "b": b, "ratio": a / b, "difference": a - b})
print(json.dumps(out, indent=2))
