//! A funding question read and checked once ([`prepare`]) for every decision rule: the scored
//! proposals, their costs, and the minimum shares and equity constraints over them.

use super::{FundedProposal, FundingOptions, ShareReport, MAX_SHARE_GROUPS};
use crate::conditions::calibration::calibrate_design;
use crate::conditions::equity::{compile, Compiled};
use crate::conditions::knapsack::MinSpend;
use crate::conditions::round::{Design, MAX_DOLLARS};
use crate::conditions::scores::{summarize, ProposalScore, RoundScores};
use crate::conditions::{Round, Rubric};
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::limits::at_most;
use std::collections::BTreeMap;

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
            .filter(|k| !k.minimum && k.of == crate::conditions::equity::ShareOf::Budget)
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
