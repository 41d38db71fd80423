//! The campaign's own timeline (issue 17): dated events with a kind — an activity of a
//! component (leadership development, outreach and base building, advocacy), a flashpoint or a
//! milestone — linked to the activities and outcomes they concern. An event whose date the
//! source does not give keeps `period: null` (listed, not placed on the time axis).

use super::model::{Provenance, Text};
use super::series::Period;
use serde::{Deserialize, Serialize};

/// What kind of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocEventKind"))]
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
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocEvent"))]
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
    #[cfg_attr(test, ts(optional = nullable))]
    pub period: Option<Period>,
    /// The component whose activity it is (for `activity`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub component: Option<String>,
    /// Ids of the activities, outputs and outcomes it concerns.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<Vec<String>>", optional))]
    pub about: Vec<String>,
    /// Read from the source (with its quote) or assumed (with a note).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub provenance: Option<Provenance>,
}

/// Validation of the timeline: every id an event names exists and is of the right kind (its
/// `about`: an activity, output or outcome; its `component`: a component). Findings use the
/// rules `unknown_reference` and `wrong_reference_kind`, naming the event first.
pub(super) fn check(
    m: &super::model::Model,
    ix: &super::index::Index<'_>,
    out: &mut Vec<super::finding::Finding>,
) {
    use super::finding::{Finding, Rule};
    use super::index::Kind;
    const ABOUT: [Kind; 3] = [Kind::Activity, Kind::Output, Kind::Outcome];
    for e in &m.events {
        let named = e
            .about
            .iter()
            .map(|id| ("about", id.as_str(), &ABOUT[..]))
            .chain(
                e.component
                    .iter()
                    .map(|id| ("component", id.as_str(), &[Kind::Component][..])),
            );
        for (field, target, kinds) in named {
            match ix.get(target) {
                None => out.push(Finding::new(
                    Rule::UnknownReference,
                    format!(
                        "event {}: {field} names \"{target}\", which does not exist",
                        e.id
                    ),
                    &[&e.id, target],
                )),
                Some((k, _)) if !kinds.contains(&k) => out.push(Finding::new(
                    Rule::WrongReferenceKind,
                    format!(
                        "event {}: {field} names {target}, which is {}",
                        e.id,
                        k.with_article()
                    ),
                    &[&e.id, target],
                )),
                Some(_) => {}
            }
        }
    }
}
