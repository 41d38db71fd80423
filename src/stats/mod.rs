//! Shared statistics: the plain functions the three domains build on.
//!
//! One module per concept. Every function validates its input and returns
//! [`crate::Result`]; none returns NaN as a signal and none panics. Each result struct names its
//! method and the sizes of its inputs, so a reader can tell what was computed.

pub mod adjust;
pub mod dist;
mod incomplete_beta;
pub mod prec;
pub mod proportion;
pub mod reliability;
pub mod student_t;

pub use adjust::{p_adjust, AdjustMethod, AdjustedPValues};
pub use proportion::{wilson, ProportionInterval};
pub use reliability::{cronbach_alpha, AlphaOptions, CronbachAlpha, ItemReliability};
