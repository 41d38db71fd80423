//! Native timing of `decide_funding` on a W6-sized round (#20 performance): 10,000 proposals,
//! 20 reviewers each, every condition of the default rubric, 1,000 resamples. Ignored: run
//! `cargo test --release --test conditions_decision_timing -- --ignored --nocapture`.
#![cfg(feature = "conditions")]
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;
use waterline::conditions::decision::{decide_funding, DecisionOptions};
use waterline::conditions::{default_rubric, Round};

/// The shape of bench/domains.mjs reviewRound (scores 0–4, a harshness per reviewer), in
/// scoreColumns, from a small LCG (not the bench's generator: the timing, not the values).
fn w6(n_p: usize, n_r: usize, per: usize, n_c: usize) -> serde_json::Value {
    let mut state = 11u64;
    let mut u = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let harsh: Vec<f64> = (0..n_r).map(|_| (u() * 3.0).floor() - 1.0).collect();
    let (mut rv, mut pv, mut cv, mut vv) = (vec![], vec![], vec![], vec![]);
    let mut proposals = vec![];
    for p in 0..n_p {
        let amount = 20_000 + (u() * 230.0).floor() as u64 * 1000;
        proposals.push(
            serde_json::json!({ "id": format!("p{p}"), "title": "t", "applicant": "a",
            "community": "c", "amountRequested": amount }),
        );
        let quality = u() * 4.0;
        let first = (u() * n_r as f64) as usize;
        for k in 0..per {
            let r = (first + k) % n_r;
            for c in 0..n_c {
                let v = (quality + harsh[r] * 0.5 + (u() - 0.5) * 1.5)
                    .clamp(0.0, 4.0)
                    .round();
                rv.push(r as u32);
                pv.push(p as u32);
                cv.push(c as u32);
                vv.push(v);
            }
        }
    }
    let rubric = default_rubric();
    let reviewers: Vec<_> = (0..n_r)
        .map(|r| serde_json::json!({ "id": format!("r{r}"), "name": "n" }))
        .collect();
    serde_json::json!({ "title": "timing", "synthetic": true, "proposals": proposals,
        "reviewers": reviewers, "conflicts": [], "scores": [],
        "scoreColumns": { "reviewerIds": (0..n_r).map(|r| format!("r{r}")).collect::<Vec<_>>(),
            "proposalIds": (0..n_p).map(|p| format!("p{p}")).collect::<Vec<_>>(),
            "conditionIds": rubric.conditions.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
            "reviewer": rv, "proposal": pv, "condition": cv, "value": vv } })
}

#[test]
#[ignore]
fn time_decide_funding_on_w6() {
    let rubric = default_rubric();
    let round: Round = serde_json::from_value(w6(10_000, 20, 20, rubric.conditions.len())).unwrap();
    // WATERLINE_RESAMPLES=1 times what does not depend on the bootstrap.
    let resamples: usize = std::env::var("WATERLINE_RESAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let options: DecisionOptions = serde_json::from_value(
        serde_json::json!({ "budget": 100_000_000.0, "seed": 1, "resamples": resamples, "calibrated": false }),
    )
    .unwrap();
    for _ in 0..3 {
        let t0 = Instant::now();
        let d = decide_funding(&rubric, &round, &options).unwrap();
        eprintln!(
            "decide_funding W6: {:.0} ms (funded {})",
            t0.elapsed().as_secs_f64() * 1e3,
            d.funding_line.funded.len()
        );
    }
}
