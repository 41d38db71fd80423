//! Shared statistics: the plain functions the three domains build on.
//!
//! One module per concept. Every function validates its input and returns
//! [`crate::Result`]; none returns NaN as a signal and none panics. Each result struct names its
//! method and the sizes of its inputs, so a reader can tell what was computed.
//!
//! Warnings are data ([`crate::note::Note`], severity `warning`), never sentences (#16):
//!
//! | code | params | where |
//! |---|---|---|
//! | `adjust_missing_p_values` | `missing`, `used` | [`p_adjust`] |
//! | `chi_square_small_expected` | `below`, `cells`, `smallest` | [`chi_square`], [`chi_square_gof`], [`two_proportions`] |
//! | `chi_square_yates_not_2x2` | — | [`chi_square`] |
//! | `icc_exact_agreement` | — | [`icc`] |
//! | `icc_subjects_excluded` | `excluded`, `subjects`, `raters` | [`icc`] |
//! | `krippendorff_units_unpairable` | `dropped`, `units` | [`krippendorff_alpha`] |
//! | `odds_ratio_zero_cell`, `risk_ratio_zero_cell` | — | [`two_by_two::compare_proportions`] |
//! | `mcnemar_empty_table`, `mcnemar_no_change` | — | [`mcnemar`] |
//! | `power_below_minimum` | `min`, `unit` (`pairs`, `per-group`), `nExact` | sample sizes in [`power`] |
//! | `rank_sum_all_tied`, `rank_sum_exact_with_ties` | — | [`mann_whitney`] |
//! | `rank_sum_exact_limit` | `max` | [`mann_whitney`] |
//! | `reliability_constant_items` | `items` (0-based positions) | [`cronbach_alpha`] |
//! | `reliability_negative_alpha` | — | [`cronbach_alpha`] |
//! | `reliability_omega_heywood` | `items` (0-based positions) | [`mcdonald_omega`] |
//! | `reliability_omega_reversed` | `items` (0-based positions) | [`mcdonald_omega`] |
//! | `reliability_respondents_excluded` | `excluded`, `n` | [`cronbach_alpha`] |
//! | `signed_rank_all_zero` | `n` | [`wilcoxon_signed_rank`] |
//! | `signed_rank_exact_limit` | `max`, `n` | [`wilcoxon_signed_rank`] |
//! | `signed_rank_exact_with_ties` | — | [`wilcoxon_signed_rank`] |
//! | `signed_rank_zeros_dropped`, `signed_rank_zeros_pratt` | `zeros`, `n` | [`wilcoxon_signed_rank`] |
//! | `two_proportions_all_same` | `percent` (0 or 100) | [`two_proportions`] |

pub mod adjust;
pub mod agreement;
pub(crate) mod binomial;
pub(crate) mod chi_square;
pub mod contingency;
pub mod correlation;
pub mod dist;
pub mod distribution;
pub(crate) mod double_double;
pub mod effect_size;
pub(crate) mod f_dist;
pub mod fisher;
mod incomplete_beta;
pub mod kruskal;
pub mod limits;
pub mod mcnemar;
pub mod means;
pub mod method;
pub mod noncentral_t;
pub(crate) mod normal;
pub mod omega;
pub mod one_proportion;
pub mod paired;
pub mod paired_binary;
pub mod power;
pub mod prec;
pub mod prng;
pub mod proportion;
pub mod rank;
pub mod reliability;
pub(crate) mod spearman_p;
pub mod student_t;
pub mod summary;
mod t_large_df;
pub mod two_by_two;
pub mod two_sample;
pub mod weighted;
pub mod weighted_domain;

pub use adjust::{p_adjust, AdjustMethod, AdjustOptions, AdjustedPValues};
pub use agreement::{
    cohens_kappa, fleiss_kappa, icc, icc_reml, krippendorff_alpha, krippendorff_alpha_interval,
    AlphaBootstrap, AlphaMetric, CohensKappa, FleissKappa, IccForm, IccReml, IccResult,
    KappaEstimate, KappaOptions, KrippendorffAlpha, KrippendorffOptions,
};
pub use contingency::{chi_square, chi_square_gof, ChiSquareOptions, ChiSquareTest, GoodnessOfFit};
pub use correlation::{pearson, spearman, Correlation, CorrelationOptions};
pub use kruskal::{kruskal_wallis, KruskalWallis};
pub use mcnemar::{
    mcnemar, mcnemar_pairs, newcombe_paired, McNemar, McNemarOptions, PairedDifference, PairedTable,
};
pub use omega::{mcdonald_omega, Omega};
pub use paired::{paired_t, LevelOptions, PairShares, PairedT};
pub use power::{Alternative, Power, PowerOptions, SampleSize};
pub use proportion::{wilson, ProportionInterval};
pub use rank::{wilcoxon_signed_rank, SignedRankOptions, SignedRankTest, ZeroMethod};
pub use reliability::{cronbach_alpha, AlphaOptions, CronbachAlpha, ItemReliability};
pub use two_sample::{
    mann_whitney, two_proportions, MannWhitney, MannWhitneyOptions, TwoProportions,
    TwoProportionsOptions,
};
