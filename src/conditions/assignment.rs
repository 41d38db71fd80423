//! Balanced assignment of reviewers to proposals (issue #20, "a round in minutes").
//!
//! Every proposal gets exactly `k` reviewers, no reviewer more than the load cap, no reviewer
//! a proposal they have a conflict of interest with, and the reviewer–proposal graph connected,
//! so that the calibration model can put every reviewer on one scale (see [`super::calibration`]).
//!
//! # Method
//! 1. Feasibility: `k · proposals ≤ cap · reviewers`, and every proposal has at least `k`
//!    reviewers without a conflict; otherwise a coded error naming the numbers or the proposal.
//! 2. Greedy: proposals in order of fewest eligible reviewers (ties in seeded random order);
//!    each takes the `k` eligible reviewers with the lowest load (ties seeded random).
//! 3. A proposal left short is completed by augmenting paths (a reviewer with room takes over
//!    a proposal from a full reviewer, who takes the short one), the max-flow argument for
//!    b-matchings: when no path exists, no assignment exists, and the error names the proposal.
//! 4. Connection: while the graph has several components, two assignments (r₁, p₁), (r₂, p₂)
//!    in different components are swapped to (r₂, p₁), (r₁, p₂) (loads unchanged) when that
//!    merges components. With `k = 1` no swap can help; a note says so.
//!
//! Deterministic: the same round, options and seed give the same assignment on every platform
//! ([`Xoshiro256StarStar`]).

use super::prng::Xoshiro256StarStar;
use super::round::Round;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet, VecDeque};

/// Most reviews an assignment may hold (`k` × proposals).
pub const MAX_ASSIGNED_REVIEWS: usize = 1_000_000;

/// Most reviewer × proposal cells the assignment looks at.
pub const MAX_ASSIGNMENT_CELLS: usize = 50_000_000;

/// Options of [`assign_reviewers`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AssignmentOptions {
    /// Reviews per proposal (k), at least 1; default 3.
    #[cfg_attr(test, ts(as = "Option<u32>", optional))]
    pub reviews_per_proposal: u32,
    /// Most proposals per reviewer; `null` (default): ⌈k · proposals / reviewers⌉, the most
    /// even load.
    #[cfg_attr(test, ts(optional = nullable))]
    pub max_load: Option<u32>,
    /// Seed of the generator; default 1.
    #[cfg_attr(test, ts(as = "Option<u64>", optional))]
    pub seed: u64,
}

impl Default for AssignmentOptions {
    fn default() -> Self {
        AssignmentOptions {
            reviews_per_proposal: 3,
            max_load: None,
            seed: 1,
        }
    }
}

/// One review to be done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssignedReview {
    /// The reviewer's id.
    pub reviewer_id: String,
    /// The proposal's id.
    pub proposal_id: String,
}

/// A reviewer's number of proposals to review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewerLoad {
    /// The reviewer's id.
    pub reviewer_id: String,
    /// Proposals assigned.
    pub load: u32,
}

/// The result of [`assign_reviewers`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// Reviews per proposal (k).
    pub reviews_per_proposal: u32,
    /// The load cap used.
    pub max_load: u32,
    /// The seed used.
    pub seed: u64,
    /// The reviews, by reviewer (in the round's order), then proposal (in the round's order).
    pub reviews: Vec<AssignedReview>,
    /// Each reviewer's load, in the round's order.
    pub loads: Vec<ReviewerLoad>,
    /// True when every reviewer with a load and every proposal are in one connected design.
    pub connected: bool,
    /// Swaps made to connect the design.
    pub swaps: usize,
    /// `assignment_disconnected` when the design could not be connected.
    pub warnings: Vec<Note>,
}

fn infeasible(reason: &str, message: String) -> Error {
    Error::new(Code::InfeasibleConstraints, message)
        .with("what", "assignment")
        .with("reason", reason)
}

/// The state of an assignment under construction.
struct Design {
    /// Per proposal: its reviewers.
    of_proposal: Vec<Vec<usize>>,
    /// Per reviewer: its proposals.
    of_reviewer: Vec<Vec<usize>>,
    /// Conflicts as (reviewer, proposal).
    conflicts: HashSet<(usize, usize)>,
    cap: usize,
}

