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

use super::calibration::calibrate_design;
use super::depth::{coverage, Coverage, DepthOptions};
use super::equity::{checks, compile, conflict, Compiled, ConstraintCheck, EquityConstraint};
use super::knapsack::{solve_linear, Linear, MinSpend};
use super::round::{design, Design, MAX_DOLLARS};
use super::scores::{summarize, ProposalScore, RoundScores};
use super::{Round, Rubric};
use crate::conditions::method::Method;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::limits::at_most;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

fn share(kind: &str, id: &str, s: f64) -> Result<f64> {
    if s.is_finite() && (0.0..=1.0).contains(&s) {
        Ok(s)
    } else {
        Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!("the minimum share for {kind} {id:?} must be between 0 and 1, got {s}"),
        )
        .with("id", id)
        .with("share", s))
    }
}

/// The level with the highest score; ties go to the level listed later (less explicit).
fn strongest_level(p: &ProposalScore) -> Option<&str> {
    let mut best: Option<(&str, f64)> = None;
    for l in &p.levels {
        if let Some(s) = l.score {
            if best.map_or(true, |(_, b)| s >= b) {
                best = Some((&l.level_id, s));
            }
        }
    }
    best.map(|b| b.0)
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
    order.sort_by(|&a, &b| {
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

/// A funding question read and checked once, for every decision rule: the scored proposals
/// (positions `k` into `eligible`), their scores and costs, and the constraints over them.
pub(crate) struct Prepared {
    /// The budget, dollars.
    pub budget: u64,
    /// Round indices of the scored proposals.
    pub eligible: Vec<usize>,
    /// Score of each eligible proposal (raw or calibrated), 0–100.
    pub values: Vec<f64>,
    /// Cost of each: its request, or its minimum amount with partial funding.
    pub costs: Vec<u64>,
    /// Its request.
    pub full: Vec<u64>,
    /// Minimum shares per level and community.
    pub groups: Vec<MinSpend>,
    reports: Vec<(&'static str, String, f64, u64)>,
    /// Equity constraints.
    pub compiled: Vec<Compiled>,
    /// Scores and level profiles.
    pub summary: RoundScores,
    /// Notes so far (unscored proposals).
    pub warnings: Vec<Note>,
}

impl Prepared {
    /// Amounts per eligible position: each selected one's cost, then with partial funding
    /// top-ups in `order` up to its request, within the budget and every maximum share of the
    /// budget.
    pub fn amounts(&self, selected: &[bool], order: &[usize], partial: bool) -> Vec<u64> {
        let mut amounts: Vec<u64> = self
            .costs
            .iter()
            .zip(selected)
            .map(|(c, s)| if *s { *c } else { 0 })
            .collect();
        if !partial {
            return amounts;
        }
        let mut left = self.budget.saturating_sub(amounts.iter().sum());
        let caps: Vec<&Compiled> = self
            .compiled
            .iter()
            .filter(|k| !k.minimum && k.of == super::equity::ShareOf::Budget)
            .collect();
        for &k in order {
            let want = self.full.get(k).copied().unwrap_or(0);
            let mut top = want
                .saturating_sub(amounts.get(k).copied().unwrap_or(0))
                .min(left);
            for cap in caps.iter().filter(|cap| cap.members.contains(&k)) {
                let spent: u64 = cap
                    .members
                    .iter()
                    .map(|&m| amounts.get(m).copied().unwrap_or(0))
                    .sum();
                let limit = cap.linear.upper.unwrap_or(0.0).max(0.0) as u64;
                top = top.min(limit.saturating_sub(spent));
            }
            if let Some(a) = amounts.get_mut(k) {
                *a += top;
                left -= top;
            }
        }
        amounts
    }

    /// The funded proposals in `order`.
    pub fn funded(&self, round: &Round, order: &[usize], amounts: &[u64]) -> Vec<FundedProposal> {
        order
            .iter()
            .filter_map(|&k| {
                let p = *self.eligible.get(k)?;
                let amount = *amounts.get(k)?;
                let full = *self.full.get(k)?;
                Some(FundedProposal {
                    proposal_id: round.proposals.get(p)?.id.clone(),
                    score: *self.values.get(k)?,
                    amount,
                    amount_requested: full,
                    partial: amount < full,
                })
            })
            .collect()
    }

    /// How the minimum shares per level and community were met.
    pub fn share_reports(&self, amounts: &[u64]) -> Vec<ShareReport> {
        self.reports
            .iter()
            .zip(&self.groups)
            .map(|((kind, id, min_share, required), g)| ShareReport {
                kind,
                id: id.clone(),
                min_share: *min_share,
                required: *required,
                funded: g
                    .members
                    .iter()
                    .map(|&k| amounts.get(k).copied().unwrap_or(0))
                    .sum(),
            })
            .collect()
    }
}

/// Reads and checks a funding question (see [`fund_within_budget`] for the errors), with at
/// most `max_proposals` proposals.
pub(crate) fn prepare(
    d: &Design,
    options: &FundingOptions,
    max_proposals: usize,
) -> Result<Prepared> {
    let (rubric, round) = (d.rubric, d.round);
    at_most(
        "fundingProposals",
        max_proposals as f64,
        round.proposals.len() as f64,
    )?;
    let share_groups = options.min_share_per_level.len() + options.min_share_per_community.len();
    at_most("shareGroups", MAX_SHARE_GROUPS as f64, share_groups as f64)?;
    let b = options.budget;
    if !(b.is_finite() && b >= 0.0 && b.fract() == 0.0 && b <= MAX_DOLLARS) {
        return Err(Error::new(
            Code::InvalidBudget,
            format!("the budget must be a whole number of dollars from 0 to 10¹², got {b}"),
        )
        .with("budget", b));
    }
    let budget = b as u64;
    let summary = summarize(d);
    let scores: Vec<Option<f64>> = if options.calibrated {
        calibrate_design(d)?
            .proposals
            .into_iter()
            .map(|p| p.calibrated)
            .collect()
    } else {
        summary.proposals.iter().map(|p| p.score).collect()
    };
    let mut warnings = Vec::new();
    let eligible: Vec<usize> = (0..round.proposals.len())
        .filter(|&p| scores.get(p).copied().flatten().is_some())
        .collect();
    let unscored: Vec<&str> = round
        .proposals
        .iter()
        .enumerate()
        .filter(|(p, _)| scores.get(*p).copied().flatten().is_none())
        .map(|(_, x)| x.id.as_str())
        .collect();
    if !unscored.is_empty() {
        warnings.push(Note::warning(NoteCode::BudgetUnscored).with("proposals", unscored));
    }
    let full: Vec<u64> = eligible
        .iter()
        .map(|&p| d.amounts.get(p).copied().unwrap_or(0))
        .collect();
    let values: Vec<f64> = eligible
        .iter()
        .map(|&p| scores.get(p).copied().flatten().unwrap_or(0.0))
        .collect();
    let costs: Vec<u64> = eligible
        .iter()
        .zip(&full)
        .map(|(&p, &f)| {
            if options.partial {
                d.minimums.get(p).copied().unwrap_or(0)
            } else {
                f
            }
        })
        .collect();
    let (groups, reports) =
        min_shares(rubric, round, options, &summary, &eligible, &costs, budget)?;
    let value_of = |k: usize, attribute: &str| -> Option<String> {
        let p = *eligible.get(k)?;
        let x = round.proposals.get(p)?;
        match attribute {
            "community" => Some(x.community.clone()),
            "applicant" => Some(x.applicant.clone()),
            "level" => summary
                .proposals
                .get(p)
                .and_then(strongest_level)
                .map(str::to_string),
            other => x.attributes.get(other).cloned(),
        }
    };
    let compiled = compile(
        &options.constraints,
        eligible.len(),
        &costs,
        budget,
        &value_of,
    )?;
    Ok(Prepared {
        budget,
        eligible,
        values,
        costs,
        full,
        groups,
        reports,
        compiled,
        summary,
        warnings,
    })
}

type Reports = Vec<(&'static str, String, f64, u64)>;

/// The minimum shares per level and per community, as groups over eligible positions.
fn min_shares(
    rubric: &Rubric,
    round: &Round,
    options: &FundingOptions,
    summary: &RoundScores,
    eligible: &[usize],
    c: &[u64],
    budget: u64,
) -> Result<(Vec<MinSpend>, Reports)> {
    let mut groups = Vec::new();
    let mut reports = Vec::new();
    let kinds: [(&'static str, &BTreeMap<String, f64>); 2] = [
        ("level", &options.min_share_per_level),
        ("community", &options.min_share_per_community),
    ];
    for (partition, (kind, shares)) in kinds.into_iter().enumerate() {
        let mut total = 0.0;
        for (id, s) in shares {
            total += share(kind, id, *s)?;
            let known = match kind {
                "level" => rubric.levels.iter().any(|l| &l.id == id),
                _ => round.proposals.iter().any(|p| &p.community == id),
            };
            if !known {
                return Err(Error::new(
                    Code::UnknownId,
                    format!("a minimum share names {kind} {id:?}, which is not in the round"),
                )
                .with(kind, id.as_str()));
            }
            let members: Vec<usize> = eligible
                .iter()
                .enumerate()
                .filter(|(_, &p)| match kind {
                    "level" => {
                        summary.proposals.get(p).and_then(strongest_level) == Some(id.as_str())
                    }
                    _ => round.proposals.get(p).is_some_and(|x| &x.community == id),
                })
                .map(|(k, _)| k)
                .collect();
            let required = (s * budget as f64).ceil() as u64;
            let available: u64 = members
                .iter()
                .map(|&k| c.get(k).copied().unwrap_or(0))
                .sum();
            if available < required {
                return Err(Error::new(
                    Code::InfeasibleConstraints,
                    format!(
                        "the minimum share for {kind} {id:?} (${required}) cannot be met: its scored proposals \
                         cost ${available} in all"
                    ),
                )
                .with(kind, id.as_str())
                .with("required", required)
                .with("available", available));
            }
            groups.push(MinSpend {
                members,
                min_spend: required,
                partition,
            });
            reports.push((kind, id.clone(), *s, required));
        }
        if total > 1.0 + 1e-12 {
            return Err(Error::new(
                Code::ProbabilityOutOfRange,
                format!(
                    "the minimum shares per {kind} add up to {total}, more than the whole budget"
                ),
            )
            .with("total", total));
        }
    }
    Ok((groups, reports))
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
