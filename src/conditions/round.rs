//! A review round: proposals, reviewers, conflicts of interest and scores, with validation that
//! names the ids involved in every message. Incomplete designs (not every reviewer reads every
//! proposal) are normal and allowed.

use super::rubric::Rubric;
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Largest amount or budget accepted, in dollars (10¹², so sums over a million proposals stay
/// exact in `u64`).
pub const MAX_DOLLARS: f64 = 1e12;

/// Most errors listed by [`validate_round`]; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 200;

/// A grant proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Proposal {
    /// Stable id, e.g. `"p01"`.
    pub id: String,
    /// Title.
    pub title: String,
    /// The applicant organization.
    pub applicant: String,
    /// The community served (used for minimum shares of the budget), e.g. `"North Shore"`.
    pub community: String,
    /// Amount requested, in whole dollars.
    pub amount_requested: f64,
    /// Smallest amount with which the project is still viable, in whole dollars (partial
    /// funding); `null` when the project cannot be funded partially.
    #[serde(default)]
    pub minimum_amount: Option<f64>,
    /// Id of the proposal's theory-of-change model, if one was built.
    #[serde(default)]
    pub toc_model_id: Option<String>,
}

/// A reviewer on the panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reviewer {
    /// Stable id, e.g. `"r1"`.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A conflict of interest: the reviewer must not score the proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Conflict {
    /// The reviewer's id.
    pub reviewer_id: String,
    /// The proposal's id.
    pub proposal_id: String,
    /// Why, e.g. "serves on the applicant's board".
    #[serde(default)]
    pub reason: Option<String>,
}

/// One reviewer's score of one proposal on one condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Score {
    /// The reviewer's id.
    pub reviewer_id: String,
    /// The proposal's id.
    pub proposal_id: String,
    /// The condition's id in the rubric.
    pub condition_id: String,
    /// The score, within the condition's scale (points in between are allowed, e.g. 2.5).
    pub value: f64,
    /// The reviewer's comment.
    #[serde(default)]
    pub comment: Option<String>,
}

/// A review round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Round {
    /// Title, e.g. "2024 community-led systems change round".
    pub title: String,
    /// True for made-up example data; the page labels it.
    #[serde(default)]
    pub synthetic: bool,
    /// A note shown with the round (e.g. what the example is drawn from).
    #[serde(default)]
    pub note: Option<String>,
    /// The proposals.
    pub proposals: Vec<Proposal>,
    /// The reviewers.
    pub reviewers: Vec<Reviewer>,
    /// Conflicts of interest.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// Scores.
    #[serde(default)]
    pub scores: Vec<Score>,
}

/// Everything wrong with a round, and what is merely incomplete.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundValidation {
    /// True when `errors` is empty: the round can be analysed.
    pub valid: bool,
    /// Every problem found (up to [`MAX_LISTED_ERRORS`]), each with a code, a message naming the
    /// ids and `details`.
    pub errors: Vec<Error>,
    /// Problems found beyond the listed ones.
    pub errors_not_listed: usize,
    /// Incomplete-design notes (proposals without scores, reviews missing conditions…).
    pub warnings: Vec<String>,
    /// Proposals in the round.
    pub proposals: usize,
    /// Reviewers in the round.
    pub reviewers: usize,
    /// Conditions in the rubric.
    pub conditions: usize,
    /// Scores in the round.
    pub scores: usize,
    /// Reviews: distinct reviewer × proposal pairs with at least one score.
    pub reviews: usize,
}

/// One reviewer's scores of one proposal, indexed by the rubric's condition order.
#[derive(Debug, Clone)]
pub(crate) struct Review {
    /// Proposal index.
    pub p: usize,
    /// Reviewer index.
    pub r: usize,
    /// Raw scores per condition.
    pub raw: Vec<Option<f64>>,
    /// Scores rescaled to 0–100 per condition.
    pub scaled: Vec<Option<f64>>,
}

