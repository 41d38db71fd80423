//! Every note code the engine emits, one list for all areas.
//!
//! Each area adds its codes in its own section (keep them sorted within the section). The
//! macro derives the enum, its snake_case spelling and `NoteCode::ALL`.

use serde::{Deserialize, Serialize};

macro_rules! note_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A stable note code (snake_case at the boundary).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum NoteCode {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
        }

        impl NoteCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [NoteCode] = &[$(NoteCode::$variant,)*];

            /// The code as it crosses the boundary, e.g. `"synthetic_data"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(NoteCode::$variant => $name,)*
                }
            }
        }
    };
}

note_codes! {
    // ---- stats (src/stats/) ----

    /// Placeholder so the list is never empty; remove once the section has a real code.
    StatsPlaceholder = "stats_placeholder",

    // ---- survey (src/survey/) ----



    // ---- conditions (src/conditions/) ----

    /// An agreement statistic was not computed (withheld): `statistic` (`icc`, `alpha`),
    /// `metric` (alpha: `interval`, `ordinal`), `condition` (a condition id or `overall`), the
    /// underlying error `code` as `error` and its details (`nUsed`, `n`, `raters`, `units`…).
    AgreementNotComputed = "agreement_not_computed",
    /// The branch-and-bound search stopped early: `nodes`, `upperBound` (total score).
    BudgetSearchStopped = "budget_search_stopped",
    /// Proposals without a score cannot be funded: `proposals` (ids).
    BudgetUnscored = "budget_unscored",
    /// Reviewer groups share no proposal: `groups` (count), `reviewerGroups` (lists of ids).
    CalibrationDisconnected = "calibration_disconnected",
    /// A reviewer has fewer than two reviews or no spread: no z-scores; `reviewer`.
    CalibrationNoZScores = "calibration_no_z_scores",
    /// Proposals had no reviewer drawn in some bootstrap resamples: `n`.
    RankingNotDrawn = "ranking_not_drawn",
    /// Columns of a reviews CSV that were ignored: `columns` (headers as written).
    ReviewsCsvColumnsIgnored = "reviews_csv_columns_ignored",
    /// Reviews missing some conditions beyond the ten listed: `n`.
    RoundMoreIncomplete = "round_more_incomplete",
    /// A proposal has no scores yet: `proposal`.
    RoundNoScores = "round_no_scores",
    /// A proposal has one reviewer, so its agreement cannot be checked: `proposal`.
    RoundOneReviewer = "round_one_reviewer",
    /// A reviewer did not score a proposal on some conditions: `reviewer`, `proposal`,
    /// `conditions` (ids).
    RoundReviewIncomplete = "round_review_incomplete",
    /// A proposal has no score on some conditions; its weighted score uses the others:
    /// `proposal`, `conditions` (ids).
    ScoresMissingConditions = "scores_missing_conditions",

    // ---- toc (src/toc/) ----

    /// Goals cannot be judged against a schedule: the schedule's error `code` as `error` and
    /// its details.
    ProgressNoSchedule = "progress_no_schedule",
    /// A goal's recorded status differs from its activities' roll-up: `goal`, `recorded`,
    /// `rolled` (statuses, snake_case).
    ProgressStatusMismatch = "progress_status_mismatch",
    /// An indicator's target equals its baseline, so no share can be computed: `indicator`.
    ProgressTargetIsBaseline = "progress_target_is_baseline",

    // ---- end ----
}
