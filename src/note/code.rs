//! Every note code the engine emits, one list for all areas.
//!
//! Each area adds its codes in its own section (keep them sorted within the section). The
//! macro derives the enum, its snake_case spelling and `NoteCode::ALL`.

use serde::{Deserialize, Serialize};

macro_rules! note_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A stable note code (snake_case at the boundary).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        #[cfg_attr(test, derive(ts_rs::TS))]
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

        /// Serialized as its string (what serde's derive would write), from `as_str`'s table:
        /// one call instead of a serializer call per variant in every build (issue 21).
        impl Serialize for NoteCode {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

note_codes! {
    // ---- stats (src/stats/) ----

    /// Missing p-values left out of an adjustment (`missing`, `used`).
    AdjustMissingPValues = "adjust_missing_p_values",
    /// Expected counts below 5 (`below` of `cells`, `smallest`): the chi-square approximation
    /// may be poor.
    ChiSquareSmallExpected = "chi_square_small_expected",
    /// Yates' correction was asked for a table that is not 2×2; not applied.
    ChiSquareYatesNot2x2 = "chi_square_yates_not_2x2",
    /// The raters agree exactly: no F test or interval for the ICC.
    IccExactAgreement = "icc_exact_agreement",
    /// `excluded` of `subjects` subjects not rated by all `raters` raters, left out of the ICC.
    IccSubjectsExcluded = "icc_subjects_excluded",
    /// `dropped` of `units` units had fewer than two ratings (Krippendorff's alpha).
    KrippendorffUnitsUnpairable = "krippendorff_units_unpairable",
    /// McNemar: the paired table is empty, no interval for the change.
    McnemarEmptyTable = "mcnemar_empty_table",
    /// McNemar: no pair changed its answer (b + c = 0); p-values set to 1.
    McnemarNoChange = "mcnemar_no_change",
    /// A 2×2 table has an empty cell: the odds ratio and its interval are withheld.
    OddsRatioZeroCell = "odds_ratio_zero_cell",
    /// Power: the target is reached with fewer than `min` `unit` (`nExact`); n raised to `min`.
    PowerBelowMinimum = "power_below_minimum",
    /// Mann–Whitney: every value is tied; p-value set to 1.
    RankSumAllTied = "rank_sum_all_tied",
    /// Mann–Whitney: exact distribution only up to n_x·n_y = `max`; normal approximation used.
    RankSumExactLimit = "rank_sum_exact_limit",
    /// Mann–Whitney: no exact p-value with ties; normal approximation used (as R).
    RankSumExactWithTies = "rank_sum_exact_with_ties",
    /// Cronbach's alpha: `items` (item ids, or 0-based positions in the bare statistic) have
    /// one answer from everyone.
    ReliabilityConstantItems = "reliability_constant_items",
    /// Cronbach's alpha is negative: some items probably need reverse coding.
    ReliabilityNegativeAlpha = "reliability_negative_alpha",
    /// McDonald's omega is withheld: `items` (0-based positions, or item ids in the report)
    /// load 1 or more on the one factor (a Heywood case: a variance below zero).
    ReliabilityOmegaHeywood = "reliability_omega_heywood",
    /// McDonald's omega: `items` load negatively on the factor and were reversed (psych's
    /// `flip = TRUE`).
    ReliabilityOmegaReversed = "reliability_omega_reversed",
    /// `excluded` of `n` respondents skipped an item and were left out of alpha.
    ReliabilityRespondentsExcluded = "reliability_respondents_excluded",
    /// A group has no successes: the risk ratio and its interval are withheld.
    RiskRatioZeroCell = "risk_ratio_zero_cell",
    /// Wilcoxon signed-rank: all `n` differences are zero; p-value set to 1.
    SignedRankAllZero = "signed_rank_all_zero",
    /// Wilcoxon signed-rank: exact distribution only up to `max` pairs; normal used for `n`.
    SignedRankExactLimit = "signed_rank_exact_limit",
    /// Wilcoxon signed-rank: no exact p-value with ties or zeros; normal approximation used.
    SignedRankExactWithTies = "signed_rank_exact_with_ties",
    /// `zeros` of `n` pairs did not change; dropped before ranking (Wilcoxon's rule, as R).
    SignedRankZerosDropped = "signed_rank_zeros_dropped",
    /// `zeros` of `n` pairs did not change; ranked, then their ranks dropped (Pratt's rule).
    SignedRankZerosPratt = "signed_rank_zeros_pratt",
    /// Two proportions: both groups at `percent` (0 or 100) %; p-value set to 1.
    TwoProportionsAllSame = "two_proportions_all_same",

    // ---- survey (src/survey/) ----

    /// Withheld: `count` answers of `item` (of `pair`, when a pair's shift is withheld) are none
    /// of the points of its unconfirmed scale; shown as a distribution of the points only.
    AnswersNotOnScale = "answers_not_on_scale",
    /// Withheld: `item` holds undeclared `codes`; shown as a distribution of codes.
    CodesWithoutLabels = "codes_without_labels",
    /// Withheld: the numeric `item` holds `codes` that look like missing-value codes (−99 among
    /// ages); no mean until they are declared non-answers or the column is confirmed.
    MissingCodeSuspected = "missing_code_suspected",
    /// `n` answers only (under 30): intervals are wide.
    DescribeFewAnswers = "describe_few_answers",
    /// Nobody answered the item: nothing can be estimated.
    DescribeNoAnswers = "describe_no_answers",
    /// Withheld: the items `before` and `after` of `pair` are not on one declared scale.
    PairScalesDiffer = "pair_scales_differ",
    /// Withheld: `item` (of `pair` or `scale`) has no declared scale.
    ScaleNotDeclared = "scale_not_declared",
    /// A shift with no complete pair: nothing can be compared.
    ShiftNoPairs = "shift_no_pairs",
    /// A then-test (retrospective pretest): no response-shift bias, but relies on recall.
    ShiftThenTest = "shift_then_test",
    /// No subgroup test: fewer than two groups with at least `minCell` answers.
    SubgroupNoTest = "subgroup_no_test",
    /// The data are synthetic: they describe no real respondents.
    SyntheticData = "synthetic_data",
    /// The test `test` (a method tag) was not computed; `reason` is the error code.
    TestNotComputed = "test_not_computed",
    /// A wave has no answers to the item: nothing to compare.
    WaveNoAnswers = "wave_no_answers",
    /// Withheld: `item`'s `waves` used other wording; map them onto a common scale.
    WaveScalesUnconfirmed = "wave_scales_unconfirmed",
    /// Wave sizes are assumed (`n1`, `n2`): see the sensitivity table.
    WaveSizesAssumed = "wave_sizes_assumed",
    /// Weighted survey: a pre/post pair matched across waves by id is not weighted.
    WeightsUnweightedMatched = "weights_unweighted_matched",
    /// Weighted survey: some scales could not be weighted.
    WeightsUnweightedScales = "weights_unweighted_scales",
    /// Weighted survey: some subgroup tables (questions without a top box) are not weighted;
    /// small cells use unweighted counts.
    WeightsUnweightedSubgroups = "weights_unweighted_subgroups",
    /// Weighted survey: a subgroup table's χ² test is on the unweighted counts (its shares are
    /// weighted).
    WeightsUnweightedTest = "weights_unweighted_test",
    /// Weighted survey: some wave comparisons (category questions) are not weighted.
    WeightsUnweightedWaves = "weights_unweighted_waves",


    // ---- conditions (src/conditions/) ----

    /// An agreement statistic was not computed (withheld): `statistic` (`icc`, `alpha`),
    /// `metric` (alpha: `interval`, `ordinal`), `condition` (a condition id or `overall`), the
    /// underlying error `code` as `error` and its details (`nUsed`, `n`, `raters`, `units`…).
    AgreementNotComputed = "agreement_not_computed",
    /// The bootstrap of a round's alpha drew fewer resamples than asked, to bound the work on a
    /// large round: `condition`, `requested`, `used` (0: no interval).
    AgreementResamplesReduced = "agreement_resamples_reduced",
    /// The assignment could not connect every reviewer and proposal in one design (so the
    /// calibration cannot put all reviewers on one scale): `groups`, `reviewsPerProposal`.
    AssignmentDisconnected = "assignment_disconnected",
    /// The branch-and-bound search stopped early: `nodes`, `upperBound` (total score).
    BudgetSearchStopped = "budget_search_stopped",
    /// Proposals without a score cannot be funded: `proposals` (ids).
    BudgetUnscored = "budget_unscored",
    /// Reviewer groups share no proposal: `groups` (count), `reviewerGroups` (lists of ids).
    CalibrationDisconnected = "calibration_disconnected",
    /// A reviewer has fewer than two reviews or no spread: no z-scores; `reviewer`.
    CalibrationNoZScores = "calibration_no_z_scores",
    /// A decision rule's funded set misses an equity constraint: `method` (the rule:
    /// `funding_line`, `max_score`, `lottery`), `constraint` (index), `attribute`, `value`,
    /// `side` (`min`, `max`).
    DecisionConstraintUnmet = "decision_constraint_unmet",
    /// The funding line skipped proposals that did not fit (cost or a constraint): `proposals`.
    DecisionLineSkipped = "decision_line_skipped",
    /// Columns of a proposals CSV read as attributes: `columns` (headers as written).
    ImportAttributes = "import_attributes",
    /// Columns of a reviewers CSV that were ignored: `columns` (headers as written).
    ImportColumnsIgnored = "import_columns_ignored",
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

    // ---- project (src/project/) ----

    /// An indicator's latest value has no direction: neither the source's `direction` nor a
    /// baseline → target says which side is good (`indicator`); the grade is withheld.
    EvidenceDirectionUnknown = "evidence_direction_unknown",
    /// The survey withholds the item's figures (`indicator`, `item`, `codes`: the survey's
    /// notice codes); no evidence is read from it.
    EvidenceItemWithheld = "evidence_item_withheld",
    /// An indicator has a value but no target (`indicator`); the grade is withheld.
    EvidenceNoTarget = "evidence_no_target",
    /// An outcome targets a condition that is not in the rubric in use (`outcome`,
    /// `condition`, `path`).
    LinkConditionNotInRubric = "link_condition_not_in_rubric",
    /// An indicator names an item or pair the survey's report does not have (`indicator`,
    /// `survey`, `item`, `path`).
    LinkItemUnknown = "link_item_unknown",
    /// A proposal links to a logic model the project does not have (`proposal`, `model`,
    /// `path`).
    LinkModelUnknown = "link_model_unknown",
    /// A proposal links to no logic model (`proposal`).
    LinkProposalNoModel = "link_proposal_no_model",
    /// A survey-fed indicator's source lacks `field` (`survey`, `item` or `statistic`;
    /// `indicator`, `path`).
    LinkSourceIncomplete = "link_source_incomplete",
    /// An indicator names its survey item in free text only (`indicator`, `surveyItem`,
    /// `path`): choose the item and statistic to read its evidence.
    LinkSourceUntyped = "link_source_untyped",
    /// The statistic cannot be read from an item of this type (`indicator`, `item`,
    /// `statistic`, `kind`, `path`), e.g. a share agreeing of a numeric item.
    LinkStatisticNotPossible = "link_statistic_not_possible",
    /// An indicator names a survey the project does not have (`indicator`, `survey`, `path`).
    LinkSurveyUnknown = "link_survey_unknown",

    // ---- end ----
}
