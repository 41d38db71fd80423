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
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

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
/// in each). For [`ScoreColumns`] also: columns of different lengths (`length_mismatch`, and no
/// entry is read), an index outside its id list (`bad_input` with `details.column`), and an
/// unknown id, named once by its place in the list (`details.field`, e.g. `"reviewerIds"`).
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

/// Where a score came from, for its error messages: built only when there is an error.
struct Entry<'s> {
    /// Position in `scores` or in the columns, from 0.
    index: usize,
    /// `"scores"` or `"scoreColumns"`.
    source: &'static str,
    /// Reviewer, proposal and condition ids as given.
    ids: [&'s str; 3],
    /// The entry described for a message, e.g. `score 3 (reviewer "r1", …)`.
    who: &'s dyn Fn() -> String,
}

impl Entry<'_> {
    /// Adds the entry's position and ids to an error's details.
    fn tag(&self, e: Error) -> Error {
        e.with("index", self.index)
            .with("source", self.source)
            .with("reviewerId", self.ids[0])
            .with("proposalId", self.ids[1])
            .with("conditionId", self.ids[2])
    }
}

/// The reviews being filled from scores, one per reviewer × proposal.
struct Cells<'a> {
    rubric: &'a Rubric,
    /// Conditions in the rubric.
    n_c: usize,
    conflicts: &'a HashSet<(usize, usize)>,
    /// (proposal, reviewer) → position in `reviews`.
    index: HashMap<(usize, usize), usize>,
    reviews: Vec<Review>,
    /// The reviews' scores, as in [`Design`].
    values: Vec<Option<f64>>,
    /// The last (proposal, reviewer) placed and its position, or [`CONFLICTED`].
    last: Option<((usize, usize), usize)>,
}

/// The position of a review that must not exist: the reviewer has a conflict of interest.
const CONFLICTED: usize = usize::MAX;

impl Cells<'_> {
    /// Checks one score (reviewer, proposal and condition indexes when known) and puts it in
    /// its review; problems are pushed with the entry's ids.
    fn place(
        &mut self,
        problems: &mut Problems,
        at: &Entry,
        (r, p, c): (Option<usize>, Option<usize>, Option<usize>),
        value: f64,
    ) {
        let Some(condition) = c.and_then(|c| self.rubric.conditions.get(c)) else {
            return;
        };
        if !value.is_finite() {
            problems.push_with(|| {
                at.tag(
                    Error::new(
                        Code::NotFinite,
                        format!("{} is not a finite number ({value})", (at.who)()),
                    )
                    .with("value", value),
                )
            });
            return;
        }
        if value < condition.min() || value > condition.max() {
            problems.push_with(|| {
                at.tag(
                    Error::new(
                        Code::ScoreOutOfRange,
                        format!(
                            "{} is {value}, outside the scale {}–{}",
                            (at.who)(),
                            condition.min(),
                            condition.max()
                        ),
                    )
                    .with("value", value)
                    .with("min", condition.min())
                    .with("max", condition.max()),
                )
            });
            return;
        }
        let (Some(r), Some(p), Some(c)) = (r, p, c) else {
            return;
        };
        // Scores usually come review by review: the last review found is tried first, and
        // the conflict check is made once per review.
        let k = match self.last {
            Some((key, k)) if key == (p, r) => k,
            _ => {
                let k = if self.conflicts.contains(&(p, r)) {
                    CONFLICTED
                } else {
                    let n_c = self.n_c;
                    let (reviews, values) = (&mut self.reviews, &mut self.values);
                    *self.index.entry((p, r)).or_insert_with(|| {
                        let slot = reviews.len();
                        reviews.push(Review {
                            p,
                            r,
                            slot,
                            overall: None,
                        });
                        values.resize(values.len() + 2 * n_c, None);
                        slot
                    })
                };
                self.last = Some(((p, r), k));
                k
            }
        };
        if k == CONFLICTED {
            problems.push_with(|| {
                at.tag(Error::new(
                    Code::ConflictOfInterest,
                    format!(
                        "{} comes from a reviewer with a conflict of interest on this proposal: remove it",
                        (at.who)()
                    ),
                ))
            });
            return;
        }
        let n_c = self.n_c;
        let cell = k.saturating_mul(2 * n_c).saturating_add(c);
        match self.values.get_mut(cell) {
            Some(slot @ None) => {
                *slot = Some(value);
                if let Some(x) = self.values.get_mut(cell + n_c) {
                    *x = Some(condition.rescale(value));
                }
            }
            _ => problems.push_with(|| {
                at.tag(Error::new(
                    Code::DuplicateId,
                    format!(
                        "{} is given twice: keep one score per reviewer, proposal and condition",
                        (at.who)()
                    ),
                ))
            }),
        }
    }
}

