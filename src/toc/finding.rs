//! Findings: what validation and scheduling report about a model. A finding is not an error —
//! a model with findings still loads, and the page lists them next to the elements they name.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocSeverity"))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The model is inconsistent; schedules or roll-ups built on it may be wrong.
    Error,
    /// Worth a look; the model still works.
    Warning,
}

/// Stable rule codes (snake_case in JSON). Each rule has a fixed [`Severity`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocRule"))]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// An id is empty or only spaces.
    EmptyId,
    /// Two things share one id (ids are unique across the whole model).
    DuplicateId,
    /// A reference names an id that does not exist.
    UnknownReference,
    /// A reference names an id of the wrong kind (e.g. an indicator on an activity).
    WrongReferenceKind,
    /// A link runs against the logic model (e.g. output → activity, long → short outcome).
    InvalidLink,
    /// The same link appears twice.
    DuplicateLink,
    /// Goal dependencies form a cycle.
    DependencyCycle,
    /// "Leads to" links form a cycle.
    LinkCycle,
    /// A goal has neither a duration nor both start and end dates.
    MissingDuration,
    /// An end date lies before its start date (phase, goal, or indicator target before baseline).
    InvalidWindow,
    /// A goal's stated duration disagrees with its stated start and end dates.
    DurationMismatch,
    /// A goal's stated start lies before one of its prerequisites ends.
    StartsBeforePrerequisite,
    /// A goal's dates fall outside its phase's window.
    OutsidePhaseWindow,
    /// No activity leads to an outcome, directly or through outputs and other outcomes.
    OutcomeUnreached,
    /// An activity leads to no outcome.
    ActivityLeadsNowhere,
    /// An outcome has no indicator.
    OutcomeWithoutIndicator,
    /// An indicator has no target.
    IndicatorWithoutTarget,
    /// An outcome names a condition id that is not one of the known conditions.
    UnknownCondition,
    /// Schedule: a goal cannot finish by its deadline (stated end, phase end or project deadline).
    MissesDeadline,
    /// Schedule: prerequisites or the project start push a goal past its stated start.
    StartPushed,
}

impl Rule {
    /// The rule's fixed severity.
    pub fn severity(self) -> Severity {
        use Rule::*;
        match self {
            EmptyId
            | DuplicateId
            | UnknownReference
            | WrongReferenceKind
            | InvalidLink
            | DependencyCycle
            | LinkCycle
            | MissingDuration
            | InvalidWindow
            | StartsBeforePrerequisite
            | MissesDeadline => Severity::Error,
            DuplicateLink
            | DurationMismatch
            | OutsidePhaseWindow
            | OutcomeUnreached
            | ActivityLeadsNowhere
            | OutcomeWithoutIndicator
            | IndicatorWithoutTarget
            | UnknownCondition
            | StartPushed => Severity::Warning,
        }
    }
}

/// One finding: a rule, an English message and the ids involved (for a cycle, in cycle order).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocFinding"))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Error or warning (fixed per rule).
    pub severity: Severity,
    /// Stable rule code; the page translates by it.
    pub code: Rule,
    /// English message naming the ids and what to change.
    pub message: String,
    /// The ids involved, most relevant first.
    pub ids: Vec<String>,
}

impl Finding {
    /// A finding for `rule` with its fixed severity.
    pub fn new(rule: Rule, message: String, ids: &[&str]) -> Finding {
        Finding {
            severity: rule.severity(),
            code: rule,
            message,
            ids: ids.iter().map(|s| s.to_string()).collect(),
        }
    }
}
