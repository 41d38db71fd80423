//! The built-in example round, scored with the default rubric: what a funder sees first.
#![cfg(feature = "conditions")]

use std::collections::BTreeMap;
use waterline::conditions::{
    analyze_round, bootstrap_ranks, default_rubric, fund_within_budget, AnalysisOptions,
    BootstrapOptions, FundingOptions, Round, EXAMPLE_ROUND_ES_JSON, EXAMPLE_ROUND_JSON,
};
use waterline::note::{NoteCode, Param};
use waterline::Code;

fn example() -> Round {
    serde_json::from_str(EXAMPLE_ROUND_JSON).unwrap()
}

fn budget(dollars: f64) -> FundingOptions {
    FundingOptions {
        budget: dollars,
        partial: false,
        min_share_per_level: BTreeMap::new(),
        min_share_per_community: BTreeMap::new(),
        calibrated: false,
        constraints: Vec::new(),
    }
}

#[test]
fn analysis_flags_the_lopsided_and_the_disputed_proposals() {
    let a = analyze_round(&default_rubric(), &example(), &AnalysisOptions::default()).unwrap();
    assert_eq!((a.proposals, a.reviewers, a.reviews), (12, 5, 36));
    // p11 claims to change the story about immigrant parents with no relational work.
    assert!(a
        .depth_flags
        .iter()
        .any(|f| f.proposal_id == "p11" && f.code == "transformative_without_relational"));
    // p09's reviewers disagree even after removing each reviewer's leniency.
    let p09 = a
        .agreement
        .flags
        .iter()
        .find(|f| f.proposal_id == "p09" && f.condition_id == "overall")
        .unwrap();
    assert!(p09.spread >= 25.0 && p09.raw_spread > p09.spread);
    // Every proposal is read by three of five reviewers: no complete row, so no ICC; alpha exists.
    for c in &a.agreement.conditions {
        assert!(
            c.icc.is_none() && c.alpha_interval.is_some(),
            "{}",
            c.condition_id
        );
        // The ICC is withheld as data: the statistic, the condition and the error's code and
        // details (no complete row of the twelve), never an English sentence.
        let n = c
            .notes
            .iter()
            .find(|n| n.code == NoteCode::AgreementNotComputed)
            .expect("a note on the missing ICC");
        assert_eq!(n.param("statistic"), Some(&Param::from("icc")));
        assert_eq!(n.param("condition"), Some(&Param::from(&c.condition_id)));
        assert_eq!(n.param("error"), Some(&Param::from("sample_too_small")));
        assert_eq!(n.param("nUsed"), Some(&Param::from(0usize)));
        assert_eq!(n.param("n"), Some(&Param::from(12usize)));
    }
    // Scores are on 0–100 and every condition is worked on by someone in the round.
    assert!(a
        .scores
        .proposals
        .iter()
        .all(|p| p.score.is_some_and(|s| (0.0..=100.0).contains(&s))));
    assert!(a.coverage.uncovered.is_empty());
}

#[test]
fn bootstrap_ranks_are_reproducible_from_the_seed() {
    let (rubric, round) = (default_rubric(), example());
    let options = BootstrapOptions {
        resamples: 500,
        seed: 42,
        top_k: 3,
        ..Default::default()
    };
    let a = bootstrap_ranks(&rubric, &round, &options).unwrap();
    let b = bootstrap_ranks(&rubric, &round, &options).unwrap();
    assert_eq!(a, b);
    let c = bootstrap_ranks(
        &rubric,
        &round,
        &BootstrapOptions {
            seed: 43,
            ..options.clone()
        },
    )
    .unwrap();
    assert_ne!(a, c);
    // p02 has the best raw score; its interval starts at rank 1 and it is usually in the top 3.
    let p02 = a.proposals.iter().find(|p| p.proposal_id == "p02").unwrap();
    assert_eq!((p02.rank, p02.rank_lower), (Some(1), Some(1)));
    assert!(p02.p_top_k.unwrap() > 0.8);
    for p in &a.proposals {
        assert!(p.rank_lower <= p.median_rank && p.median_rank <= p.rank_upper);
        assert!((0.0..=1.0).contains(&p.p_top_k.unwrap()));
    }
    let cal = bootstrap_ranks(
        &rubric,
        &round,
        &BootstrapOptions {
            calibrated: true,
            ..options
        },
    )
    .unwrap();
    assert_eq!(cal.scores, "calibrated");
}

