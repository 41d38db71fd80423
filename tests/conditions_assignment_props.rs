//! Balanced assignment (#20): on random rounds, every proposal gets exactly k distinct
//! reviewers, no reviewer exceeds the cap, no conflict of interest is assigned, `connected`
//! matches an independent check (and holds for k ≥ 2 with sparse conflicts), the same seed
//! gives the same assignment, and an impossible request is a coded error naming the cause.
#![cfg(feature = "conditions")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use waterline::conditions::{
    assign_reviewers, Assignment, AssignmentOptions, Conflict, Proposal, Reviewer, Round,
};
use waterline::Code;

fn round(n_p: usize, n_r: usize, conflicts: &[(usize, usize)]) -> Round {
    Round {
        title: "props".into(),
        synthetic: true,
        note: None,
        proposals: (0..n_p)
            .map(|i| Proposal {
                id: format!("p{i}"),
                title: format!("P {i}"),
                applicant: String::new(),
                community: String::new(),
                amount_requested: 1000.0,
                minimum_amount: None,
                toc_model_id: None,
                attributes: Default::default(),
            })
            .collect(),
        reviewers: (0..n_r)
            .map(|i| Reviewer {
                id: format!("r{i}"),
                name: format!("R {i}"),
            })
            .collect(),
        conflicts: conflicts
            .iter()
            .map(|&(r, p)| Conflict {
                reviewer_id: format!("r{}", r % n_r),
                proposal_id: format!("p{}", p % n_p),
                reason: None,
            })
            .collect(),
        scores: vec![],
        score_columns: None,
    }
}

/// Connected over proposals and reviewers with a load, by depth-first search.
fn connected(a: &Assignment) -> bool {
    let mut adj: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in &a.reviews {
        adj.entry(&r.reviewer_id).or_default().push(&r.proposal_id);
        adj.entry(&r.proposal_id).or_default().push(&r.reviewer_id);
    }
    let Some(&start) = adj.keys().next() else {
        return true;
    };
    let (mut seen, mut stack) = (HashSet::from([start]), vec![start]);
    while let Some(x) = stack.pop() {
        for &y in &adj[x] {
            if seen.insert(y) {
                stack.push(y);
            }
        }
    }
    seen.len() == adj.len()
}

fn check(round: &Round, a: &Assignment, k: usize, cap: usize) {
    let conflicts: HashSet<(&str, &str)> = round
        .conflicts
        .iter()
        .map(|c| (c.reviewer_id.as_str(), c.proposal_id.as_str()))
        .collect();
    let mut per_p: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut per_r: HashMap<&str, usize> = HashMap::new();
    for r in &a.reviews {
        assert!(!conflicts.contains(&(r.reviewer_id.as_str(), r.proposal_id.as_str())));
        assert!(per_p
            .entry(&r.proposal_id)
            .or_default()
            .insert(&r.reviewer_id));
        *per_r.entry(&r.reviewer_id).or_default() += 1;
    }
    for p in &round.proposals {
        assert_eq!(
            per_p.get(p.id.as_str()).map_or(0, HashSet::len),
            k,
            "{}",
            p.id
        );
    }
    for l in &a.loads {
        assert!(l.load as usize <= cap);
        assert_eq!(
            per_r.get(l.reviewer_id.as_str()).copied().unwrap_or(0),
            l.load as usize
        );
    }
    assert_eq!(a.connected, connected(a));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn assignments_keep_every_promise(
        n_p in 1usize..60,
        n_r in 2usize..15,
        k in 1usize..4,
        slack in 0usize..3,
        conflicts in prop::collection::vec((0usize..100, 0usize..100), 0..20),
        seed in any::<u64>(),
    ) {
        let k = k.min(n_r);
        let round = round(n_p, n_r, &conflicts);
        let cap = (k * n_p).div_ceil(n_r) + slack;
        let options = AssignmentOptions { reviews_per_proposal: k as u32, max_load: Some(cap as u32), seed };
        match assign_reviewers(&round, &options) {
            Ok(a) => {
                check(&round, &a, k, cap);
                let again = assign_reviewers(&round, &options).unwrap();
                prop_assert_eq!(&a, &again);
                if k >= 2 && conflicts.len() <= n_p * n_r / 10 && n_p >= n_r {
                    prop_assert!(a.connected, "k={} n_p={} n_r={}", k, n_p, n_r);
                }
            }
            Err(e) => {
                // Only a real impossibility (many conflicts on one proposal, tight cap) errs.
                prop_assert_eq!(e.code, Code::InfeasibleConstraints, "{}", e.message);
            }
        }
    }
}

#[test]
fn impossible_requests_name_the_cause() {
    let r = round(10, 3, &[]);
    let e = assign_reviewers(
        &r,
        &AssignmentOptions {
            reviews_per_proposal: 3,
            max_load: Some(9),
            seed: 1,
        },
    )
    .unwrap_err();
    assert_eq!(e.code, Code::InfeasibleConstraints);
    assert_eq!(e.details["reason"], "capacity".into());
    assert_eq!(e.details["needed"], 30usize.into());
    assert_eq!(e.details["available"], 27usize.into());

    let r = round(10, 3, &[(0, 4)]);
    let e = assign_reviewers(&r, &AssignmentOptions::default()).unwrap_err();
    assert_eq!(e.details["reason"], "too_few_reviewers".into());
    assert_eq!(e.details["proposalId"], "p4".into());

    let e = assign_reviewers(
        &r,
        &AssignmentOptions {
            reviews_per_proposal: 4,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, Code::ParameterOutOfRange);
}

#[test]
fn a_tight_cap_is_met_by_augmenting_paths() {
    // Four proposals, two reviewers per proposal, four reviewers with cap 2: every slot is
    // needed, and the conflicts force the greedy order to repair.
    let r = round(4, 4, &[(0, 0), (0, 1), (1, 0), (1, 1)]);
    let a = assign_reviewers(
        &r,
        &AssignmentOptions {
            reviews_per_proposal: 2,
            max_load: Some(2),
            seed: 7,
        },
    )
    .unwrap();
    check(&r, &a, 2, 2);
}

#[test]
fn a_200_proposal_round_is_balanced_and_connected() {
    let r = round(200, 12, &[(0, 1), (3, 5), (7, 9)]);
    let a = assign_reviewers(&r, &AssignmentOptions::default()).unwrap();
    check(&r, &a, 3, 50);
    assert!(a.connected);
    let loads: Vec<u32> = a.loads.iter().map(|l| l.load).collect();
    assert_eq!(loads.iter().sum::<u32>(), 600);
    assert!(loads.iter().all(|&l| l == 50), "{loads:?}");
}

#[test]
fn a_w6_sized_round_is_assigned() {
    // 10,000 proposals × 20 reviewers (the W6 round's size), k = 3: balanced and connected.
    let r = round(10_000, 20, &[(0, 1), (5, 9), (19, 4000)]);
    let a = assign_reviewers(&r, &AssignmentOptions::default()).unwrap();
    check(&r, &a, 3, 1500);
    assert!(a.connected);
}
