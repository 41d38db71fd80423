//! Native benchmark of the exact budget optimisation (prints numbers): `cargo bench --bench conditions`.
//! The wasm numbers the targets refer to come from `make bench` (bench/domains.mjs).

use std::time::Instant;
use waterline::conditions::knapsack::{solve, MinSpend};
use waterline::conditions::prng::Xoshiro256StarStar;

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
    knapsack_500_proposals();
    knapsack_timing_breakdown();
}
