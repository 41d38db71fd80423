//! Three decision rules side by side on one round and one budget: the funding line (fund in
//! rank order, skipping what does not fit), the maximum total score (exact, [`super::budget`])
//! and expected rank with a lottery band ([`super::lottery`]). Every rule honours the same
//! constraints (minimum shares, equity constraints, partial funding).
//!
//! Notes ([`Decision::warnings`]):
//!
//! | code | params |
//! |---|---|
//! | `decision_constraint_unmet` | `method` (the rule), `constraint` (index), `attribute`, `value`, `side` (`min`, `max`) |
//! | `decision_line_skipped` | `proposals`: ids the funding line skipped (did not fit) |

use super::budget::{
    fund_prepared, prepare, FundedProposal, FundingOptions, FundingResult, Prepared,
};
use super::equity::{checks, holds, ConstraintCheck, EquityConstraint, ShareOf};
use super::lottery::{band, draw, BandGroup};
use super::ranking::{bootstrap_design, check, BootstrapOptions};
use super::round::design;
use super::{Round, Rubric};
use crate::error::Result;
use crate::note::{Note, NoteCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most proposals [`decide_funding`] decides among (the W6 round of the benchmarks).
pub const MAX_DECISION_PROPOSALS: usize = 10_000;

/// Most resamples × proposals of the decision's bootstrap (the ranks it keeps: 40 MB).
pub const MAX_DECISION_CELLS: usize = 10_000_000;

/// Options of [`decide_funding`]: those of [`FundingOptions`] plus the bootstrap and the draw.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecisionOptions {
    /// The budget, in whole dollars.
    pub budget: f64,
    /// Partial funding (see [`FundingOptions::partial`]); default false.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub partial: bool,
    /// Minimum share of the budget per level id.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, f64>>", optional))]
    pub min_share_per_level: BTreeMap<String, f64>,
    /// Minimum share of the budget per community.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, f64>>", optional))]
    pub min_share_per_community: BTreeMap<String, f64>,
    /// Equity constraints on any attribute.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<EquityConstraint>>", optional))]
    pub constraints: Vec<EquityConstraint>,
    /// Rank calibrated scores (reviewer offsets removed); default true.
    #[serde(default = "yes")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub calibrated: bool,
    /// Bootstrap resamples for the expected ranks; default 1,000.
    #[serde(default = "thousand")]
    #[cfg_attr(test, ts(as = "Option<usize>", optional))]
    pub resamples: usize,
    /// Seed of the bootstrap; default 1.
    #[serde(default = "one")]
    #[cfg_attr(test, ts(as = "Option<u64>", optional))]
    pub bootstrap_seed: u64,
    /// Coverage of the rank interval that decides the band; default 0.5 (ERforResearch's
    /// inner interval).
    #[serde(default = "half")]
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub band_level: f64,
    /// Seed of the draw (a whole number below 2⁵³ so that JavaScript keeps it exact).
    pub seed: u64,
}

fn yes() -> bool {
    true
}
fn thousand() -> usize {
    1000
}
fn one() -> u64 {
    1
}
fn half() -> f64 {
    0.5
}

/// The result of one greedy rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RuleResult {
    /// Funded proposals, in the order the rule funded them.
    pub funded: Vec<FundedProposal>,
    /// Dollars awarded.
    pub total_funded: u64,
    /// Dollars left.
    pub remaining: u64,
    /// Sum of the funded proposals' scores.
    pub total_score: f64,
    /// How each equity constraint holds.
    pub constraints: Vec<ConstraintCheck>,
}

