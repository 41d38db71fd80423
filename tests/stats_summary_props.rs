//! Mergeable summaries (#22): any partition of the respondents, merged in any order, gives the
//! one-pass summary — exactly for counts and ranks, to 1e-12 relative for moments — and the
//! finished statistics equal those of the statistics functions on the raw values.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::stats::summary::{
    ItemCovariance, Merge, Moments, PointCounts, RankSumTable, Transitions, WeightedSums,
};
use waterline::stats::weighted::{weighted_mean, weighted_share, ShareInterval};
use waterline::stats::{
    cronbach_alpha, mann_whitney, mcnemar_pairs, paired_t, wilcoxon_signed_rank, AlphaOptions,
    LevelOptions, MannWhitneyOptions, SignedRankOptions,
};

const PIECES: usize = 5;
const POINTS: [f64; 5] = [1.0, 2.0, 3.0, 4.0, 5.0];

/// A Likert answer: mostly a point, sometimes missing, rarely a code that is not a point.
fn answer() -> impl Strategy<Value = f64> {
    prop_oneof![
        10 => (1u8..=5).prop_map(f64::from),
        2 => Just(f64::NAN),
        1 => Just(9.0),
    ]
}

/// Which piece each respondent goes to, and the order the pieces are merged in.
fn order() -> impl Strategy<Value = Vec<usize>> {
    Just((0..PIECES).collect::<Vec<_>>()).prop_shuffle()
}

/// Summarises each piece with `make` and `feed`, then merges the pieces in `order`
/// sequentially and, separately, as a balanced tree.
fn pieces<S: Merge + Clone, R>(
    rows: &[(R, usize)],
    order: &[usize],
    make: impl Fn() -> S,
    feed: impl Fn(&mut S, &R),
) -> (S, S) {
    let mut parts: Vec<S> = (0..PIECES).map(|_| make()).collect();
    for (r, p) in rows {
        feed(&mut parts[*p % PIECES], r);
    }
    let mut seq = make();
    for &k in order {
        seq.merge(&parts[k]).unwrap();
    }
    let mut level: Vec<S> = order.iter().map(|&k| parts[k].clone()).collect();
    while level.len() > 1 {
        let mut next = Vec::new();
        for pair in level.chunks(2) {
            let mut a = pair[0].clone();
            if let Some(b) = pair.get(1) {
                a.merge(b).unwrap();
            }
            next.push(a);
        }
        level = next;
    }
    (seq, level.pop().unwrap())
}

/// The serialized state reads back as the same summary (what a distributed aggregate carries
/// between its stages).
fn round_trip<S>(s: &S) -> Result<(), TestCaseError>
where
    S: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let back: S = serde_json::from_str(&serde_json::to_string(s).unwrap()).unwrap();
    prop_assert_eq!(&back, s);
    Ok(())
}

