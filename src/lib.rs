//! # waterline
//!
//! An evaluation engine for program funders that runs entirely in the browser. The core is
//! plain Rust; [`wasm`] is the only module that knows about JavaScript.
//!
//! - [`stats`]: shared statistics (proportions, paired and two-sample tests, effect sizes).
//! - [`survey`]: the evaluator's survey outcome statistics (confidence shifts).
//! - [`conditions`]: the funder's systems-change condition scoring.
//! - [`toc`]: the program staff's theory-of-change logic models.
//! - `project`: the three linked by id — the evidence map and proposals meet evidence (#18).
//!
//! Data flows one way: input → validated core types → computation → plain result structs →
//! bindings → page.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

/// `PartialEq<&str>` and `Display` for a snake_case tag enum from its `as_str` (method tags,
/// effect names): one place instead of one copy per area.
macro_rules! tag_impls {
    ($($ty:ty),+) => {$(
        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+};
}
pub(crate) use tag_impls;

// The Theory-of-change area maps outcomes to the default rubric's conditions, so its own build
// (`--features toc`, pkg/toc/) compiles this module too and exports `defaultRubric` alone (the
// rest is dropped at link time; issue 21).
#[cfg(any(feature = "conditions", feature = "toc"))]
#[cfg_attr(not(feature = "conditions"), allow(dead_code))]
pub mod conditions;
pub mod error;
pub mod method_info;
pub mod note;
#[cfg(all(feature = "survey", feature = "toc", feature = "conditions"))]
pub mod project;
pub mod sort;
pub mod stats;
#[cfg(feature = "survey")]
pub mod survey;
pub mod text;
#[cfg(feature = "toc")]
pub mod toc;
pub mod tree;
pub mod wasm;

pub use error::{Code, Detail, Error, Result};
pub use note::{Note, NoteCode, Severity};

/// The engine's version (the crate version), e.g. `"0.1.0"`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
