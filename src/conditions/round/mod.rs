//! A review round: proposals, reviewers, conflicts of interest and scores, with validation that
//! names the ids involved in every message. Incomplete designs (not every reviewer reads every
//! proposal) are normal and allowed.
//!
//! Notes ([`RoundValidation::warnings`], all [`Severity::Warning`](crate::note::Severity)):
//!
//! | code | params | when |
//! |---|---|---|
//! | `round_no_scores` | `proposal` | a proposal has no scores yet |
//! | `round_one_reviewer` | `proposal` | one reviewer only: agreement cannot be checked |
//! | `round_review_incomplete` | `reviewer`, `proposal`, `conditions` | a review misses conditions (first ten) |
//! | `round_more_incomplete` | `n` | further reviews that miss conditions |

use super::rubric::Rubric;
use crate::error::Error;
use crate::note::Note;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

mod validate;
pub(crate) use validate::design;
pub use validate::validate_round;

/// Largest amount or budget accepted, in dollars (10¹², so sums over a million proposals stay
/// exact in `u64`).
pub const MAX_DOLLARS: f64 = 1e12;

/// Most errors listed by [`validate_round`]; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 200;

/// A grant proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
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
    #[cfg_attr(test, ts(optional = nullable))]
    pub minimum_amount: Option<f64>,
    /// Id of the proposal's theory-of-change model, if one was built.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub toc_model_id: Option<String>,
    /// Any further attributes, by name (e.g. `"communityLed": "yes"`, `"region": "East"`), for
    /// equity constraints and the page's filters; empty by default.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, String>>", optional))]
    pub attributes: BTreeMap<String, String>,
}

/// A reviewer on the panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reviewer {
    /// Stable id, e.g. `"r1"`.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A conflict of interest: the reviewer must not score the proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Conflict {
    /// The reviewer's id.
    pub reviewer_id: String,
    /// The proposal's id.
    pub proposal_id: String,
    /// Why, e.g. "serves on the applicant's board".
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub reason: Option<String>,
}

/// One reviewer's score of one proposal on one condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
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
    #[cfg_attr(test, ts(optional = nullable))]
    pub comment: Option<String>,
}

/// A review round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Round {
    /// Title, e.g. "2024 community-led systems change round".
    pub title: String,
    /// True for made-up example data; the page labels it.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub synthetic: bool,
    /// A note shown with the round (e.g. what the example is drawn from).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub note: Option<String>,
    /// The proposals.
    pub proposals: Vec<Proposal>,
    /// The reviewers.
    pub reviewers: Vec<Reviewer>,
    /// Conflicts of interest.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Conflict>>", optional))]
    pub conflicts: Vec<Conflict>,
    /// Scores.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Score>>", optional))]
    pub scores: Vec<Score>,
    /// More scores in columns: the compact form for large rounds (see [`ScoreColumns`]). Both
    /// may be given; a score given in both is a duplicate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub score_columns: Option<ScoreColumns>,
}

/// Scores as columns, the compact form of [`Round::scores`] for large rounds (no comments):
/// entry `i` is the score `value[i]` that reviewer `reviewer_ids[reviewer[i]]` gave proposal
/// `proposal_ids[proposal[i]]` on condition `condition_ids[condition[i]]`. The four entry
/// columns have one length; indexes start at 0. An entry takes 20 bytes, against a struct with
/// three strings per score, and the bindings copy each column from a typed array in one step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreColumns {
    /// Reviewer ids, each in the round's `reviewers`.
    pub reviewer_ids: Vec<String>,
    /// Proposal ids, each in the round's `proposals`.
    pub proposal_ids: Vec<String>,
    /// Condition ids, each in the rubric.
    pub condition_ids: Vec<String>,
    /// Per entry: index into `reviewer_ids`.
    #[cfg_attr(test, ts(type = "Uint32Array | number[]"))]
    pub reviewer: Vec<u32>,
    /// Per entry: index into `proposal_ids`.
    #[cfg_attr(test, ts(type = "Uint32Array | number[]"))]
    pub proposal: Vec<u32>,
    /// Per entry: index into `condition_ids`.
    #[cfg_attr(test, ts(type = "Uint32Array | number[]"))]
    pub condition: Vec<u32>,
    /// Per entry: the score, within the condition's scale.
    #[cfg_attr(test, ts(type = "Float64Array | number[]"))]
    pub value: Vec<f64>,
}

