//! Shared statistics: the plain functions the three domains build on.
//!
//! One module per concept. Every function validates its input and returns
//! [`crate::Result`]; none returns NaN as a signal and none panics. Each result struct names its
//! method and the sizes of its inputs, so a reader can tell what was computed.

pub mod adjust;
pub mod agreement;
pub mod contingency;
pub mod dist;
pub(crate) mod f_dist;
mod incomplete_beta;
pub mod limits;
pub mod mcnemar;
pub mod method;
pub mod noncentral_t;
pub(crate) mod normal;
pub mod paired;
pub mod power;
pub mod prec;
pub mod proportion;
pub mod rank;
pub mod reliability;
pub mod student_t;
mod t_large_df;
pub mod two_sample;

pub use adjust::{p_adjust, AdjustMethod, AdjustOptions, AdjustedPValues};
pub use agreement::{icc, krippendorff_alpha, AlphaMetric, IccForm, IccResult, KrippendorffAlpha};
pub use contingency::{chi_square, chi_square_gof, ChiSquareOptions, ChiSquareTest, GoodnessOfFit};
pub use mcnemar::{
    mcnemar, mcnemar_pairs, newcombe_paired, McNemar, McNemarOptions, PairedDifference, PairedTable,
};
pub use paired::{paired_t, LevelOptions, PairShares, PairedT};
pub use power::{Alternative, Power, PowerOptions, SampleSize};
pub use proportion::{wilson, ProportionInterval};
pub use rank::{wilcoxon_signed_rank, SignedRankOptions, SignedRankTest, ZeroMethod};
pub use reliability::{cronbach_alpha, AlphaOptions, CronbachAlpha, ItemReliability};
pub use two_sample::{
    mann_whitney, two_proportions, MannWhitney, MannWhitneyOptions, TwoProportions,
    TwoProportionsOptions,
};
