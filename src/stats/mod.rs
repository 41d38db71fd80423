//! Shared statistics: the plain functions the three domains build on.
//!
//! One module per concept. Every function validates its input and returns
//! [`crate::Result`]; none returns NaN as a signal and none panics. Each result struct names its
//! method and the sizes of its inputs, so a reader can tell what was computed.

pub mod agreement;
pub mod dist;
pub mod prec;
pub mod proportion;

pub use agreement::{icc, krippendorff_alpha, AlphaMetric, IccForm, IccResult, KrippendorffAlpha};
pub use proportion::{wilson, ProportionInterval};
