//! Systems-change depth: proposals whose profile is lopsided in ways FSG and Alianza warn about,
//! and which conditions nobody in the round (or in the funded set) is working on.

use super::rubric::Text;
use super::scores::ProposalScore;
use super::Rubric;
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};

/// Thresholds on 0–100 scaled scores for [`depth_flags`] and [`coverage`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DepthOptions {
    /// A level or condition is "high" at or above this score; default 75 (3 on 0–4).
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub high: f64,
    /// A level or condition is "low" at or below this score; default 40.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub low: f64,
    /// A proposal "works on" a condition when its mean scaled score is at least this; default
    /// 50 (2, "planned", on 0–4).
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub working: f64,
}

impl Default for DepthOptions {
    fn default() -> Self {
        DepthOptions {
            high: 75.0,
            low: 40.0,
            working: 50.0,
        }
    }
}

impl DepthOptions {
    fn check(&self) -> Result<()> {
        for (name, v) in [
            ("high", self.high),
            ("low", self.low),
            ("working", self.working),
        ] {
            if !(v.is_finite() && (0.0..=100.0).contains(&v)) {
                return Err(Error::new(
                    Code::ParameterOutOfRange,
                    format!("{name} is a score on 0–100, got {v}"),
                )
                .with("name", name)
                .with("value", v));
            }
        }
        if self.low >= self.high {
            return Err(Error::new(
                Code::ParameterOutOfRange,
                format!("low ({}) must be below high ({})", self.low, self.high),
            ));
        }
        Ok(())
    }
}

/// A depth flag on one proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DepthFlag {
    /// The proposal's id.
    pub proposal_id: String,
    /// Stable code: `"transformative_without_relational"`, `"structural_only"` or
    /// `"power_without_leadership"`.
    pub code: &'static str,
    /// What the flag means, in English and Spanish.
    pub message: Text,
}

/// Who works on one condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ConditionCoverage {
    /// The condition's id.
    pub condition_id: String,
    /// The condition's level.
    pub level_id: String,
    /// Proposals in scope whose scaled mean on the condition reaches `working`.
    pub proposal_ids: Vec<String>,
}

/// The portfolio's coverage of the rubric's conditions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// `"round"` (every proposal) or `"funded"`.
    pub scope: &'static str,
    /// Proposals in scope.
    pub n: usize,
    /// The threshold used.
    pub working: f64,
    /// Per condition, in rubric order.
    pub conditions: Vec<ConditionCoverage>,
    /// Conditions nobody in scope works on.
    pub uncovered: Vec<String>,
}

fn level(p: &ProposalScore, id: &str) -> Option<f64> {
    p.levels
        .iter()
        .find(|l| l.level_id == id)
        .and_then(|l| l.score)
}

fn condition(p: &ProposalScore, id: &str) -> Option<f64> {
    p.conditions
        .iter()
        .find(|c| c.condition_id == id)
        .and_then(|c| c.scaled)
}

/// Flags lopsided systems-change profiles. Uses the default rubric's ids; a flag whose levels or
/// conditions a custom rubric lacks is not raised.
///
/// - `transformative_without_relational`: transformative level ≥ `high` and relational level ≤
///   `low` — claims to shift mental models with no relationship or power work behind them.
/// - `structural_only`: structural ≥ `high`, relational and transformative ≤ `low` — a policy or
///   funding win that may not hold without relational and transformative change (FSG).
/// - `power_without_leadership`: power dynamics ≥ `high` and leadership development ≤ `low` —
///   Alianza treats leadership development as what makes shifts in power community-led.
///
/// # Errors
/// [`Code::ParameterOutOfRange`] for thresholds outside 0–100 or `low ≥ high`.
pub fn depth_flags(scores: &[ProposalScore], options: &DepthOptions) -> Result<Vec<DepthFlag>> {
    options.check()?;
    let (hi, lo) = (options.high, options.low);
    let mut flags = Vec::new();
    for p in scores {
        let flag = |code, en: &str, es: &str| DepthFlag {
            proposal_id: p.proposal_id.clone(),
            code,
            message: Text::new(en, es),
        };
        let (s, r, t) = (
            level(p, "structural"),
            level(p, "relational"),
            level(p, "transformative"),
        );
        if let (Some(t), Some(r)) = (t, r) {
            if t >= hi && r <= lo {
                flags.push(flag(
                    "transformative_without_relational",
                    "Claims to shift mental models, but scores low on relationships and power: \
                     ask how beliefs will change without relational work.",
                    "Afirma cambiar modelos mentales, pero puntúa bajo en relaciones y poder: \
                     pregunte cómo cambiarán las creencias sin trabajo relacional.",
                ));
            }
        }
        if let (Some(s), Some(r), Some(t)) = (s, r, t) {
            if s >= hi && r <= lo && t <= lo {
                flags.push(flag(
                    "structural_only",
                    "Strong on policies, practices or resources only: the change may not hold \
                     without relational and transformative work.",
                    "Fuerte solo en políticas, prácticas o recursos: el cambio puede no sostenerse \
                     sin trabajo relacional y transformador.",
                ));
            }
        }
        if let (Some(pw), Some(ld)) = (
            condition(p, "power-dynamics"),
            condition(p, "leadership-development"),
        ) {
            if pw >= hi && ld <= lo {
                flags.push(flag(
                    "power_without_leadership",
                    "Aims to shift power with little community leadership development, which \
                     Alianza treats as foundational to community-led change.",
                    "Busca cambiar el poder con poco desarrollo de liderazgo comunitario, que \
                     Alianza considera fundamental para el cambio liderado por la comunidad.",
                ));
            }
        }
    }
    Ok(flags)
}

