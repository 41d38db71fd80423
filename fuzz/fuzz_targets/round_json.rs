//! Review rounds and rubrics as a project file would carry them (JSON decoded into the same
//! types the bindings decode): every analysis returns a result or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waterline::conditions::{self, Round, Rubric};

fuzz_target!(|data: &[u8]| {
    let rubric: Rubric = match data.first() {
        Some(b'{') => match serde_json::from_slice::<Rubric>(data) {
            Ok(r) => r,
            Err(_) => conditions::default_rubric(),
        },
        _ => conditions::default_rubric(),
    };
    if let Ok(round) = serde_json::from_slice::<Round>(data) {
        let _ = conditions::validate_round(&rubric, &round);
        let _ = conditions::analyze_round(&rubric, &round, &Default::default());
        let _ = conditions::bootstrap_ranks(
            &rubric,
            &round,
            &conditions::BootstrapOptions { resamples: 20, ..Default::default() },
        );
        let budget = round.proposals.iter().map(|p| p.amount_requested).sum::<f64>() / 2.0;
        let _ = conditions::fund_within_budget(
            &rubric,
            &round,
            &conditions::FundingOptions {
                budget: budget.floor(),
                partial: data.len() % 2 == 0,
                min_share_per_level: Default::default(),
                min_share_per_community: Default::default(),
                calibrated: data.len() % 3 == 0,
                constraints: Vec::new(),
            },
        );
    }
    let _ = conditions::parse_reviews_csv(&rubric, &String::from_utf8_lossy(data));
});
