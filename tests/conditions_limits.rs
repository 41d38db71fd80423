//! Budgets for work in the Proposals area (issue #15): every long computation has a stated
//! size bound and fails at once with `too_large` naming what, the limit and the requested size.
#![cfg(feature = "conditions")]

use waterline::conditions::{
    bootstrap_ranks, default_rubric, fund_within_budget, BootstrapOptions, FundingOptions,
    Proposal, Reviewer, Round, Score,
};
use waterline::Code;

/// `n_p` proposals, each scored on the first condition by each of `n_r` reviewers.
fn round(n_p: usize, n_r: usize) -> Round {
    let rubric = default_rubric();
    let condition = rubric.conditions[0].id.clone();
    let top = rubric.conditions[0].max();
    let proposals: Vec<Proposal> = (0..n_p)
        .map(|i| Proposal {
            id: format!("p{i}"),
            title: format!("Proposal {i}"),
            applicant: "Applicant".into(),
            community: "Mecca".into(),
            amount_requested: 1000.0,
            minimum_amount: None,
            toc_model_id: None,
            attributes: Default::default(),
        })
        .collect();
    let reviewers: Vec<Reviewer> = (0..n_r)
        .map(|j| Reviewer {
            id: format!("r{j}"),
            name: format!("Reviewer {j}"),
        })
        .collect();
    let mut scores = Vec::new();
    for i in 0..n_p {
        for j in 0..n_r {
            scores.push(Score {
                reviewer_id: format!("r{j}"),
                proposal_id: format!("p{i}"),
                condition_id: condition.clone(),
                value: ((i + j) % 3) as f64 * top / 2.0,
                comment: None,
            });
        }
    }
    Round {
        title: "limits".into(),
        synthetic: true,
        note: None,
        proposals,
        reviewers,
        conflicts: vec![],
        scores,
        score_columns: None,
    }
}

#[test]
fn a_calibrated_bootstrap_over_many_reviewers_is_refused_up_front() {
    // 300 reviewers: one calibrated fit is about 9e6 operations, 1,000 of them 9e9.
    let r = round(4, 300);
    let options = BootstrapOptions {
        calibrated: true,
        ..Default::default()
    };
    let e = bootstrap_ranks(&default_rubric(), &r, &options).unwrap_err();
    assert_eq!(e.code, Code::TooLarge);
    assert_eq!(e.details["limit"], 1e9.into());
    assert_eq!(e.details["what"], "bootstrapWork".into());
    // The same round without calibration is cheap and runs.
    let options = BootstrapOptions {
        calibrated: false,
        resamples: 200,
        ..Default::default()
    };
    assert!(bootstrap_ranks(&default_rubric(), &r, &options).is_ok());
}

fn funding(budget: f64) -> FundingOptions {
    FundingOptions {
        budget,
        partial: false,
        min_share_per_level: Default::default(),
        min_share_per_community: Default::default(),
        calibrated: false,
        constraints: Vec::new(),
    }
}

#[test]
fn funding_bounds_proposals_and_share_groups() {
    let r = round(5_001, 1);
    let options = funding(10_000.0);
    let e = fund_within_budget(&default_rubric(), &r, &options).unwrap_err();
    assert_eq!(e.code, Code::TooLarge);
    assert_eq!(
        (e.details["limit"].clone(), e.details["requested"].clone()),
        (5000usize.into(), 5001usize.into())
    );
    let r = round(10, 1);
    let mut options = funding(10_000.0);
    for k in 0..65 {
        options.min_share_per_community.insert(format!("c{k}"), 0.0);
    }
    let e = fund_within_budget(&default_rubric(), &r, &options).unwrap_err();
    assert_eq!(
        (e.code, e.details["limit"].clone()),
        (Code::TooLarge, 64usize.into())
    );
}
