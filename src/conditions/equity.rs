//! Equity constraints on any proposal attribute: minimum and maximum shares of the budget or of
//! the number of awards for an attribute value (`community`, `applicant`, the strongest
//! `level`, or any name in a proposal's `attributes`), and caps per value (e.g. per
//! organisation). They compile to [`Linear`] side constraints of the exact solver and are
//! checked the same way under every decision rule.

use super::knapsack::{solve_linear, Linear, MinSpend};
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};

/// Most equity constraints (after expanding per-value caps) in one funding question.
pub const MAX_EQUITY_CONSTRAINTS: usize = 64;

/// What a share is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ShareOf {
    /// Of the budget, in dollars (the proposals' costs: minimum amounts with partial funding).
    #[default]
    Budget,
    /// Of the number of awards.
    Awards,
}

/// A minimum and/or maximum share for the proposals with one attribute value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EquityConstraint {
    /// `"community"`, `"applicant"` (the organisation), `"level"` (the strongest level) or the
    /// name of an attribute in the proposals' `attributes`.
    pub attribute: String,
    /// The value; absent or `null`: every value of the attribute separately (a cap per
    /// organisation is `{attribute: "applicant", maxShare: 0.25}`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub value: Option<String>,
    /// `"budget"` (default) or `"awards"`.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<ShareOf>", optional))]
    pub of: ShareOf,
    /// Least share, in [0, 1].
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub min_share: Option<f64>,
    /// Largest share, in [0, 1].
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub max_share: Option<f64>,
}

/// One bound of one constraint for one attribute value, compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    /// Index of the constraint in the options' list.
    pub index: usize,
    /// The attribute.
    pub attribute: String,
    /// The value it applies to.
    pub value: String,
    /// Budget or awards.
    pub of: ShareOf,
    /// True for a minimum, false for a maximum.
    pub minimum: bool,
    /// The share asked for.
    pub share: f64,
    /// Members (positions among the eligible proposals).
    pub members: Vec<usize>,
    /// The side constraint.
    pub linear: Linear,
}

/// How one compiled bound holds for a funded set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConstraintCheck {
    /// Index of the constraint in the options' `constraints`.
    pub index: usize,
    /// The attribute.
    pub attribute: String,
    /// The value.
    pub value: String,
    /// Budget or awards.
    pub of: ShareOf,
    /// `"min"` or `"max"`.
    pub bound: &'static str,
    /// The share asked for, in [0, 1].
    pub share: f64,
    /// The share reached: of the budget (dollars awarded ÷ budget) or of the awards.
    pub actual: f64,
    /// True when the bound holds.
    pub met: bool,
}

/// The value of `attribute` for one proposal, if it has one.
pub type ValueOf<'a> = dyn Fn(usize, &str) -> Option<String> + 'a;

fn bad_share(index: usize, s: f64) -> Error {
    Error::new(
        Code::ProbabilityOutOfRange,
        format!("constraint {index}: a share must be between 0 and 1, got {s}"),
    )
    .with("constraint", index)
    .with("share", s)
}

/// Compiles constraints over `n` eligible proposals with costs `c` (dollars) and a budget.
/// `value_of(k, attribute)` gives proposal k's value of an attribute.
///
/// # Formula
/// ```text
/// budget, min s:  Σ_{i∈G} c_i x_i ≥ ⌈s·B⌉        budget, max s:  Σ_{i∈G} c_i x_i ≤ ⌊s·B⌋
/// awards, min s:  Σ_{i∈G} (1−s) x_i − Σ_{i∉G} s x_i ≥ 0      (max: ≤ 0)
/// ```
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] for a share outside [0, 1] or a minimum above the maximum;
/// [`Code::BadInput`] for a constraint with neither; [`Code::UnknownId`] for an attribute or
/// value no proposal has; [`Code::TooLarge`] above [`MAX_EQUITY_CONSTRAINTS`] bounds.
pub fn compile(
    constraints: &[EquityConstraint],
    n: usize,
    c: &[u64],
    budget: u64,
    value_of: &ValueOf,
) -> Result<Vec<Compiled>> {
    let mut out = Vec::new();
    for (index, k) in constraints.iter().enumerate() {
        for s in k.min_share.iter().chain(&k.max_share) {
            if !(s.is_finite() && (0.0..=1.0).contains(s)) {
                return Err(bad_share(index, *s));
            }
        }
        if let (Some(lo), Some(hi)) = (k.min_share, k.max_share) {
            if lo > hi {
                return Err(bad_share(index, lo).with("maxShare", hi));
            }
        }
        if k.min_share.is_none() && k.max_share.is_none() {
            return Err(Error::new(
                Code::BadInput,
                format!("constraint {index} has neither a minShare nor a maxShare"),
            )
            .with("constraint", index));
        }
        let values: Vec<Option<String>> = (0..n).map(|i| value_of(i, &k.attribute)).collect();
        let targets: Vec<String> = match &k.value {
            Some(v) => vec![v.clone()],
            None => {
                let mut all: Vec<String> = values.iter().flatten().cloned().collect();
                crate::sort::sort_by(&mut all, Ord::cmp);
                all.dedup();
                all
            }
        };
        let unknown = match &k.value {
            Some(v) => !values.iter().any(|x| x.as_deref() == Some(v)),
            None => targets.is_empty(),
        };
        if unknown {
            return Err(Error::new(
                Code::UnknownId,
                format!(
                    "constraint {index} names {}={:?}, which no scored proposal has",
                    k.attribute,
                    k.value.as_deref().unwrap_or("")
                ),
            )
            .with("constraint", index)
            .with("attribute", k.attribute.as_str()));
        }
        for value in targets {
            let members: Vec<usize> = (0..n)
                .filter(|&i| values.get(i).and_then(|x| x.as_deref()) == Some(&value))
                .collect();
            for (minimum, share) in [(true, k.min_share), (false, k.max_share)] {
                let Some(share) = share else { continue };
                let linear = bound(&members, n, c, budget, k.of, minimum, share);
                out.push(Compiled {
                    index,
                    attribute: k.attribute.clone(),
                    value: value.clone(),
                    of: k.of,
                    minimum,
                    share,
                    members: members.clone(),
                    linear,
                });
            }
        }
        crate::stats::limits::at_most(
            "equityConstraints",
            MAX_EQUITY_CONSTRAINTS as f64,
            out.len() as f64,
        )?;
    }
    Ok(out)
}