/// The lottery's audit record: everything needed to re-derive the draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LotteryAudit {
    /// Seed of the draw.
    pub seed: u64,
    /// Seed of the bootstrap.
    pub bootstrap_seed: u64,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Coverage of the rank interval deciding the band.
    pub band_level: f64,
    /// How many of the best by expected rank fit the budget.
    pub line_position: usize,
    /// The funding line: the expected rank of the last fundable proposal (`null`: none fits).
    pub funding_line_at: Option<f64>,
    /// Ids funded because clearly above the line, by expected rank.
    pub accepted: Vec<String>,
    /// Ids in the band, by expected rank.
    pub band: Vec<String>,
    /// The band in drawn order.
    pub draw_order: Vec<String>,
    /// Band members funded by the draw.
    pub drawn: Vec<String>,
    /// False when every band member was funded (the draw decided nothing).
    pub draw_decided: bool,
}

/// How the funding line treated a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    /// Funded.
    Funded,
    /// Skipped: ranked above the last funded proposal, but its cost did not fit what was left.
    SkippedCost,
    /// Skipped: funding it would break a constraint (or the money held for a minimum share).
    SkippedConstraint,
    /// Below the line: the money ran out before its turn.
    Below,
}

/// One proposal under the three rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProposalDecision {
    /// The proposal's id.
    pub proposal_id: String,
    /// Its score (raw or calibrated), 0–100.
    pub score: f64,
    /// Its rank by score (1 = best).
    pub rank: usize,
    /// Expected rank over the bootstrap.
    pub expected_rank: Option<f64>,
    /// Rank interval at `bandLevel`.
    pub rank_lower: Option<usize>,
    /// Rank interval at `bandLevel` (worse end).
    pub rank_upper: Option<usize>,
    /// The funding line's treatment.
    pub line: LineStatus,
    /// Funded by the maximum total score.
    pub max_score: bool,
    /// The lottery rule's group.
    pub group: BandGroup,
    /// Funded by the lottery rule.
    pub lottery: bool,
    /// True when the three rules do not agree on it.
    pub differs: bool,
}

/// Three decision rules on one round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// `"raw"` or `"calibrated"`.
    pub scores: &'static str,
    /// The budget, dollars.
    pub budget: u64,
    /// (a) Funding line: rank order, skipping what does not fit.
    pub funding_line: RuleResult,
    /// (b) Maximum total score (exact).
    pub max_score: FundingResult,
    /// (c) Expected rank with a lottery band.
    pub lottery: RuleResult,
    /// The lottery's audit record.
    pub audit: LotteryAudit,
    /// Per proposal (scored ones), by rank.
    pub proposals: Vec<ProposalDecision>,
    /// Notes.
    pub warnings: Vec<Note>,
}

/// Why [`Walk::take`] did not fund a proposal.
enum Refused {
    Cost,
    Constraint,
}

/// A greedy rule's state: what is funded so far.
struct Walk<'a> {
    prep: &'a Prepared,
    selected: Vec<bool>,
    spent: u64,
    order: Vec<usize>,
}

impl<'a> Walk<'a> {
    fn new(prep: &'a Prepared) -> Self {
        Walk {
            prep,
            selected: vec![false; prep.eligible.len()],
            spent: 0,
            order: Vec::new(),
        }
    }

    /// Funds position k if it fits, keeps every maximum, and leaves money for the minimum
    /// shares of the budget still unmet.
    fn take(&mut self, k: usize) -> std::result::Result<(), Refused> {
        let c = self.prep.costs.get(k).copied().unwrap_or(0);
        if self.selected.get(k) != Some(&false) {
            return Ok(());
        }
        if self.spent.saturating_add(c) > self.prep.budget {
            return Err(Refused::Cost);
        }
        if let Some(s) = self.selected.get_mut(k) {
            *s = true;
        }
        let caps_ok = self
            .prep
            .compiled
            .iter()
            .filter(|x| !x.minimum)
            .all(|x| holds(&x.linear, &self.selected));
        let room = self.prep.budget - self.spent - c;
        if caps_ok && self.reserve() <= room {
            self.spent += c;
            self.order.push(k);
            Ok(())
        } else {
            if let Some(s) = self.selected.get_mut(k) {
                *s = false;
            }
            Err(Refused::Constraint)
        }
    }

