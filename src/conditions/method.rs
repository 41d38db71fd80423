//! Method tags of Proposals-area results (rounds, rankings, budgets, calibration).
//! Serialized in snake_case like every enum value at the boundary; the page compares these
//! values (never English text) and names them from its `term`/method strings.

use serde::{Deserialize, Serialize};

/// A method of a Proposals-area result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "RoundMethod"))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// `round_analysis`.
    RoundAnalysis,
    /// `bootstrap_reviewers`.
    BootstrapReviewers,
    /// `dp_over_cost`.
    DpOverCost,
    /// `branch_and_bound`.
    BranchAndBound,
    /// `additive_least_squares`.
    AdditiveLeastSquares,
    /// `weighted_mean_of_condition_means`.
    WeightedMeanOfConditionMeans,
    /// `icc_complete_rows_krippendorff`.
    IccCompleteRowsKrippendorff,
    /// `reviews_csv`.
    ReviewsCsv,
}

impl Method {
    /// The serialized name, e.g. for a note parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::RoundAnalysis => "round_analysis",
            Method::BootstrapReviewers => "bootstrap_reviewers",
            Method::DpOverCost => "dp_over_cost",
            Method::BranchAndBound => "branch_and_bound",
            Method::AdditiveLeastSquares => "additive_least_squares",
            Method::WeightedMeanOfConditionMeans => "weighted_mean_of_condition_means",
            Method::IccCompleteRowsKrippendorff => "icc_complete_rows_krippendorff",
            Method::ReviewsCsv => "reviews_csv",
        }
    }
}

crate::tag_impls!(Method);
