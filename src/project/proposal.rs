//! Proposals meet evidence: beside a proposal's score on each condition, what its linked
//! logic model's evidence says for the same condition ("claims power dynamics; no indicator
//! measures it").

use super::map::evidence_map;
use super::{Grade, Project};
use crate::conditions::round::Round;
use crate::conditions::score_round;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::text::Text;
use serde::Serialize;

/// What the linked model says of one condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectVerdict"))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No outcome of the model targets the condition (or no model is linked).
    NotClaimed,
    /// Outcomes target it, but none has an indicator.
    ClaimedNoIndicator,
    /// Indicators measure it, but none has a value yet.
    ClaimedNoData,
    /// At least one indicator has a value (see the grade counts).
    Evidenced,
}

/// One condition of a proposal: its scores and its model's evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectProposalCondition"))]
#[serde(rename_all = "camelCase")]
pub struct ProposalCondition {
    /// Condition id.
    pub condition: String,
    /// Its name.
    pub name: Text,
    /// Reviewers who scored it.
    pub reviewers: usize,
    /// Mean score on the condition's scale (`null` when nobody scored it).
    pub mean: Option<f64>,
    /// The mean rescaled to 0–100.
    pub scaled: Option<f64>,
    /// Outcomes of the linked model that target the condition.
    pub outcomes: usize,
    /// Their indicators.
    pub indicators: usize,
    /// Indicators whose latest interval clears the target.
    pub clears: usize,
    /// … straddles it.
    pub straddles: usize,
    /// … falls short of it.
    pub falls_short: usize,
    /// … has no value yet.
    pub no_data: usize,
    /// … has a value but no grade (no target or direction).
    pub ungraded: usize,
    /// The plain reading.
    pub verdict: Verdict,
}

/// A proposal beside its linked model's evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ProjectProposalEvidence"))]
#[serde(rename_all = "camelCase")]
pub struct ProposalEvidence {
    /// Proposal id.
    pub proposal: String,
    /// The linked model's id (`null` when none is linked or it is not in the project).
    pub model: Option<String>,
    /// Every rubric condition, in rubric order.
    pub conditions: Vec<ProposalCondition>,
    /// Why there is no model, and the model's link problems.
    pub notes: Vec<Note>,
    /// True when evidence shown comes from synthetic data.
    pub synthetic: bool,
}

/// Proposal `proposal_id` of `round`, its scores per condition of the project's rubric and its
/// linked model's evidence.
///
/// # Errors
/// `unknown_id` (details: `proposal`) when the round has no such proposal; those of
/// [`score_round`] for an invalid round.
pub fn proposal_evidence(
    project: &Project,
    round: &Round,
    proposal_id: &str,
) -> Result<ProposalEvidence> {
    let Some(pi) = round.proposals.iter().position(|p| p.id == proposal_id) else {
        return Err(Error::new(
            Code::UnknownId,
            format!("no proposal {proposal_id:?} in the round"),
        )
        .with("proposal", proposal_id));
    };
    let rubric = project.rubric();
    let scores = score_round(&rubric, round)?;
    let score = scores
        .proposals
        .iter()
        .find(|p| p.proposal_id == proposal_id);
    let mut notes = Vec::new();
    let link = round.proposals[pi].toc_model_id.as_deref();
    let model = link.and_then(|id| project.models.iter().find(|m| m.id == id));
    match (link, model) {
        (None, _) => {
            notes.push(Note::info(NoteCode::LinkProposalNoModel).with("proposal", proposal_id))
        }
        (Some(id), None) => notes.push(
            Note::warning(NoteCode::LinkModelUnknown)
                .with("proposal", proposal_id)
                .with("model", id)
                .with("path", format!("round.proposals[{pi}].tocModelId").as_str()),
        ),
        _ => {}
    }
    let map = model.map(|m| {
        let only = Project {
            models: vec![m.clone()],
            surveys: project.surveys.clone(),
            rubric: Some(rubric.clone()),
        };
        evidence_map(&only)
    });
    if let Some(map) = &map {
        notes.extend(map.notes.iter().cloned());
    }
    let conditions = rubric
        .conditions
        .iter()
        .enumerate()
        .map(|(ci, rc)| {
            let s = score.and_then(|p| p.conditions.iter().find(|c| c.condition_id == rc.id));
            let outcomes = map.as_ref().map(|m| &m.conditions[ci].outcomes);
            let all: Vec<Grade> = outcomes
                .into_iter()
                .flatten()
                .flat_map(|o| o.indicators.iter().map(|e| e.grade))
                .collect();
            let count = |g: Grade| all.iter().filter(|x| **x == g).count();
            let n_outcomes = outcomes.map_or(0, Vec::len);
            let verdict = if n_outcomes == 0 {
                Verdict::NotClaimed
            } else if all.is_empty() {
                Verdict::ClaimedNoIndicator
            } else if all.iter().all(|g| *g == Grade::NoData) {
                Verdict::ClaimedNoData
            } else {
                Verdict::Evidenced
            };
            ProposalCondition {
                condition: rc.id.clone(),
                name: rc.name.clone(),
                reviewers: s.map_or(0, |c| c.n),
                mean: s.and_then(|c| c.mean),
                scaled: s.and_then(|c| c.scaled),
                outcomes: n_outcomes,
                indicators: all.len(),
                clears: count(Grade::Clears),
                straddles: count(Grade::Straddles),
                falls_short: count(Grade::FallsShort),
                no_data: count(Grade::NoData),
                ungraded: count(Grade::Ungraded),
                verdict,
            }
        })
        .collect();
    Ok(ProposalEvidence {
        proposal: proposal_id.to_string(),
        model: model.map(|m| m.id.clone()),
        conditions,
        notes,
        synthetic: map.is_some_and(|m| m.synthetic),
    })
}
