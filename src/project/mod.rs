//! A project: one or more logic models, the surveys that feed their indicators, the rubric in
//! use and a review round, linked by id (#18).
//!
//! The one module that crosses areas (gated on `survey`, `toc` and `conditions` together in
//! `src/lib.rs`): it resolves an indicator's typed source to the survey report's numbers or the
//! indicator's series ([`evidence`]), grades each indicator's latest value against its target,
//! lays the results out per rubric condition with the gaps ([`evidence_map`]) and sets a
//! proposal's condition scores beside its linked model's evidence ([`proposal_evidence`]).
//! Every link that does not resolve is a positioned note (`params.path`), never a guess.

mod evidence;
pub mod figures;
mod map;
mod proposal;

pub use evidence::{grade, Evidence};
pub use figures::SurveyFigures;
pub use map::{evidence_map, ConditionEvidence, EvidenceMap, Gaps, ItemRef, OutcomeEvidence};
pub use proposal::{proposal_evidence, ProposalCondition, ProposalEvidence, Verdict};

use crate::conditions::rubric::Rubric;
use crate::toc::Model;
use serde::{Deserialize, Serialize};

/// How an indicator's latest evidence stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectGrade"))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// The interval lies entirely on the good side of the target (touching counts).
    Clears,
    /// The interval contains the target.
    Straddles,
    /// The interval lies entirely on the wrong side of the target.
    FallsShort,
    /// No value yet.
    NoData,
    /// A value, but no target or no known direction: the grade is withheld (a note says why).
    Ungraded,
}

/// A survey of the project: its id (what indicators' sources name) and its report's numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectSurvey"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectSurvey {
    /// Survey id, e.g. `"parents"`.
    pub id: String,
    /// The survey report (the Survey area's `report()` result).
    pub report: SurveyFigures,
}

/// The project's linked parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "Project"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Project {
    /// Logic models.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Model>>", optional))]
    pub models: Vec<Model>,
    /// Surveys with their reports.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<ProjectSurvey>>", optional))]
    pub surveys: Vec<ProjectSurvey>,
    /// The rubric in use; the default rubric (FSG's six conditions and the community-led ones)
    /// when absent.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub rubric: Option<Rubric>,
}

impl Project {
    /// The rubric in use.
    pub fn rubric(&self) -> Rubric {
        self.rubric
            .clone()
            .unwrap_or_else(crate::conditions::default_rubric)
    }
}

#[cfg(test)]
mod tests;
