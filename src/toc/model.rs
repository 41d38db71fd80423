//! The logic model: a program's phases and goals (its schedule) and its theory of change
//! (inputs → activities → outputs → outcomes → impact), with indicators, assumptions and the
//! provenance of everything that came from a source text.
//!
//! The JSON form is the serde form of [`Model`] (camelCase keys, `null` for absent values,
//! dates as `"YYYY-MM-DD"`), versioned by [`SCHEMA_VERSION`]. Ids are unique across the whole
//! model (phases, goals, components, elements, assumptions and indicators share one namespace).

use super::date::Date;
pub use crate::text::Text;
use serde::{Deserialize, Deserializer, Serialize};

/// The schema version this engine writes and reads natively.
pub const SCHEMA_VERSION: u32 = 1;

/// Systems-change condition ids an outcome can be mapped to: FSG's six conditions plus the two
/// Alianza adds for community-led systems change — the ids of the Proposals area's default
/// rubric (`conditions::default_rubric`), so a logic model and a review round speak of the same
/// conditions.
pub const CONDITION_IDS: [&str; 8] = [
    "policies",
    "practices",
    "resource-flows",
    "relationships",
    "power-dynamics",
    "mental-models",
    "leadership-development",
    "community-building",
];

/// Rejects NaN and infinities while decoding (JSON cannot carry them, JavaScript can).
fn finite<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(format!(
            "expected a finite number, got {v}"
        )))
    }
}

/// Where a fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocOrigin"))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Read from the source text (a short quote says where).
    Read,
    /// Not in the source text: an assumption of whoever built the model.
    Assumed,
}

/// Provenance of an element, date, duration or dependency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocProvenance"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provenance {
    /// `"read"` or `"assumed"`.
    pub origin: Origin,
    /// A short quote from the source text (for `read`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub quote: Option<String>,
    /// Why or how: the interpretation of a read fact, or the reason for an assumption.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub note: Option<String>,
}

/// A value with its provenance, e.g. a date read as "Spring 2021".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocFact"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fact<T> {
    /// The value.
    pub value: T,
    /// Where it came from; `null` when entered by the user.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// Progress status of a goal or an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocStatus"))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not started (the default).
    #[default]
    NotStarted,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Cannot proceed.
    Blocked,
}

/// Time horizon of an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocTerm"))]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// Short-term outcome.
    Short,
    /// Intermediate outcome.
    Intermediate,
    /// Long-term outcome.
    Long,
}

/// A phase of the program with its calendar window (both ends inclusive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocPhase"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Phase {
    /// Unique id, e.g. `"p1"`.
    pub id: String,
    /// Name in English and Spanish.
    pub name: Text,
    /// First day of the window.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub start: Option<Fact<Date>>,
    /// Last day of the window (inclusive).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub end: Option<Fact<Date>>,
    /// Where the phase came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// A finish-to-start dependency: the goal starts after `goal` finishes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDependency"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dependency {
    /// Id of the prerequisite goal.
    pub goal: String,
    /// Where the dependency came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// A goal: a scheduled piece of work in a phase.
///
/// Its length is `durationDays` or, when that is absent, `end − start + 1` (dates inclusive).
/// A stated `start` is a start-no-earlier-than constraint and a stated `end` a
/// finish-no-later-than deadline (see [`schedule`](crate::toc::schedule())).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocGoal"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goal {
    /// Unique id, e.g. `"g6"`.
    pub id: String,
    /// Title in English and Spanish.
    pub title: Text,
    /// Who is responsible, e.g. `"PASS funders"`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub owner: Option<String>,
    /// Id of the phase the goal belongs to.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub phase: Option<String>,
    /// Stated first day.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub start: Option<Fact<Date>>,
    /// Stated last day (inclusive).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub end: Option<Fact<Date>>,
    /// Stated length in days (0 for a milestone).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub duration_days: Option<Fact<u32>>,
    /// Prerequisite goals.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Dependency>>", optional))]
    pub depends_on: Vec<Dependency>,
    /// Progress status.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Status>", optional))]
    pub status: Status,
    /// Where the goal came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// A component (strand) of a program, e.g. Alianza's "Advocacy", with who takes part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocComponent"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Component {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Who takes part, e.g. "Parent leaders and parent members".
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub who: Option<Text>,
    /// Where it came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// An input (resource), e.g. a monthly stipend per parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocInput"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Input {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Amount in `unit`, e.g. 300 for "USD per parent per month".
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub amount: Option<Fact<Amount>>,
    /// Component the input belongs to.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub component: Option<String>,
    /// Where it came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// An amount with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocAmount"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Amount {
    /// The number (finite).
    #[serde(deserialize_with = "finite")]
    pub value: f64,
    /// Its unit, e.g. "USD per parent per month".
    pub unit: String,
}