    /// Dollars still owed to minimum shares of the budget.
    fn reserve(&self) -> u64 {
        let spend = |members: &[usize]| -> u64 {
            members
                .iter()
                .filter(|&&m| self.selected.get(m) == Some(&true))
                .map(|&m| self.prep.costs.get(m).copied().unwrap_or(0))
                .sum()
        };
        let old: u64 = self
            .prep
            .groups
            .iter()
            .map(|g| g.min_spend.saturating_sub(spend(&g.members)))
            .sum();
        let new: u64 = self
            .prep
            .compiled
            .iter()
            .filter(|x| x.minimum && x.of == ShareOf::Budget)
            .map(|x| (x.linear.lower.unwrap_or(0.0) as u64).saturating_sub(spend(&x.members)))
            .sum();
        old + new
    }

    /// After the rule's pass: funds members of unmet minimums, in `order`, while they fit.
    fn fill_minimums(&mut self, order: &[usize]) {
        let lower: Vec<(Vec<usize>, super::knapsack::Linear)> = self
            .prep
            .compiled
            .iter()
            .filter(|x| x.minimum)
            .map(|x| (x.members.clone(), x.linear.clone()))
            .collect();
        for (members, linear) in &lower {
            for &k in order {
                if holds(linear, &self.selected) {
                    break;
                }
                if members.contains(&k) {
                    let _ = self.take(k);
                }
            }
        }
        for g in &self.prep.groups {
            for &k in order {
                let spent: u64 = g
                    .members
                    .iter()
                    .filter(|&&m| self.selected.get(m) == Some(&true))
                    .map(|&m| self.prep.costs.get(m).copied().unwrap_or(0))
                    .sum();
                if spent >= g.min_spend {
                    break;
                }
                if g.members.contains(&k) {
                    let _ = self.take(k);
                }
            }
        }
    }

    fn result(&self, round: &Round, partial: bool) -> (RuleResult, Vec<u64>) {
        let amounts = self.prep.amounts(&self.selected, &self.order, partial);
        let total_funded: u64 = amounts.iter().sum();
        let funded = self.prep.funded(round, &self.order, &amounts);
        let total_score = funded.iter().map(|f| f.score).sum();
        let result = RuleResult {
            funded,
            total_funded,
            remaining: self.prep.budget - total_funded,
            total_score,
            constraints: checks(&self.prep.compiled, &amounts, self.prep.budget),
        };
        (result, amounts)
    }
}

fn funding_options(o: &DecisionOptions) -> FundingOptions {
    FundingOptions {
        budget: o.budget,
        partial: o.partial,
        min_share_per_level: o.min_share_per_level.clone(),
        min_share_per_community: o.min_share_per_community.clone(),
        calibrated: o.calibrated,
        constraints: o.constraints.clone(),
    }
}

fn unmet(rule: &str, checks: &[ConstraintCheck], warnings: &mut Vec<Note>) {
    for c in checks.iter().filter(|c| !c.met) {
        warnings.push(
            Note::warning(NoteCode::DecisionConstraintUnmet)
                .with("method", rule)
                .with("constraint", c.index)
                .with("attribute", c.attribute.as_str())
                .with("value", c.value.as_str())
                .with("side", c.bound),
        );
    }
}

