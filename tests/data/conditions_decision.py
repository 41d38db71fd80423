"""Independent reference for the lottery rule of #20 (expected ranks, the band, the draw).

Written from the definitions, not from the engine's code: the bootstrap over reviewers
(docs of `bootstrap_ranks`), the expected rank as the mean bootstrap rank, ERforResearch's band
rule (`plot_er_distributions`, inner interval: band if l <= FL <= h or ER == FL, accepted if
h < FL; FL = the ER of the last fundable proposal), and the published generators
(SplitMix64, xoshiro256** 1.0, Lemire's bounded integers) for the seeded draw.

Run: python3 tests/data/conditions_decision.py > tests/data/conditions_decision.json
"""
import json
import pathlib

import numpy as np

from xoshiro import Xoshiro  # the engine's generator, tests/data/xoshiro.py

ROOT = pathlib.Path(__file__).resolve().parents[2]


def scores_with(weights_by_reviewer, reviews, proposals, conditions):
    """Raw 0-100 score per proposal: per condition the weighted mean of the drawn reviewers'
    rescaled scores, then the mean over conditions with data (default rubric: weights 1).

    When every review of a proposal scores every condition, every condition has the same
    denominator, and the formula equals the weighted mean of the reviews' own scores (each the
    mean of its conditions): the engine computes that form (one sum per review, not per score),
    and so does this script, because the two orders of summation round differently and an exact
    tie in one can be a near-tie in the other, which would move competition ranks."""
    out = {}
    for p in proposals:
        own = {}
        for c in conditions:
            for (r, v) in reviews.get((p, c), []):
                own.setdefault(r, []).append(100.0 * v / 4.0)
        if own and all(len(x) == len(conditions) for x in own.values()):
            num = den = 0.0
            for r, xs in own.items():
                w = weights_by_reviewer[r]
                if w > 0:
                    total = 0.0
                    for x in xs:
                        total += x
                    num += w * (total / len(xs))
                    den += w
            out[p] = num / den if den > 0 else None
            continue
        parts = []
        for c in conditions:
            num = den = 0.0
            for (r, v) in reviews.get((p, c), []):
                w = weights_by_reviewer[r]
                if w > 0:
                    num += w * (100.0 * v / 4.0)
                    den += w
            if den > 0:
                parts.append(num / den)
        out[p] = sum(parts) / len(parts) if parts else None
    return out


def competition_ranks(scores):
    scored = {p: s for p, s in scores.items() if s is not None}
    return {p: 1 + sum(1 for q in scored.values() if q > s) for p, s in scored.items()}


def main():
    rnd = json.loads((ROOT / "src/conditions/example/round.json").read_text())
    conditions = ["policies", "practices", "resource-flows", "relationships",
                  "power-dynamics", "mental-models", "leadership-development",
                  "community-building"]
    proposals = [p["id"] for p in rnd["proposals"]]
    cost = {p["id"]: int(p["amountRequested"]) for p in rnd["proposals"]}
    reviewers = [r["id"] for r in rnd["reviewers"]]
    reviews = {}
    for s in rnd["scores"]:
        reviews.setdefault((s["proposalId"], s["conditionId"]), []).append(
            (s["reviewerId"], s["value"]))
    budget, resamples, boot_seed, level, seed = 800_000, 1000, 1, 0.5, 12345

    full = scores_with({r: 1.0 for r in reviewers}, reviews, proposals, conditions)
    rng = Xoshiro(boot_seed)
    drawn = {p: [] for p in proposals}
    for _ in range(resamples):
        m = {r: 0.0 for r in reviewers}
        for _ in reviewers:
            m[reviewers[rng.below(len(reviewers))]] += 1.0
        for p, rank in competition_ranks(scores_with(m, reviews, proposals, conditions)).items():
            drawn[p].append(rank)
    er = {p: float(np.mean(drawn[p])) for p in proposals}
    lo = {p: int(np.quantile(drawn[p], (1 - level) / 2, method="inverted_cdf")) for p in proposals}
    hi = {p: int(np.quantile(drawn[p], (1 + level) / 2, method="inverted_cdf")) for p in proposals}

    order = sorted(proposals, key=lambda p: (er[p], -full[p], proposals.index(p)))
    spent, n_fundable = 0, 0
    for p in order:
        if spent + cost[p] > budget:
            break
        spent += cost[p]
        n_fundable += 1
    fl = er[order[n_fundable - 1]]
    group = {}
    for p in proposals:
        if (lo[p] <= fl <= hi[p]) or er[p] == fl:
            group[p] = "band"
        elif lo[p] < fl and hi[p] < fl:
            group[p] = "accepted"
        else:
            group[p] = "rejected"
    band = [p for p in order if group[p] == "band"]
    shuffled = list(band)
    draw = Xoshiro(seed)
    for i in range(len(shuffled) - 1, 0, -1):
        j = draw.below(i + 1)
        shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
    json.dump({
        "budget": budget, "resamples": resamples, "bootstrapSeed": boot_seed,
        "bandLevel": level, "seed": seed, "calibrated": False,
        "expectedRank": er, "rankLower": lo, "rankUpper": hi,
        "linePosition": n_fundable, "fundingLineAt": fl,
        "accepted": [p for p in order if group[p] == "accepted"],
        "band": band, "drawOrder": shuffled,
    }, __import__("sys").stdout, indent=1)


if __name__ == "__main__":
    main()
