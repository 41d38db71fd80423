//! Everything about one round in one call: scores, calibration, agreement, depth flags and
//! coverage.
//!
//! Its `warnings` are the notes of validation (`round_*`, see [`super::round`]) then of
//! calibration (`calibration_*`).

use super::agreement::{agreement_design, AgreementOptions, RoundAgreement};
use super::calibration::{calibrate_design, Calibration};
use super::depth::{coverage, depth_flags, Coverage, DepthFlag, DepthOptions};
use super::ranking::Ranks;
use super::round::design;
use super::scores::{summarize, ProposalScore, RoundScores};
use super::{Round, Rubric};
use crate::conditions::method::Method;
use crate::error::Result;
use crate::note::Note;
use serde::{Deserialize, Serialize};

/// Options of [`analyze_round`]; every field is optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AnalysisOptions {
    /// Confidence level of the ICC intervals; default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
    /// Discussion flag on a condition: spread ≥ this fraction of the scale; default 0.5.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub spread_threshold: f64,
    /// Discussion flag overall: spread ≥ this many points on 0–100; default 25.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub overall_spread_threshold: f64,
    /// Measure spreads after removing reviewer offsets; default true.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub calibrated_spread: bool,
    /// "High" on 0–100 for depth flags; default 75.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub high: f64,
    /// "Low" on 0–100 for depth flags; default 40.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub low: f64,
    /// "Works on a condition" on 0–100 for coverage; default 50.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub working: f64,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        let (a, d) = (AgreementOptions::default(), DepthOptions::default());
        AnalysisOptions {
            level: a.level,
            spread_threshold: a.spread_threshold,
            overall_spread_threshold: a.overall_spread_threshold,
            calibrated_spread: a.calibrated_spread,
            high: d.high,
            low: d.low,
            working: d.working,
        }
    }
}

/// The analysis of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoundAnalysis {
    /// `Method::RoundAnalysis`.
    pub method: Method,
    /// Proposals in the round.
    pub proposals: usize,
    /// Reviewers in the round.
    pub reviewers: usize,
    /// Reviews (reviewer × proposal pairs with scores).
    pub reviews: usize,
    /// Weighted scores, level profiles and per-condition statistics.
    pub scores: RoundScores,
    /// Reviewer offsets, calibrated scores and z-scores.
    pub calibration: Calibration,
    /// Every proposal's rank by raw and by calibrated score (competition ranks: ties share
    /// the better rank), so the page shows the engine's rank rather than computing its own.
    pub ranks: Ranks,
    /// ICC and Krippendorff's alpha per condition and overall; discussion flags.
    pub agreement: RoundAgreement,
    /// Systems-change depth flags.
    pub depth_flags: Vec<DepthFlag>,
    /// Which conditions the round's proposals work on.
    pub coverage: Coverage,
    /// Incomplete-design notes from validation, scores and calibration.
    pub warnings: Vec<Note>,
}

/// Scores, calibration, agreement, depth flags and coverage of a round.
///
/// # Errors
/// The first error of [`super::validate_round`] (call it to list them all);
/// [`crate::Code::LevelOutOfRange`] / [`crate::Code::ParameterOutOfRange`] for bad options.
///
/// # Examples
/// ```
/// use waterline::conditions::{analyze_round, default_rubric, AnalysisOptions, Round};
/// # let round = Round { title: "t".into(), synthetic: true, note: None, proposals: vec![],
/// #     reviewers: vec![], conflicts: vec![], scores: vec![], score_columns: None };
/// let a = analyze_round(&default_rubric(), &round, &AnalysisOptions::default()).unwrap();
/// assert_eq!(a.coverage.uncovered.len(), 8); // an empty round works on nothing
/// ```
pub fn analyze_round(
    rubric: &Rubric,
    round: &Round,
    options: &AnalysisOptions,
) -> Result<RoundAnalysis> {
    let d = design(rubric, round)?;
    let agreement_options = AgreementOptions {
        level: options.level,
        spread_threshold: options.spread_threshold,
        overall_spread_threshold: options.overall_spread_threshold,
        calibrated_spread: options.calibrated_spread,
        ..AgreementOptions::default()
    };
    let depth_options = DepthOptions {
        high: options.high,
        low: options.low,
        working: options.working,
    };
    let scores = summarize(&d);
    let calibration = calibrate_design(&d)?;
    let ranks = Ranks::of(
        &scores.proposals.iter().map(|p| p.score).collect::<Vec<_>>(),
        &calibration
            .proposals
            .iter()
            .map(|p| p.calibrated)
            .collect::<Vec<_>>(),
    );
    let offsets: Vec<Option<f64>> = calibration.reviewers.iter().map(|r| r.offset).collect();
    let agreement = agreement_design(&d, &agreement_options, &offsets)?;
    let flags = depth_flags(&scores.proposals, &depth_options)?;
    let all: Vec<&ProposalScore> = scores.proposals.iter().collect();
    let coverage = coverage(rubric, &all, "round", &depth_options)?;
    let mut warnings = d.warnings.clone();
    warnings.extend(calibration.warnings.iter().cloned());
    Ok(RoundAnalysis {
        method: Method::RoundAnalysis,
        proposals: round.proposals.len(),
        reviewers: round.reviewers.len(),
        reviews: d.reviews.len(),
        scores,
        calibration,
        ranks,
        agreement,
        depth_flags: flags,
        coverage,
        warnings,
    })
}