/// The three decision rules on one round (see the module documentation).
///
/// (a) *Funding line*: proposals by score (calibrated by default), best first; each is funded
/// if its cost fits what is left, keeps every maximum share, and leaves enough money for the
/// minimum shares of the budget still unmet; otherwise it is skipped and the walk goes on.
/// Minimums still unmet after the walk are then filled with their members in rank order.
/// (b) *Maximum total score*: [`super::fund_within_budget`] (exact; constraints in the optimisation).
/// (c) *Lottery*: [`super::lottery::band`] over the bootstrap's expected ranks and rank
/// intervals at `bandLevel`; the accepted are funded by expected rank, then the band in the
/// order of [`super::lottery::draw`] with `seed`, each under the same test as (a). Partial
/// funding: every rule funds minimum amounts first and tops up in its own order, within
/// maximum shares of the budget.
///
/// # Errors
/// Those of [`super::fund_within_budget`] (up to [`MAX_DECISION_PROPOSALS`] proposals) and
/// [`super::bootstrap_ranks`] (up to [`MAX_DECISION_CELLS`] resamples × proposals).
pub fn decide_funding(
    rubric: &Rubric,
    round: &Round,
    options: &DecisionOptions,
) -> Result<Decision> {
    decide_funding_with_progress(rubric, round, options, &mut |_, _| {})
}