impl Design {
    fn eligible(&self, r: usize, p: usize) -> bool {
        !self.conflicts.contains(&(r, p)) && !self.of_proposal[p].contains(&r)
    }
    fn add(&mut self, r: usize, p: usize) {
        self.of_proposal[p].push(r);
        self.of_reviewer[r].push(p);
    }
    fn remove(&mut self, r: usize, p: usize) {
        self.of_proposal[p].retain(|&x| x != r);
        self.of_reviewer[r].retain(|&x| x != p);
    }

    /// One more reviewer for `p` by an augmenting path; false when none exists.
    fn augment(&mut self, p: usize) -> bool {
        let n_r = self.of_reviewer.len();
        // parent[r] = (previous reviewer or None for p, the proposal r takes over).
        let mut parent: Vec<Option<(Option<usize>, usize)>> = vec![None; n_r];
        let mut queue = VecDeque::new();
        for (r, slot) in parent.iter_mut().enumerate() {
            if self.eligible(r, p) {
                *slot = Some((None, p));
                queue.push_back(r);
            }
        }
        while let Some(r) = queue.pop_front() {
            if self.of_reviewer[r].len() < self.cap {
                // Walk back: r takes the proposal it reached, freeing the previous reviewer.
                let mut at = r;
                while let Some((prev, q)) = parent[at] {
                    if let Some(prev) = prev {
                        self.remove(prev, q);
                    }
                    self.add(at, q);
                    match prev {
                        Some(prev) => at = prev,
                        None => break,
                    }
                }
                return true;
            }
            for &q in &self.of_reviewer[r].clone() {
                for (r2, slot) in parent.iter_mut().enumerate() {
                    if slot.is_none() && self.eligible(r2, q) {
                        *slot = Some((Some(r), q));
                        queue.push_back(r2);
                    }
                }
            }
        }
        false
    }

    /// Component label per node (proposals 0..P, reviewers P..P+R) and the count of components
    /// among proposals and reviewers with a load.
    fn components(&self) -> (Vec<usize>, usize) {
        let n_p = self.of_proposal.len();
        let mut parent: Vec<usize> = (0..n_p + self.of_reviewer.len()).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for (p, rs) in self.of_proposal.iter().enumerate() {
            for &r in rs {
                let (a, b) = (find(&mut parent, p), find(&mut parent, n_p + r));
                parent[a] = b;
            }
        }
        let labels: Vec<usize> = (0..parent.len()).map(|x| find(&mut parent, x)).collect();
        let used = |x: usize| x < n_p || !self.of_reviewer[x - n_p].is_empty();
        let roots: HashSet<usize> = (0..labels.len())
            .filter(|&x| used(x))
            .map(|x| labels[x])
            .collect();
        (labels, roots.len())
    }

    /// Swaps assignments across components until connected or no swap helps; returns swaps.
    fn connect(&mut self, rng: &mut Xoshiro256StarStar) -> usize {
        const TRIES_PER_STEP: usize = 2000;
        let n_p = self.of_proposal.len();
        let mut swaps = 0;
        loop {
            let (labels, count) = self.components();
            if count <= 1 {
                return swaps;
            }
            let edges: Vec<(usize, usize)> = (0..n_p)
                .flat_map(|p| self.of_proposal[p].iter().map(move |&r| (r, p)))
                .collect();
            let mut merged = false;
            for _ in 0..TRIES_PER_STEP {
                let (r1, p1) = edges[rng.below(edges.len() as u64) as usize];
                let (r2, p2) = edges[rng.below(edges.len() as u64) as usize];
                if labels[p1] == labels[p2] || !self.eligible(r2, p1) || !self.eligible(r1, p2) {
                    continue;
                }
                self.remove(r1, p1);
                self.remove(r2, p2);
                self.add(r2, p1);
                self.add(r1, p2);
                if self.components().1 < count {
                    swaps += 1;
                    merged = true;
                    break;
                }
                self.remove(r2, p1);
                self.remove(r1, p2);
                self.add(r1, p1);
                self.add(r2, p2);
            }
            if !merged {
                return swaps;
            }
        }
    }
}

