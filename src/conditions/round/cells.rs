//! Placing checked scores into their reviews: the (proposal, reviewer) cells of
//! [`Design`](super::super::Design), filled from `scores` and from `scoreColumns`, each problem
//! tagged with the entry it came from.

use super::super::{Review, ScoreColumns};
use super::Problems;
use crate::conditions::rubric::Rubric;
use crate::error::{Code, Error};
use std::collections::{HashMap, HashSet};

/// Where a score came from, for its error messages: built only when there is an error.
pub(super) struct Entry<'s> {
    /// Position in `scores` or in the columns, from 0.
    pub(super) index: usize,
    /// `"scores"` or `"scoreColumns"`.
    pub(super) source: &'static str,
    /// Reviewer, proposal and condition ids as given.
    pub(super) ids: [&'s str; 3],
    /// The entry described for a message, e.g. `score 3 (reviewer "r1", …)`.
    pub(super) who: &'s dyn Fn() -> String,
}

impl Entry<'_> {
    /// Adds the entry's position and ids to an error's details.
    pub(super) fn tag(&self, e: Error) -> Error {
        e.with("index", self.index)
            .with("source", self.source)
            .with("reviewerId", self.ids[0])
            .with("proposalId", self.ids[1])
            .with("conditionId", self.ids[2])
    }
}

/// The reviews being filled from scores, one per reviewer × proposal.
pub(super) struct Cells<'a> {
    pub(super) rubric: &'a Rubric,
    /// Conditions in the rubric.
    pub(super) n_c: usize,
    pub(super) conflicts: &'a HashSet<(usize, usize)>,
    /// (proposal, reviewer) → position in `reviews`.
    pub(super) index: HashMap<(usize, usize), usize>,
    pub(super) reviews: Vec<Review>,
    /// The reviews' scores, as in [`Design`](super::super::Design).
    pub(super) values: Vec<Option<f64>>,
    /// The last (proposal, reviewer) placed and its position, or [`CONFLICTED`].
    pub(super) last: Option<((usize, usize), usize)>,
}

/// The position of a review that must not exist: the reviewer has a conflict of interest.
const CONFLICTED: usize = usize::MAX;

impl Cells<'_> {
    /// Checks one score (reviewer, proposal and condition indexes when known) and puts it in
    /// its review; problems are pushed with the entry's ids.
    pub(super) fn place(
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
pub(super) fn place_columns<'a>(
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
