//! The evaluator's survey outcome statistics: instruments, CSV import and confidence shifts.
//!
//! Built on [`crate::stats`]; knows nothing of JavaScript.
//!
//! The flow is one way:
//! 1. [`table::read`] reads a CSV export (Google Forms, SurveyMonkey, Qualtrics; `,` or `;`)
//!    into a column-wise table of distinct values;
//! 2. [`detect::detect`] proposes a [`Mapping`]: column roles and an [`Instrument`];
//! 3. [`dataset::Dataset::build`] applies a (possibly edited) mapping, turning cells into
//!    numbers column by column and listing every cell it could not read as an [`Issue`];
//! 4. the report computes descriptives, shifts, wave comparisons, subgroups and scales.
//!
//! [`Survey`] holds the state across these steps for the page.

pub mod codebook;
pub mod dataset;
pub mod declared;
pub mod detect;
pub mod example;
pub mod headers;
pub mod instrument;
pub mod issues;
pub mod labels;
pub mod mapping;
pub mod report;
pub mod session;
pub mod table;
pub mod validate;

pub use instrument::{
    Choice, Design, Instrument, Item, ItemType, Lang, Pair, Point, Scale, Text, Waves,
};
pub use issues::{ColumnMissing, Issue};
pub use mapping::{ColumnSummary, Mapping, Role};
pub use report::{Report, ReportOptions};
pub use session::{ImportSummary, Survey};
pub use table::{ReadOptions, Shape};
