//! The program staff's theory of change: logic models (phases → goals → activities → outputs
//! → outcomes → impact), validation, scheduling and progress.
//!
//! - [`model`]: the schema-versioned model ([`Model`]) and its JSON file form ([`parse_model`],
//!   [`to_json`]).
//! - [`validate()`]: rule findings with stable codes ([`Rule`]).
//! - [`date`]: civil dates without a date crate.

pub mod date;
mod example;
mod export;
mod file;
mod finding;
mod graph;
mod index;
mod json;
mod layout;
pub mod model;
mod progress;
mod schedule;
mod validate;

pub use date::Date;
pub use example::{example_alianza_model, example_pass_model, ALIANZA_JSON, PASS_JSON};
pub use export::{export, Export, ExportFormat, ExportOptions, Lang, INDICATOR_CSV_HEADER};
pub use file::{parse_model, to_json};
pub use finding::{Finding, Rule, Severity};
pub use index::Kind;
pub use layout::{
    layout, ColumnKey, EdgeRoute, Layout, LayoutColumn, LayoutEdge, LayoutNode, Point, NODE_WIDTH,
};
pub use model::*;
pub use progress::{
    progress, ActivityProgress, GoalProgress, GroupProgress, IndicatorProgress, OutcomeProgress,
    Progress, ProgressOptions, StatusCounts, Track,
};
pub use schedule::{
    schedule, what_if, GoalSchedule, Move, PhaseSchedule, Schedule, ScheduleOptions,
    StartConstraint, WhatIf, WhatIfOptions,
};
pub use validate::{validate, Validation};
