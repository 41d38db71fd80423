//! Scores in columns are the same round as score objects: on random rounds (random designs,
//! random order, conflicts of interest, some scores bad in one or several ways), moving any part of the scores into `scoreColumns` gives the
//! same validation codes and, for a valid round, the same analysis, bit for bit.
#![cfg(feature = "conditions")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::conditions::{
    analyze_round, default_rubric, validate_round, AnalysisOptions, Conflict, Proposal, Reviewer,
    Round, Score, ScoreColumns,
};

/// A round of `n_p` proposals and `n_r` reviewers with the given scores as objects.
fn round(n_p: usize, n_r: usize, scores: Vec<Score>) -> Round {
    Round {
        title: "random".into(),
        synthetic: true,
        note: None,
        proposals: (0..n_p)
            .map(|p| Proposal {
                id: format!("p{p}"),
                title: "t".into(),
                applicant: "a".into(),
                community: "Mecca".into(),
                amount_requested: 10_000.0,
                minimum_amount: None,
                toc_model_id: None,
                attributes: Default::default(),
            })
            .collect(),
        reviewers: (0..n_r)
            .map(|r| Reviewer {
                id: format!("r{r}"),
                name: "n".into(),
            })
            .collect(),
        conflicts: vec![],
        scores,
        score_columns: None,
    }
}

/// A random round: its size, scores as (proposal, reviewer, condition, value in half points,
/// faults) and up to two conflicts of interest. Faults are bits, so that one score may have
/// several: 1 NaN, 2 off the scale, 4 an unknown reviewer, 8 a duplicate of its cell.
fn scores() -> impl Strategy<Value = (usize, usize, Vec<Score>, Vec<(usize, usize)>)> {
    (2usize..7, 2usize..5).prop_flat_map(|(n_p, n_r)| {
        let cell = (
            0..n_p,
            0..n_r,
            0usize..8,
            0u8..=8,
            prop_oneof![30 => Just(0u8), 2 => 1u8..16],
        );
        let conflicts = prop::collection::vec((0..n_p, 0..n_r), 0..=2);
        (prop::collection::vec(cell, 1..80), conflicts).prop_map(move |(cells, conflicts)| {
            let conditions: Vec<String> = default_rubric()
                .conditions
                .iter()
                .map(|c| c.id.clone())
                .collect();
            let mut seen = std::collections::HashSet::new();
            let scores = cells
                .into_iter()
                .filter(|&(p, r, c, _, bad)| seen.insert((p, r, c)) || bad & 8 != 0)
                .map(|(p, r, c, half, bad)| Score {
                    reviewer_id: if bad & 4 != 0 {
                        "ghost".into()
                    } else {
                        format!("r{r}")
                    },
                    proposal_id: format!("p{p}"),
                    condition_id: conditions[c].clone(),
                    value: if bad & 1 != 0 {
                        f64::NAN
                    } else if bad & 2 != 0 {
                        9.0
                    } else {
                        f64::from(half) / 2.0
                    },
                    comment: None,
                })
                .collect();
            (n_p, n_r, scores, conflicts)
        })
    })
}

fn codes(round: &Round) -> Vec<String> {
    let v = validate_round(&default_rubric(), round).unwrap();
    let mut codes: Vec<String> = v
        .errors
        .iter()
        .map(|e| e.code.as_str().to_string())
        .collect();
    codes.sort();
    codes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn columns_and_objects_are_the_same_round(
        (n_p, n_r, all, conflicts) in scores(),
        split in 0usize..80,
    ) {
        let conflicts: Vec<Conflict> = conflicts
            .into_iter()
            .map(|(p, r)| Conflict { reviewer_id: format!("r{r}"), proposal_id: format!("p{p}"), reason: None })
            .collect();
        let mut objects = round(n_p, n_r, all.clone());
        objects.conflicts = conflicts.clone();
        let split = split.min(all.len());
        let mut mixed = round(n_p, n_r, all[..split].to_vec());
        mixed.conflicts = conflicts;
        mixed.score_columns = Some(ScoreColumns::from_scores(&all[split..]));

        // An unknown reviewer in the columns is reported once per id, not once per score.
        let ghost_in_columns = all[split..].iter().any(|s| s.reviewer_id == "ghost");
        let mut expected = codes(&objects);
        if ghost_in_columns {
            let ghosts = all[split..].iter().filter(|s| s.reviewer_id == "ghost").count();
            for _ in 1..ghosts {
                let at = expected.iter().position(|c| c == "unknown_id").unwrap();
                expected.remove(at);
            }
        }
        // Listing stops at 200 errors either way; these rounds stay well below.
        prop_assert_eq!(codes(&mixed), expected);

        let rubric = default_rubric();
        let options = AnalysisOptions::default();
        match (analyze_round(&rubric, &objects, &options), analyze_round(&rubric, &mixed, &options)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(&b).unwrap()
            ),
            // Both refuse the round (each names its first problem; the order may differ).
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "objects: {:?}\ncolumns: {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
}