/// Which conditions the proposals in scope work on (scaled mean ≥ `working`) and which nobody
/// does. `scope` names the set: pass every proposal's scores for `"round"`, the funded ones for
/// `"funded"`.
///
/// # Errors
/// [`Code::ParameterOutOfRange`] for thresholds outside 0–100 or `low ≥ high`.
pub fn coverage(
    rubric: &Rubric,
    scores: &[&ProposalScore],
    scope: &'static str,
    options: &DepthOptions,
) -> Result<Coverage> {
    options.check()?;
    let conditions: Vec<ConditionCoverage> = rubric
        .conditions
        .iter()
        .map(|c| ConditionCoverage {
            condition_id: c.id.clone(),
            level_id: c.level_id.clone(),
            proposal_ids: scores
                .iter()
                .filter(|p| condition(p, &c.id).is_some_and(|x| x >= options.working))
                .map(|p| p.proposal_id.clone())
                .collect(),
        })
        .collect();
    let uncovered = conditions
        .iter()
        .filter(|c| c.proposal_ids.is_empty())
        .map(|c| c.condition_id.clone())
        .collect();
    Ok(Coverage {
        scope,
        n: scores.len(),
        working: options.working,
        conditions,
        uncovered,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::scores::{ConditionSummary, LevelScore};

    fn proposal(levels: [f64; 4], power: f64, leadership: f64) -> ProposalScore {
        let ids = ["structural", "relational", "transformative", "community"];
        let condition = |id: &str, scaled: f64| ConditionSummary {
            condition_id: id.into(),
            n: 3,
            mean: Some(scaled / 25.0),
            sd: None,
            min: None,
            max: None,
            scaled: Some(scaled),
        };
        ProposalScore {
            proposal_id: "p".into(),
            score: Some(50.0),
            reviewers: 3,
            levels: ids
                .iter()
                .zip(levels)
                .map(|(id, s)| LevelScore {
                    level_id: (*id).into(),
                    score: Some(s),
                })
                .collect(),
            conditions: vec![
                condition("power-dynamics", power),
                condition("leadership-development", leadership),
            ],
            missing_conditions: vec![],
        }
    }

    #[test]
    fn each_flag_fires_on_its_profile_only() {
        let o = DepthOptions::default();
        let codes = |p: ProposalScore| -> Vec<&'static str> {
            depth_flags(&[p], &o)
                .unwrap()
                .into_iter()
                .map(|f| f.code)
                .collect()
        };
        assert_eq!(
            codes(proposal([20.0, 30.0, 90.0, 40.0], 30.0, 50.0)),
            ["transformative_without_relational"]
        );
        assert_eq!(
            codes(proposal([85.0, 30.0, 20.0, 40.0], 30.0, 50.0)),
            ["structural_only"]
        );
        assert_eq!(
            codes(proposal([50.0, 60.0, 50.0, 40.0], 80.0, 25.0)),
            ["power_without_leadership"]
        );
        assert!(codes(proposal([60.0, 60.0, 60.0, 60.0], 60.0, 60.0)).is_empty());
        let bad = DepthOptions {
            low: 80.0,
            high: 75.0,
            working: 50.0,
        };
        assert_eq!(
            depth_flags(&[], &bad).unwrap_err().code,
            Code::ParameterOutOfRange
        );
    }
}