fn close(a: f64, b: f64, what: &str) -> Result<(), TestCaseError> {
    let scale = a.abs().max(b.abs());
    prop_assert!(
        (a - b).abs() <= 1e-12 * scale || a == b,
        "{what}: {a} vs {b} (relative {})",
        (a - b).abs() / scale
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn point_counts_merge_exactly(
        rows in prop::collection::vec((answer(), 0..PIECES), 0..300),
        order in order(),
    ) {
        let mut one = PointCounts::new(POINTS.to_vec());
        for (v, _) in &rows {
            one.observe(*v);
        }
        let (seq, tree) = pieces(&rows, &order, || PointCounts::new(POINTS.to_vec()), |s, v| s.observe(*v));
        prop_assert_eq!(&seq, &one);
        prop_assert_eq!(&tree, &one);
        prop_assert_eq!(seq.shares(0.95), one.shares(0.95));
        prop_assert_eq!(seq.median(), one.median());
        // The state survives serialization unchanged.
        let back: PointCounts = serde_json::from_str(&serde_json::to_string(&seq).unwrap()).unwrap();
        prop_assert_eq!(back, one);
    }

    #[test]
    fn transitions_merge_exactly_and_finish_as_the_raw_tests(
        rows in prop::collection::vec(((answer(), answer()), 0..PIECES), 0..300),
        order in order(),
    ) {
        let mut one = Transitions::new(POINTS.to_vec());
        for ((b, a), _) in &rows {
            one.observe(*b, *a);
        }
        let (seq, tree) = pieces(&rows, &order, || Transitions::new(POINTS.to_vec()), |s, (b, a)| s.observe(*b, *a));
        prop_assert_eq!(&seq, &one);
        prop_assert_eq!(&tree, &one);
        round_trip(&seq)?;
        // The raw complete pairs on the points: the tests agree bit for bit (ranks and ties
        // do not depend on the order of the pairs).
        let known = |v: f64| POINTS.contains(&v);
        let (before, after): (Vec<f64>, Vec<f64>) = rows
            .iter()
            .map(|(p, _)| *p)
            .filter(|(b, a)| known(*b) && known(*a))
            .unzip();
        let raw = wilcoxon_signed_rank(&before, &after, &SignedRankOptions::default());
        let merged = seq.wilcoxon(&SignedRankOptions::default());
        match (raw, merged) {
            (Ok(r), Ok(m)) => {
                prop_assert_eq!(r.statistic, m.statistic);
                prop_assert_eq!(r.p_value, m.p_value);
                prop_assert_eq!(r.rank_biserial, m.rank_biserial);
            }
            (Err(r), Err(m)) => prop_assert_eq!(r.code, m.code),
            (r, m) => prop_assert!(false, "raw {:?} merged {:?}", r.is_ok(), m.is_ok()),
        }
        if let (Ok(r), Ok(m)) = (paired_t(&before, &after, &LevelOptions::default()), seq.paired_t(0.95)) {
            close(r.t, m.t, "paired t")?;
            close(r.p_value, m.p_value, "paired t p")?;
        }
        let up = before.iter().zip(&after).filter(|(b, a)| a > b).count() as u64;
        prop_assert_eq!(seq.moves().up, up);
    }

    #[test]
    fn mcnemar_from_transitions_is_mcnemar_from_pairs(
        rows in prop::collection::vec(((0u8..=1, 0u8..=1), 0..PIECES), 0..200),
        order in order(),
    ) {
        let rows: Vec<((f64, f64), usize)> =
            rows.into_iter().map(|((b, a), p)| ((f64::from(b), f64::from(a)), p)).collect();
        let (seq, _) = pieces(&rows, &order, || Transitions::new(vec![0.0, 1.0]), |s, (b, a)| s.observe(*b, *a));
        let (before, after): (Vec<f64>, Vec<f64>) = rows.iter().map(|(p, _)| *p).unzip();
        let raw = mcnemar_pairs(&before, &after, &LevelOptions::default());
        match (raw, seq.mcnemar(0.95)) {
            (Ok(r), Ok(m)) => prop_assert_eq!(r, m),
            (Err(r), Err(m)) => prop_assert_eq!(r.code, m.code),
            (r, m) => prop_assert!(false, "raw {:?} merged {:?}", r.is_ok(), m.is_ok()),
        }
    }

    #[test]
    fn rank_sum_tables_merge_exactly_and_finish_as_mann_whitney(
        rows in prop::collection::vec(((0usize..2, answer()), 0..PIECES), 0..300),
        order in order(),
    ) {
        let mut one = RankSumTable::new(POINTS.to_vec(), 2);
        for ((g, v), _) in &rows {
            one.observe(Some(*g), *v);
        }
        let (seq, tree) = pieces(&rows, &order, || RankSumTable::new(POINTS.to_vec(), 2), |s, (g, v)| s.observe(Some(*g), *v));
        prop_assert_eq!(&seq, &one);
        prop_assert_eq!(&tree, &one);
        round_trip(&seq)?;
        let group = |k: usize| -> Vec<f64> {
            rows.iter()
                .filter(|((g, v), _)| *g == k && POINTS.contains(v))
                .map(|((_, v), _)| *v)
                .collect()
        };
        let o = MannWhitneyOptions::default();
        match (mann_whitney(&group(1), &group(0), &o), seq.mann_whitney(1, 0, &o)) {
            (Ok(r), Ok(m)) => prop_assert_eq!(r, m),
            (Err(r), Err(m)) => prop_assert_eq!(r.code, m.code),
            (r, m) => prop_assert!(false, "raw {:?} merged {:?}", r.is_ok(), m.is_ok()),
        }
    }

    #[test]
    fn moments_merge_to_1e_12(
        rows in prop::collection::vec((
            prop_oneof![8 => -1e3f64..1e3, 1 => 1e6f64..1.000001e6, 1 => Just(f64::NAN)],
            0..PIECES,
        ), 0..300),
        order in order(),
    ) {
        let mut one = Moments::new();
        for (v, _) in &rows {
            one.observe(*v);
        }
        let (seq, tree) = pieces(&rows, &order, Moments::new, |s, v| s.observe(*v));
        for s in [&seq, &tree] {
            prop_assert_eq!(s.n, one.n);
            prop_assert_eq!(s.missing, one.missing);
            prop_assert_eq!(s.min, one.min);
            prop_assert_eq!(s.max, one.max);
            close(s.mean, one.mean, "mean")?;
            close(s.m2, one.m2, "m2")?;
        }
        round_trip(&seq)?;
        // And to the two-pass mean and variance.
        let xs: Vec<f64> = rows.iter().map(|(v, _)| *v).filter(|v| !v.is_nan()).collect();
        if xs.len() >= 2 {
            let mean = xs.iter().sum::<f64>() / xs.len() as f64;
            let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (xs.len() - 1) as f64;
            close(seq.mean().unwrap(), mean, "two-pass mean")?;
            // Values near 10⁶ that differ by less than 1 are ill-conditioned: no algorithm (the
            // two-pass reference included) gets their variance to 1e-12, both err by about
            // n·ε·κ with κ = |mean|/sd (Chan, Golub & LeVeque 1983). The tolerance is that
            // bound, 1e-12 for ordinary data (κ of a few); the test failed now and then on two
            // values 10⁶ and 10⁶ + 0.52 (relative 2.2e-10, κ ≈ 2.7e6).
            let kappa = 1.0 + mean.abs() / var.sqrt();
            let tol = 1e-12f64.max(4.0 * xs.len() as f64 * f64::EPSILON * kappa);
            let v = seq.variance().unwrap();
            prop_assert!((v - var).abs() <= tol * var.abs(), "two-pass variance: {v} vs {var}, tolerance {tol:e} relative");
        }
    }

    /// The report's scale pass walks the triangle for two rows at once (#21, W5): it must give
    /// the state of one row at a time bit for bit, with missing answers, odd row counts, real
    /// (non-integer) answers, and an error stopping it where `observe` would.
    #[test]
    fn item_covariance_rows_two_at_a_time_give_the_same_bits(
        rows in prop::collection::vec(
            prop::collection::vec(prop_oneof![
                12 => (1u8..=5).prop_map(f64::from),
                3 => -1e3f64..1e3,
                1 => Just(f64::NAN),
                1 => Just(f64::INFINITY),
            ], 6),
            0..60),
    ) {
        let mut one = ItemCovariance::new(6).unwrap();
        let mut first_error = None;
        for r in &rows {
            if let Err(e) = one.observe(r) {
                first_error = Some(e.code);
                break;
            }
        }
        let flat: Vec<f64> = rows.iter().flatten().copied().collect();
        let mut two = ItemCovariance::new(6).unwrap();
        prop_assert_eq!(two.observe_rows(&flat).err().map(|e| e.code), first_error);
        prop_assert_eq!((two.n, two.incomplete), (one.n, one.incomplete));
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&two.means), bits(&one.means));
        prop_assert_eq!(bits(&two.comoments), bits(&one.comoments));
    }

    #[test]
    fn item_covariance_merges_to_1e_12_and_gives_alpha(
        rows in prop::collection::vec((
            prop::collection::vec(prop_oneof![12 => (1u8..=5).prop_map(f64::from), 1 => Just(f64::NAN)], 4),
            0..PIECES,
        ), 0..200),
        order in order(),
    ) {
        let mut one = ItemCovariance::new(4).unwrap();
        for (r, _) in &rows {
            one.observe(r).unwrap();
        }
        let (seq, tree) = pieces(&rows, &order, || ItemCovariance::new(4).unwrap(), |s, r| s.observe(r).unwrap());
        for s in [&seq, &tree] {
            prop_assert_eq!(s.n, one.n);
            prop_assert_eq!(s.incomplete, one.incomplete);
            for (a, b) in s.means.iter().zip(&one.means) {
                close(*a, *b, "item mean")?;
            }
            for (a, b) in s.comoments.iter().zip(&one.comoments) {
                // Co-moments can cancel to near 0: relative to the variances' scale.
                let scale = one.comoments.iter().fold(1.0f64, |m, c| m.max(c.abs()));
                prop_assert!((a - b).abs() <= 1e-12 * scale, "comoment {a} vs {b}");
            }
        }
        round_trip(&seq)?;
        let flat: Vec<f64> = rows.iter().flat_map(|(r, _)| r.iter().copied()).collect();
        let o = AlphaOptions::default();
        match (cronbach_alpha(&flat, 4, &o), seq.cronbach_alpha(&o)) {
            (Ok(r), Ok(m)) => {
                prop_assert_eq!((r.n, r.n_used), (m.n, m.n_used));
                // alpha = k/(k − 1) (1 − Σvar/total): near 0 the difference cancels, so it is
                // compared on its own scale, 1, from co-moments that agree to 1e-12 relative.
                prop_assert!((r.alpha - m.alpha).abs() <= 1e-12 * r.alpha.abs().max(1.0), "alpha {} vs {}", r.alpha, m.alpha);
                prop_assert!((r.lower - m.lower).abs() <= 1e-12 * r.lower.abs().max(1.0), "lower {} vs {}", r.lower, m.lower);
            }
            (Err(r), Err(m)) => prop_assert_eq!(r.code, m.code),
            // Near-zero total variance may fall on either side of the threshold.
            (r, m) => prop_assert!(
                r.as_ref().err().or(m.as_ref().err()).map(|e| e.code) == Some(waterline::Code::NoVariation),
                "raw {:?} merged {:?}", r.is_ok(), m.is_ok()
            ),
        }
    }

    #[test]
    fn weighted_sums_merge_to_1e_12_and_give_svymean(
        rows in prop::collection::vec((
            (0u8..=1, prop_oneof![1 => Just(0.0f64), 8 => 0.1f64..10.0]),
            0..PIECES,
        ), 1..300),
        order in order(),
    ) {
        let rows: Vec<((f64, f64), usize)> =
            rows.into_iter().map(|((y, w), p)| ((f64::from(y), w), p)).collect();
        let (seq, tree) = pieces(&rows, &order, WeightedSums::new, |s, (y, w)| s.observe(*y, *w).unwrap());
        let (ys, ws): (Vec<f64>, Vec<f64>) = rows.iter().map(|(p, _)| *p).unzip();
        round_trip(&seq)?;
        for s in [&seq, &tree] {
            match (weighted_mean(&ys, &ws, 0.95), s.mean(0.95)) {
                (Ok(r), Ok(m)) => {
                    prop_assert_eq!(r.n, m.n);
                    close(r.estimate, m.estimate, "weighted mean")?;
                    close(r.se, m.se, "linearised se")?;
                    close(r.n_eff, m.n_eff, "n_eff")?;
                    if let (Some(a), Some(b)) = (r.deff, m.deff) {
                        close(a, b, "deff")?;
                    }
                }
                (Err(r), Err(m)) => prop_assert_eq!(r.code, m.code),
                (r, m) => prop_assert!(false, "raw {:?} merged {:?}", r.is_ok(), m.is_ok()),
            }
            if let (Ok(r), Ok(m)) = (
                weighted_share(&ys, &ws, 0.95, ShareInterval::KornGraubard),
                s.share(0.95, ShareInterval::KornGraubard),
            ) {
                close(r.lower, m.lower, "share lower")?;
                close(r.upper, m.upper, "share upper")?;
            }
        }
    }
}

#[test]
fn merging_different_shapes_is_a_coded_error() {
    let mut a = PointCounts::new(vec![1.0, 2.0]);
    let b = PointCounts::new(vec![1.0, 2.0, 3.0]);
    assert_eq!(
        a.merge(&b).unwrap_err().code,
        waterline::Code::LengthMismatch
    );
    let mut c = ItemCovariance::new(3).unwrap();
    assert_eq!(
        c.merge(&ItemCovariance::new(4).unwrap()).unwrap_err().code,
        waterline::Code::LengthMismatch
    );
    assert_eq!(
        c.observe(&[1.0]).unwrap_err().code,
        waterline::Code::LengthMismatch
    );
    let mut w = WeightedSums::new();
    assert_eq!(
        w.observe(1.0, -1.0).unwrap_err().code,
        waterline::Code::InvalidWeight
    );
}
