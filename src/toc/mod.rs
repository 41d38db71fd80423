//! The program staff's theory of change: logic models (phases → goals → activities → outputs
//! → outcomes → impact), validation, scheduling, progress, diagram layout and export.
//!
//! - [`model`]: the schema-versioned [`Model`]; every element, date and dependency can carry
//!   its [`Provenance`] (read from a source text with a quote, or assumed with a note).
//! - [`parse_model`] / [`to_json`]: the model file (`serde_json` text into the input tree, then
//!   the serde derives: strict, with the path of a failure, and a migration hook; lossless
//!   writer). [`example_pass_model`] and [`example_alianza_model`]
//!   are built in.
//! - [`validate()`]: findings with stable rule codes ([`Rule`]); never fails on a decodable model.
//! - [`schedule()`] / [`what_if`]: critical path method with stated dates and phase windows as
//!   constraints, and the effect of one delayed goal.
//! - [`progress()`]: status roll-ups and indicator shares against targets, on track or not as
//!   of a date.
//! - [`layout()`]: coordinates for the logic-model diagram; [`export()`]: JSON, Mermaid, DOT,
//!   indicators CSV.
//! - [`date`]: civil dates without a date crate.
//!
//! Ids resolve through one hash map; every graph is index-based (`Vec<Vec<u32>>`), so the
//! analyses are linear in the model's size (layout: per sweep, up to a log factor).

mod chart;
mod critical;
mod csv_table;
pub mod date;
mod edit;
mod events;
mod events_csv;
mod example;
mod export;
mod file;
mod finding;
mod graph;
mod index;
mod layout;
pub mod method;
pub mod model;
mod progress;
mod schedule;
mod series;
mod series_csv;
mod series_header;
mod source;
mod validate;
mod whatif;

pub use chart::{chart_data, ChartData, ChartEvent, ChartPoint, ChartSeries};
pub use critical::{ChainBound, CriticalChain, DateField, DateNote, DateNoteCode};
pub use date::Date;
pub use edit::{edit, fresh_id, fresh_id_with_prefix, id_prefix, Edit, EditResult, Effect};
pub use events::{Event, EventKind};
pub use events_csv::{import_events_csv, EventsCsvImport, EventsCsvIssue};
pub use example::{example_alianza_model, example_pass_model, ALIANZA_JSON, PASS_JSON};
pub use export::{export, Export, ExportFormat, ExportOptions, Lang, INDICATOR_CSV_HEADER};
pub use file::{model_from_node, parse_model, to_json};
pub use finding::{Finding, Rule, Severity};
pub use index::Kind;
pub use layout::{
    layout, ColumnKey, EdgeRoute, Layout, LayoutColumn, LayoutEdge, LayoutNode, Point, NODE_WIDTH,
};
pub use model::*;
pub use progress::{
    default_as_of, progress, ActivityProgress, GoalProgress, GroupProgress, IndicatorProgress,
    OutcomeProgress, Progress, ProgressOptions, StatusCounts, Track,
};
pub use schedule::{
    schedule, GoalSchedule, PhaseSchedule, Schedule, ScheduleOptions, StartConstraint,
};
pub use series::{
    change, derive, derived_series, series_of, Change, Derivation, DeriveOp, DerivedFrom,
    DerivedPoint, NoIntervalReason, Period, SeriesPoint,
};
pub use series_csv::{
    import_series_csv, import_series_csv_columns, ImportedSeries, SeriesCsvColumns,
    SeriesCsvImport, SeriesCsvIssue, SeriesCsvShape,
};
pub use source::{Direction, IndicatorSource, SourceKind, SurveyStatistic};
pub use validate::{validate, validate_for, Validation};
pub use whatif::{what_if, Move, WhatIf, WhatIfOptions};
