//! Funding within a budget: the set of proposals with the highest total weighted score that fits,
//! optionally with partial funding and minimum shares per level or community, and what it would
//! take to fund the next proposal in line.
//!
//! Notes ([`FundingResult::warnings`], warnings):
//!
//! | code | params |
//! |---|---|
//! | `budget_unscored` | `proposals`: ids without a score (never funded) |
//! | `budget_search_stopped` | `nodes`, `upperBound`: the search stopped before proving optimality |

use super::depth::{coverage, Coverage, DepthOptions};
use super::equity::{checks, conflict, ConstraintCheck, EquityConstraint};
use super::knapsack::{solve_linear, Linear, MinSpend};
use super::round::design;
use super::scores::ProposalScore;
use super::{Round, Rubric};
use crate::conditions::method::Method;
use crate::error::{Code, Result};
use crate::note::{Note, NoteCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod prepare;
pub(crate) use prepare::{prepare, Prepared};

/// Most proposals [`fund_within_budget`] chooses among. The exact solver's own work is capped
/// (dynamic programming up to 10⁷ cells, branch and bound up to 500,000 nodes, then an
/// upper bound instead of a claim of optimality); this bounds the per-node and per-group
/// arrays, which grow with the number of proposals.
pub const MAX_FUNDING_PROPOSALS: usize = 5_000;

/// Most minimum shares (per level and per community together) in one funding question.
pub const MAX_SHARE_GROUPS: usize = 64;

/// Options of [`fund_within_budget`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FundingOptions {
    /// The budget, in whole dollars.
    pub budget: f64,
    /// Allow funding a proposal at its `minimumAmount` (then topping it up from what is left);
    /// default false.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub partial: bool,
    /// Minimum share of the budget, in [0, 1], per level id, spent on proposals whose strongest
    /// level (highest level score; ties go to the level listed later) it is.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, f64>>", optional))]
    pub min_share_per_level: BTreeMap<String, f64>,
    /// Minimum share of the budget, in [0, 1], per community (the proposals' `community`).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, f64>>", optional))]
    pub min_share_per_community: BTreeMap<String, f64>,
    /// Maximise calibrated scores (reviewer offsets removed) instead of raw weighted scores.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub calibrated: bool,
    /// Equity constraints on any attribute: minimum and maximum shares of the budget or of the
    /// awards, caps per organisation (see [`EquityConstraint`]); empty by default.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<EquityConstraint>>", optional))]
    pub constraints: Vec<EquityConstraint>,
}

/// A funded proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundedProposal {
    /// The proposal's id.
    pub proposal_id: String,
    /// The score maximised (raw or calibrated), 0–100.
    pub score: f64,
    /// Dollars awarded.
    pub amount: u64,
    /// Dollars requested.
    pub amount_requested: u64,
    /// True when awarded less than requested.
    pub partial: bool,
}

/// A funded proposal the next in line could replace.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Displacement {
    /// The funded proposal it would replace.
    pub proposal_id: String,
    /// That proposal's score.
    pub score: f64,
    /// Change in the total score if swapped (negative: the swap lowers the total, which is why
    /// the optimum does not make it).
    pub total_change: f64,
}

/// The best-scored proposal left unfunded and what it would take to fund it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NextInLine {
    /// The proposal's id.
    pub proposal_id: String,
    /// Its score.
    pub score: f64,
    /// What funding it costs (its minimum when partial funding is on), dollars.
    pub amount: u64,
    /// More budget needed to fund it on top of the funded set, dollars (partial funding: money
    /// given as top-ups counts as available).
    pub additional_budget: u64,
    /// The lowest-scored single funded proposal it could replace within the budget and the
    /// minimum shares; `null` when no single swap fits.
    pub displace: Option<Displacement>,
}

/// A minimum-share constraint and how it was met.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShareReport {
    /// `"level"` or `"community"`.
    pub kind: &'static str,
    /// The level id or community.
    pub id: String,
    /// The minimum share asked for, in [0, 1].
    pub min_share: f64,
    /// The minimum in dollars: ⌈share × budget⌉.
    pub required: u64,
    /// Dollars awarded to the group.
    pub funded: u64,
}