/// [`decide_funding`], reporting the bootstrap's progress: `progress(done, total)` resamples,
/// about fifty times in all (after each chunk of resamples, and once at the end), so that the
/// page can draw a progress bar. The result is the same as without it, bit for bit.
///
/// # Errors
/// Those of [`decide_funding`].
pub fn decide_funding_with_progress(
    rubric: &Rubric,
    round: &Round,
    options: &DecisionOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Decision> {
    let fo = funding_options(options);
    let d = design(rubric, round)?;
    let prep = prepare(&d, &fo, MAX_DECISION_PROPOSALS)?;
    let boot = BootstrapOptions {
        resamples: options.resamples,
        seed: options.bootstrap_seed,
        top_k: 1,
        level: options.band_level,
        calibrated: options.calibrated,
    };
    check(&boot, round.proposals.len(), MAX_DECISION_CELLS)?;
    let max_score = fund_prepared(rubric, round, &prep, &fo)?;
    let ranks = bootstrap_design(&d, &boot, progress)?;
    let n = prep.eligible.len();
    let v = &prep.values;
    let mut by_score: Vec<usize> = (0..n).collect();
    crate::sort::sort_by(&mut by_score, |&a, &b| {
        v.get(b)
            .unwrap_or(&0.0)
            .total_cmp(v.get(a).unwrap_or(&0.0))
            .then(a.cmp(&b))
    });
    let mut warnings = prep.warnings.clone();

    // (a) The funding line.
    let mut line = Walk::new(&prep);
    let mut status = vec![LineStatus::Below; n];
    for &k in &by_score {
        let s = match line.take(k) {
            Ok(()) => LineStatus::Funded,
            Err(Refused::Cost) => LineStatus::SkippedCost,
            Err(Refused::Constraint) => LineStatus::SkippedConstraint,
        };
        if let Some(x) = status.get_mut(k) {
            *x = s;
        }
    }
    line.fill_minimums(&by_score);
    let last = by_score
        .iter()
        .rposition(|&k| line.selected.get(k) == Some(&true));
    for (pos, &k) in by_score.iter().enumerate() {
        if let Some(x) = status.get_mut(k) {
            *x = if line.selected.get(k) == Some(&true) {
                LineStatus::Funded
            } else if last.map_or(true, |l| pos > l) {
                LineStatus::Below
            } else {
                *x
            };
        }
    }
    let (funding_line, _) = line.result(round, options.partial);
    let id = |k: usize| -> String {
        prep.eligible
            .get(k)
            .and_then(|&p| round.proposals.get(p))
            .map(|p| p.id.clone())
            .unwrap_or_default()
    };
    let skipped: Vec<String> = by_score
        .iter()
        .filter(|&&k| {
            matches!(
                status.get(k),
                Some(LineStatus::SkippedCost | LineStatus::SkippedConstraint)
            )
        })
        .map(|&k| id(k))
        .collect();
    if !skipped.is_empty() {
        warnings.push(Note::info(NoteCode::DecisionLineSkipped).with("proposals", skipped));
    }
    unmet("funding_line", &funding_line.constraints, &mut warnings);
    unmet("max_score", &max_score.constraints, &mut warnings);

    // (c) Expected rank with a lottery band.
    let at = |k: usize| prep.eligible.get(k).and_then(|&p| ranks.proposals.get(p));
    let inf = f64::INFINITY;
    let er: Vec<f64> = (0..n)
        .map(|k| at(k).and_then(|r| r.expected_rank).unwrap_or(inf))
        .collect();
    let lo: Vec<f64> = (0..n)
        .map(|k| at(k).and_then(|r| r.rank_lower).map_or(inf, |x| x as f64))
        .collect();
    let hi: Vec<f64> = (0..n)
        .map(|k| at(k).and_then(|r| r.rank_upper).map_or(inf, |x| x as f64))
        .collect();
    let b = band(&er, &lo, &hi, v, &prep.costs, prep.budget);
    let in_group = |g: BandGroup| -> Vec<usize> {
        b.order
            .iter()
            .copied()
            .filter(|&k| b.groups.get(k) == Some(&g))
            .collect()
    };
    let (accepted, members) = (in_group(BandGroup::Accepted), in_group(BandGroup::Band));
    let drawn_order = draw(&members, options.seed);
    let mut lot = Walk::new(&prep);
    for &k in accepted.iter().chain(&drawn_order) {
        let _ = lot.take(k);
    }
    let mut er_order = accepted.clone();
    er_order.extend(&drawn_order);
    lot.fill_minimums(&er_order);
    let (lottery, _) = lot.result(round, options.partial);
    unmet("lottery", &lottery.constraints, &mut warnings);
    let drawn: Vec<usize> = drawn_order
        .iter()
        .copied()
        .filter(|&k| lot.selected.get(k) == Some(&true))
        .collect();
    let audit = LotteryAudit {
        seed: options.seed,
        bootstrap_seed: options.bootstrap_seed,
        resamples: options.resamples,
        band_level: options.band_level,
        line_position: b.line_position,
        funding_line_at: b.funding_line_at,
        accepted: accepted.iter().map(|&k| id(k)).collect(),
        band: members.iter().map(|&k| id(k)).collect(),
        draw_order: drawn_order.iter().map(|&k| id(k)).collect(),
        draw_decided: drawn.len() < members.len(),
        drawn: drawn.iter().map(|&k| id(k)).collect(),
    };
    // A set, not a list (#20): 10,000 proposals each looked up among hundreds funded.
    let max_ids: std::collections::HashSet<&str> = max_score
        .funded
        .iter()
        .map(|f| f.proposal_id.as_str())
        .collect();
    let mut rank = 0;
    let mut proposals = Vec::with_capacity(n);
    for (pos, &k) in by_score.iter().enumerate() {
        let score = v.get(k).copied().unwrap_or(0.0);
        if pos == 0 || by_score.get(pos - 1).and_then(|&j| v.get(j)) != Some(&score) {
            rank = pos + 1;
        }
        let pid = id(k);
        let line_funded = status.get(k) == Some(&LineStatus::Funded);
        let max = max_ids.contains(pid.as_str());
        let lottery_funded = lot.selected.get(k) == Some(&true);
        proposals.push(ProposalDecision {
            score,
            rank,
            expected_rank: at(k).and_then(|r| r.expected_rank),
            rank_lower: at(k).and_then(|r| r.rank_lower),
            rank_upper: at(k).and_then(|r| r.rank_upper),
            line: status.get(k).copied().unwrap_or(LineStatus::Below),
            max_score: max,
            group: b.groups.get(k).copied().unwrap_or(BandGroup::Rejected),
            lottery: lottery_funded,
            differs: !(line_funded == max && max == lottery_funded),
            proposal_id: pid,
        });
    }
    warnings.extend(ranks.warnings);
    Ok(Decision {
        scores: if options.calibrated {
            "calibrated"
        } else {
            "raw"
        },
        budget: prep.budget,
        funding_line,
        max_score,
        lottery,
        audit,
        proposals,
        warnings,
    })
}