/// A validated round in index form: the input of every analysis.
#[derive(Debug, Clone)]
pub(crate) struct Design<'a> {
    pub rubric: &'a Rubric,
    pub round: &'a Round,
    /// Condition weights in rubric order.
    pub weights: Vec<f64>,
    /// Reviews sorted by proposal, then reviewer.
    pub reviews: Vec<Review>,
    /// For each proposal, its range in `reviews`.
    pub by_proposal: Vec<Range<usize>>,
    /// Amount requested per proposal, whole dollars.
    pub amounts: Vec<u64>,
    /// Minimum viable amount per proposal (= requested when none is given).
    pub minimums: Vec<u64>,
}

/// Weighted mean of the present values, `None` when no positive weight is present.
pub(crate) fn weighted(values: &[Option<f64>], weights: &[f64]) -> Option<f64> {
    let (mut sum, mut total) = (0.0, 0.0);
    for (v, w) in values.iter().zip(weights) {
        if let Some(v) = v {
            if *w > 0.0 {
                sum += w * v;
                total += w;
            }
        }
    }
    (total > 0.0).then(|| sum / total)
}

impl Review {
    /// The reviewer's weighted score of the proposal on 0–100 (over the conditions scored).
    pub fn overall(&self, weights: &[f64]) -> Option<f64> {
        weighted(&self.scaled, weights)
    }
}

fn dollars(proposal: &str, field: &str, value: f64) -> Result<u64> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= MAX_DOLLARS {
        Ok(value as u64)
    } else {
        Err(Error::new(
            Code::InvalidAmount,
            format!(
                "proposal {proposal:?}: {field} must be a whole number of dollars from 0 to 10¹², got {value}"
            ),
        )
        .with("proposalId", proposal)
        .with("field", field)
        .with("value", value))
    }
}

/// Collects errors up to a cap.
struct Problems {
    errors: Vec<Error>,
    more: usize,
}

impl Problems {
    fn push(&mut self, e: Error) {
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(e);
        } else {
            self.more += 1;
        }
    }
}

/// Checks a round against a rubric and lists every problem with the ids involved: duplicate or
/// empty ids, unknown reviewer / proposal / condition ids, amounts that are not whole dollars or
/// a minimum above the request, scores that are not finite, off the condition's scale, given by
/// a reviewer with a conflict of interest, or given twice. Incomplete designs are warnings, not
/// errors.
///
/// # Errors
/// Only when the rubric itself is invalid (see [`Rubric::validate`]); problems with the round are
/// listed in the result.
///
/// # Examples
/// ```
/// use waterline::conditions::{default_rubric, validate_round, Round};
/// let round = Round {
///     title: "empty".into(), synthetic: true, note: None,
///     proposals: vec![], reviewers: vec![], conflicts: vec![], scores: vec![],
/// };
/// let v = validate_round(&default_rubric(), &round).unwrap();
/// assert!(v.valid);
/// ```
pub fn validate_round(rubric: &Rubric, round: &Round) -> Result<RoundValidation> {
    rubric.validate()?;
    let (_, validation) = check(rubric, round);
    Ok(validation)
}

/// Validates and indexes a round; the first problem is the error.
pub(crate) fn design<'a>(rubric: &'a Rubric, round: &'a Round) -> Result<Design<'a>> {
    rubric.validate()?;
    let (design, validation) = check(rubric, round);
    match (design, validation.errors.into_iter().next()) {
        (Some(d), None) => Ok(d),
        (_, Some(e)) => Err(e),
        (None, None) => Err(Error::new(
            Code::Internal,
            "round validation failed without an error",
        )),
    }
}

