//! Properties of the shift statistics that must hold for every input: p-values lie in [0, 1],
//! intervals contain their estimate and lie in [−1, 1], effect sizes stay in range, and
//! swapping before/after (or the two samples) flips the sign of the effect.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::stats::{self, ZeroMethod};

/// Paired answers on a 1–5 scale, some missing (NaN).
fn likert_pairs() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    prop::collection::vec((0u8..6, 0u8..6), 1..70).prop_map(|v| {
        let code = |c: u8| if c == 0 { f64::NAN } else { f64::from(c) };
        v.into_iter().map(|(b, a)| (code(b), code(a))).unzip()
    })
}

/// Paired continuous scores (no missing values).
fn score_pairs() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    prop::collection::vec((-50.0f64..50.0, -50.0f64..50.0), 2..80)
        .prop_map(|v| v.into_iter().unzip())
}

fn unit(p: f64) -> bool {
    (0.0..=1.0).contains(&p)
}

proptest! {
    #[test]
    fn mcnemar_is_bounded_and_flips_with_direction(
        a in 0u32..300, b in 0u32..300, c in 0u32..300, d in 0u32..300, level in 0.5f64..0.999,
    ) {
        prop_assume!(a + b + c + d > 0);
        let o = stats::McNemarOptions { level, a: Some(a.into()), d: Some(d.into()) };
        let r = stats::mcnemar(b.into(), c.into(), &o).unwrap();
        prop_assert!(unit(r.p_value) && unit(r.p_chi_square) && unit(r.p_chi_square_corrected));
        let diff = r.difference.unwrap();
        prop_assert!(-1.0 <= diff.lower && diff.lower <= diff.estimate);
        prop_assert!(diff.estimate <= diff.upper && diff.upper <= 1.0);
        // before and after swapped: b and c trade places
        let s = stats::mcnemar(c.into(), b.into(), &o).unwrap();
        let sd = s.difference.unwrap();
        prop_assert_eq!(s.p_value, r.p_value);
        prop_assert_eq!(sd.estimate, -diff.estimate);
        prop_assert!((sd.lower + diff.upper).abs() < 1e-12 && (sd.upper + diff.lower).abs() < 1e-12);
    }

    #[test]
    fn two_proportions_are_bounded_and_flip_with_the_waves(
        n1 in 1u32..500, n2 in 1u32..500, f1 in 0.0f64..=1.0, f2 in 0.0f64..=1.0,
        level in 0.5f64..0.999, correct in any::<bool>(),
    ) {
        let x1 = (f1 * f64::from(n1)).floor();
        let x2 = (f2 * f64::from(n2)).floor();
        let o = stats::TwoProportionsOptions { level, correct };
        let r = stats::two_proportions(x1, n1.into(), x2, n2.into(), &o).unwrap();
        prop_assert!(unit(r.p_value));
        prop_assert!(-1.0 <= r.lower && r.lower <= r.difference);
        prop_assert!(r.difference <= r.upper && r.upper <= 1.0);
        let s = stats::two_proportions(x2, n2.into(), x1, n1.into(), &o).unwrap();
        prop_assert_eq!(s.difference, -r.difference);
        prop_assert_eq!(s.cohens_h, -r.cohens_h);
        prop_assert!((s.lower + r.upper).abs() < 1e-12 && (s.upper + r.lower).abs() < 1e-12);
        prop_assert!((s.p_value - r.p_value).abs() < 1e-12);
    }

    #[test]
    fn signed_rank_is_bounded_and_flips_with_direction(
        (before, after) in likert_pairs(), pratt in any::<bool>(), correct in any::<bool>(),
        exact in prop::option::of(any::<bool>()),
    ) {
        let zero_method = if pratt { ZeroMethod::Pratt } else { ZeroMethod::Wilcox };
        let o = stats::SignedRankOptions { zero_method, correct, exact };
        let Ok(r) = stats::wilcoxon_signed_rank(&before, &after, &o) else {
            // only when no complete pair is left
            prop_assert!(before.iter().zip(&after).all(|(b, a)| b.is_nan() || a.is_nan()));
            return Ok(());
        };
        prop_assert!(unit(r.p_value));
        prop_assert!((-1.0..=1.0).contains(&r.rank_biserial));
        prop_assert_eq!(r.shares.improved + r.shares.same + r.shares.worse, r.n_used);
        let s = stats::wilcoxon_signed_rank(&after, &before, &o).unwrap();
        prop_assert_eq!(s.rank_biserial, -r.rank_biserial);
        prop_assert_eq!(s.statistic, r.rank_sum_negative);
        prop_assert!((s.p_value - r.p_value).abs() < 1e-12);
        prop_assert_eq!(s.shares.improved, r.shares.worse);
    }

    #[test]
    fn paired_t_interval_contains_the_mean_and_flips(
        (before, after) in score_pairs(), level in 0.5f64..0.999,
    ) {
        let o = stats::LevelOptions { level };
        let r = stats::paired_t(&before, &after, &o).unwrap();
        prop_assert!(unit(r.p_value));
        prop_assert!(r.lower <= r.mean_difference && r.mean_difference <= r.upper);
        let s = stats::paired_t(&after, &before, &o).unwrap();
        prop_assert!((s.mean_difference + r.mean_difference).abs() < 1e-9);
        prop_assert!((s.cohens_dz + r.cohens_dz).abs() < 1e-9);
        prop_assert!((s.lower + r.upper).abs() < 1e-9 && (s.upper + r.lower).abs() < 1e-9);
    }

    #[test]
    fn mann_whitney_is_bounded_and_flips_with_the_samples(
        x in prop::collection::vec(1u8..6, 1..60), y in prop::collection::vec(1u8..6, 1..60),
        correct in any::<bool>(), exact in prop::option::of(any::<bool>()),
    ) {
        let x: Vec<f64> = x.into_iter().map(f64::from).collect();
        let y: Vec<f64> = y.into_iter().map(f64::from).collect();
        let o = stats::MannWhitneyOptions { correct, exact };
        let r = stats::mann_whitney(&x, &y, &o).unwrap();
        prop_assert!(unit(r.p_value) && unit(r.common_language));
        prop_assert!((-1.0..=1.0).contains(&r.rank_biserial));
        let s = stats::mann_whitney(&y, &x, &o).unwrap();
        prop_assert!((s.rank_biserial + r.rank_biserial).abs() < 1e-12);
        prop_assert!((s.common_language + r.common_language - 1.0).abs() < 1e-12);
        prop_assert!((s.p_value - r.p_value).abs() < 1e-12);
    }

    #[test]
    fn chi_square_p_and_cramers_v_are_bounded(
        rows in 2usize..6, columns in 2usize..6, cells in prop::collection::vec(0u32..200, 36),
        correct in any::<bool>(),
    ) {
        let table: Vec<Vec<f64>> = (0..rows)
            .map(|i| (0..columns).map(|j| f64::from(cells[i * 6 + j]) + 1.0).collect())
            .collect();
        let r = stats::chi_square(&table, &stats::ChiSquareOptions { correct }).unwrap();
        prop_assert!(unit(r.p_value) && unit(r.cramers_v));
        prop_assert!(r.cramers_v_corrected.map_or(true, unit));
        prop_assert!(r.statistic >= 0.0);
    }
}
