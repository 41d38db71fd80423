//! Checking a [`Round`] against a [`Rubric`]: every problem listed with the ids involved, and
//! the validated round in index form ([`Design`]) that every analysis starts from.

use super::{block, weighted, Design, Round, RoundValidation, MAX_DOLLARS, MAX_LISTED_ERRORS};
use crate::conditions::rubric::Rubric;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use std::collections::{HashMap, HashSet};

#[path = "cells.rs"]
mod cells;
use cells::{place_columns, Cells, Entry};

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
    /// Lists the error built by `make` if fewer than [`MAX_LISTED_ERRORS`] are listed, else
    /// only counts it (so a million bad scores format 200 messages, not a million).
    fn push_with(&mut self, make: impl FnOnce() -> Error) {
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(make());
        } else {
            self.more += 1;
        }
    }

    fn push(&mut self, e: Error) {
        self.push_with(|| e);
    }
}

/// Checks a round against a rubric and lists every problem with the ids involved: duplicate or
/// empty ids, unknown reviewer / proposal / condition ids, amounts that are not whole dollars or
/// a minimum above the request, scores that are not finite, off the condition's scale, given by
/// a reviewer with a conflict of interest, or given twice (as objects, in the columns, or once
/// in each). For [`ScoreColumns`](super::ScoreColumns) also: columns of different lengths
/// (`length_mismatch`, and no entry is read), an index outside its id list (`bad_input` with
/// `details.column`), and an unknown id, named once by its place in the list (`details.field`,
/// e.g. `"reviewerIds"`).
/// Every error about a score carries `details.source`: `"scores"` or `"scoreColumns"`, and
/// `details.index`: the position in that array, from 0 (messages count score objects from 1,
/// `score 3`, and column entries from 0, `scoreColumns entry 2`, like the arrays they name).
/// Incomplete designs are warnings, not errors.
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
///     score_columns: None,
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
        (Some(mut d), None) => {
            d.warnings = validation.warnings;
            Ok(d)
        }
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
    let mut cells = Cells {
        rubric,
        n_c,
        conflicts: &conflicts,
        index: HashMap::new(),
        reviews: Vec::new(),
        values: Vec::new(),
        last: None,
    };
    for (i, s) in round.scores.iter().enumerate() {
        let who = || {
            format!(
                "score {} (reviewer {:?}, proposal {:?}, condition {:?})",
                i + 1,
                s.reviewer_id,
                s.proposal_id,
                s.condition_id
            )
        };
        let at = Entry {
            index: i,
            source: "scores",
            ids: [&s.reviewer_id, &s.proposal_id, &s.condition_id],
            who: &who,
        };
        let r = reviewer_index.get(s.reviewer_id.as_str()).copied();
        let p = proposal_index.get(s.proposal_id.as_str()).copied();
        let c = condition_index.get(s.condition_id.as_str()).copied();
        if r.is_none() {
            problems.push_with(|| at.tag(unknown("reviewer", "reviewerId", &s.reviewer_id, who())));
        }
        if p.is_none() {
            problems.push_with(|| at.tag(unknown("proposal", "proposalId", &s.proposal_id, who())));
        }
        if c.is_none() {
            problems.push_with(|| {
                at.tag(Error::new(
                    Code::UnknownId,
                    format!(
                        "{} names condition {:?}, which is not in the rubric",
                        who(),
                        s.condition_id
                    ),
                ))
            });
        }
        cells.place(&mut problems, &at, (r, p, c), s.value);
    }
    let column_scores = round.score_columns.as_ref().map_or(0, |columns| {
        let index = [&reviewer_index, &proposal_index, &condition_index];
        place_columns(columns, index, &mut cells, &mut problems)
    });
    let Cells {
        mut reviews,
        values,
        ..
    } = cells;
    let weights: Vec<f64> = rubric.conditions.iter().map(|c| c.weight).collect();
    for v in &mut reviews {
        v.overall = weighted(block(&values, v.slot, n_c).1, &weights);
    }
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
            0 => warnings.push(Note::warning(NoteCode::RoundNoScores).with("proposal", id)),
            1 => warnings.push(Note::warning(NoteCode::RoundOneReviewer).with("proposal", id)),
            _ => {}
        }
    }
    let mut incomplete = 0usize;
    for v in &reviews {
        let raw = block(&values, v.slot, n_c).0;
        if raw.iter().any(Option::is_none) {
            incomplete += 1;
            if incomplete <= 10 {
                let missing: Vec<String> = raw
                    .iter()
                    .zip(&rubric.conditions)
                    .filter(|(x, _)| x.is_none())
                    .map(|(_, c)| c.id.clone())
                    .collect();
                warnings.push(
                    Note::warning(NoteCode::RoundReviewIncomplete)
                        .with(
                            "reviewer",
                            round.reviewers.get(v.r).map_or("", |x| x.id.as_str()),
                        )
                        .with(
                            "proposal",
                            round.proposals.get(v.p).map_or("", |x| x.id.as_str()),
                        )
                        .with("conditions", missing),
                );
            }
        }
    }
    if incomplete > 10 {
        warnings.push(Note::warning(NoteCode::RoundMoreIncomplete).with("n", incomplete - 10));
    }
    let validation = RoundValidation {
        valid: problems.errors.is_empty(),
        errors_not_listed: problems.more,
        warnings,
        proposals: round.proposals.len(),
        reviewers: round.reviewers.len(),
        conditions: n_c,
        scores: round.scores.len() + column_scores,
        reviews: reviews.len(),
        errors: problems.errors,
    };
    let design = validation.valid.then(|| Design {
        warnings: Vec::new(),
        rubric,
        round,
        weights,
        reviews,
        values,
        by_proposal,
        amounts,
        minimums,
    });
    (design, validation)
}
