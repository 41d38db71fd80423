//! The declared scale of an item: which codes are non-answers, what the engine proposes (with
//! its confidence and reasons, as codes with parameters the page translates), how a wave that
//! used other wording maps onto the common scale, and whether the user confirmed it.
//!
//! The rule these types serve: the report never prints a headline whose codes it had to
//! guess. An item is *declared* ([`super::Item::declared`]) when the file's own labels name
//! every point, a codebook gave them, or the user confirmed the scale; otherwise it is reported
//! as codes (a distribution of codes and the notice `codes_without_labels`).

use super::instrument::{Point, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a code is not an answer on the scale. Every non-answer is left out of the
/// denominators and counted as missing for its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyNonAnswerReason"))]
#[serde(rename_all = "snake_case")]
pub enum NonAnswerReason {
    /// "Don't know" (e.g. code 9).
    DontKnow,
    /// "Not applicable" (e.g. code 0).
    NotApplicable,
    /// "Prefer not to say".
    Declined,
    /// The respondent skipped the question (e.g. −99); counted with blanks.
    Skipped,
}

impl NonAnswerReason {
    /// The reason's name as serialized: `dont_know`, `not_applicable`, `declined`, `skipped`.
    pub fn name(self) -> &'static str {
        match self {
            NonAnswerReason::DontKnow => "dont_know",
            NonAnswerReason::NotApplicable => "not_applicable",
            NonAnswerReason::Declined => "declined",
            NonAnswerReason::Skipped => "skipped",
        }
    }

    /// The reason named `name` (as serialized, in the camelCase of codebooks written before
    /// the snake_case vocabulary such as `dontKnow`, or in words: "don't know", "no aplica"...).
    pub fn parse(name: &str) -> Option<Self> {
        let squash = |s: &str| super::labels::fold(s).replace('_', "");
        let f = squash(name);
        for r in [
            NonAnswerReason::DontKnow,
            NonAnswerReason::NotApplicable,
            NonAnswerReason::Declined,
            NonAnswerReason::Skipped,
        ] {
            if f == squash(r.name()) {
                return Some(r);
            }
        }
        Self::from_label(name)
    }

    /// The missing-value kind this reason is counted as.
    pub fn missing(self) -> super::labels::Missing {
        use super::labels::Missing;
        match self {
            NonAnswerReason::DontKnow => Missing::DontKnow,
            NonAnswerReason::NotApplicable => Missing::NotApplicable,
            NonAnswerReason::Declined => Missing::Declined,
            NonAnswerReason::Skipped => Missing::Blank,
        }
    }

    /// The reason a label names ("Don't know", "No aplica"...), if it names one.
    pub fn from_label(label: &str) -> Option<Self> {
        use super::labels::{fold, missing_kind, Missing};
        let f = fold(label);
        if [
            "skipped",
            "omitido",
            "omitida",
            "no respondio",
            "sin respuesta",
        ]
        .contains(&f.as_str())
        {
            return Some(NonAnswerReason::Skipped);
        }
        Some(match missing_kind(&f)? {
            Missing::DontKnow => NonAnswerReason::DontKnow,
            Missing::NotApplicable => NonAnswerReason::NotApplicable,
            Missing::Declined => NonAnswerReason::Declined,
            Missing::Blank => return None,
        })
    }
}

/// A code that is not an answer (9 = don't know, 0 = not applicable, −99 = skipped).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyNonAnswer"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NonAnswer {
    /// The code as the file writes it (`"9"`, `"-99"`); a cell equal to it, or numerically
    /// equal, is this non-answer.
    pub code: String,
    /// Why it is not an answer.
    pub reason: NonAnswerReason,
    /// Its label, when a codebook or the file gives one.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Text>", optional))]
    pub label: Text,
}

/// A reason for a proposal or a notice: a stable code with typed parameters, never a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyReason"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reason {
    /// Stable code, e.g. `labels_recognised`, `header_names_scale`, `codes_fit_template`.
    pub code: String,
    /// Typed parameters (numbers, strings, lists).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, Param>>", optional))]
    pub params: BTreeMap<String, Param>,
}

/// A parameter of a [`Reason`] or a notice: the engine's one note parameter type.
pub use crate::note::Param;

impl Reason {
    /// A reason without parameters.
    pub fn new(code: &str) -> Self {
        Reason {
            code: code.to_string(),
            params: BTreeMap::new(),
        }
    }

    /// Adds a parameter.
    pub fn with(mut self, key: &str, value: impl Into<Param>) -> Self {
        self.params.insert(key.to_string(), value.into());
        self
    }
}

/// A scale the engine proposes for an item: apply it by copying `kind`, `points` and
/// `nonAnswers` into the item and setting `confirmed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyProposal"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Proposal {
    /// The template: `agree4`, `agree5`, `agree7`, `frequency`, `satisfaction`, `change`,
    /// `yesNo`, `adults`, `fileLabels` (the file's own labels) or `numeric`.
    pub template: String,
    /// The item type the proposal gives.
    #[serde(rename = "type")]
    pub kind: super::instrument::ItemType,
    /// From 0 (a bare guess) to 1 (the file's labels say it).
    pub confidence: f64,
    /// Why, as codes with parameters.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Reason>>", optional))]
    pub reasons: Vec<Reason>,
    /// The points, with the codes the file uses; values rise towards the positive end.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Point>>", optional))]
    pub points: Vec<Point>,
    /// Codes the proposal treats as non-answers.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<NonAnswer>>", optional))]
    pub non_answers: Vec<NonAnswer>,
}

/// How one wave's wording maps onto the item's common scale (2014-15 "Nearly all adults" →
/// the value of "Strongly agree"): its own labels and codes, with the common scale's values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyWaveScale"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaveScale {
    /// The wave value (one of `waves.order`).
    pub wave: String,
    /// The wave's points; each `value` is a value of the item's common points.
    pub points: Vec<Point>,
}