/// An activity: what the program does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocActivity"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activity {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Goal the activity serves.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub goal: Option<String>,
    /// Component the activity belongs to.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub component: Option<String>,
    /// Progress status.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Status>", optional))]
    pub status: Status,
    /// Where it came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// An output or an impact: a plain logic-model element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocElement"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Element {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Component the element belongs to.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub component: Option<String>,
    /// Where it came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// An outcome: a change the program expects, with its horizon and the systems-change conditions
/// it moves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocOutcome"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Outcome {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Short, intermediate or long term.
    pub term: Term,
    /// Component the outcome belongs to.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub component: Option<String>,
    /// Systems-change conditions the outcome moves (ids from [`CONDITION_IDS`] or the funder's
    /// own).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<ConditionLink>>", optional))]
    pub conditions: Vec<ConditionLink>,
    /// Where it came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// An outcome's mapping to one systems-change condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocConditionLink"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConditionLink {
    /// Condition id, e.g. `"power-dynamics"`.
    pub condition: String,
    /// Where the mapping came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// A "leads to" link between two logic-model elements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocLink"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Link {
    /// Id of the element that leads to `to`.
    pub from: String,
    /// Id of the element it leads to.
    pub to: String,
    /// Where the link came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// Whether a statement is an assumption of the theory or a factor outside the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocAssumptionKind"))]
#[serde(rename_all = "snake_case")]
pub enum AssumptionKind {
    /// Something the theory takes for granted.
    Assumption,
    /// A condition outside the program's control.
    ExternalFactor,
}