fn check<'a>(rubric: &'a Rubric, round: &'a Round) -> (Option<Design<'a>>, RoundValidation) {
    let mut problems = Problems {
        errors: Vec::new(),
        more: 0,
    };
    let mut warnings = Vec::new();
    let mut proposal_index = HashMap::new();
    let mut amounts = Vec::with_capacity(round.proposals.len());
    let mut minimums = Vec::with_capacity(round.proposals.len());
    for (i, p) in round.proposals.iter().enumerate() {
        if p.id.trim().is_empty() {
            problems.push(
                Error::new(
                    Code::BadInput,
                    format!("proposal {} has an empty id", i + 1),
                )
                .with("index", i),
            );
        } else if proposal_index.insert(p.id.as_str(), i).is_some() {
            problems.push(
                Error::new(
                    Code::DuplicateId,
                    format!("proposal id {:?} is used twice", p.id),
                )
                .with("proposalId", p.id.as_str()),
            );
        }
        let requested = dollars(&p.id, "amountRequested", p.amount_requested);
        let minimum = p
            .minimum_amount
            .map(|m| dollars(&p.id, "minimumAmount", m))
            .transpose();
        match (requested, minimum) {
            (Ok(a), Ok(m)) => {
                let m = m.unwrap_or(a);
                if m > a {
                    problems.push(
                        Error::new(
                            Code::InvalidAmount,
                            format!(
                                "proposal {:?}: the minimum amount (${m}) exceeds the amount requested (${a})",
                                p.id
                            ),
                        )
                        .with("proposalId", p.id.as_str())
                        .with("minimumAmount", m)
                        .with("amountRequested", a),
                    );
                }
                amounts.push(a);
                minimums.push(m.min(a));
            }
            (Err(e), _) | (_, Err(e)) => {
                problems.push(e);
                amounts.push(0);
                minimums.push(0);
            }
        }
    }
    let mut reviewer_index = HashMap::new();
    for (i, r) in round.reviewers.iter().enumerate() {
        if r.id.trim().is_empty() {
            problems.push(
                Error::new(
                    Code::BadInput,
                    format!("reviewer {} has an empty id", i + 1),
                )
                .with("index", i),
            );
        } else if reviewer_index.insert(r.id.as_str(), i).is_some() {
            problems.push(
                Error::new(
                    Code::DuplicateId,
                    format!("reviewer id {:?} is used twice", r.id),
                )
                .with("reviewerId", r.id.as_str()),
            );
        }
    }
    let condition_index: HashMap<&str, usize> = rubric
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let unknown = |kind: &str, key: &str, id: &str, context: String| {
        Error::new(
            Code::UnknownId,
            format!("{context} names {kind} {id:?}, which is not in the round"),
        )
        .with(key, id)
    };
    let mut conflicts = HashSet::new();
    for (i, c) in round.conflicts.iter().enumerate() {
        let ctx = format!("conflict {}", i + 1);
        let r = reviewer_index.get(c.reviewer_id.as_str());
        let p = proposal_index.get(c.proposal_id.as_str());
        if r.is_none() {
            problems.push(
                unknown("reviewer", "reviewerId", &c.reviewer_id, ctx.clone()).with("index", i),
            );
        }
        if p.is_none() {
            problems.push(unknown("proposal", "proposalId", &c.proposal_id, ctx).with("index", i));
        }
        if let (Some(&r), Some(&p)) = (r, p) {
            conflicts.insert((p, r));
        }
    }
    let n_c = rubric.conditions.len();
    let mut cells: HashMap<(usize, usize), Review> = HashMap::new();
    for (i, s) in round.scores.iter().enumerate() {
        let who = format!(
            "score {} (reviewer {:?}, proposal {:?}, condition {:?})",
            i + 1,
            s.reviewer_id,
            s.proposal_id,
            s.condition_id
        );
        let with_ids = |e: Error| {
            e.with("index", i)
                .with("reviewerId", s.reviewer_id.as_str())
                .with("proposalId", s.proposal_id.as_str())
                .with("conditionId", s.condition_id.as_str())
        };
        let r = reviewer_index.get(s.reviewer_id.as_str()).copied();
        let p = proposal_index.get(s.proposal_id.as_str()).copied();
        let c = condition_index.get(s.condition_id.as_str()).copied();
        if r.is_none() {
            problems.push(with_ids(unknown(
                "reviewer",
                "reviewerId",
                &s.reviewer_id,
                who.clone(),
            )));
        }
        if p.is_none() {
            problems.push(with_ids(unknown(
                "proposal",
                "proposalId",
                &s.proposal_id,
                who.clone(),
            )));
        }
        let Some(condition) = c.and_then(|c| rubric.conditions.get(c)) else {
            problems.push(with_ids(Error::new(
                Code::UnknownId,
                format!(
                    "{who} names condition {:?}, which is not in the rubric",
                    s.condition_id
                ),
            )));
            continue;
        };
        if !s.value.is_finite() {
            problems.push(with_ids(
                Error::new(
                    Code::NotFinite,
                    format!("{who} is not a finite number ({})", s.value),
                )
                .with("value", s.value),
            ));
            continue;
        }
        if s.value < condition.min() || s.value > condition.max() {
            problems.push(with_ids(
                Error::new(
                    Code::ScoreOutOfRange,
                    format!(
                        "{who} is {}, outside the scale {}–{}",
                        s.value,
                        condition.min(),
                        condition.max()
                    ),
                )
                .with("value", s.value)
                .with("min", condition.min())
                .with("max", condition.max()),
            ));
            continue;
        }
        let (Some(r), Some(p), Some(c)) = (r, p, c) else {
            continue;
        };
        if conflicts.contains(&(p, r)) {
            problems.push(with_ids(Error::new(
                Code::ConflictOfInterest,
                format!(
                    "{who} comes from a reviewer with a conflict of interest on this proposal: remove it"
                ),
            )));
            continue;
        }
        let review = cells.entry((p, r)).or_insert_with(|| Review {
            p,
            r,
            raw: vec![None; n_c],
            scaled: vec![None; n_c],
        });
        match review.raw.get_mut(c) {
            Some(slot @ None) => {
                *slot = Some(s.value);
                if let Some(x) = review.scaled.get_mut(c) {
                    *x = Some(condition.rescale(s.value));
                }
            }
            _ => problems.push(with_ids(Error::new(
                Code::DuplicateId,
                format!(
                    "{who} is given twice: keep one score per reviewer, proposal and condition"
                ),
            ))),
        }
    }
    let mut reviews: Vec<Review> = cells.into_values().collect();
    reviews.sort_by_key(|v| (v.p, v.r));
    let mut by_proposal = vec![0..0; round.proposals.len()];
    let mut start = 0;
    while start < reviews.len() {
        let p = reviews.get(start).map_or(0, |v| v.p);
        let end = start
            + reviews
                .get(start..)
                .map_or(0, |rest| rest.iter().take_while(|v| v.p == p).count());
        if let Some(slot) = by_proposal.get_mut(p) {
            *slot = start..end;
        }
        start = end.max(start + 1);
    }
    for (p, range) in by_proposal.iter().enumerate() {
        let id = round.proposals.get(p).map_or("", |x| x.id.as_str());
        match range.len() {
            0 => warnings.push(format!("proposal {id:?} has no scores yet")),
            1 => warnings.push(format!(
                "proposal {id:?} has one reviewer: its agreement cannot be checked"
            )),
            _ => {}
        }
    }
    let mut incomplete = 0;
    for v in &reviews {
        if v.raw.iter().any(Option::is_none) {
            incomplete += 1;
            if incomplete <= 10 {
                let missing: Vec<&str> = v
                    .raw
                    .iter()
                    .zip(&rubric.conditions)
                    .filter(|(x, _)| x.is_none())
                    .map(|(_, c)| c.id.as_str())
                    .collect();
                warnings.push(format!(
                    "reviewer {:?} did not score proposal {:?} on {}",
                    round.reviewers.get(v.r).map_or("", |x| x.id.as_str()),
                    round.proposals.get(v.p).map_or("", |x| x.id.as_str()),
                    missing.join(", ")
                ));
            }
        }
    }
    if incomplete > 10 {
        warnings.push(format!(
            "{} more reviews miss some conditions",
            incomplete - 10
        ));
    }
    let validation = RoundValidation {
        valid: problems.errors.is_empty(),
        errors_not_listed: problems.more,
        warnings,
        proposals: round.proposals.len(),
        reviewers: round.reviewers.len(),
        conditions: n_c,
        scores: round.scores.len(),
        reviews: reviews.len(),
        errors: problems.errors,
    };
    let design = validation.valid.then(|| Design {
        rubric,
        round,
        weights: rubric.conditions.iter().map(|c| c.weight).collect(),
        reviews,
        by_proposal,
        amounts,
        minimums,
    });
    (design, validation)
}
