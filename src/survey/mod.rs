//! The evaluator's survey outcome statistics: instruments, CSV import and confidence shifts.
//!
//! Built on [`crate::stats`]; knows nothing of JavaScript.
//!
//! The flow is one way:
//! 1. [`table::read_bytes`] decodes the file's bytes ([`encoding`]: byte-order mark, UTF-8 or
//!    Windows-1252) and reads the CSV export (Google Forms, SurveyMonkey, Qualtrics; `,`, `;`
//!    or tab) into a column-wise table of distinct values, with what the header rows say
//!    ([`header_rows`]);
//! 2. [`detect::detect`] proposes a [`Mapping`]: column roles and an [`Instrument`];
//! 3. [`dataset::Dataset::build`] applies a (possibly edited) mapping, turning cells into
//!    numbers column by column and listing every cell it could not read as an [`Issue`];
//!    repeated respondent ids are resolved by the user's [`DuplicatePolicy`] ([`duplicates`])
//!    before any analysis;
//! 4. the report computes descriptives, shifts, wave comparisons, subgroups and scales.
//!
//! [`Survey`] holds the state across these steps for the page.

pub mod charset;
pub mod chunked;
pub mod codebook;
pub mod dataset;
pub mod declared;
pub mod detect;
pub mod dict;
pub mod duplicates;
pub mod encoding;
pub mod example;
pub mod fast;
#[cfg(test)]
mod fast_tests;
pub mod header_rows;
pub mod headers;
pub mod instrument;
pub mod issues;
pub mod labels;
pub mod mapping;
pub mod not_responses;
pub mod records;
pub mod report;
pub mod scan;
pub mod session;
pub mod table;
pub mod validate;
pub mod weights;

pub use duplicates::DuplicatePolicy;
pub use encoding::{EncodingInfo, EncodingSource};
pub use instrument::{
    Choice, Design, Instrument, Item, ItemType, Lang, Pair, Point, Scale, Text, Waves,
};
pub use issues::{ColumnMissing, Issue};
pub use mapping::{ColumnSummary, Mapping, Role};
pub use report::{Report, ReportOptions};
pub use session::{ImportSummary, Survey};
pub use table::{HeaderKind, ReadOptions, Shape};