/// An assumption or external factor, optionally about specific elements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocAssumption"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assumption {
    /// Unique id.
    pub id: String,
    /// Assumption or external factor.
    pub kind: AssumptionKind,
    /// The statement.
    pub text: Text,
    /// Ids of the elements or goals it concerns.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub about: Vec<String>,
    /// Where it came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// A baseline or target value with its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocMeasure"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Measure {
    /// The value, in the indicator's unit (finite).
    #[serde(deserialize_with = "finite")]
    pub value: f64,
    /// When it holds (baseline) or is due (target).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub date: Option<Date>,
    /// Where it came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// A measured value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocActual"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Actual {
    /// The value, in the indicator's unit (finite).
    #[serde(deserialize_with = "finite")]
    pub value: f64,
    /// When it was measured.
    pub date: Date,
    /// Where it came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// An indicator on an output or an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocIndicator"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Indicator {
    /// Unique id.
    pub id: String,
    /// Id of the output or outcome it measures.
    pub of: String,
    /// What is measured.
    pub measure: Text,
    /// Unit, e.g. "%" or "parents" / "familias" (a plain string in older files reads as
    /// English).
    #[serde(default, deserialize_with = "crate::text::opt_text_or_string")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub unit: Option<Text>,
    /// Starting value.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub baseline: Option<Measure>,
    /// Value to reach, with its target date.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub target: Option<Measure>,
    /// Where the values come from, e.g. "PASS parent survey".
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub data_source: Option<String>,
    /// Id of a survey item analysed in the Survey area, if any.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub survey_item: Option<String>,
    /// The typed link to its values: a survey item with its statistic, its series, or by hand
    /// (#18; read by the evidence map). Absent in older models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub source: Option<super::source::IndicatorSource>,
    /// Measured values (older models; [`series_of`](super::series_of) reads them as dated
    /// points of the series).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Actual>>", optional))]
    pub actuals: Vec<Actual>,
    /// Values by period (school year, year, quarter or date), with counts where known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<super::series::SeriesPoint>>", optional))]
    pub series: Vec<super::series::SeriesPoint>,
    /// A derived indicator: the ratio or difference of two other indicators' series, computed
    /// wherever both have a value (its own `series` then holds only values the source states).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub derived: Option<super::series::Derivation>,
    /// A context figure (e.g. enrolment, students in poverty): described over time, not a
    /// result to reach, so validation asks for no target.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub context: bool,
    /// Where the indicator came from.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// A program's logic model: schedule and theory of change in one schema-versioned document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocModel"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Model {
    /// Always [`SCHEMA_VERSION`] once parsed (older files are migrated on reading).
    pub schema_version: u32,
    /// Model id, e.g. `"pass"`.
    pub id: String,
    /// Program name.
    pub title: Text,
    /// The source text the model was read from, e.g. "Seed 004: PASS concept paper".
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub source: Option<String>,
    /// Phases in order.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Phase>>", optional))]
    pub phases: Vec<Phase>,
    /// Goals.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Goal>>", optional))]
    pub goals: Vec<Goal>,
    /// Components (strands).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Component>>", optional))]
    pub components: Vec<Component>,
    /// Inputs (resources).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Input>>", optional))]
    pub inputs: Vec<Input>,
    /// Activities.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Activity>>", optional))]
    pub activities: Vec<Activity>,
    /// Outputs.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Element>>", optional))]
    pub outputs: Vec<Element>,
    /// Outcomes.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Outcome>>", optional))]
    pub outcomes: Vec<Outcome>,
    /// Impacts.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Element>>", optional))]
    pub impacts: Vec<Element>,
    /// "Leads to" links.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Link>>", optional))]
    pub links: Vec<Link>,
    /// Assumptions and external factors.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Assumption>>", optional))]
    pub assumptions: Vec<Assumption>,
    /// Indicators on outputs and outcomes.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<Indicator>>", optional))]
    pub indicators: Vec<Indicator>,
    /// The campaign's timeline: dated activities, flashpoints and milestones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(as = "Option<Vec<super::events::Event>>", optional))]
    pub events: Vec<super::events::Event>,
}

impl Goal {
    /// Length in days: `durationDays` when stated, else `end − start + 1` when both dates are
    /// stated (`None` otherwise, or when the end lies before the start).
    pub fn duration(&self) -> Option<i64> {
        if let Some(d) = &self.duration_days {
            return Some(i64::from(d.value));
        }
        match (&self.start, &self.end) {
            (Some(s), Some(e)) if e.value >= s.value => Some(s.value.days_until(e.value) + 1),
            _ => None,
        }
    }

    /// The stated window as day numbers `[start, finish)` (finish exclusive), derived from any
    /// two of start, end and duration; `None` where it cannot be derived.
    pub fn stated_window(&self) -> (Option<i64>, Option<i64>) {
        let d = self.duration();
        let s = self.start.as_ref().map(|f| f.value.day_number());
        let e = self.end.as_ref().map(|f| f.value.day_number());
        let start = match (s, e, d) {
            (Some(s), _, _) => Some(s),
            (None, Some(e), Some(0)) => Some(e),
            (None, Some(e), Some(d)) => Some(e - d + 1),
            _ => None,
        };
        let finish = match (e, d) {
            (Some(e), Some(0)) => Some(e),
            (Some(e), _) => Some(e + 1),
            (None, Some(d)) => start.map(|s| s + d),
            _ => None,
        };
        (start, finish)
    }
}
