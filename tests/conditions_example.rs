//! The built-in example round, scored with the default rubric: what a funder sees first.

use waterline::conditions::{
    analyze_round, bootstrap_ranks, default_rubric, fund_within_budget, validate_round,
    AnalysisOptions, BootstrapOptions, FundingOptions, Round, EXAMPLE_ROUND_JSON,
};

fn example() -> Round {
    serde_json::from_str(EXAMPLE_ROUND_JSON).unwrap()
}

#[test]
fn dump() {
    let a = analyze_round(&default_rubric(), &example(), &AnalysisOptions::default()).unwrap();
    println!("{}", serde_json::to_string_pretty(&a).unwrap());
    let f = fund_within_budget(
        &default_rubric(),
        &example(),
        &serde_json::from_str::<FundingOptions>(r#"{"budget": 800000}"#).unwrap(),
    )
    .unwrap();
    println!("{}", serde_json::to_string_pretty(&f).unwrap());
    let b = bootstrap_ranks(&default_rubric(), &example(), &BootstrapOptions::default()).unwrap();
    println!("{}", serde_json::to_string_pretty(&b).unwrap());
    let v = validate_round(&default_rubric(), &example()).unwrap();
    println!("{}", serde_json::to_string_pretty(&v).unwrap());
}
