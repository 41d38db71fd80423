//! Funding within a budget is exact: on small random instances (n ≤ 12) the solver's total
//! equals the brute-force optimum over all 2ⁿ subsets, and the funded total never exceeds the
//! budget.
#![cfg(feature = "conditions")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::conditions::knapsack::{solve, MinSpend};
use waterline::conditions::{
    default_rubric, fund_within_budget, FundingOptions, Proposal, Reviewer, Round, Score,
};

/// Best total value over every subset meeting the budget and the groups; `None` if none does.
fn brute_force(values: &[f64], costs: &[u64], budget: u64, groups: &[MinSpend]) -> Option<f64> {
    let n = values.len();
    let mut best: Option<f64> = None;
    for mask in 0u32..(1 << n) {
        let pick = |i: usize| mask >> i & 1 == 1;
        let cost: u64 = (0..n).filter(|&i| pick(i)).map(|i| costs[i]).sum();
        if cost > budget {
            continue;
        }
        let ok = groups.iter().all(|g| {
            g.members
                .iter()
                .filter(|&&m| pick(m))
                .map(|&m| costs[m])
                .sum::<u64>()
                >= g.min_spend
        });
        if !ok {
            continue;
        }
        let value: f64 = (0..n).filter(|&i| pick(i)).map(|i| values[i]).sum();
        if best.map_or(true, |b| value > b) {
            best = Some(value);
        }
    }
    best
}

fn instance() -> impl Strategy<Value = (Vec<f64>, Vec<u64>, u64)> {
    (1usize..=12).prop_flat_map(|n| {
        (
            prop::collection::vec(0.0f64..100.0, n),
            // Amounts in whole dollars, some round and some not.
            prop::collection::vec(
                prop_oneof![1u64..300_000, (1u64..60).prop_map(|k| k * 5_000)],
                n,
            ),
            0u64..1_500_000,
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn matches_brute_force_without_groups((values, costs, budget) in instance()) {
        let s = solve(&values, &costs, budget, &[]).unwrap();
        let best = brute_force(&values, &costs, budget, &[]).unwrap();
        prop_assert!(s.optimal);
        prop_assert!(s.cost <= budget);
        let cost: u64 = costs.iter().zip(&s.selected).filter(|(_, x)| **x).map(|(c, _)| c).sum();
        prop_assert_eq!(cost, s.cost);
        prop_assert!((s.value - best).abs() <= 1e-9 * best.max(1.0), "solver {} brute {}", s.value, best);
    }

    #[test]
    fn matches_brute_force_with_minimum_spends(
        (values, costs, budget) in instance(),
        split in 1usize..4,
        shares in prop::collection::vec(0.0f64..0.4, 4),
    ) {
        // Two partitions, like levels and communities: by index mod `split + 1` and by parity.
        let n = values.len();
        let mut groups = Vec::new();
        for g in 0..=split {
            let members: Vec<usize> = (0..n).filter(|i| i % (split + 1) == g).collect();
            groups.push(MinSpend { members, min_spend: (shares[g % 4] * budget as f64 / 2.0) as u64, partition: 0 });
        }
        let evens: Vec<usize> = (0..n).step_by(2).collect();
        groups.push(MinSpend { members: evens, min_spend: (shares[3] * budget as f64) as u64, partition: 1 });
        let best = brute_force(&values, &costs, budget, &groups);
        match solve(&values, &costs, budget, &groups) {
            Ok(s) => {
                let best = best.expect("solver found a set the brute force calls infeasible");
                prop_assert!(s.optimal);
                prop_assert!(s.cost <= budget);
                for g in &groups {
                    let spent: u64 = g.members.iter().filter(|&&m| s.selected[m]).map(|&m| costs[m]).sum();
                    prop_assert!(spent >= g.min_spend);
                }
                prop_assert!((s.value - best).abs() <= 1e-9 * best.max(1.0), "solver {} brute {}", s.value, best);
            }
            Err(e) => {
                prop_assert_eq!(e.code, waterline::Code::InfeasibleConstraints);
                prop_assert!(best.is_none());
            }
        }
    }

    #[test]
    fn a_round_never_spends_more_than_its_budget(
        amounts in prop::collection::vec((1u64..200u64, 0u64..100), 1..10),
        scores in prop::collection::vec(0u8..=4, 80),
        budget in 0u64..1_000_000,
        partial in any::<bool>(),
    ) {
        let rubric = default_rubric();
        let proposals: Vec<Proposal> = amounts.iter().enumerate().map(|(i, &(a, m))| Proposal {
            id: format!("p{i}"),
            title: format!("Proposal {i}"),
            applicant: "Applicant".into(),
            community: if i % 2 == 0 { "Mecca".into() } else { "Thermal".into() },
            amount_requested: (a * 1000) as f64,
            minimum_amount: Some(((a * m / 100).max(1) * 1000) as f64),
            toc_model_id: None,
            attributes: Default::default(),
        }).collect();
        let mut score_list = Vec::new();
        for (i, p) in proposals.iter().enumerate() {
            for (j, c) in rubric.conditions.iter().enumerate() {
                score_list.push(Score {
                    reviewer_id: "r1".into(),
                    proposal_id: p.id.clone(),
                    condition_id: c.id.clone(),
                    value: f64::from(scores[(i * 8 + j) % scores.len()]),
                    comment: None,
                });
            }
        }
        let round = Round {
            title: "random".into(), synthetic: true, note: None, proposals,
            reviewers: vec![Reviewer { id: "r1".into(), name: "Ana".into() }],
            conflicts: vec![], scores: score_list, score_columns: None,
        };
        let options = FundingOptions {
            budget: budget as f64, partial, min_share_per_level: Default::default(),
            min_share_per_community: Default::default(), calibrated: false,
            constraints: Vec::new(),
        };
        let r = fund_within_budget(&rubric, &round, &options).unwrap();
        let awarded: u64 = r.funded.iter().map(|f| f.amount).sum();
        prop_assert!(awarded <= budget);
        prop_assert_eq!(awarded, r.total_funded);
        prop_assert_eq!(r.total_funded + r.remaining, budget);
        for f in &r.funded {
            prop_assert!(f.amount <= f.amount_requested);
        }
    }
}
