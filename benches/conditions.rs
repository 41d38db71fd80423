//! Native benchmark of the exact budget optimisation (prints numbers): `cargo bench --bench conditions`.
//! The wasm numbers the targets refer to come from `make bench` (bench/domains.mjs).

use std::time::Instant;
use waterline::conditions::knapsack::{solve, MinSpend};
use waterline::conditions::prng::Xoshiro256StarStar;
use waterline::conditions::{
    analyze_round, default_rubric, validate_round, AnalysisOptions, Proposal, Reviewer, Round,
    ScoreColumns,
};

/// The round: 10,000 proposals, each scored by all 20 reviewers on every condition of
/// the default rubric (8), in columns; harsh and generous reviewers.
fn complete_round() -> Round {
    let mut rng = Xoshiro256StarStar::seed_from_u64(11);
    let rubric = default_rubric();
    let (n_p, n_r, n_c) = (10_000u32, 20u32, rubric.conditions.len() as u32);
    let harsh: Vec<f64> = (0..n_r).map(|_| rng.below(3) as f64 - 1.0).collect();
    let mut columns = ScoreColumns {
        reviewer_ids: (0..n_r).map(|r| format!("r{r}")).collect(),
        proposal_ids: (0..n_p).map(|p| format!("p{p}")).collect(),
        condition_ids: rubric.conditions.iter().map(|c| c.id.clone()).collect(),
        ..ScoreColumns::default()
    };
    for p in 0..n_p {
        let quality = 4.0 * rng.next_f64();
        for r in 0..n_r {
            for c in 0..n_c {
                let noise = 1.5 * (rng.next_f64() - 0.5);
                let v = (quality + 0.5 * harsh[r as usize] + noise)
                    .clamp(0.0, 4.0)
                    .round();
                columns.reviewer.push(r);
                columns.proposal.push(p);
                columns.condition.push(c);
                columns.value.push(v);
            }
        }
    }
    Round {
        title: "complete design".into(),
        synthetic: true,
        note: None,
        proposals: columns
            .proposal_ids
            .iter()
            .map(|id| Proposal {
                id: id.clone(),
                title: id.clone(),
                applicant: id.clone(),
                community: "Mecca".into(),
                amount_requested: 100_000.0,
                minimum_amount: None,
                toc_model_id: None,
                attributes: Default::default(),
            })
            .collect(),
        reviewers: columns
            .reviewer_ids
            .iter()
            .map(|id| Reviewer {
                id: id.clone(),
                name: id.clone(),
            })
            .collect(),
        conflicts: vec![],
        scores: vec![],
        score_columns: Some(columns),
    }
}

fn round_analysis_complete_design() {
    let round = complete_round();
    let rubric = default_rubric();
    let n = round.score_columns.as_ref().map_or(0, ScoreColumns::len);
    for _ in 0..3 {
        let t = Instant::now();
        let v = validate_round(&rubric, &round).unwrap();
        let validated = t.elapsed();
        let t = Instant::now();
        let a = analyze_round(&rubric, &round, &AnalysisOptions::default()).unwrap();
        println!(
            "round analysis, 10,000 × 20 × {} ({n} scores, {} reviews): validate {validated:?}, analyze {:?}, {} flags",
            rubric.conditions.len(),
            v.reviews,
            t.elapsed(),
            a.agreement.flags.len()
        );
    }
}

fn amounts(rng: &mut Xoshiro256StarStar, n: usize, round_to: u64) -> Vec<u64> {
    (0..n)
        .map(|_| (20_000 + rng.below(230_000)) / round_to * round_to)
        .collect()
}

fn knapsack_500_proposals() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(3);
    // Value shapes: uniform scores, all equal, few distinct (steps of 12.5), near-equal, and
    // strongly correlated with cost (the classic hard case).
    for (label, round_to, shape) in [
        ("uniform, dollars", 1, 0),
        ("uniform, thousands", 1000, 0),
        ("equal, dollars", 1, 1),
        ("steps of 12.5, dollars", 1, 2),
        ("near-equal, dollars", 1, 3),
        ("correlated, dollars", 1, 4),
        ("correlated, hundreds", 100, 4),
    ] {
        for budget in [2_000_000u64, 10_000_000, 30_000_000] {
            let costs = amounts(&mut rng, 500, round_to);
            let values: Vec<f64> = costs
                .iter()
                .map(|&c| match shape {
                    0 => 20.0 + 80.0 * rng.next_f64(),
                    1 => 50.0,
                    2 => 12.5 * (1 + rng.below(8)) as f64,
                    3 => 50.0 + 1e-3 * rng.next_f64(),
                    _ => c as f64 / 2500.0 + 10.0,
                })
                .collect();
            let t = Instant::now();
            let s = solve(&values, &costs, budget, &[]).unwrap();
            println!(
                "{label:24} {budget:>9}: {:>18} optimal {} nodes {:>8} {:?}",
                s.method,
                s.optimal,
                s.nodes,
                t.elapsed()
            );
            let groups = vec![
                MinSpend {
                    members: (0..500).filter(|i| i % 5 == 0).collect(),
                    min_spend: budget / 10,
                    partition: 0,
                },
                MinSpend {
                    members: (0..500).filter(|i| i % 7 == 1).collect(),
                    min_spend: budget / 10,
                    partition: 1,
                },
            ];
            let t = Instant::now();
            let s = solve(&values, &costs, budget, &groups).unwrap();
            println!(
                "{label:24} {budget:>9} + groups: {:>10} optimal {} nodes {:>8} {:?}",
                s.method,
                s.optimal,
                s.nodes,
                t.elapsed()
            );
        }
    }
}

fn knapsack_timing_breakdown() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(3);
    let costs = amounts(&mut rng, 500, 1);
    let values: Vec<f64> = (0..500).map(|_| 20.0 + 80.0 * rng.next_f64()).collect();
    for _ in 0..5 {
        let t = Instant::now();
        let s = solve(&values, &costs, 10_000_000, &[]).unwrap();
        println!("{} {:?}", s.nodes, t.elapsed());
    }
}

fn main() {
    round_analysis_complete_design();
    knapsack_500_proposals();
    knapsack_timing_breakdown();
}