/// Checks the entries of a round's `scoreColumns` and places them in `cells`; returns how many
/// were read (none when the columns have different lengths). `index` maps reviewer, proposal
/// and condition ids to their positions.
fn place_columns<'a>(
    columns: &'a ScoreColumns,
    [reviewer_index, proposal_index, condition_index]: [&HashMap<&str, usize>; 3],
    cells: &mut Cells,
    problems: &mut Problems,
) -> usize {
    let column_scores = columns.len();
    // Each id list is resolved once; an unknown id is one problem, named by its place in
    // the list (entries that use it are still checked for their value).
    let mut lookup = |ids: &'a [String], index: &HashMap<&str, usize>, kind: &str| {
        let field = format!("{kind}Ids");
        let within = if kind == "condition" {
            "rubric"
        } else {
            "round"
        };
        let mut resolved = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            let found = index.get(id.as_str()).copied();
            if found.is_none() {
                problems.push_with(|| {
                    Error::new(
                        Code::UnknownId,
                        format!(
                            "scoreColumns.{field}[{k}] names {kind} {id:?}, which is not in the {within}"
                        ),
                    )
                    .with(&format!("{kind}Id"), id.as_str())
                    .with("index", k)
                    .with("source", "scoreColumns")
                    .with("field", field.as_str())
                });
            }
            resolved.push(found);
        }
        resolved
    };
    let rs = lookup(&columns.reviewer_ids, reviewer_index, "reviewer");
    let ps = lookup(&columns.proposal_ids, proposal_index, "proposal");
    let cs = lookup(&columns.condition_ids, condition_index, "condition");
    let lengths = [
        columns.reviewer.len(),
        columns.proposal.len(),
        columns.condition.len(),
        columns.value.len(),
    ];
    if lengths.iter().any(|&n| n != column_scores) {
        problems.push(
            Error::new(
                Code::LengthMismatch,
                format!(
                    "scoreColumns: reviewer, proposal, condition and value must have one length, got {}, {}, {} and {}",
                    lengths[0], lengths[1], lengths[2], lengths[3]
                ),
            )
            .with("lengths", lengths.iter().map(|&n| n as f64).collect::<Vec<_>>())
            .with("source", "scoreColumns"),
        );
        return 0;
    }
    let id = |ids: &'a [String], k: u32| ids.get(k as usize).map_or("", String::as_str);
    let resolve = |v: &[Option<usize>], k: u32| v.get(k as usize).copied().flatten();
    for i in 0..column_scores {
        let (Some(&rk), Some(&pk), Some(&ck), Some(&value)) = (
            columns.reviewer.get(i),
            columns.proposal.get(i),
            columns.condition.get(i),
            columns.value.get(i),
        ) else {
            break;
        };
        let ids = [
            id(&columns.reviewer_ids, rk),
            id(&columns.proposal_ids, pk),
            id(&columns.condition_ids, ck),
        ];
        let who = || {
            format!(
                "scoreColumns entry {i} (reviewer {:?}, proposal {:?}, condition {:?})",
                ids[0], ids[1], ids[2]
            )
        };
        let at = Entry {
            index: i,
            source: "scoreColumns",
            ids,
            who: &who,
        };
        let slots = [
            (rk, rs.len(), "reviewer"),
            (pk, ps.len(), "proposal"),
            (ck, cs.len(), "condition"),
        ];
        if let Some((k, n, kind)) = slots.into_iter().find(|(k, n, _)| *k as usize >= *n) {
            problems.push(
                Error::new(
                    Code::BadInput,
                    format!(
                        "scoreColumns entry {i}: {kind} index {k} is outside {kind}Ids, which has {n} ids"
                    ),
                )
                .with("index", i)
                .with("source", "scoreColumns")
                .with("column", kind),
            );
            continue;
        }
        // Unknown ids were reported once, with the id list; the value is still checked.
        let (r, p, c) = (resolve(&rs, rk), resolve(&ps, pk), resolve(&cs, ck));
        cells.place(problems, &at, (r, p, c), value);
    }
    column_scores
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