/// The funding decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FundingResult {
    /// The solver: `Method::DpOverCost` or `Method::BranchAndBound`.
    pub method: Method,
    /// True when the funded set is proven to maximise the total score.
    pub optimal: bool,
    /// Upper bound on the best total score (equals `totalScore` when optimal).
    pub upper_bound: f64,
    /// `"raw"` or `"calibrated"`.
    pub scores: &'static str,
    /// The budget, dollars.
    pub budget: u64,
    /// Dollars awarded.
    pub total_funded: u64,
    /// Dollars left.
    pub remaining: u64,
    /// Sum of the funded proposals' scores.
    pub total_score: f64,
    /// Funded proposals, best score first.
    pub funded: Vec<FundedProposal>,
    /// The best-scored unfunded proposal; `null` when everything scored is funded.
    pub next_in_line: Option<NextInLine>,
    /// Minimum shares and how they were met.
    pub shares: Vec<ShareReport>,
    /// How each equity constraint holds (all met: the optimum is constrained by them).
    pub constraints: Vec<ConstraintCheck>,
    /// Which conditions the funded set works on.
    pub coverage: Coverage,
    /// Proposals considered (with a score).
    pub n: usize,
    /// Notes, e.g. proposals without a score that cannot be funded.
    pub warnings: Vec<Note>,
}

/// Funds the proposals with the highest total score within a budget — exactly (see
/// [`super::knapsack::solve`]) — with optional partial funding and minimum shares.
///
/// Each funded proposal counts its full score: a project funded at or above its minimum viable
/// amount goes ahead. Without partial funding a proposal costs its amount requested. With
/// partial funding it costs its `minimumAmount` (or the request when none is given); the money
/// left is then given as top-ups to funded proposals in score order, up to their request.
/// Minimum shares are met by the minimum amounts alone, so top-ups can never break them.
/// Proposals without a score cannot be funded.
///
/// # Formula
/// ```text
/// maximize Σ s_i x_i  subject to  Σ c_i x_i ≤ B,  Σ_{i∈G} c_i x_i ≥ ⌈share_G · B⌉,  x_i ∈ {0,1}
/// c_i = amountRequested_i, or minimumAmount_i with partial funding
/// ```
///
/// # Errors
/// Every error of [`super::validate_round`]; [`Code::InvalidBudget`] for a budget that is not a
/// whole number of dollars ≥ 0; [`Code::ProbabilityOutOfRange`] for a share outside [0, 1] or
/// shares of one kind adding up to more than 1; [`Code::UnknownId`] for a level or community
/// not in the rubric or round; [`Code::InfeasibleConstraints`] when the minimum shares cannot
/// all be met (naming the group when one alone is impossible); [`Code::TooLarge`] above
/// [`MAX_FUNDING_PROPOSALS`] proposals or [`MAX_SHARE_GROUPS`] minimum shares (with `what`,
/// `limit` and `requested`).
pub fn fund_within_budget(
    rubric: &Rubric,
    round: &Round,
    options: &FundingOptions,
) -> Result<FundingResult> {
    let d = design(rubric, round)?;
    let prep = prepare(&d, options, MAX_FUNDING_PROPOSALS)?;
    fund_prepared(rubric, round, &prep, options)
}

