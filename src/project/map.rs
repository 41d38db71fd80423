//! The evidence map: for every rubric condition, the outcomes that target it, their
//! indicators with their latest evidence, and the gaps.

use super::evidence::{evidence, Evidence};
use super::{Grade, Project};
use crate::note::{Note, NoteCode};
use crate::text::Text;
use serde::Serialize;

/// One outcome under a condition, with its indicators' evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectOutcomeEvidence"))]
#[serde(rename_all = "camelCase")]
pub struct OutcomeEvidence {
    /// Model id.
    pub model: String,
    /// Outcome id.
    pub outcome: String,
    /// Its title.
    pub title: Text,
    /// Its indicators (context figures left out), in model order.
    pub indicators: Vec<Evidence>,
}

/// One rubric condition with the outcomes that target it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectConditionEvidence"))]
#[serde(rename_all = "camelCase")]
pub struct ConditionEvidence {
    /// Condition id.
    pub condition: String,
    /// Its name.
    pub name: Text,
    /// Its level id (e.g. `structural`).
    pub level_id: String,
    /// Outcomes targeting it.
    pub outcomes: Vec<OutcomeEvidence>,
    /// True when at least one of its indicators has a value.
    pub evidenced: bool,
}

/// A reference to an outcome or an indicator of a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectItemRef"))]
#[serde(rename_all = "camelCase")]
pub struct ItemRef {
    /// Model id.
    pub model: String,
    /// Outcome or indicator id.
    pub id: String,
}

/// What the map lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectGaps"))]
#[serde(rename_all = "camelCase")]
pub struct Gaps {
    /// Conditions no indicator has a value for (targeted or not), in rubric order.
    pub conditions: Vec<String>,
    /// Outcomes that target a condition but have no indicator.
    pub outcomes: Vec<ItemRef>,
    /// Indicators of condition-targeting outcomes without a value yet.
    pub indicators: Vec<ItemRef>,
}

/// The evidence map of a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectEvidenceMap"))]
#[serde(rename_all = "camelCase")]
pub struct EvidenceMap {
    /// Every rubric condition, in rubric order.
    pub conditions: Vec<ConditionEvidence>,
    /// Conditions, outcomes and indicators without evidence.
    pub gaps: Gaps,
    /// Links that do not resolve (unknown ids, a condition not in the rubric, a statistic the
    /// item cannot give), each with `params.path`; and why grades are withheld.
    pub notes: Vec<Note>,
    /// True when any evidence shown comes from synthetic data.
    pub synthetic: bool,
}

/// Builds the evidence map of `project`.
///
/// # Examples
/// ```
/// use waterline::project::{evidence_map, Project};
/// let p = Project { models: vec![waterline::toc::example_alianza_model().unwrap()], surveys: vec![], rubric: None };
/// let map = evidence_map(&p);
/// assert_eq!(map.conditions.len(), 8);
/// ```
pub fn evidence_map(project: &Project) -> EvidenceMap {
    let rubric = project.rubric();
    let mut notes = Vec::new();
    let mut all: Vec<(String, Evidence)> = Vec::new(); // (outcome id, evidence)
    let mut gaps = Gaps {
        conditions: Vec::new(),
        outcomes: Vec::new(),
        indicators: Vec::new(),
    };
    for (mi, m) in project.models.iter().enumerate() {
        for (oi, o) in m.outcomes.iter().enumerate() {
            for (ci, c) in o.conditions.iter().enumerate() {
                if !rubric.conditions.iter().any(|r| r.id == c.condition) {
                    let path = format!("models[{mi}].outcomes[{oi}].conditions[{ci}].condition");
                    notes.push(
                        Note::warning(NoteCode::LinkConditionNotInRubric)
                            .with("outcome", &o.id)
                            .with("condition", &c.condition)
                            .with("path", path.as_str()),
                    );
                }
            }
        }
        for (ii, i) in m.indicators.iter().enumerate() {
            if i.context {
                continue;
            }
            let path = format!("models[{mi}].indicators[{ii}]");
            let e = evidence(project, m, i, &path);
            notes.extend(e.notes.iter().cloned());
            all.push((i.of.clone(), e));
        }
    }
    let mut conditions = Vec::new();
    for rc in &rubric.conditions {
        let mut outcomes = Vec::new();
        for m in &project.models {
            for o in m
                .outcomes
                .iter()
                .filter(|o| o.conditions.iter().any(|c| c.condition == rc.id))
            {
                let indicators: Vec<Evidence> = all
                    .iter()
                    .filter(|(of, e)| *of == o.id && e.model == m.id)
                    .map(|(_, e)| e.clone())
                    .collect();
                outcomes.push(OutcomeEvidence {
                    model: m.id.clone(),
                    outcome: o.id.clone(),
                    title: o.title.clone(),
                    indicators,
                });
            }
        }
        let evidenced = outcomes
            .iter()
            .flat_map(|o| &o.indicators)
            .any(|e| e.grade != Grade::NoData);
        if !evidenced {
            gaps.conditions.push(rc.id.clone());
        }
        conditions.push(ConditionEvidence {
            condition: rc.id.clone(),
            name: rc.name.clone(),
            level_id: rc.level_id.clone(),
            outcomes,
            evidenced,
        });
    }
    for c in &conditions {
        for o in &c.outcomes {
            let r = ItemRef {
                model: o.model.clone(),
                id: o.outcome.clone(),
            };
            if o.indicators.is_empty() && !gaps.outcomes.contains(&r) {
                gaps.outcomes.push(r);
            }
            for e in o.indicators.iter().filter(|e| e.grade == Grade::NoData) {
                let r = ItemRef {
                    model: e.model.clone(),
                    id: e.indicator.clone(),
                };
                if !gaps.indicators.contains(&r) {
                    gaps.indicators.push(r);
                }
            }
        }
    }
    let synthetic = all.iter().any(|(_, e)| e.synthetic);
    EvidenceMap {
        conditions,
        gaps,
        notes,
        synthetic,
    }
}