/// Index of each id, or [`Code::DuplicateId`].
fn index_ids<'a>(
    kind: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashMap<&'a str, usize>> {
    let mut index = HashMap::new();
    for (i, id) in ids.enumerate() {
        if index.insert(id, i).is_some() {
            return Err(
                Error::new(Code::DuplicateId, format!("{kind} id {id:?} is used twice"))
                    .with(&format!("{kind}Id"), id),
            );
        }
    }
    Ok(index)
}

/// Assigns `k` reviewers to every proposal of the round (its scores are ignored): balanced
/// loads within the cap, conflicts respected, connected where possible, seeded. See the module
/// doc for the method.
///
/// # Errors
/// [`Code::ParameterOutOfRange`] for `k` = 0, `k` above the number of reviewers or a cap of 0;
/// [`Code::DuplicateId`]; [`Code::UnknownId`] for a conflict naming neither a reviewer nor a
/// proposal of the round; [`Code::TooLarge`] above [`MAX_ASSIGNED_REVIEWS`] reviews or
/// [`MAX_ASSIGNMENT_CELLS`] cells; [`Code::InfeasibleConstraints`] (`what`: `assignment`) with
/// `reason` `capacity` (`needed` = k × proposals > `available` = cap × reviewers),
/// `too_few_reviewers` (`proposalId`, `proposals`, `eligible`) or `no_assignment` (`proposalId`).
///
/// # Examples
/// ```
/// use waterline::conditions::{assign_reviewers, AssignmentOptions, Round};
/// let round: Round = serde_json::from_str(waterline::conditions::EXAMPLE_ROUND_JSON).unwrap();
/// let options = AssignmentOptions { reviews_per_proposal: 2, ..Default::default() };
/// let a = assign_reviewers(&round, &options).unwrap();
/// assert_eq!(a.reviews.len(), 2 * round.proposals.len());
/// assert!(a.connected);
/// ```
pub fn assign_reviewers(round: &Round, options: &AssignmentOptions) -> Result<Assignment> {
    let (n_p, n_r) = (round.proposals.len(), round.reviewers.len());
    let k = options.reviews_per_proposal as usize;
    if k == 0 || k > n_r {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!("reviews per proposal must be between 1 and the number of reviewers ({n_r}), got {k}"),
        )
        .with("argument", "reviewsPerProposal")
        .with("value", k)
        .with("max", n_r));
    }
    let needed = k.saturating_mul(n_p);
    for (what, limit, requested) in [
        ("assignedReviews", MAX_ASSIGNED_REVIEWS, needed),
        (
            "assignmentCells",
            MAX_ASSIGNMENT_CELLS,
            n_p.saturating_mul(n_r),
        ),
    ] {
        if requested > limit {
            return Err(Error::new(
                Code::TooLarge,
                format!("an assignment handles at most {limit} {what}, got {requested}"),
            )
            .with("what", what)
            .with("limit", limit)
            .with("requested", requested));
        }
    }
    let cap = match options.max_load {
        Some(0) => {
            return Err(
                Error::new(Code::ParameterOutOfRange, "the load cap must be at least 1")
                    .with("argument", "maxLoad")
                    .with("value", 0usize),
            )
        }
        Some(c) => (c as usize).min(n_p),
        None => needed.div_ceil(n_r),
    };
    let pi = index_ids("proposal", round.proposals.iter().map(|p| p.id.as_str()))?;
    let ri = index_ids("reviewer", round.reviewers.iter().map(|r| r.id.as_str()))?;
    let mut conflicts = HashSet::new();
    for c in &round.conflicts {
        let (Some(&r), Some(&p)) = (
            ri.get(c.reviewer_id.as_str()),
            pi.get(c.proposal_id.as_str()),
        ) else {
            return Err(Error::new(
                Code::UnknownId,
                format!(
                    "a conflict names reviewer {:?} and proposal {:?}, not both in the round",
                    c.reviewer_id, c.proposal_id
                ),
            )
            .with("reviewerId", c.reviewer_id.as_str())
            .with("proposalId", c.proposal_id.as_str()));
        };
        conflicts.insert((r, p));
    }
    if needed > cap.saturating_mul(n_r) {
        return Err(infeasible(
            "capacity",
            format!(
                "{k} reviews for each of {n_p} proposals need {needed} reviews, but {n_r} \
                 reviewers with at most {cap} each can do {}",
                cap * n_r
            ),
        )
        .with("needed", needed)
        .with("available", cap * n_r)
        .with("reviewsPerProposal", k)
        .with("maxLoad", cap)
        .with("reviewers", n_r));
    }
    let mut conflicted = vec![0usize; n_p];
    for &(_, p) in &conflicts {
        conflicted[p] += 1;
    }
    let short: Vec<usize> = (0..n_p).filter(|&p| n_r - conflicted[p] < k).collect();
    if let Some(&p) = short.first() {
        let id = round.proposals[p].id.as_str();
        return Err(infeasible(
            "too_few_reviewers",
            format!(
                "proposal {id:?} has {} reviewers without a conflict of interest, fewer than {k}",
                n_r - conflicted[p]
            ),
        )
        .with("proposalId", id)
        .with("eligible", n_r - conflicted[p])
        .with("reviewsPerProposal", k)
        .with(
            "proposals",
            short
                .iter()
                .take(20)
                .map(|&p| round.proposals[p].id.clone())
                .collect::<Vec<_>>(),
        ));
    }
    let mut rng = Xoshiro256StarStar::seed_from_u64(options.seed);
    let mut design = Design {
        of_proposal: vec![Vec::with_capacity(k); n_p],
        of_reviewer: vec![Vec::new(); n_r],
        conflicts,
        cap,
    };
    let mut order: Vec<(usize, u64, usize)> = (0..n_p)
        .map(|p| (n_r - conflicted[p], rng.next_u64(), p))
        .collect();
    crate::sort::sort_by(&mut order, Ord::cmp);
    let mut candidates = Vec::with_capacity(n_r);
    for &(_, _, p) in &order {
        candidates.clear();
        for r in 0..n_r {
            if design.of_reviewer[r].len() < cap && design.eligible(r, p) {
                candidates.push((design.of_reviewer[r].len(), rng.next_u64(), r));
            }
        }
        crate::sort::sort_by(&mut candidates, Ord::cmp);
        for &(_, _, r) in candidates.iter().take(k) {
            design.add(r, p);
        }
        while design.of_proposal[p].len() < k {
            if !design.augment(p) {
                let id = round.proposals[p].id.as_str();
                return Err(infeasible(
                    "no_assignment",
                    format!(
                        "no assignment gives proposal {id:?} {k} reviewers within the load cap \
                         {cap} and the conflicts of interest"
                    ),
                )
                .with("proposalId", id)
                .with("reviewsPerProposal", k)
                .with("maxLoad", cap));
            }
        }
    }
    // With one reviewer per proposal the design is a set of stars, one per reviewer: no swap
    // can connect it, so none is tried.
    let swaps = if k >= 2 { design.connect(&mut rng) } else { 0 };
    let connected = design.components().1 <= 1;
    let mut warnings = Vec::new();
    if !connected {
        warnings.push(
            Note::warning(NoteCode::AssignmentDisconnected)
                .with("groups", design.components().1)
                .with("reviewsPerProposal", k),
        );
    }
    let mut reviews = Vec::with_capacity(needed);
    for (r, ps) in design.of_reviewer.iter_mut().enumerate() {
        crate::sort::sort_by(ps, Ord::cmp);
        for &p in ps.iter() {
            reviews.push(AssignedReview {
                reviewer_id: round.reviewers[r].id.clone(),
                proposal_id: round.proposals[p].id.clone(),
            });
        }
    }
    Ok(Assignment {
        reviews_per_proposal: k as u32,
        max_load: cap as u32,
        seed: options.seed,
        loads: round
            .reviewers
            .iter()
            .zip(&design.of_reviewer)
            .map(|(r, ps)| ReviewerLoad {
                reviewer_id: r.id.clone(),
                load: ps.len() as u32,
            })
            .collect(),
        reviews,
        connected,
        swaps,
        warnings,
    })
}
