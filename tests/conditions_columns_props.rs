//! Scores in columns are the same round as score objects: on random rounds (random designs,
//! random order, some scores bad), moving any part of the scores into `scoreColumns` gives the
//! same validation codes and, for a valid round, the same analysis, bit for bit.
#![cfg(feature = "conditions")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::conditions::{
    analyze_round, default_rubric, validate_round, AnalysisOptions, Proposal, Reviewer, Round,
    Score, ScoreColumns,
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

/// Scores: (proposal, reviewer, condition, value in half points, bad kind) — bad kinds 1–4 make
/// a NaN, an off-scale value, an unknown reviewer and a duplicate.
fn scores() -> impl Strategy<Value = (usize, usize, Vec<Score>)> {
    (2usize..7, 2usize..5).prop_flat_map(|(n_p, n_r)| {
        let cell = (
            0..n_p,
            0..n_r,
            0usize..8,
            0u8..=8,
            prop_oneof![30 => Just(0u8), 1 => 1u8..=4],
        );
        prop::collection::vec(cell, 1..80).prop_map(move |cells| {
            let conditions: Vec<String> = default_rubric()
                .conditions
                .iter()
                .map(|c| c.id.clone())
                .collect();
            // One score per cell, except that bad kind 4 repeats its cell (a duplicate).
            let mut seen = std::collections::HashSet::new();
            let scores = cells
                .into_iter()
                .filter(|&(p, r, c, _, bad)| seen.insert((p, r, c)) || bad == 4)
                .map(|(p, r, c, half, bad)| Score {
                    reviewer_id: if bad == 3 {
                        "ghost".into()
                    } else {
                        format!("r{r}")
                    },
                    proposal_id: format!("p{p}"),
                    condition_id: conditions[c].clone(),
                    value: match bad {
                        1 => f64::NAN,
                        2 => 9.0,
                        _ => f64::from(half) / 2.0,
                    },
                    comment: None,
                })
                .collect();
            (n_p, n_r, scores)
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
    fn columns_and_objects_are_the_same_round((n_p, n_r, all) in scores(), split in 0usize..80) {
        let objects = round(n_p, n_r, all.clone());
        let split = split.min(all.len());
        let mut mixed = round(n_p, n_r, all[..split].to_vec());
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