impl ScoreColumns {
    /// Number of entries (the length of the shortest entry column).
    pub fn len(&self) -> usize {
        self.reviewer
            .len()
            .min(self.proposal.len())
            .min(self.condition.len())
            .min(self.value.len())
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The columns of the given scores (comments are dropped), ids in order of first use.
    pub fn from_scores(scores: &[Score]) -> ScoreColumns {
        fn index(ids: &mut Vec<String>, seen: &mut HashMap<String, u32>, id: &str) -> u32 {
            *seen.entry(id.to_string()).or_insert_with(|| {
                ids.push(id.to_string());
                u32::try_from(ids.len() - 1).unwrap_or(u32::MAX)
            })
        }
        let mut out = ScoreColumns::default();
        let mut seen = [HashMap::new(), HashMap::new(), HashMap::new()];
        let [r, p, c] = &mut seen;
        for s in scores {
            out.reviewer
                .push(index(&mut out.reviewer_ids, r, &s.reviewer_id));
            out.proposal
                .push(index(&mut out.proposal_ids, p, &s.proposal_id));
            out.condition
                .push(index(&mut out.condition_ids, c, &s.condition_id));
            out.value.push(s.value);
        }
        out
    }
}

/// Everything wrong with a round, and what is merely incomplete.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoundValidation {
    /// True when `errors` is empty: the round can be analysed.
    pub valid: bool,
    /// Every problem found (up to [`MAX_LISTED_ERRORS`]), each with a code, a message naming the
    /// ids and `details`.
    pub errors: Vec<Error>,
    /// Problems found beyond the listed ones.
    pub errors_not_listed: usize,
    /// Incomplete-design notes (proposals without scores, reviews missing conditions…): see
    /// the module's table of note codes.
    pub warnings: Vec<Note>,
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
    /// Where its scores are in [`Design::values`] (see [`Design::raw`]).
    slot: usize,
    /// The reviewer's weighted score of the proposal on 0–100 (over the conditions scored).
    pub overall: Option<f64>,
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
    /// Every review's raw scores then its scores rescaled to 0–100, one block of two rows of
    /// conditions per review (one allocation instead of two per review).
    values: Vec<Option<f64>>,
    /// For each proposal, its range in `reviews`.
    pub by_proposal: Vec<Range<usize>>,
    /// Amount requested per proposal, whole dollars.
    pub amounts: Vec<u64>,
    /// Minimum viable amount per proposal (= requested when none is given).
    pub minimums: Vec<u64>,
    /// The incomplete-design notes of [`validate_round`] (set by [`design`]).
    pub warnings: Vec<Note>,
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

impl Design<'_> {
    /// A review's raw scores, in the rubric's condition order.
    pub fn raw(&self, v: &Review) -> &[Option<f64>] {
        block(&self.values, v.slot, self.weights.len()).0
    }

    /// A review's scores rescaled to 0–100, in the rubric's condition order.
    pub fn scaled(&self, v: &Review) -> &[Option<f64>] {
        block(&self.values, v.slot, self.weights.len()).1
    }
}

/// The raw and the scaled row of review `slot` in a pool of `n_c` conditions.
fn block(values: &[Option<f64>], slot: usize, n_c: usize) -> (&[Option<f64>], &[Option<f64>]) {
    let at = slot * 2 * n_c;
    let both = values.get(at..at + 2 * n_c).unwrap_or_default();
    both.split_at(both.len() / 2)
}
