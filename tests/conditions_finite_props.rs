//! "Finite by contract" in the Proposals area (issue #15): with weights anywhere in their
//! allowed range ({0} ∪ [1e-6, 1e6]) the example round's scores, ranks, calibration, agreement
//! and funding are finite numbers or coded errors — never NaN or ±∞.
#![cfg(feature = "conditions")]
#![cfg(not(target_arch = "wasm32"))]

mod finite_support;

use finite_support::finite_debug;
use proptest::prelude::*;
use waterline::conditions::{
    analyze_round, bootstrap_ranks, default_rubric, fund_within_budget, AnalysisOptions,
    BootstrapOptions, FundingOptions, Round, EXAMPLE_ROUND_JSON,
};

fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1e-6), Just(1e6), Just(1.0), 1e-6..1e6f64]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn extreme_allowed_weights_give_finite_results(weights in prop::collection::vec(weight(), 8)) {
        let round: Round = serde_json::from_str(EXAMPLE_ROUND_JSON).unwrap();
        let mut rubric = default_rubric();
        for (c, w) in rubric.conditions.iter_mut().zip(&weights) {
            c.weight = *w;
        }
        prop_assume!(rubric.validate().is_ok());
        if let Ok(a) = analyze_round(&rubric, &round, &AnalysisOptions::default()) {
            let text = format!("{a:?}");
            prop_assert!(finite_debug(&text), "{}", text);
        }
        for calibrated in [false, true] {
            let options = BootstrapOptions { resamples: 50, calibrated, ..Default::default() };
            if let Ok(b) = bootstrap_ranks(&rubric, &round, &options) {
                let text = format!("{b:?}");
                prop_assert!(finite_debug(&text), "{}", text);
            }
            let funding = FundingOptions {
                budget: 1_500_000.0,
                partial: true,
                min_share_per_level: Default::default(),
                min_share_per_community: Default::default(),
                calibrated,
                constraints: Vec::new(),
            };
            if let Ok(f) = fund_within_budget(&rubric, &round, &funding) {
                let text = format!("{f:?}");
                prop_assert!(finite_debug(&text), "{}", text);
            }
        }
    }
}
