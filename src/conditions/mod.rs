//! The funder's systems-change condition scoring: rubrics (FSG's six conditions plus
//! Alianza's community-led ones), review rounds, calibration, agreement, ranking and budgets.
//!
//! Data flows one way: a [`Rubric`] and a [`Round`] (both plain data, JSON round-trip) are
//! validated ([`validate_round`]) and indexed once per call, then analysed:
//!
//! - [`rubric`]: levels, conditions, anchored bilingual scales, weights, provenance, edits;
//!   [`default_rubric`] is FSG's six plus leadership development and community building.
//! - [`round`]: proposals, reviewers, conflicts of interest, scores; [`reviews_csv`] imports
//!   one row per reviewer × proposal (or per condition) and writes the review template;
//!   [`import_csv`] reads proposals and reviewers; [`assignment`] assigns k reviewers per
//!   proposal (balanced, conflicts respected, connected).
//! - [`scores`]: weighted 0–100 scores, level profiles and per-condition statistics.
//! - [`calibration`]: reviewer offsets by least squares over the incomplete design; z-scores.
//! - [`mod@agreement`]: ICC and Krippendorff's alpha per condition and overall; spread flags.
//! - [`ranking`]: bootstrap over reviewers with the crate's own seeded [`prng`].
//! - [`budget`]: exact funding within a budget (0/1 knapsack with options).
//! - [`depth`]: systems-change depth flags and the portfolio's coverage of the conditions.
//! - [`analysis`]: [`analyze_round`], everything above for one round in one call.
//!
//! The built-in example round ([`EXAMPLE_ROUND_JSON`]) is synthetic, drawn from the seed
//! documents; it is JSON so that the page and the tests read the same file.

pub mod agreement;
pub mod analysis;
pub mod assignment;
pub mod budget;
pub mod calibration;
pub mod decision;
pub mod depth;
pub mod equity;
pub mod import_csv;
pub mod knapsack;
pub mod lottery;
pub mod method;
pub use crate::stats::prng;
pub mod ranking;
pub mod reviews_csv;
pub mod round;
pub mod rubric;
pub mod scores;

mod default_rubric;
mod edit_fields;

pub use agreement::{agreement, AgreementOptions, Reliability, RoundAgreement};
pub use analysis::{analyze_round, AnalysisOptions, RoundAnalysis};
pub use assignment::{
    assign_reviewers, AssignedReview, Assignment, AssignmentOptions, ReviewerLoad,
};
pub use budget::{fund_within_budget, FundingOptions, FundingResult};
pub use calibration::{calibrate, fit_additive, AdditiveFit, Calibration};
pub use depth::{coverage, depth_flags, Coverage, DepthFlag, DepthOptions};
pub use import_csv::{parse_proposals_csv, parse_reviewers_csv, ProposalsCsv, ReviewersCsv};
pub use ranking::{bootstrap_ranks, BootstrapOptions, BootstrapRanks, Ranks};
pub use reviews_csv::{parse_reviews_csv, review_template_csv, ReviewsCsv};

pub use default_rubric::default_rubric;
pub use round::{
    validate_round, Conflict, Proposal, Reviewer, Round, RoundValidation, Score, ScoreColumns,
};
pub use rubric::{
    Condition, Level, Provenance, Rubric, RubricEdit, ScalePoint, Text, Wording, RUBRIC_VERSION,
};
pub use scores::{score_round, RoundScores};

/// The built-in example round (synthetic: twelve proposals drawn from the seed documents, five
/// reviewers in an incomplete design with one conflict of interest, one harsh and one generous
/// reviewer), as JSON matching [`Round`]. Score it with [`default_rubric`].
pub const EXAMPLE_ROUND_JSON: &str = include_str!("example/round.json");

/// The same example round with every text a user reads in Spanish (titles, applicants,
/// reviewer labels, comments, the round's title and note): same ids, amounts and scores.
pub const EXAMPLE_ROUND_ES_JSON: &str = include_str!("example/round.es.json");