fn bound(
    members: &[usize],
    n: usize,
    c: &[u64],
    budget: u64,
    of: ShareOf,
    minimum: bool,
    share: f64,
) -> Linear {
    let (weights, limit) = match of {
        ShareOf::Budget => {
            let w = members
                .iter()
                .map(|&i| (i, c.get(i).copied().unwrap_or(0) as f64))
                .collect();
            let x = share * budget as f64;
            (w, if minimum { x.ceil() } else { x.floor() })
        }
        ShareOf::Awards => {
            let mut w: Vec<(usize, f64)> = (0..n).map(|i| (i, -share)).collect();
            for &i in members {
                if let Some(x) = w.get_mut(i) {
                    x.1 = 1.0 - share;
                }
            }
            (w, 0.0)
        }
    };
    Linear {
        weights,
        lower: minimum.then_some(limit),
        upper: (!minimum).then_some(limit),
    }
}

/// The weighted total of a selection for one side constraint.
pub fn total(l: &Linear, selected: &[bool]) -> f64 {
    l.weights
        .iter()
        .filter(|(i, _)| selected.get(*i) == Some(&true))
        .map(|(_, w)| w)
        .sum()
}

/// Whether a selection meets a side constraint (within 1e-7).
pub fn holds(l: &Linear, selected: &[bool]) -> bool {
    let t = total(l, selected);
    l.lower.map_or(true, |lo| t >= lo - 1e-7) && l.upper.map_or(true, |hi| t <= hi + 1e-7)
}

/// How each compiled bound holds for the funded amounts (`amounts[k]` dollars to eligible k).
pub fn checks(compiled: &[Compiled], amounts: &[u64], budget: u64) -> Vec<ConstraintCheck> {
    let selected: Vec<bool> = amounts.iter().map(|&a| a > 0).collect();
    let awards = selected.iter().filter(|&&s| s).count();
    compiled
        .iter()
        .map(|k| {
            let actual = match k.of {
                ShareOf::Budget => {
                    let d: u64 = k
                        .members
                        .iter()
                        .map(|&i| amounts.get(i).copied().unwrap_or(0))
                        .sum();
                    if budget == 0 {
                        0.0
                    } else {
                        d as f64 / budget as f64
                    }
                }
                ShareOf::Awards => {
                    let m = k
                        .members
                        .iter()
                        .filter(|&&i| selected.get(i) == Some(&true))
                        .count();
                    if awards == 0 {
                        0.0
                    } else {
                        m as f64 / awards as f64
                    }
                }
            };
            ConstraintCheck {
                index: k.index,
                attribute: k.attribute.clone(),
                value: k.value.clone(),
                of: k.of,
                bound: if k.minimum { "min" } else { "max" },
                share: k.share,
                actual,
                met: holds(&k.linear, &selected),
            }
        })
        .collect()
}

/// When no selection meets every constraint: a smallest conflicting subset (deletion filter:
/// drop each bound in turn and keep it dropped if the rest stay infeasible), as an
/// `infeasible_constraints` error naming them in `details.constraints` ("attribute=value min"
/// entries joined by "; ") and `details.indices`.
pub fn conflict(
    values: &[f64],
    costs: &[u64],
    budget: u64,
    groups: &[MinSpend],
    compiled: &[Compiled],
) -> Error {
    let mut keep: Vec<bool> = vec![true; compiled.len()];
    for i in 0..compiled.len() {
        if let Some(k) = keep.get_mut(i) {
            *k = false;
        }
        let linear: Vec<Linear> = compiled
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.linear.clone())
            .collect();
        let feasible = solve_linear(values, costs, budget, groups, &linear).is_ok();
        if feasible {
            if let Some(k) = keep.get_mut(i) {
                *k = true;
            }
        }
    }
    let named: Vec<&Compiled> = compiled
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(c, _)| c)
        .collect();
    let label = named
        .iter()
        .map(|c| {
            format!(
                "{}={} {} {}",
                c.attribute,
                c.value,
                if c.minimum { "min" } else { "max" },
                c.share
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let indices = named
        .iter()
        .map(|c| c.index.to_string())
        .collect::<Vec<_>>()
        .join(",");
    Error::new(
        Code::InfeasibleConstraints,
        format!("these constraints cannot all hold together: {label}"),
    )
    .with("constraints", label)
    .with("indices", indices)
}
