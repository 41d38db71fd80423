//! "Finite by contract" (issue #15): every statistic given finite numbers, however extreme
//! (±1e300, f64::MAX, subnormals), returns finite numbers or a coded error — never NaN, ±∞ or
//! an `internal` error.
#![cfg(not(target_arch = "wasm32"))]

mod finite_support;

use finite_support::finite_debug;
use proptest::prelude::*;
use std::fmt::Debug;
use waterline::stats::power::{self, PowerOptions};
use waterline::stats::{self, student_t, AlphaMetric};
use waterline::{Code, Result as EngineResult};

/// Extreme and ordinary finite numbers.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0..6i32).prop_map(f64::from),
        -1e6..1e6f64,
        prop::sample::select(vec![
            1e100,
            -1e100,
            1e101,
            1e150,
            -1e200,
            1e300,
            f64::MAX,
            -f64::MAX,
            1e-300,
            -1e-300,
            5e-324,
            0.0,
            0.5,
            1.0 - 1e-16,
            9.0e15,
        ]),
    ]
}

fn values(max: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(value(), 0..max)
}

/// Every number in the result's debug form is finite (Debug prints NaN and inf as such).
fn finite_or_coded<T: Debug>(what: &str, r: EngineResult<T>) -> Result<(), TestCaseError> {
    match r {
        Ok(v) => {
            let text = format!("{v:?}");
            prop_assert!(finite_debug(&text), "{what}: {text}");
        }
        Err(e) => prop_assert!(e.code != Code::Internal, "{what}: {e:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn paired_statistics(b in values(12), a in values(12)) {
        let n = b.len().min(a.len());
        let (b, a) = (&b[..n], &a[..n]);
        finite_or_coded("pairedT", stats::paired_t(b, a, &Default::default()))?;
        finite_or_coded("wilcoxon", stats::wilcoxon_signed_rank(b, a, &Default::default()))?;
        finite_or_coded("mcnemarPairs", stats::mcnemar_pairs(b, a, &Default::default()))?;
    }

    #[test]
    fn two_sample_statistics(x in values(10), y in values(10)) {
        finite_or_coded("mannWhitney", stats::mann_whitney(&x, &y, &Default::default()))?;
        let k = 2 + x.len() % 3;
        let cut = x.len() - x.len() % k;
        finite_or_coded("cronbachAlpha", stats::cronbach_alpha(&x[..cut], k, &Default::default()))?;
        finite_or_coded("chiSquareGof", stats::chi_square_gof(&x, &y))?;
        if x.len() >= 4 {
            let table = vec![x[..2].to_vec(), x[2..4].to_vec()];
            finite_or_coded("chiSquare", stats::chi_square(&table, &Default::default()))?;
        }
        finite_or_coded("pAdjust", stats::p_adjust(&x, Default::default()))?;
        let n = x.len().min(y.len());
        finite_or_coded("tTwoSidedP", student_t::two_sided_p_many(&x[..n], &y[..n]))?;
    }

    #[test]
    fn scalar_statistics(v in prop::collection::vec(value(), 4)) {
        let (a, b, c, d) = (v[0], v[1], v[2], v[3]);
        finite_or_coded("wilson", stats::wilson(a, b, 0.95))?;
        finite_or_coded("twoProportions", stats::two_proportions(a, b, c, d, &Default::default()))?;
        finite_or_coded("mcnemar", stats::mcnemar(a, b, &Default::default()))?;
        finite_or_coded("tQuantile", student_t::quantile(a, b))?;
        let o = PowerOptions::default();
        finite_or_coded("powerTwoProportions", power::power_two_proportions(a, b, c, &o))?;
        finite_or_coded("sampleSizeTwoProportions", power::sample_size_two_proportions(a, b, c, &o))?;
        finite_or_coded("powerPairedMeans", power::power_paired_means(a, b, c, &o))?;
        finite_or_coded("sampleSizePairedMeans", power::sample_size_paired_means(a, b, c, &o))?;
        finite_or_coded("powerPairedProportions", power::power_paired_proportions(a, b, c, &o))?;
        finite_or_coded(
            "sampleSizePairedProportions",
            power::sample_size_paired_proportions(a, b, c, &o),
        )?;
    }

    #[test]
    fn agreement_statistics(r in prop::collection::vec(prop::option::of(value()), 6..13)) {
        let raters = 2 + r.len() % 2;
        let units = r.len() / raters;
        let r = &r[..units * raters];
        finite_or_coded("icc", stats::icc(r, units, raters, 0.95))?;
        for m in [AlphaMetric::Ordinal, AlphaMetric::Interval] {
            finite_or_coded("krippendorff", stats::krippendorff_alpha(r, units, raters, m))?;
        }
    }
}