/// [`fund_within_budget`] on a funding question already read.
pub(crate) fn fund_prepared(
    rubric: &Rubric,
    round: &Round,
    prep: &Prepared,
    options: &FundingOptions,
) -> Result<FundingResult> {
    let (v, c) = (&prep.values, &prep.costs);
    let linear: Vec<Linear> = prep.compiled.iter().map(|k| k.linear.clone()).collect();
    let selection = solve_linear(v, c, prep.budget, &prep.groups, &linear).map_err(|e| {
        if e.code == Code::InfeasibleConstraints && !prep.compiled.is_empty() {
            conflict(v, c, prep.budget, &prep.groups, &prep.compiled)
        } else {
            e
        }
    })?;
    let mut order: Vec<usize> = (0..prep.eligible.len())
        .filter(|&k| selection.selected.get(k) == Some(&true))
        .collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        v.get(b)
            .unwrap_or(&0.0)
            .total_cmp(v.get(a).unwrap_or(&0.0))
            .then(a.cmp(&b))
    });
    let amounts = prep.amounts(&selection.selected, &order, options.partial);
    let left = prep.budget - amounts.iter().sum::<u64>();
    let funded = prep.funded(round, &order, &amounts);
    let eligible = &prep.eligible;
    let next_in_line = next(
        v,
        c,
        prep.budget,
        &prep.groups,
        &selection.selected,
        selection.cost,
    )
    .and_then(|(k, displace)| {
        let p = *eligible.get(k)?;
        let amount = *c.get(k)?;
        let value = *v.get(k)?;
        Some(NextInLine {
            proposal_id: round.proposals.get(p)?.id.clone(),
            score: value,
            amount,
            additional_budget: amount.saturating_sub(prep.budget - selection.cost),
            displace: displace.and_then(|j| {
                let q = *eligible.get(j)?;
                Some(Displacement {
                    proposal_id: round.proposals.get(q)?.id.clone(),
                    score: *v.get(j)?,
                    total_change: value - v.get(j)?,
                })
            }),
        })
    });
    let shares = prep.share_reports(&amounts);
    let funded_scores: Vec<&ProposalScore> = order
        .iter()
        .filter_map(|&k| eligible.get(k).and_then(|&p| prep.summary.proposals.get(p)))
        .collect();
    let mut warnings = prep.warnings.clone();
    if !selection.optimal {
        warnings.push(
            Note::warning(NoteCode::BudgetSearchStopped)
                .with("nodes", selection.nodes)
                .with("upperBound", selection.upper_bound),
        );
    }
    Ok(FundingResult {
        method: selection.method,
        optimal: selection.optimal,
        upper_bound: selection.upper_bound,
        scores: if options.calibrated {
            "calibrated"
        } else {
            "raw"
        },
        budget: prep.budget,
        total_funded: prep.budget - left,
        remaining: left,
        total_score: selection.value,
        funded,
        next_in_line,
        shares,
        constraints: checks(&prep.compiled, &amounts, prep.budget),
        coverage: coverage(rubric, &funded_scores, "funded", &DepthOptions::default())?,
        n: eligible.len(),
        warnings,
    })
}

/// The best-scored unselected item and the lowest-valued selected item it could replace.
fn next(
    v: &[f64],
    c: &[u64],
    budget: u64,
    groups: &[MinSpend],
    selected: &[bool],
    cost: u64,
) -> Option<(usize, Option<usize>)> {
    let k = (0..v.len())
        .filter(|&k| selected.get(k) == Some(&false))
        .max_by(|&a, &b| {
            v.get(a)
                .unwrap_or(&0.0)
                .total_cmp(v.get(b).unwrap_or(&0.0))
                .then(b.cmp(&a))
        })?;
    let ck = c.get(k).copied().unwrap_or(0);
    let spend = |g: &MinSpend, drop: usize| -> u64 {
        g.members
            .iter()
            .filter(|&&m| (selected.get(m) == Some(&true) && m != drop) || m == k)
            .map(|&m| c.get(m).copied().unwrap_or(0))
            .sum()
    };
    let displace = (0..v.len())
        .filter(|&j| selected.get(j) == Some(&true))
        .filter(|&j| cost - c.get(j).copied().unwrap_or(0) + ck <= budget)
        .filter(|&j| groups.iter().all(|g| spend(g, j) >= g.min_spend))
        .min_by(|&a, &b| {
            v.get(a)
                .unwrap_or(&0.0)
                .total_cmp(v.get(b).unwrap_or(&0.0))
                .then(a.cmp(&b))
        });
    Some((k, displace))
}
