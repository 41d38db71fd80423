//! The campaign's own timeline (issue 17): dated events with a kind — an activity of a
//! component (leadership development, outreach and base building, advocacy), a flashpoint or a
//! milestone — linked to the activities and outcomes they concern. An event whose date the
//! source does not give keeps `period: null` (listed, not placed on the time axis).

use super::model::{Provenance, Text};
use super::series::Period;
use serde::{Deserialize, Serialize};

/// What kind of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An activity of one of the model's components (`component` names it).
    Activity,
    /// A turn of events that changed the campaign's course (e.g. a new board).
    Flashpoint,
    /// A result reached (e.g. "RJ is included in the LCAP").
    Milestone,
}

/// One event of the campaign's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Event {
    /// Unique id.
    pub id: String,
    /// What happened, in English and Spanish.
    pub title: Text,
    /// Activity, flashpoint or milestone.
    pub kind: EventKind,
    /// When: a school year, year, quarter or date; `null` when the source gives no date.
    #[serde(default)]
    pub period: Option<Period>,
    /// The component whose activity it is (for `activity`).
    #[serde(default)]
    pub component: Option<String>,
    /// Ids of the activities, outputs and outcomes it concerns.
    #[serde(default)]
    pub about: Vec<String>,
    /// Read from the source (with its quote) or assumed (with a note).
    #[serde(default)]
    pub provenance: Option<Provenance>,
}