#[test]
fn funding_800k_is_exact_and_says_what_the_next_proposal_needs() {
    let f = fund_within_budget(&default_rubric(), &example(), &budget(800_000.0)).unwrap();
    assert!(f.optimal);
    assert!(f.total_funded <= 800_000);
    assert_eq!(f.total_funded + f.remaining, 800_000);
    let next = f.next_in_line.as_ref().unwrap();
    // The best-scored proposal, PASS ($250,000), is left out: it would need more budget.
    assert_eq!(next.proposal_id, "p02");
    assert_eq!(next.additional_budget, 250_000 - f.remaining);
}

#[test]
fn partial_funding_and_minimum_shares() {
    let (rubric, round) = (default_rubric(), example());
    let mut options = budget(800_000.0);
    options.partial = true;
    let f = fund_within_budget(&rubric, &round, &options).unwrap();
    assert!(f.funded.iter().any(|x| x.partial));
    assert!(f.funded.iter().any(|x| x.proposal_id == "p02"));
    assert!(f.total_funded <= 800_000);

    // At least 30% of the budget to North Shore (bus route p03, Salton Sea air quality p09).
    let mut options = budget(800_000.0);
    options
        .min_share_per_community
        .insert("North Shore".into(), 0.3);
    let f = fund_within_budget(&rubric, &round, &options).unwrap();
    let share = f.shares.iter().find(|s| s.id == "North Shore").unwrap();
    assert!(share.funded >= 240_000 && share.required == 240_000);

    options.min_share_per_community.insert("Oasis".into(), 0.5);
    let e = fund_within_budget(&rubric, &round, &options).unwrap_err();
    assert_eq!(e.code, Code::InfeasibleConstraints);
    assert!(e.message.contains("Oasis"));

    let mut options = budget(800_000.0);
    options
        .min_share_per_community
        .insert("Atlantis".into(), 0.1);
    assert_eq!(
        fund_within_budget(&rubric, &round, &options)
            .unwrap_err()
            .code,
        Code::UnknownId
    );
    assert_eq!(
        fund_within_budget(&rubric, &round, &budget(1.5))
            .unwrap_err()
            .code,
        Code::InvalidBudget
    );
}

/// The Spanish example round is the same round (#16): same ids, communities, amounts, conflicts
/// and scores, only the texts a user reads differ, and each of those is translated.
#[test]
fn the_spanish_example_round_is_the_same_round_in_spanish() {
    let en = example();
    let es: Round = serde_json::from_str(EXAMPLE_ROUND_ES_JSON).unwrap();
    assert_eq!(en.proposals.len(), es.proposals.len());
    for (a, b) in en.proposals.iter().zip(&es.proposals) {
        assert_eq!(
            (&a.id, &a.community, a.amount_requested, a.minimum_amount),
            (&b.id, &b.community, b.amount_requested, b.minimum_amount)
        );
        assert_ne!(a.title, b.title, "{} has no Spanish title", a.id);
        // Only a real organisation's own name stays as it is.
        if a.applicant != "Parents Advocating for Student Success" {
            assert_ne!(
                a.applicant, b.applicant,
                "{} has no Spanish applicant",
                a.id
            );
        }
    }
    let ids = |r: &Round| r.reviewers.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&en), ids(&es));
    assert_eq!(en.conflicts.len(), es.conflicts.len());
    assert_eq!(en.scores.len(), es.scores.len());
    for (a, b) in en.scores.iter().zip(&es.scores) {
        assert_eq!(
            (&a.reviewer_id, &a.proposal_id, &a.condition_id, a.value),
            (&b.reviewer_id, &b.proposal_id, &b.condition_id, b.value)
        );
        assert_eq!(a.comment.is_some(), b.comment.is_some());
        if a.comment.is_some() {
            assert_ne!(a.comment, b.comment);
        }
    }
    assert_ne!(en.title, es.title);
    assert_ne!(en.note, es.note);
    // The analysis of both is the same numbers.
    let opts = AnalysisOptions::default();
    let x = analyze_round(&default_rubric(), &en, &opts).unwrap();
    let y = analyze_round(&default_rubric(), &es, &opts).unwrap();
    assert_eq!(
        serde_json::to_value(&x.scores).unwrap(),
        serde_json::to_value(&y.scores).unwrap()
    );
}
