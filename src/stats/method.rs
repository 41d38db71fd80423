//! Method tags of statistics results: the test, interval or estimator a result used.
//! Serialized in snake_case like every enum value at the boundary; the page compares these
//! values (never English text) and names them from its `term`/method strings.

use serde::{Deserialize, Serialize};

/// A statistical method (the test, interval or estimator a result used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "StatsMethod"))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// `wilson`.
    Wilson,
    /// `paired_t`.
    PairedT,
    /// `mcnemar`.
    Mcnemar,
    /// `mcnemar_exact`.
    McnemarExact,
    /// `mcnemar_connor`.
    McnemarConnor,
    /// `exact_binomial`.
    ExactBinomial,
    /// `newcombe_paired`.
    NewcombePaired,
    /// `newcombe`.
    Newcombe,
    /// `two_proportions`.
    TwoProportions,
    /// `mann_whitney`.
    MannWhitney,
    /// `wilcoxon_signed_rank`.
    WilcoxonSignedRank,
    /// `chi_square`.
    ChiSquare,
    /// `chi_square_yates`.
    ChiSquareYates,
    /// `chi_square_independence`.
    ChiSquareIndependence,
    /// `chi_square_gof`.
    ChiSquareGof,
    /// `krippendorff`.
    Krippendorff,
    /// `cronbach`.
    Cronbach,
    /// `feldt`.
    Feldt,
    /// `mcdonald_omega`.
    McdonaldOmega,
    /// `minres`: a factor model fitted by minimum residual (unweighted least squares).
    Minres,
    /// `shrout_fleiss`.
    ShroutFleiss,
    /// `cohen_kappa`.
    CohenKappa,
    /// `fleiss_kappa`.
    FleissKappa,
    /// `pearson`.
    Pearson,
    /// `spearman`.
    Spearman,
    /// `kruskal_wallis`.
    KruskalWallis,
    /// `t`.
    T,
    /// `exact`.
    Exact,
    /// `normal`.
    Normal,
    /// `none`.
    None,
    /// `two_sample_t`: Student's two-sample t-test (power: noncentral t, R `power.t.test`).
    TwoSampleT,
    /// `one_proportion_arcsine`: one proportion against p0 by Cohen's arcsine h (R
    /// `pwr.p.test`).
    OneProportionArcsine,
    /// `rank_sum_are`: Wilcoxon–Mann–Whitney power by the asymptotic relative efficiency 3/π
    /// (G*Power's A.R.E. method, normal parent).
    RankSumAre,
    /// `weighted_difference`: the difference of two weighted domain means or shares with its
    /// linearisation SE and a Wald z test (R `svycontrast(svyby(…), c(-1, 1))`).
    WeightedDifference,
}

impl Method {
    /// The serialized name, e.g. for a note parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Wilson => "wilson",
            Method::PairedT => "paired_t",
            Method::Mcnemar => "mcnemar",
            Method::McnemarExact => "mcnemar_exact",
            Method::McnemarConnor => "mcnemar_connor",
            Method::ExactBinomial => "exact_binomial",
            Method::NewcombePaired => "newcombe_paired",
            Method::Newcombe => "newcombe",
            Method::TwoProportions => "two_proportions",
            Method::MannWhitney => "mann_whitney",
            Method::WilcoxonSignedRank => "wilcoxon_signed_rank",
            Method::ChiSquare => "chi_square",
            Method::ChiSquareYates => "chi_square_yates",
            Method::ChiSquareIndependence => "chi_square_independence",
            Method::ChiSquareGof => "chi_square_gof",
            Method::Krippendorff => "krippendorff",
            Method::Cronbach => "cronbach",
            Method::Feldt => "feldt",
            Method::McdonaldOmega => "mcdonald_omega",
            Method::Minres => "minres",
            Method::ShroutFleiss => "shrout_fleiss",
            Method::CohenKappa => "cohen_kappa",
            Method::FleissKappa => "fleiss_kappa",
            Method::Pearson => "pearson",
            Method::Spearman => "spearman",
            Method::KruskalWallis => "kruskal_wallis",
            Method::T => "t",
            Method::Exact => "exact",
            Method::Normal => "normal",
            Method::None => "none",
            Method::TwoSampleT => "two_sample_t",
            Method::OneProportionArcsine => "one_proportion_arcsine",
            Method::RankSumAre => "rank_sum_are",
            Method::WeightedDifference => "weighted_difference",
        }
    }
}

/// The name of an effect size reported beside a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "StatsEffect"))]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Rank-biserial correlation r (signed-rank and rank-sum tests).
    RankBiserial,
    /// Cohen's d_z: mean paired difference over its standard deviation.
    Dz,
    /// Cohen's h: difference of arcsine-transformed proportions.
    CohensH,
    /// Cramér's V.
    CramersV,
    /// A plain difference of proportions (percentage points).
    Difference,
}

impl Effect {
    /// The serialized name, e.g. `"cohens_h"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::RankBiserial => "rank_biserial",
            Effect::Dz => "dz",
            Effect::CohensH => "cohens_h",
            Effect::CramersV => "cramers_v",
            Effect::Difference => "difference",
        }
    }
}

crate::tag_impls!(Method, Effect);
