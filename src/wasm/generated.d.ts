// Generated from the Rust types by ts-rs (src/wasm/ts_types.rs); do not edit.
// Regenerate: WATERLINE_BLESS=1 cargo test --lib wasm::ts_types

/**
 * A p-value adjustment method, named as in R's `p.adjust`.
 *
 * Serialized in lower case: `"holm"`, `"bh"`, `"bonferroni"`, `"hochberg"`, `"by"`,
 * `"hommel"`; R's spellings `"BH"` and `"fdr"` are accepted as aliases of `"bh"`, `"BY"` of
 * `"by"`, when decoding.
 */
export type AdjustMethod = "holm" | "bh" | "bonferroni" | "hochberg" | "by" | "hommel";

/**
 * Options of [`p_adjust`] as the bindings receive them.
 */
export type AdjustOptions = {
  /**
   * The adjustment method; default Holm.
   */
  method?: AdjustMethod,
};

/**
 * Adjusted p-values, in the order of the input.
 */
export type AdjustedPValues = {
  /**
   * The method: `"holm"`, `"bh"`, `"bonferroni"`, `"hochberg"`, `"by"` or `"hommel"`.
   */
  method: string,
  /**
   * Number of p-values given (including missing ones).
   */
  n: number,
  /**
   * Number of p-values adjusted: the non-missing ones. This is the number of comparisons
   * `m` in the formulas (as R's default `n = length(p)` after dropping `NA`).
   */
  nUsed: number,
  /**
   * Number of missing (NaN) p-values, passed through as `None`.
   */
  nMissing: number,
  /**
   * Adjusted p-values in [0, 1], same order as the input; `None` where the input was NaN.
   */
  adjusted: Array<number | null>,
  /**
   * Notes for the reader, e.g. that missing p-values were left out of the count.
   */
  warnings: Array<Note>,
};

/**
 * A percentile bootstrap interval for alpha, with what it was computed from.
 */
export type AlphaBootstrap = {
  /**
   * `"units_percentile"`: pairable units resampled with replacement, percentile interval
   * (quantile type 7, as R's default and numpy's `linear`).
   */
  convention: string,
  /**
   * Confidence level, e.g. 0.95.
   */
  level: number,
  /**
   * Resamples drawn.
   */
  resamples: number,
  /**
   * Resamples whose alpha was undefined (every value equal) and were left out.
   */
  undefined: number,
  /**
   * The seed the generator started from.
   */
  seed: number,
  /**
   * Lower bound; `null` when fewer than two resamples had an alpha.
   */
  lower: number | null,
  /**
   * Upper bound; `null` when fewer than two resamples had an alpha.
   */
  upper: number | null,
};

/**
 * The level of measurement for Krippendorff's alpha.
 */
export type AlphaMetric = "nominal" | "ordinal" | "interval" | "ratio";

/**
 * Options of [`cronbach_alpha`].
 */
export type AlphaOptions = {
  /**
   * Confidence level of the Feldt interval, in (0, 1). Default 0.95.
   */
  level?: number,
};

/**
 * The alternative hypothesis: a difference in either direction, or in the stated direction.
 */
export type Alternative = "two_sided" | "one_sided";

/**
 * Options of [`analyze_round`]; every field is optional.
 */
export type AnalysisOptions = {
  /**
   * Confidence level of the ICC intervals; default 0.95.
   */
  level?: number,
  /**
   * Discussion flag on a condition: spread ≥ this fraction of the scale; default 0.5.
   */
  spreadThreshold?: number,
  /**
   * Discussion flag overall: spread ≥ this many points on 0–100; default 25.
   */
  overallSpreadThreshold?: number,
  /**
   * Measure spreads after removing reviewer offsets; default true.
   */
  calibratedSpread?: boolean,
  /**
   * "High" on 0–100 for depth flags; default 75.
   */
  high?: number,
  /**
   * "Low" on 0–100 for depth flags; default 40.
   */
  low?: number,
  /**
   * "Works on a condition" on 0–100 for coverage; default 50.
   */
  working?: number,
};

/**
 * One review to be done.
 */
export type AssignedReview = {
  /**
   * The reviewer's id.
   */
  reviewerId: string,
  /**
   * The proposal's id.
   */
  proposalId: string,
};

/**
 * The result of [`assign_reviewers`].
 */
export type Assignment = {
  /**
   * Reviews per proposal (k).
   */
  reviewsPerProposal: number,
  /**
   * The load cap used.
   */
  maxLoad: number,
  /**
   * The seed used.
   */
  seed: number,
  /**
   * The reviews, by reviewer (in the round's order), then proposal (in the round's order).
   */
  reviews: Array<AssignedReview>,
  /**
   * Each reviewer's load, in the round's order.
   */
  loads: Array<ReviewerLoad>,
  /**
   * True when every reviewer with a load and every proposal are in one connected design.
   */
  connected: boolean,
  /**
   * Swaps made to connect the design.
   */
  swaps: number,
  /**
   * `assignment_disconnected` when the design could not be connected.
   */
  warnings: Array<Note>,
};

/**
 * Options of [`assign_reviewers`].
 */
export type AssignmentOptions = {
  /**
   * Reviews per proposal (k), at least 1; default 3.
   */
  reviewsPerProposal?: number,
  /**
   * Most proposals per reviewer; `null` (default): ⌈k · proposals / reviewers⌉, the most
   * even load.
   */
  maxLoad?: number | null,
  /**
   * Seed of the generator; default 1.
   */
  seed?: number,
};

/**
 * Where the lottery rule puts a proposal.
 */
export type BandGroup = "accepted" | "band" | "rejected";

/**
 * Result of [`binom_test`].
 */
export type BinomTest = {
  /**
   * Successes.
   */
  x: number,
  /**
   * Trials.
   */
  n: number,
  /**
   * x / n.
   */
  estimate: number,
  /**
   * The null proportion.
   */
  p0: number,
  /**
   * The alternative.
   */
  alternative: TestAlternative,
  /**
   * Exact p-value in [0, 1].
   */
  pValue: number,
  /**
   * Clopper–Pearson bound (0 for `less`).
   */
  lower: number,
  /**
   * Clopper–Pearson bound (1 for `greater`).
   */
  upper: number,
  /**
   * Confidence level.
   */
  level: number,
};

/**
 * Options of [`binom_test`].
 */
export type BinomTestOptions = {
  /**
   * The null proportion in [0, 1]; default 0.5.
   */
  p0?: number,
  /**
   * Default two-sided.
   */
  alternative?: TestAlternative,
  /**
   * Confidence level of the Clopper–Pearson interval; default 0.95.
   */
  level?: number,
};

/**
 * Options of [`bootstrap_ranks`].
 */
export type BootstrapOptions = {
  /**
   * Number of resamples, 1–100,000; default 1,000.
   */
  resamples?: number,
  /**
   * Seed of the generator: the same seed gives the same result everywhere; default 1.
   */
  seed?: number,
  /**
   * The k of "probability of being in the top k"; default 3.
   */
  topK?: number,
  /**
   * Coverage of the rank interval; default 0.95 (2.5th to 97.5th percentile).
   */
  level?: number,
  /**
   * Rank calibrated scores (the additive model refitted in every resample) instead of raw
   * weighted scores; default false.
   */
  calibrated?: boolean,
};

/**
 * Bootstrap ranks of a round.
 */
export type BootstrapRanks = {
  /**
   * `Method::BootstrapReviewers`.
   */
  method: RoundMethod,
  /**
   * `"raw"` or `"calibrated"`.
   */
  scores: string,
  /**
   * Resamples drawn.
   */
  resamples: number,
  /**
   * The seed used.
   */
  seed: number,
  /**
   * The k of `pTopK`.
   */
  topK: number,
  /**
   * Coverage of the rank intervals.
   */
  level: number,
  /**
   * Reviewers resampled.
   */
  reviewers: number,
  /**
   * Per proposal, in round order.
   */
  proposals: Array<RankInterval>,
  /**
   * Notes, e.g. proposals left unscored in some resamples.
   */
  warnings: Array<Note>,
};

/**
 * One proposal's calibrated scores.
 */
export type CalibratedScore = {
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * Mean of its reviewers' weighted scores, 0–100.
   */
  raw: number | null,
  /**
   * Proposal effect of the additive model: the score an average reviewer would give (it can
   * leave 0–100 slightly).
   */
  calibrated: number | null,
  /**
   * Mean of its reviewers' z-scores (each review standardized by its reviewer's mean and sd).
   */
  z: number | null,
};

/**
 * Reviewer calibration of a round.
 */
export type Calibration = {
  /**
   * `Method::AdditiveLeastSquares` (with `"reviewer-z-score"` as the simple alternative).
   */
  method: RoundMethod,
  /**
   * Reviews used (reviewer × proposal weighted scores).
   */
  n: number,
  /**
   * Connected groups of reviewers.
   */
  groups: number,
  /**
   * Residual standard deviation of the additive model, in points.
   */
  residualSd: number | null,
  /**
   * Per reviewer, in round order.
   */
  reviewers: Array<ReviewerCalibration>,
  /**
   * Per proposal, in round order.
   */
  proposals: Array<CalibratedScore>,
  /**
   * Notes, e.g. a disconnected design.
   */
  warnings: Array<Note>,
};

/**
 * Options of [`chi_square`].
 */
export type ChiSquareOptions = {
  /**
   * Yates' continuity correction, applied to 2×2 tables only (default `false`, as
   * `chisq.test(m, correct = FALSE)`); ignored with a warning for larger tables.
   */
  correct?: boolean,
};

/**
 * Result of [`chi_square`].
 */
export type ChiSquareTest = {
  /**
   * `Method::ChiSquareIndependence`.
   */
  method: StatsMethod,
  /**
   * Whether Yates' correction was applied.
   */
  correct: boolean,
  /**
   * Total count of the table.
   */
  n: number,
  /**
   * Number of rows.
   */
  rows: number,
  /**
   * Number of columns.
   */
  columns: number,
  /**
   * Pearson's X² statistic.
   */
  statistic: number,
  /**
   * Degrees of freedom, (rows − 1)(columns − 1).
   */
  df: number,
  /**
   * p-value P(χ²_df > X²), in [0, 1].
   */
  pValue: number,
  /**
   * Expected counts row total × column total / n, in the shape of the table.
   */
  expected: Array<Array<number>>,
  /**
   * The smallest expected count.
   */
  minExpected: number,
  /**
   * How many cells have an expected count below 5.
   */
  cellsBelow5: number,
  /**
   * Cramér's V = √(X²/(n·(min(r, c) − 1))), from the uncorrected X², in [0, 1].
   */
  cramersV: number,
  /**
   * Bias-corrected Cramér's V (Bergsma 2013), in [0, 1]; `null` when n ≤ 1 or the corrected
   * table dimension is degenerate.
   */
  cramersVCorrected: number | null,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
};

/**
 * Cohen's kappa of two raters over the listed categories.
 */
export type CohensKappa = {
  /**
   * `"cohen_kappa"`.
   */
  method: StatsMethod,
  /**
   * Pairs given.
   */
  n: number,
  /**
   * Pairs used (both codes present).
   */
  nUsed: number,
  /**
   * The categories, in the order the weights use.
   */
  categories: Array<number>,
  /**
   * Confidence level of the intervals.
   */
  level: number,
  /**
   * Unweighted, linear and quadratic, in that order.
   */
  estimates: Array<KappaEstimate>,
};

/**
 * A condition that reviewers score.
 */
export type Condition = {
  /**
   * Stable id, e.g. `"power-dynamics"`; also the CSV column name.
   */
  id: string,
  /**
   * Id of the [`Level`] the condition belongs to.
   */
  levelId: string,
  /**
   * Display name.
   */
  name: Text,
  /**
   * What the condition is.
   */
  definition: Text,
  /**
   * Score points in increasing order (at least two); scores may fall between points.
   */
  scale: Array<ScalePoint>,
  /**
   * Relative weight, ≥ 0 (weights are normalized over the conditions scored).
   */
  weight: number,
  /**
   * Where the condition comes from.
   */
  provenance: Provenance,
  /**
   * The passage or reasoning behind the provenance.
   */
  source?: string | null,
};

/**
 * Agreement on one condition (or on the weighted overall score).
 */
export type ConditionAgreement = {
  /**
   * The condition's id, or `"overall"` for the reviewers' weighted 0–100 scores.
   */
  conditionId: string,
  /**
   * Shrout–Fleiss ICCs on the proposals every reviewer scored; `null` when fewer than two
   * such proposals exist (see `notes`).
   */
  icc: IccResult | null,
  /**
   * The ICC of the whole, incomplete design from the REML variance components of the crossed
   * proposal × reviewer model (R's `psych::ICC(x, lmer = TRUE)`): every score counts, so it
   * exists where `icc` has too few complete rows; `null` when it cannot be fitted (see
   * `notes`, statistic `icc_model`).
   */
  iccModel: IccReml | null,
  /**
   * The headline: Krippendorff's alpha at `alphaMetric`, with a bootstrap interval over
   * proposals (`bootstrap`); the same estimate as `alphaOrdinal` or `alphaInterval`.
   */
  alpha: KrippendorffAlpha | null,
  /**
   * The level the rubric's scale implies: `"ordinal"` for a condition (a scale of labelled,
   * ordered points whose distances are not known to be equal), `"interval"` for the overall
   * weighted 0–100 score (an average of rescaled scores, which is interval by construction).
   */
  alphaMetric: AlphaMetric,
  /**
   * `alpha` read against Krippendorff's (2004) thresholds; `null` without an alpha.
   */
  reliability: Reliability | null,
  /**
   * Krippendorff's alpha, interval metric, over every proposal with two or more reviews.
   */
  alphaInterval: KrippendorffAlpha | null,
  /**
   * Krippendorff's alpha, ordinal metric.
   */
  alphaOrdinal: KrippendorffAlpha | null,
  /**
   * Why a measure is missing.
   */
  notes: Array<Note>,
};

/**
 * Who works on one condition.
 */
export type ConditionCoverage = {
  /**
   * The condition's id.
   */
  conditionId: string,
  /**
   * The condition's level.
   */
  levelId: string,
  /**
   * Proposals in scope whose scaled mean on the condition reaches `working`.
   */
  proposalIds: Array<string>,
};

/**
 * The reviewers' scores of one proposal on one condition.
 */
export type ConditionSummary = {
  /**
   * The condition's id.
   */
  conditionId: string,
  /**
   * Reviewers who scored it.
   */
  n: number,
  /**
   * Mean score on the condition's own scale; `null` when nobody scored it.
   */
  mean: number | null,
  /**
   * Sample standard deviation (n − 1); `null` with fewer than two reviewers.
   */
  sd: number | null,
  /**
   * Lowest score.
   */
  min: number | null,
  /**
   * Highest score.
   */
  max: number | null,
  /**
   * The mean rescaled to 0–100 of the scale's range.
   */
  scaled: number | null,
};

/**
 * A conflict of interest: the reviewer must not score the proposal.
 */
export type Conflict = {
  /**
   * The reviewer's id.
   */
  reviewerId: string,
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * Why, e.g. "serves on the applicant's board".
   */
  reason?: string | null,
};

/**
 * How one compiled bound holds for a funded set.
 */
export type ConstraintCheck = {
  /**
   * Index of the constraint in the options' `constraints`.
   */
  index: number,
  /**
   * The attribute.
   */
  attribute: string,
  /**
   * The value.
   */
  value: string,
  /**
   * Budget or awards.
   */
  of: ShareOf,
  /**
   * `"min"` or `"max"`.
   */
  bound: string,
  /**
   * The share asked for, in [0, 1].
   */
  share: number,
  /**
   * The share reached: of the budget (dollars awarded ÷ budget) or of the awards.
   */
  actual: number,
  /**
   * True when the bound holds.
   */
  met: boolean,
};

/**
 * A correlation coefficient with its t test and an interval on the Fisher z scale.
 */
export type Correlation = {
  /**
   * `"pearson"` or `"spearman"`.
   */
  method: StatsMethod,
  /**
   * `"fisher_z"` (SE 1/√(n − 3)) for Pearson, `"bonett_wright"` (SE √((1 + r²/2)/(n − 3)))
   * for Spearman.
   */
  interval: string,
  /**
   * Pairs given.
   */
  n: number,
  /**
   * Pairs used (both values present).
   */
  nUsed: number,
  /**
   * The coefficient, in [−1, 1].
   */
  r: number,
  /**
   * t = r √((n − 2) / (1 − r²)); `null` when |r| = 1.
   */
  t: number | null,
  /**
   * Degrees of freedom, n − 2.
   */
  df: number,
  /**
   * Two-sided p-value: of t on n − 2 df (0 when |r| = 1) when `pMethod` is `"t"`, else
   * Spearman's S = Σ (rank x − rank y)² against its permutation distribution.
   */
  pValue: number,
  /**
   * How `pValue` was computed: `"t"` (t approximation), `"exact"` (all n! permutations,
   * Spearman without ties, n ≤ 9) or `"edgeworth"` (AS 89, Spearman without ties,
   * 10 ≤ n ≤ 1290).
   */
  pMethod: "t" | "exact" | "edgeworth",
  /**
   * Confidence level.
   */
  level: number,
  /**
   * Lower bound; `null` with fewer than 4 pairs.
   */
  lower: number | null,
  /**
   * Upper bound; `null` with fewer than 4 pairs.
   */
  upper: number | null,
};

/**
 * Options of [`pearson`] and [`spearman`].
 */
export type CorrelationOptions = {
  /**
   * Confidence level of the interval, in (0, 1). Default 0.95.
   */
  level?: number,
  /**
   * Spearman only (Pearson ignores it): `true` or absent — R's default, the exact p-value
   * (n ≤ 9) or AS 89's Edgeworth series (10 ≤ n ≤ 1290) when there are no ties, else the t
   * approximation; `false` — always the t approximation (R `exact = FALSE`, scipy).
   */
  exact?: boolean,
};

/**
 * The portfolio's coverage of the rubric's conditions.
 */
export type Coverage = {
  /**
   * `"round"` (every proposal) or `"funded"`.
   */
  scope: string,
  /**
   * Proposals in scope.
   */
  n: number,
  /**
   * The threshold used.
   */
  working: number,
  /**
   * Per condition, in rubric order.
   */
  conditions: Array<ConditionCoverage>,
  /**
   * Conditions nobody in scope works on.
   */
  uncovered: Array<string>,
};

/**
 * Cronbach's alpha with its Feldt confidence interval and item statistics.
 */
export type CronbachAlpha = {
  /**
   * `"cronbach"`.
   */
  method: StatsMethod,
  /**
   * Method of the confidence interval: `"feldt"`.
   */
  ciMethod: StatsMethod,
  /**
   * How missing answers were handled: `"listwise"` (a respondent with any missing item is
   * left out).
   */
  missing: string,
  /**
   * Respondents (rows) given.
   */
  n: number,
  /**
   * Respondents with every item answered, used in all statistics.
   */
  nUsed: number,
  /**
   * Respondents left out because of a missing answer.
   */
  nExcluded: number,
  /**
   * Number of items (columns).
   */
  nItems: number,
  /**
   * Raw alpha from the covariance matrix; at most 1 and can be negative.
   */
  alpha: number,
  /**
   * Standardized alpha from the mean inter-item correlation; `None` when an item does not
   * vary.
   */
  standardizedAlpha: number | null,
  /**
   * Mean of the correlations between distinct items (R psych: `average_r`).
   */
  meanInterItemR: number | null,
  /**
   * Lower bound of the Feldt interval for alpha.
   */
  lower: number,
  /**
   * Upper bound of the Feldt interval for alpha.
   */
  upper: number,
  /**
   * Confidence level of the interval, in (0, 1).
   */
  level: number,
  /**
   * Per-item statistics, in column order.
   */
  items: Array<ItemReliability>,
  /**
   * Notes for the reader (excluded respondents, items that do not vary, negative alpha).
   */
  warnings: Array<Note>,
};

/**
 * Three decision rules on one round.
 */
export type Decision = {
  /**
   * `"raw"` or `"calibrated"`.
   */
  scores: string,
  /**
   * The budget, dollars.
   */
  budget: number,
  /**
   * (a) Funding line: rank order, skipping what does not fit.
   */
  fundingLine: RuleResult,
  /**
   * (b) Maximum total score (exact).
   */
  maxScore: FundingResult,
  /**
   * (c) Expected rank with a lottery band.
   */
  lottery: RuleResult,
  /**
   * The lottery's audit record.
   */
  audit: LotteryAudit,
  /**
   * Per proposal (scored ones), by rank.
   */
  proposals: Array<ProposalDecision>,
  /**
   * Notes.
   */
  warnings: Array<Note>,
};

/**
 * Options of [`decide_funding`]: those of [`FundingOptions`] plus the bootstrap and the draw.
 */
export type DecisionOptions = {
  /**
   * The budget, in whole dollars.
   */
  budget: number,
  /**
   * Partial funding (see [`FundingOptions::partial`]); default false.
   */
  partial?: boolean,
  /**
   * Minimum share of the budget per level id.
   */
  minSharePerLevel?: { [key in string]?: number },
  /**
   * Minimum share of the budget per community.
   */
  minSharePerCommunity?: { [key in string]?: number },
  /**
   * Equity constraints on any attribute.
   */
  constraints?: Array<EquityConstraint>,
  /**
   * Rank calibrated scores (reviewer offsets removed); default true.
   */
  calibrated?: boolean,
  /**
   * Bootstrap resamples for the expected ranks; default 1,000.
   */
  resamples?: number,
  /**
   * Seed of the bootstrap; default 1.
   */
  bootstrapSeed?: number,
  /**
   * Coverage of the rank interval that decides the band; default 0.5 (ERforResearch's
   * inner interval).
   */
  bandLevel?: number,
  /**
   * Seed of the draw (a whole number below 2⁵³ so that JavaScript keeps it exact).
   */
  seed: number,
};

/**
 * A depth flag on one proposal.
 */
export type DepthFlag = {
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * Stable code: `"transformative_without_relational"`, `"structural_only"` or
   * `"power_without_leadership"`.
   */
  code: string,
  /**
   * What the flag means, in English and Spanish.
   */
  message: Text,
};

/**
 * A proposal whose reviewers disagree enough to need discussion.
 */
export type DiscussionFlag = {
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * The condition's id, or `"overall"`.
   */
  conditionId: string,
  /**
   * Highest minus lowest score (condition scale, or 0–100 points for `"overall"`), after
   * removing reviewer offsets when `calibratedSpread` is on.
   */
  spread: number,
  /**
   * Highest minus lowest score as given.
   */
  rawSpread: number,
  /**
   * The threshold it reached, in the same units.
   */
  threshold: number,
  /**
   * The reviewer with the lowest score.
   */
  lowReviewerId: string,
  /**
   * The reviewer with the highest score.
   */
  highReviewerId: string,
};

/**
 * A funded proposal the next in line could replace.
 */
export type Displacement = {
  /**
   * The funded proposal it would replace.
   */
  proposalId: string,
  /**
   * That proposal's score.
   */
  score: number,
  /**
   * Change in the total score if swapped (negative: the swap lowers the total, which is why
   * the optimum does not make it).
   */
  totalChange: number,
};

/**
 * Options of the distribution exports.
 */
export type DistOptions = {
  /**
   * `cdf` (default), `sf`, `quantile` or `isf`.
   */
  what?: DistWhat | null,
};

/**
 * Which function of the distribution to evaluate.
 */
export type DistWhat = "cdf" | "sf" | "quantile" | "isf";

/**
 * An effect size with its interval (`null` bounds where none is defined).
 */
export type EffectInterval = {
  /**
   * The point estimate (standard deviations).
   */
  estimate: number,
  /**
   * Lower bound.
   */
  lower: number | null,
  /**
   * Upper bound.
   */
  upper: number | null,
};

/**
 * An engine error: a stable code, an English message and the offending values.
 */
export type EngineError = {
  /**
   * Stable machine-readable code.
   */
  code: ErrorCode,
  /**
   * English message naming what is wrong and, where possible, how to fix it.
   */
  message: string,
  /**
   * The offending values, row, column or id, keyed by name.
   */
  details: { [key in string]?: ErrorDetail },
};

/**
 * A minimum and/or maximum share for the proposals with one attribute value.
 */
export type EquityConstraint = {
  /**
   * `"community"`, `"applicant"` (the organisation), `"level"` (the strongest level) or the
   * name of an attribute in the proposals' `attributes`.
   */
  attribute: string,
  /**
   * The value; absent or `null`: every value of the attribute separately (a cap per
   * organisation is `{attribute: "applicant", maxShare: 0.25}`).
   */
  value?: string | null,
  /**
   * `"budget"` (default) or `"awards"`.
   */
  of?: ShareOf,
  /**
   * Least share, in [0, 1].
   */
  minShare?: number | null,
  /**
   * Largest share, in [0, 1].
   */
  maxShare?: number | null,
};

/**
 * Stable error codes. The serialized form (`snake_case`) is the public contract: the page and
 * scripts match on it, so a code is never renamed, only added.
 */
export type ErrorCode = "bad_input" | "not_finite" | "invalid_count" | "count_exceeds_total" | "empty_sample" | "sample_too_small" | "level_out_of_range" | "probability_out_of_range" | "parameter_out_of_range" | "length_mismatch" | "too_large" | "no_variation" | "duplicate_id" | "unknown_id" | "csv_malformed" | "csv_empty" | "unknown_column" | "unknown_label" | "code_out_of_range" | "invalid_instrument" | "ragged_row" | "unclosed_quote" | "not_a_number" | "value_out_of_range" | "duplicate_respondent" | "duplicate_resubmission" | "replacement_character" | "preview_response" | "score_out_of_range" | "invalid_budget" | "invalid_scale" | "invalid_weight" | "not_converged" | "conflict_of_interest" | "invalid_amount" | "infeasible_constraints" | "dependency_cycle" | "invalid_date" | "missing_duration" | "missing_date" | "invalid_window" | "unsupported_version" | "internal";

/**
 * A value in an error's `details`: a number, a text or a list of them.
 */
export type ErrorDetail = number | string | Array<ErrorDetail>;

/**
 * An estimate with its interval.
 */
export type EstimateInterval = {
  /**
   * The point estimate.
   */
  estimate: number,
  /**
   * Lower bound.
   */
  lower: number,
  /**
   * Upper bound.
   */
  upper: number,
};

/**
 * Result of Fisher's exact test.
 */
export type FisherExact = {
  /**
   * Rows of the table.
   */
  rows: number,
  /**
   * Columns of the table.
   */
  columns: number,
  /**
   * Two-sided p-value in [0, 1] (R's rule, probabilities ≤ observed × (1 + 10⁻⁷)).
   */
  pValue: number,
  /**
   * 2×2 only: the conditional maximum-likelihood odds ratio (R `fisher.test()$estimate`);
   * 0 when the first cell is at its least, `null` when at its most (unbounded) and for r×c.
   */
  oddsRatio: number | null,
  /**
   * 2×2 only: lower bound of the conditional interval (0 when the first cell is at its least).
   */
  lower: number | null,
  /**
   * 2×2 only: upper bound; `null` when unbounded (the first cell at its most) or r×c.
   */
  upper: number | null,
  /**
   * Confidence level of the interval.
   */
  level: number,
};

/**
 * Fleiss' kappa of m raters with its z test.
 */
export type FleissKappa = {
  /**
   * `"fleiss_kappa"`.
   */
  method: StatsMethod,
  /**
   * Subjects given.
   */
  n: number,
  /**
   * Subjects used (rated by every rater).
   */
  nUsed: number,
  /**
   * Raters (columns).
   */
  raters: number,
  /**
   * The categories that occur, ascending.
   */
  categories: Array<number>,
  /**
   * Kappa.
   */
  kappa: number,
  /**
   * Standard error under the null of no agreement beyond chance (Fleiss, Nee & Landis 1979).
   */
  se: number,
  /**
   * z = kappa / se.
   */
  z: number,
  /**
   * Two-sided p-value of z.
   */
  pValue: number,
};

/**
 * A funded proposal.
 */
export type FundedProposal = {
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * The score maximised (raw or calibrated), 0–100.
   */
  score: number,
  /**
   * Dollars awarded.
   */
  amount: number,
  /**
   * Dollars requested.
   */
  amountRequested: number,
  /**
   * True when awarded less than requested.
   */
  partial: boolean,
};

/**
 * Options of [`fund_within_budget`].
 */
export type FundingOptions = {
  /**
   * The budget, in whole dollars.
   */
  budget: number,
  /**
   * Allow funding a proposal at its `minimumAmount` (then topping it up from what is left);
   * default false.
   */
  partial?: boolean,
  /**
   * Minimum share of the budget, in [0, 1], per level id, spent on proposals whose strongest
   * level (highest level score; ties go to the level listed later) it is.
   */
  minSharePerLevel?: { [key in string]?: number },
  /**
   * Minimum share of the budget, in [0, 1], per community (the proposals' `community`).
   */
  minSharePerCommunity?: { [key in string]?: number },
  /**
   * Maximise calibrated scores (reviewer offsets removed) instead of raw weighted scores.
   */
  calibrated?: boolean,
  /**
   * Equity constraints on any attribute: minimum and maximum shares of the budget or of the
   * awards, caps per organisation (see [`EquityConstraint`]); empty by default.
   */
  constraints?: Array<EquityConstraint>,
};

/**
 * The funding decision.
 */
export type FundingResult = {
  /**
   * The solver: `Method::DpOverCost` or `Method::BranchAndBound`.
   */
  method: RoundMethod,
  /**
   * True when the funded set is proven to maximise the total score.
   */
  optimal: boolean,
  /**
   * Upper bound on the best total score (equals `totalScore` when optimal).
   */
  upperBound: number,
  /**
   * `"raw"` or `"calibrated"`.
   */
  scores: string,
  /**
   * The budget, dollars.
   */
  budget: number,
  /**
   * Dollars awarded.
   */
  totalFunded: number,
  /**
   * Dollars left.
   */
  remaining: number,
  /**
   * Sum of the funded proposals' scores.
   */
  totalScore: number,
  /**
   * Funded proposals, best score first.
   */
  funded: Array<FundedProposal>,
  /**
   * The best-scored unfunded proposal; `null` when everything scored is funded.
   */
  nextInLine: NextInLine | null,
  /**
   * Minimum shares and how they were met.
   */
  shares: Array<ShareReport>,
  /**
   * How each equity constraint holds (all met: the optimum is constrained by them).
   */
  constraints: Array<ConstraintCheck>,
  /**
   * Which conditions the funded set works on.
   */
  coverage: Coverage,
  /**
   * Proposals considered (with a score).
   */
  n: number,
  /**
   * Notes, e.g. proposals without a score that cannot be funded.
   */
  warnings: Array<Note>,
};

/**
 * Result of [`chi_square_gof`].
 */
export type GoodnessOfFit = {
  /**
   * `Method::ChiSquareGof`.
   */
  method: StatsMethod,
  /**
   * Total count.
   */
  n: number,
  /**
   * Number of categories.
   */
  categories: number,
  /**
   * Pearson's X² statistic.
   */
  statistic: number,
  /**
   * Degrees of freedom, categories − 1.
   */
  df: number,
  /**
   * p-value P(χ²_df > X²), in [0, 1].
   */
  pValue: number,
  /**
   * Expected counts n·p_i.
   */
  expected: Array<number>,
  /**
   * The smallest expected count.
   */
  minExpected: number,
  /**
   * How many categories have an expected count below 5.
   */
  cellsBelow5: number,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
};

/**
 * One of the six Shrout–Fleiss intraclass correlations, as `psych::ICC` reports it.
 */
export type IccForm = {
  /**
   * `"ICC1"`, `"ICC2"`, `"ICC3"`, `"ICC1k"`, `"ICC2k"` or `"ICC3k"` (psych's names); Shrout &
   * Fleiss write them ICC(1,1), ICC(2,1), ICC(3,1), ICC(1,k), ICC(2,k), ICC(3,k).
   */
  form: string,
  /**
   * What the form assumes, e.g. `"single rater, absolute agreement, random raters"`.
   */
  description: string,
  /**
   * The intraclass correlation, at most 1 (it can be negative).
   */
  icc: number,
  /**
   * The F statistic of the test that the ICC is 0; `null` when the error mean square is 0.
   */
  f: number | null,
  /**
   * Numerator degrees of freedom of the F test.
   */
  df1: number,
  /**
   * Denominator degrees of freedom of the F test.
   */
  df2: number,
  /**
   * Upper-tail p-value of the F test; `null` when `f` is `null`.
   */
  pValue: number | null,
  /**
   * Lower confidence bound; `null` when it cannot be computed (no error variance).
   */
  lower: number | null,
  /**
   * Upper confidence bound; `null` when it cannot be computed.
   */
  upper: number | null,
};

/**
 * The ICC from the variance components of the crossed model (see the module documentation).
 */
export type IccReml = {
  /**
   * Subjects with at least one rating.
   */
  n: number,
  /**
   * Raters with at least one rating.
   */
  raters: number,
  /**
   * Ratings used (every present cell).
   */
  ratings: number,
  /**
   * σ²_s: variance between subjects (proposals).
   */
  varSubjects: number,
  /**
   * σ²_r: variance between raters (reviewers' harshness).
   */
  varRaters: number,
  /**
   * σ²_e: residual variance.
   */
  varError: number,
  /**
   * ICC(A,1) = σ²_s / (σ²_s + σ²_r + σ²_e): psych's ICC2 with `lmer = TRUE`.
   */
  iccAgreement: number,
  /**
   * ICC(C,1) = σ²_s / (σ²_s + σ²_e): psych's ICC3 with `lmer = TRUE`.
   */
  iccConsistency: number,
  /**
   * The REML criterion at the optimum (lme4's `REMLcrit`).
   */
  remlCriterion: number,
};

/**
 * The six intraclass correlations of a subjects × raters matrix with the ANOVA mean squares.
 */
export type IccResult = {
  /**
   * `Method::ShroutFleiss`.
   */
  method: StatsMethod,
  /**
   * Subjects (rows) given.
   */
  n: number,
  /**
   * Complete rows used.
   */
  nUsed: number,
  /**
   * Rows dropped because at least one rating was missing.
   */
  nExcluded: number,
  /**
   * Raters (columns), `k`.
   */
  raters: number,
  /**
   * Confidence level of the intervals, e.g. 0.95.
   */
  level: number,
  /**
   * Between-subjects mean square (MSB).
   */
  msSubjects: number,
  /**
   * Between-raters mean square (MSJ).
   */
  msRaters: number,
  /**
   * Residual mean square of the two-way model (MSE).
   */
  msError: number,
  /**
   * Within-subjects mean square of the one-way model (MSW).
   */
  msWithin: number,
  /**
   * ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k in that order.
   */
  forms: Array<IccForm>,
  /**
   * Notes for the reader, e.g. how many incomplete rows were dropped.
   */
  warnings: Array<Note>,
};

/**
 * Effect sizes of two independent groups, x against y (positive when x is higher).
 */
export type IndependentEffects = {
  /**
   * Values used in x.
   */
  nX: number,
  /**
   * Values used in y.
   */
  nY: number,
  /**
   * Missing values (NaN) dropped.
   */
  nExcluded: number,
  /**
   * Degrees of freedom n₁ + n₂ − 2.
   */
  df: number,
  /**
   * The pooled standard deviation.
   */
  sdPooled: number,
  /**
   * Cohen's d with the noncentral-t interval.
   */
  cohensD: EffectInterval,
  /**
   * Hedges' g with the exact correction J(df).
   */
  hedgesG: EffectInterval,
  /**
   * Hedges' g with the approximate correction 1 − 3/(4df − 1).
   */
  hedgesGApprox: EffectInterval,
  /**
   * Exact J(df).
   */
  correction: number,
  /**
   * Confidence level.
   */
  level: number,
};

/**
 * An interval for one proportion, each named for its reference.
 */
export type IntervalMethod = "wilson" | "wilson_cc" | "clopper_pearson" | "agresti_coull" | "jeffreys";

/**
 * Options of [`proportion_interval`].
 */
export type IntervalOptions = {
  /**
   * Default `"wilson"`.
   */
  method?: IntervalMethod,
  /**
   * Confidence level in (0, 1); default 0.95.
   */
  level?: number,
};

/**
 * Statistics of one item of the scale.
 */
export type ItemReliability = {
  /**
   * Column of the item in the data (0-based).
   */
  index: number,
  /**
   * Mean of the item over the complete respondents.
   */
  mean: number,
  /**
   * Standard deviation of the item (n − 1 denominator).
   */
  sd: number,
  /**
   * Correlation of the item with the total score (R psych: `raw.r`); `None` when the item
   * does not vary.
   */
  rTotal: number | null,
  /**
   * Corrected item-total correlation: the item with the sum of the other items (R psych:
   * `r.drop`); `None` when the item or the rest does not vary.
   */
  rDrop: number | null,
  /**
   * Raw alpha of the scale without this item (R psych: `alpha.drop$raw_alpha`); `None` with
   * only two items (one left is no scale) or when the rest does not vary.
   */
  alphaIfDeleted: number | null,
};

/**
 * One weighted or unweighted kappa with its asymptotic standard error and Wald interval.
 */
export type KappaEstimate = {
  /**
   * `"unweighted"`, `"linear"` (vcd "Equal-Spacing") or `"quadratic"` ("Fleiss-Cicchetti").
   */
  weights: string,
  /**
   * Kappa, (p_o − p_e) / (1 − p_e) with weighted agreement proportions.
   */
  kappa: number,
  /**
   * Large-sample standard error (Fleiss, Cohen & Everitt 1969), not under the null.
   */
  ase: number,
  /**
   * kappa − z·ase.
   */
  lower: number,
  /**
   * kappa + z·ase.
   */
  upper: number,
};

/**
 * Options of [`cohens_kappa`].
 */
export type KappaOptions = {
  /**
   * The categories in scale order; the weights use their positions. Default: every code that
   * occurs, ascending.
   */
  categories?: Array<number> | null,
  /**
   * Confidence level of the Wald intervals, in (0, 1). Default 0.95.
   */
  level?: number,
};

/**
 * Krippendorff's alpha with the sizes it was computed from.
 */
export type KrippendorffAlpha = {
  /**
   * `"krippendorff"`.
   */
  method: StatsMethod,
  /**
   * `"nominal"`, `"ordinal"`, `"interval"` or `"ratio"`.
   */
  metric: string,
  /**
   * α = 1 − D_o / D_e, at most 1; 0 is chance agreement, negative is systematic disagreement.
   */
  alpha: number,
  /**
   * Observed disagreement D_o (per pairable value).
   */
  observedDisagreement: number,
  /**
   * Disagreement expected by chance D_e.
   */
  expectedDisagreement: number,
  /**
   * Units (subjects) given.
   */
  nUnits: number,
  /**
   * Units with at least two ratings (pairable).
   */
  nUnitsPairable: number,
  /**
   * Pairable values n (ratings in pairable units).
   */
  nPairable: number,
  /**
   * Raters (columns).
   */
  raters: number,
  /**
   * The bootstrap interval, when one was asked for ([`super::krippendorff_alpha_interval`]).
   */
  bootstrap: AlphaBootstrap | null,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
};

/**
 * Options of [`super::krippendorff_alpha_interval`].
 */
export type KrippendorffOptions = {
  /**
   * Level of measurement. Default `"interval"`.
   */
  metric?: AlphaMetric,
  /**
   * Confidence level of the bootstrap interval, in (0, 1). Default 0.95.
   */
  level?: number,
  /**
   * Bootstrap resamples, 0 (no interval) to 100,000. Default 1000.
   */
  resamples?: number,
  /**
   * Seed of the xoshiro256** generator, so the interval is reproducible. Default 1.
   */
  seed?: number,
};

/**
 * The Kruskal–Wallis test with the group sizes and mean ranks.
 */
export type KruskalWallis = {
  /**
   * `"kruskal_wallis"`.
   */
  method: StatsMethod,
  /**
   * Values given.
   */
  n: number,
  /**
   * Values used (value and group present).
   */
  nUsed: number,
  /**
   * The group codes, ascending.
   */
  groups: Array<number>,
  /**
   * Size of each group.
   */
  sizes: Array<number>,
  /**
   * Mean rank of each group.
   */
  meanRanks: Array<number>,
  /**
   * H corrected for ties (the chi-squared statistic).
   */
  statistic: number,
  /**
   * Degrees of freedom, groups − 1.
   */
  df: number,
  /**
   * Upper-tail chi-square p-value.
   */
  pValue: number,
};

/**
 * A language of user-facing text. Serialized as `"en"` / `"es"` (snake_case, like every enum
 * value at the boundary).
 */
export type Lang = "en" | "es";

/**
 * A level of explicitness that groups conditions (FSG: structural, relational, transformative).
 */
export type Level = {
  /**
   * Stable id, e.g. `"structural"`.
   */
  id: string,
  /**
   * Display name.
   */
  name: Text,
  /**
   * What the level holds.
   */
  description: Text,
};

/**
 * Options that carry only a confidence level.
 */
export type LevelOptions = {
  /**
   * Confidence level in (0, 1); default 0.95.
   */
  level?: number,
};

/**
 * A proposal's score in one level (weighted over the level's conditions), 0–100.
 */
export type LevelScore = {
  /**
   * The level's id.
   */
  levelId: string,
  /**
   * Weighted mean of the level's scaled condition means; `null` when none was scored.
   */
  score: number | null,
};

/**
 * How the funding line treated a proposal.
 */
export type LineStatus = "funded" | "skipped_cost" | "skipped_constraint" | "below";

/**
 * The lottery's audit record: everything needed to re-derive the draw.
 */
export type LotteryAudit = {
  /**
   * Seed of the draw.
   */
  seed: number,
  /**
   * Seed of the bootstrap.
   */
  bootstrapSeed: number,
  /**
   * Bootstrap resamples.
   */
  resamples: number,
  /**
   * Coverage of the rank interval deciding the band.
   */
  bandLevel: number,
  /**
   * How many of the best by expected rank fit the budget.
   */
  linePosition: number,
  /**
   * The funding line: the expected rank of the last fundable proposal (`null`: none fits).
   */
  fundingLineAt: number | null,
  /**
   * Ids funded because clearly above the line, by expected rank.
   */
  accepted: Array<string>,
  /**
   * Ids in the band, by expected rank.
   */
  band: Array<string>,
  /**
   * The band in drawn order.
   */
  drawOrder: Array<string>,
  /**
   * Band members funded by the draw.
   */
  drawn: Array<string>,
  /**
   * False when every band member was funded (the draw decided nothing).
   */
  drawDecided: boolean,
};

/**
 * Result of [`mann_whitney`].
 */
export type MannWhitney = {
  /**
   * `Method::MannWhitney`.
   */
  method: StatsMethod,
  /**
   * `"exact"`, `"normal"` or `"none"` (every value tied: p = 1 by convention).
   */
  pValueMethod: StatsMethod,
  /**
   * Whether a continuity correction was applied (normal approximation only).
   */
  correct: boolean,
  /**
   * Values of x used.
   */
  nX: number,
  /**
   * Values of y used.
   */
  nY: number,
  /**
   * Values of x dropped as missing (NaN).
   */
  nExcludedX: number,
  /**
   * Values of y dropped as missing (NaN).
   */
  nExcludedY: number,
  /**
   * R's W = U of x: the number of pairs (x_i, y_j) with x_i > y_j, ties counting ½.
   */
  statistic: number,
  /**
   * U of y = n_x·n_y − W.
   */
  uY: number,
  /**
   * Standardized statistic of the normal approximation; `null` for the exact test or when
   * all values are tied.
   */
  z: number | null,
  /**
   * Two-sided p-value, in [0, 1].
   */
  pValue: number,
  /**
   * Rank-biserial correlation 2W/(n_x·n_y) − 1, in [−1, 1]: positive when x tends to be
   * larger than y.
   */
  rankBiserial: number,
  /**
   * Common-language effect size W/(n_x·n_y) = P(X > Y) + ½·P(X = Y), in [0, 1].
   */
  commonLanguage: number,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
};

/**
 * Options of [`mann_whitney`].
 */
export type MannWhitneyOptions = {
  /**
   * Continuity correction of the normal approximation; default `true` (as R).
   */
  correct?: boolean,
  /**
   * `None` (default): exact when both samples have fewer than 50 values and there are no
   * ties (R's rule). `Some(true)`: exact whenever there are no ties (up to
   * `n_x · n_y ≤ 10 000`). `Some(false)`: always the normal approximation.
   */
  exact?: boolean | null,
};

/**
 * Result of [`mcnemar`] and [`mcnemar_pairs`].
 */
export type McNemar = {
  /**
   * `"mcnemar"`.
   */
  method: StatsMethod,
  /**
   * Pairs given (`null` when only the discordant counts were given).
   */
  n: number | null,
  /**
   * Complete pairs, a + b + c + d (`null` when only the discordant counts were given).
   */
  nUsed: number | null,
  /**
   * Pairs dropped because a value was missing (NaN); 0 for counts.
   */
  nExcluded: number,
  /**
   * The full table, when known.
   */
  table: PairedTable | null,
  /**
   * Yes before, no after.
   */
  b: number,
  /**
   * No before, yes after.
   */
  c: number,
  /**
   * Discordant pairs, b + c.
   */
  discordant: number,
  /**
   * The reported two-sided p-value: the exact (binomial) McNemar test, in [0, 1].
   */
  pValue: number,
  /**
   * `Method::ExactBinomial`.
   */
  pValueMethod: StatsMethod,
  /**
   * Asymptotic statistic (b − c)²/(b + c) without continuity correction.
   */
  chiSquare: number,
  /**
   * Its p-value (chi-square, 1 df).
   */
  pChiSquare: number,
  /**
   * Asymptotic statistic (|b − c| − 1)²/(b + c) with continuity correction (R's default).
   */
  chiSquareCorrected: number,
  /**
   * Its p-value (chi-square, 1 df).
   */
  pChiSquareCorrected: number,
  /**
   * Degrees of freedom of the chi-square statistics: 1.
   */
  df: number,
  /**
   * The change in the share saying yes with Newcombe's interval, when the table is known.
   */
  difference: PairedDifference | null,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
};

/**
 * Options of [`mcnemar`] (counts): the confidence level and, optionally, the concordant
 * counts `a` and `d`, which the interval for the change needs.
 */
export type McNemarOptions = {
  /**
   * Confidence level in (0, 1); default 0.95.
   */
  level?: number,
  /**
   * Pairs saying yes both times; with `d`, enables the interval.
   */
  a?: number | null,
  /**
   * Pairs saying no both times; with `a`, enables the interval.
   */
  d?: number | null,
};

/**
 * The reference of one method tag.
 */
export type MethodInfo = {
  /**
   * The method tag, snake_case, as results carry it (e.g. `wilson`).
   */
  method: string,
  /**
   * Whose results carry it: `stats`, `conditions` (proposals) or `toc` (logic models).
   */
  area: string,
  /**
   * Citation (authors, year, journal, pages); `null` for plain arithmetic.
   */
  paper: string | null,
  /**
   * An R call that reproduces the number; `null` when none does.
   */
  rCall: string | null,
};

/**
 * The best-scored proposal left unfunded and what it would take to fund it.
 */
export type NextInLine = {
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * Its score.
   */
  score: number,
  /**
   * What funding it costs (its minimum when partial funding is on), dollars.
   */
  amount: number,
  /**
   * More budget needed to fund it on top of the funded set, dollars (partial funding: money
   * given as top-ups counts as available).
   */
  additionalBudget: number,
  /**
   * The lowest-scored single funded proposal it could replace within the budget and the
   * minimum shares; `null` when no single swap fits.
   */
  displace: Displacement | null,
};

/**
 * A warning or note: a stable code, a severity and typed parameters.
 */
export type Note = {
  /**
   * Stable code; the page's string tables are keyed by it.
   */
  code: NoteCode,
  /**
   * How much it matters.
   */
  severity: Severity,
  /**
   * Typed parameters, by name (the names the page's templates use).
   */
  params?: { [key in string]?: Param },
};

/**
 * A stable note code (snake_case at the boundary).
 */
export type NoteCode = "adjust_missing_p_values" | "chi_square_small_expected" | "chi_square_yates_not_2x2" | "icc_exact_agreement" | "icc_subjects_excluded" | "krippendorff_units_unpairable" | "mcnemar_empty_table" | "mcnemar_no_change" | "odds_ratio_zero_cell" | "power_below_minimum" | "rank_sum_all_tied" | "rank_sum_exact_limit" | "rank_sum_exact_with_ties" | "reliability_constant_items" | "reliability_negative_alpha" | "reliability_omega_heywood" | "reliability_omega_reversed" | "reliability_respondents_excluded" | "risk_ratio_zero_cell" | "signed_rank_all_zero" | "signed_rank_exact_limit" | "signed_rank_exact_with_ties" | "signed_rank_zeros_dropped" | "signed_rank_zeros_pratt" | "two_proportions_all_same" | "answers_not_on_scale" | "codes_without_labels" | "missing_code_suspected" | "describe_few_answers" | "describe_no_answers" | "pair_scales_differ" | "scale_not_declared" | "shift_no_pairs" | "shift_then_test" | "subgroup_no_test" | "synthetic_data" | "test_not_computed" | "wave_no_answers" | "wave_scales_unconfirmed" | "wave_sizes_assumed" | "weights_unweighted_matched" | "weights_unweighted_scales" | "weights_unweighted_subgroups" | "weights_unweighted_test" | "weights_unweighted_waves" | "agreement_not_computed" | "agreement_resamples_reduced" | "assignment_disconnected" | "budget_search_stopped" | "budget_unscored" | "calibration_disconnected" | "calibration_no_z_scores" | "decision_constraint_unmet" | "decision_line_skipped" | "import_attributes" | "import_columns_ignored" | "ranking_not_drawn" | "reviews_csv_columns_ignored" | "round_more_incomplete" | "round_no_scores" | "round_one_reviewer" | "round_review_incomplete" | "scores_missing_conditions" | "progress_no_schedule" | "progress_status_mismatch" | "progress_target_is_baseline" | "evidence_direction_unknown" | "evidence_item_withheld" | "evidence_no_target" | "link_condition_not_in_rubric" | "link_item_unknown" | "link_model_unknown" | "link_proposal_no_model" | "link_source_incomplete" | "link_source_untyped" | "link_statistic_not_possible" | "link_survey_unknown";

/**
 * McDonald's omega total with the one-factor minres fit behind it.
 */
export type Omega = {
  /**
   * `"mcdonald_omega"`.
   */
  method: StatsMethod,
  /**
   * How the one-factor model was fitted: `"minres"` (psych `fa(fm = "minres")`, without
   * psych's lower bound of 0.005 on uniquenesses: a Heywood case is withheld instead).
   */
  fit: StatsMethod,
  /**
   * The matrix the model was fitted to: `"correlation"` (psych `omega`'s default).
   */
  matrix: string,
  /**
   * How missing answers were handled: `"listwise"`.
   */
  missing: string,
  /**
   * Respondents (rows) given.
   */
  n: number,
  /**
   * Respondents with every item answered, used in all statistics.
   */
  nUsed: number,
  /**
   * Respondents left out because of a missing answer.
   */
  nExcluded: number,
  /**
   * Number of items.
   */
  nItems: number,
  /**
   * Omega total, 1 − Σ(1 − λᵢ²) / V with V the sum of every cell of the correlation matrix
   * (reversed items' signs flipped): psych `omega(x, 1)$omega.tot`. `None` (withheld, with
   * the note `reliability_omega_heywood`) when a loading is at least 1 in absolute value.
   */
  omegaTotal: number | null,
  /**
   * Loadings λᵢ on the one factor, in column order, signs as fitted (their sum positive).
   */
  loadings: Array<number>,
  /**
   * Uniquenesses 1 − λᵢ², in column order.
   */
  uniquenesses: Array<number>,
  /**
   * Items (0-based) with a negative loading, reversed before omega as psych's `flip = TRUE`.
   */
  reversed: Array<number>,
  /**
   * Coordinate sweeps the fit took.
   */
  iterations: number,
  /**
   * Notes for the reader (excluded respondents, reversed items, a withheld Heywood case).
   */
  warnings: Array<Note>,
};

/**
 * A proportion with an interval by the named method.
 */
export type OneProportion = {
  /**
   * Successes.
   */
  x: number,
  /**
   * Trials.
   */
  n: number,
  /**
   * x / n, in [0, 1].
   */
  estimate: number,
  /**
   * Lower bound, in [0, 1].
   */
  lower: number,
  /**
   * Upper bound, in [0, 1].
   */
  upper: number,
  /**
   * Confidence level.
   */
  level: number,
  /**
   * The interval method.
   */
  method: IntervalMethod,
};

/**
 * How many pairs improved (after > before), stayed the same or got worse, with their shares of
 * the complete pairs.
 */
export type PairShares = {
  /**
   * Pairs with after > before.
   */
  improved: number,
  /**
   * Pairs with after = before.
   */
  same: number,
  /**
   * Pairs with after < before.
   */
  worse: number,
  /**
   * `improved / nUsed`, in [0, 1].
   */
  improvedShare: number,
  /**
   * `same / nUsed`, in [0, 1].
   */
  sameShare: number,
  /**
   * `worse / nUsed`, in [0, 1].
   */
  worseShare: number,
};

/**
 * The change in the share saying yes, `after − before`, with its interval.
 */
export type PairedDifference = {
  /**
   * Share saying yes before, (a + b)/n.
   */
  before: number,
  /**
   * Share saying yes after, (a + c)/n.
   */
  after: number,
  /**
   * The simple difference `after − before` = (c − b)/n, in [−1, 1].
   */
  estimate: number,
  /**
   * Lower bound, in [−1, 1].
   */
  lower: number,
  /**
   * Upper bound, in [−1, 1].
   */
  upper: number,
  /**
   * Confidence level.
   */
  level: number,
  /**
   * `Method::NewcombePaired` (Newcombe 1998, method 10).
   */
  method: StatsMethod,
};

/**
 * Effect sizes of paired data, on after − before.
 */
export type PairedEffects = {
  /**
   * Complete pairs used.
   */
  nUsed: number,
  /**
   * Pairs dropped for a missing value.
   */
  nExcluded: number,
  /**
   * d_z with the noncentral-t interval.
   */
  dz: EffectInterval,
  /**
   * g_z = d_z·J(n − 1), interval bounds times J.
   */
  gz: EffectInterval,
  /**
   * g_av = mean difference / ((SD before + SD after)/2) × J(n − 1), with the Algina–Keselman
   * interval (the d_z limits × s_D/s_av × J).
   */
  gav: EffectInterval,
  /**
   * Exact J(n − 1).
   */
  correction: number,
  /**
   * Confidence level.
   */
  level: number,
};

/**
 * Result of [`paired_proportions`].
 */
export type PairedProportions = {
  /**
   * The table.
   */
  table: PairedTable,
  /**
   * Pairs, a + b + c + d.
   */
  n: number,
  /**
   * Exact McNemar p-value, min(1, 2 P(X ≤ min(b, c))), X ~ Binomial(b + c, ½).
   */
  pExact: number,
  /**
   * Mid-p McNemar p-value: the exact one minus P(X = min(b, c)).
   */
  pMid: number,
  /**
   * (c − b)/n with the Wald interval, clipped to [−1, 1].
   */
  wald: EstimateInterval,
  /**
   * With the Wald interval with continuity correction 1/n.
   */
  waldCorrected: EstimateInterval,
  /**
   * With Newcombe's interval (method 10), as `mcnemar`.
   */
  newcombe: EstimateInterval,
  /**
   * Confidence level.
   */
  level: number,
};

/**
 * Result of [`paired_t`].
 */
export type PairedT = {
  /**
   * `Method::PairedT`.
   */
  method: StatsMethod,
  /**
   * Pairs given.
   */
  n: number,
  /**
   * Complete pairs used.
   */
  nUsed: number,
  /**
   * Pairs dropped because a value was missing (NaN).
   */
  nExcluded: number,
  /**
   * Mean of `before` over the complete pairs.
   */
  meanBefore: number,
  /**
   * Mean of `after` over the complete pairs.
   */
  meanAfter: number,
  /**
   * Mean of the differences `after − before`.
   */
  meanDifference: number,
  /**
   * Standard deviation of the differences (n − 1 denominator).
   */
  sdDifference: number,
  /**
   * Standard error of the mean difference, sd / √n.
   */
  standardError: number,
  /**
   * t statistic, mean difference / standard error.
   */
  t: number,
  /**
   * Degrees of freedom, n − 1.
   */
  df: number,
  /**
   * Two-sided p-value, in [0, 1].
   */
  pValue: number,
  /**
   * Lower bound of the interval for the mean difference.
   */
  lower: number,
  /**
   * Upper bound of the interval for the mean difference.
   */
  upper: number,
  /**
   * Confidence level.
   */
  level: number,
  /**
   * Cohen's d_z = mean difference / sd of the differences.
   */
  cohensDz: number,
  /**
   * How many pairs improved, stayed the same or got worse.
   */
  shares: PairShares,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
};

/**
 * The paired yes/no table. Rows are *before*, columns *after*:
 *
 * ```text
 *                 after yes   after no
 *   before yes        a           b
 *   before no         c           d
 * ```
 */
export type PairedTable = {
  /**
   * Yes before and yes after.
   */
  a: number,
  /**
   * Yes before, no after (lost).
   */
  b: number,
  /**
   * No before, yes after (gained).
   */
  c: number,
  /**
   * No before and no after.
   */
  d: number,
};

/**
 * A parameter of a note: a number, a text (an id, an item id, a code as written) or a list.
 *
 * Serialized untagged: a JSON number, string or array. Numbers are finite; a non-finite value
 * becomes its text (`"NaN"`), never a JSON `null` that would read as zero.
 */
export type Param = number | string | Array<Param>;

/**
 * The power of a design with a given n.
 */
export type Power = {
  /**
   * `Method::TwoProportions`, `Method::PairedT` or `Method::McnemarConnor`.
   */
  method: StatsMethod,
  /**
   * What n counts: `"per_group"` or `"pairs"`.
   */
  unit: string,
  /**
   * The n given.
   */
  n: number,
  /**
   * The probability of rejecting the null hypothesis, in [0, 1].
   */
  power: number,
  /**
   * Significance level α.
   */
  alpha: number,
  /**
   * The alternative hypothesis.
   */
  alternative: Alternative,
  /**
   * Whether rejections in the wrong tail were counted (two-sided only).
   */
  strict: boolean,
};

/**
 * Options shared by the power and sample-size functions.
 */
export type PowerOptions = {
  /**
   * Significance level α in (0, 1); default 0.05.
   */
  alpha?: number,
  /**
   * Default two-sided.
   */
  alternative?: Alternative,
  /**
   * Two-sided tests only: also count rejections in the wrong tail (R's `strict = TRUE`).
   * Default `false`, as R; the difference is negligible unless the power is small.
   */
  strict?: boolean,
};

/**
 * The project's linked parts.
 */
export type Project = {
  /**
   * Logic models.
   */
  models?: Array<TocModel>,
  /**
   * Surveys with their reports.
   */
  surveys?: Array<ProjectSurvey>,
  /**
   * The rubric in use; the default rubric (FSG's six conditions and the community-led ones)
   * when absent.
   */
  rubric?: Rubric | null,
};

/**
 * One rubric condition with the outcomes that target it.
 */
export type ProjectConditionEvidence = {
  /**
   * Condition id.
   */
  condition: string,
  /**
   * Its name.
   */
  name: Text,
  /**
   * Its level id (e.g. `structural`).
   */
  levelId: string,
  /**
   * Outcomes targeting it.
   */
  outcomes: Array<ProjectOutcomeEvidence>,
  /**
   * True when at least one of its indicators has a value.
   */
  evidenced: boolean,
};

/**
 * An estimate with its interval, as a proportion (0–1) or a difference of proportions.
 */
export type ProjectEstimate = {
  /**
   * The estimate (`share` in a report's share rows).
   */
  estimate: number,
  /**
   * Lower bound of the interval.
   */
  lower: number,
  /**
   * Upper bound of the interval.
   */
  upper: number,
  /**
   * Respondents or pairs it rests on, when the result states them.
   */
  n?: number | null,
  /**
   * The interval's method, when the result states it.
   */
  method?: StatsMethod | null,
};

/**
 * An indicator's latest evidence.
 */
export type ProjectEvidence = {
  /**
   * Model id.
   */
  model: string,
  /**
   * Indicator id.
   */
  indicator: string,
  /**
   * What is measured.
   */
  measure: Text,
  /**
   * Unit of the estimate, interval and target.
   */
  unit: Text | null,
  /**
   * What feeds it (`null`: no typed source; its series is read if it has one).
   */
  source: TocSourceKind | null,
  /**
   * The survey statistic read (survey-fed only).
   */
  statistic: TocSurveyStatistic | null,
  /**
   * Survey id (survey-fed only).
   */
  survey: string | null,
  /**
   * Item or pair id (survey-fed only).
   */
  item: string | null,
  /**
   * The latest value, in `unit`.
   */
  estimate: number | null,
  /**
   * Lower bound of its interval (equal to the estimate for exact values).
   */
  lower: number | null,
  /**
   * Upper bound of its interval.
   */
  upper: number | null,
  /**
   * Confidence level of the interval (survey-fed only).
   */
  level: number | null,
  /**
   * Respondents, pairs or population it rests on, where known.
   */
  n: number | null,
  /**
   * The interval's method (`wilson`, `newcombe_paired`, `t`); `null` for exact values.
   */
  method: StatsMethod | null,
  /**
   * The period of the value (series) or the survey wave.
   */
  period: string | null,
  /**
   * The target value, in `unit`.
   */
  target: number | null,
  /**
   * Which side of the target is good.
   */
  direction: TocDirection | null,
  /**
   * Clears, straddles, falls short, no data, or ungraded (data without a target or a
   * direction: the grade is withheld, a note says why).
   */
  grade: ProjectGrade,
  /**
   * True when the data is synthetic.
   */
  synthetic: boolean,
  /**
   * Why evidence is missing or ungraded, and link problems (with `path`).
   */
  notes: Array<Note>,
};

/**
 * The evidence map of a project.
 */
export type ProjectEvidenceMap = {
  /**
   * Every rubric condition, in rubric order.
   */
  conditions: Array<ProjectConditionEvidence>,
  /**
   * Conditions, outcomes and indicators without evidence.
   */
  gaps: ProjectGaps,
  /**
   * Links that do not resolve (unknown ids, a condition not in the rubric, a statistic the
   * item cannot give), each with `params.path`; and why grades are withheld.
   */
  notes: Array<Note>,
  /**
   * True when any evidence shown comes from synthetic data.
   */
  synthetic: boolean,
};

/**
 * What the map lacks.
 */
export type ProjectGaps = {
  /**
   * Conditions no indicator has a value for (targeted or not), in rubric order.
   */
  conditions: Array<string>,
  /**
   * Outcomes that target a condition but have no indicator.
   */
  outcomes: Array<ProjectItemRef>,
  /**
   * Indicators of condition-targeting outcomes without a value yet.
   */
  indicators: Array<ProjectItemRef>,
};

/**
 * How an indicator's latest evidence stands against its target.
 */
export type ProjectGrade = "clears" | "straddles" | "falls_short" | "no_data" | "ungraded";

/**
 * One item's numbers (per wave when the survey has waves).
 */
export type ProjectItemFigures = {
  /**
   * Item id.
   */
  item: string,
  /**
   * Item type.
   */
  kind: SurveyItemType,
  /**
   * The wave, when the survey has waves.
   */
  wave?: string | null,
  /**
   * Respondents with an answer.
   */
  nUsed: number,
  /**
   * The top-box share (Likert, yes/no, change items).
   */
  topBox?: ProjectTopBox | null,
  /**
   * Mean of the values.
   */
  mean?: number | null,
  /**
   * Numeric items: t interval of the mean, lower bound.
   */
  meanLower?: number | null,
  /**
   * Numeric items: t interval of the mean, upper bound.
   */
  meanUpper?: number | null,
  /**
   * Why the item's headline is withheld (e.g. a scale not declared); empty when shown.
   */
  notices?: Array<Note>,
};

/**
 * A reference to an outcome or an indicator of a model.
 */
export type ProjectItemRef = {
  /**
   * Model id.
   */
  model: string,
  /**
   * Outcome or indicator id.
   */
  id: string,
};

/**
 * One outcome under a condition, with its indicators' evidence.
 */
export type ProjectOutcomeEvidence = {
  /**
   * Model id.
   */
  model: string,
  /**
   * Outcome id.
   */
  outcome: string,
  /**
   * Its title.
   */
  title: Text,
  /**
   * Its indicators (context figures left out), in model order.
   */
  indicators: Array<ProjectEvidence>,
};

/**
 * One condition of a proposal: its scores and its model's evidence.
 */
export type ProjectProposalCondition = {
  /**
   * Condition id.
   */
  condition: string,
  /**
   * Its name.
   */
  name: Text,
  /**
   * Reviewers who scored it.
   */
  reviewers: number,
  /**
   * Mean score on the condition's scale (`null` when nobody scored it).
   */
  mean: number | null,
  /**
   * The mean rescaled to 0–100.
   */
  scaled: number | null,
  /**
   * Outcomes of the linked model that target the condition.
   */
  outcomes: number,
  /**
   * Their indicators.
   */
  indicators: number,
  /**
   * Indicators whose latest interval clears the target.
   */
  clears: number,
  /**
   * … straddles it.
   */
  straddles: number,
  /**
   * … falls short of it.
   */
  fallsShort: number,
  /**
   * … has no value yet.
   */
  noData: number,
  /**
   * … has a value but no grade (no target or direction).
   */
  ungraded: number,
  /**
   * The plain reading.
   */
  verdict: ProjectVerdict,
};

/**
 * A proposal beside its linked model's evidence.
 */
export type ProjectProposalEvidence = {
  /**
   * Proposal id.
   */
  proposal: string,
  /**
   * The linked model's id (`null` when none is linked or it is not in the project).
   */
  model: string | null,
  /**
   * Every rubric condition, in rubric order.
   */
  conditions: Array<ProjectProposalCondition>,
  /**
   * Why there is no model, and the model's link problems.
   */
  notes: Array<Note>,
  /**
   * True when evidence shown comes from synthetic data.
   */
  synthetic: boolean,
};

/**
 * One before/after pair's numbers.
 */
export type ProjectShiftFigures = {
  /**
   * Pair id.
   */
  pair: string,
  /**
   * Item type of both measurements.
   */
  kind: SurveyItemType,
  /**
   * Complete pairs.
   */
  nUsed: number,
  /**
   * Pairs that moved up, with the Wilson interval.
   */
  improved?: ProjectEstimate | null,
  /**
   * Change in the top-box share, with Newcombe's paired interval.
   */
  topChange?: ProjectEstimate | null,
  /**
   * Why the shift is withheld; empty when shown.
   */
  notices?: Array<Note>,
};

/**
 * A survey of the project: its id (what indicators' sources name) and its report's numbers.
 */
export type ProjectSurvey = {
  /**
   * Survey id, e.g. `"parents"`.
   */
  id: string,
  /**
   * The survey report (the Survey area's `report()` result).
   */
  report: ProjectSurveyFigures,
};

/**
 * The numbers of one survey report the evidence map may read.
 */
export type ProjectSurveyFigures = {
  /**
   * True when the data is synthetic.
   */
  synthetic?: boolean,
  /**
   * Confidence level of every interval.
   */
  level: number,
  /**
   * Per item (per wave).
   */
  items?: Array<ProjectItemFigures>,
  /**
   * Paired shifts.
   */
  shifts?: Array<ProjectShiftFigures>,
};

/**
 * The top box of an item result: its Wilson interval.
 */
export type ProjectTopBox = {
  /**
   * The share with its interval.
   */
  interval: ProjectEstimate,
};

/**
 * What the linked model says of one condition.
 */
export type ProjectVerdict = "not_claimed" | "claimed_no_indicator" | "claimed_no_data" | "evidenced";

/**
 * Result of [`compare_proportions`].
 */
export type ProportionComparison = {
  /**
   * x₁ / n₁.
   */
  p1: number,
  /**
   * x₂ / n₂.
   */
  p2: number,
  /**
   * p₁ − p₂ with the Wald interval, clipped to [−1, 1].
   */
  wald: EstimateInterval,
  /**
   * p₁ − p₂ with the Wald interval with continuity correction (R `prop.test`'s interval).
   */
  waldCorrected: EstimateInterval,
  /**
   * p₁/p₂ with the Katz log interval; `null` when x₁ or x₂ is 0.
   */
  riskRatio: EstimateInterval | null,
  /**
   * (x₁(n₂ − x₂))/(x₂(n₁ − x₁)) with the Woolf log interval; `null` with an empty cell.
   */
  oddsRatio: EstimateInterval | null,
  /**
   * Confidence level.
   */
  level: number,
  /**
   * `risk_ratio_zero_cell`, `odds_ratio_zero_cell` when a ratio is withheld.
   */
  warnings: Array<Note>,
};

/**
 * A proportion `x / n` with a confidence interval, naming the method that produced it.
 */
export type ProportionInterval = {
  /**
   * Number of successes (e.g. parents who agree or strongly agree).
   */
  x: number,
  /**
   * Number of trials (respondents who answered).
   */
  n: number,
  /**
   * The observed share `x / n`, in [0, 1].
   */
  estimate: number,
  /**
   * Lower bound of the interval, in [0, 1].
   */
  lower: number,
  /**
   * Upper bound of the interval, in [0, 1].
   */
  upper: number,
  /**
   * Confidence level, in (0, 1), e.g. 0.95.
   */
  level: number,
  /**
   * The interval method: `"wilson"`.
   */
  method: StatsMethod,
};

/**
 * A grant proposal.
 */
export type Proposal = {
  /**
   * Stable id, e.g. `"p01"`.
   */
  id: string,
  /**
   * Title.
   */
  title: string,
  /**
   * The applicant organization.
   */
  applicant: string,
  /**
   * The community served (used for minimum shares of the budget), e.g. `"North Shore"`.
   */
  community: string,
  /**
   * Amount requested, in whole dollars.
   */
  amountRequested: number,
  /**
   * Smallest amount with which the project is still viable, in whole dollars (partial
   * funding); `null` when the project cannot be funded partially.
   */
  minimumAmount?: number | null,
  /**
   * Id of the proposal's theory-of-change model, if one was built.
   */
  tocModelId?: string | null,
  /**
   * Any further attributes, by name (e.g. `"communityLed": "yes"`, `"region": "East"`), for
   * equity constraints and the page's filters; empty by default.
   */
  attributes?: { [key in string]?: string },
};

/**
 * One proposal under the three rules.
 */
export type ProposalDecision = {
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * Its score (raw or calibrated), 0–100.
   */
  score: number,
  /**
   * Its rank by score (1 = best).
   */
  rank: number,
  /**
   * Expected rank over the bootstrap.
   */
  expectedRank: number | null,
  /**
   * Rank interval at `bandLevel`.
   */
  rankLower: number | null,
  /**
   * Rank interval at `bandLevel` (worse end).
   */
  rankUpper: number | null,
  /**
   * The funding line's treatment.
   */
  line: LineStatus,
  /**
   * Funded by the maximum total score.
   */
  maxScore: boolean,
  /**
   * The lottery rule's group.
   */
  group: BandGroup,
  /**
   * Funded by the lottery rule.
   */
  lottery: boolean,
  /**
   * True when the three rules do not agree on it.
   */
  differs: boolean,
};

/**
 * One proposal's scores.
 */
export type ProposalScore = {
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * Weighted score on 0–100; `null` when the proposal has no scores.
   */
  score: number | null,
  /**
   * Reviewers who scored the proposal.
   */
  reviewers: number,
  /**
   * Profile by level, in rubric order.
   */
  levels: Array<LevelScore>,
  /**
   * Per-condition statistics, in rubric order.
   */
  conditions: Array<ConditionSummary>,
  /**
   * Conditions nobody scored for this proposal (left out of its weighted score).
   */
  missingConditions: Array<string>,
};

/**
 * Proposals read from a CSV file, with every bad cell reported.
 */
export type ProposalsCsv = {
  /**
   * The proposals of the good rows, in file order.
   */
  proposals: Array<Proposal>,
  /**
   * Data rows read.
   */
  rows: number,
  /**
   * Bad cells and rows, each naming `row` (the line number in the file) and `column`.
   */
  errors: Array<EngineError>,
  /**
   * Problems found beyond the listed ones.
   */
  errorsNotListed: number,
  /**
   * Headers read as attributes (`import_attributes`).
   */
  warnings: Array<Note>,
};

/**
 * Where a condition comes from, so a reader can tell the source's words from our inferences.
 */
export type Provenance = "fsg" | "alianza_source" | "alianza_inferred" | "custom";

/**
 * Options of [`rake_columns`]; every field has a default.
 */
export type RakeOptions = {
  /**
   * Base weights, one per row (≥ 0, positive sum); default 1 each.
   */
  weights?: Array<number> | null,
  /**
   * Shares (default: each margin sums to 1) or counts.
   */
  scale?: SurveyMarginScale,
  /**
   * Convergence tolerance in (0, 0.1]; default 1e-6.
   */
  tolerance?: number | null,
  /**
   * Sweep cap from 1 to 10,000; default 100.
   */
  maxIterations?: number | null,
};

/**
 * Raked weights with their Kish summary.
 */
export type RakeResult = {
  /**
   * One weight per row.
   */
  weights: Array<number>,
  /**
   * Sweeps used.
   */
  iterations: number,
  /**
   * Largest remaining category gap over the total.
   */
  maxGap: number,
  /**
   * Σw.
   */
  sumWeights: number,
  /**
   * Kish effective sample size (Σw)²/Σw².
   */
  nEff: number,
  /**
   * Kish design effect n⁺/n_eff.
   */
  deffKish: number,
};

/**
 * One proposal's rank and its uncertainty.
 */
export type RankInterval = {
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * Its score on the full panel (raw or calibrated), 0–100.
   */
  score: number | null,
  /**
   * Its rank on the full panel (1 = best; ties share the better rank).
   */
  rank: number | null,
  /**
   * Median rank over the resamples.
   */
  medianRank: number | null,
  /**
   * Expected rank: the mean rank over the resamples in which it was scored (Heyard et al.
   * 2022's ER, here over the bootstrap rather than a posterior).
   */
  expectedRank: number | null,
  /**
   * Lower end of the rank interval (the better rank).
   */
  rankLower: number | null,
  /**
   * Upper end of the rank interval (the worse rank).
   */
  rankUpper: number | null,
  /**
   * Share of resamples in which it ranks in the top k, in [0, 1]: in which fewer than k
   * proposals score strictly higher (competition ranks, ties share the better rank). With
   * ties more than k proposals can be in one resample's top k, so the column can sum to
   * more than k (see docs/api.md).
   */
  pTopK: number | null,
  /**
   * Resamples in which at least one of its reviewers was drawn (it had a score).
   */
  resamplesScored: number,
};

/**
 * Every proposal's rank on the full panel, in round order, by raw and by calibrated score:
 * competition ranks ("1, 2, 2, 4": 1 + the number of proposals that score strictly higher,
 * so ties share the better rank); `null` for a proposal without a score.
 */
export type Ranks = {
  /**
   * Ranks by raw weighted score.
   */
  raw: Array<number | null>,
  /**
   * Ranks by calibrated score.
   */
  calibrated: Array<number | null>,
};

/**
 * Krippendorff's (2004, p. 241) reading of alpha: rely on data with α ≥ .800, draw tentative
 * conclusions from .667 ≤ α < .800, and do not rely on data below .667.
 */
export type Reliability = "reliable" | "tentative" | "do_not_rely";

/**
 * A reviewer on the panel.
 */
export type Reviewer = {
  /**
   * Stable id, e.g. `"r1"`.
   */
  id: string,
  /**
   * Display name.
   */
  name: string,
};

/**
 * One reviewer's calibration.
 */
export type ReviewerCalibration = {
  /**
   * The reviewer's id.
   */
  reviewerId: string,
  /**
   * Reviews (proposals scored).
   */
  reviews: number,
  /**
   * Offset in points on 0–100: positive = more generous than the average reviewer;
   * `null` without reviews.
   */
  offset: number | null,
  /**
   * Connected group (see [`AdditiveFit::reviewer_group`]).
   */
  group: number | null,
  /**
   * Mean of the reviewer's weighted scores (0–100), the basis of the z-scores.
   */
  mean: number | null,
  /**
   * Standard deviation of the reviewer's weighted scores; `null` with fewer than 2 reviews.
   */
  sd: number | null,
};

/**
 * A reviewer's number of proposals to review.
 */
export type ReviewerLoad = {
  /**
   * The reviewer's id.
   */
  reviewerId: string,
  /**
   * Proposals assigned.
   */
  load: number,
};

/**
 * Reviewers and their conflicts of interest read from a CSV file.
 */
export type ReviewersCsv = {
  /**
   * The reviewers of the good rows, in file order.
   */
  reviewers: Array<Reviewer>,
  /**
   * One conflict per reviewer × proposal id listed in its `conflicts` cell.
   */
  conflicts: Array<Conflict>,
  /**
   * Data rows read.
   */
  rows: number,
  /**
   * Bad cells and rows, each naming `row` and `column`.
   */
  errors: Array<EngineError>,
  /**
   * Problems found beyond the listed ones.
   */
  errorsNotListed: number,
  /**
   * Ignored columns (`reviews_csv_columns_ignored`).
   */
  warnings: Array<Note>,
};

/**
 * Scores read from a CSV file, with every bad cell reported.
 */
export type ReviewsCsv = {
  /**
   * `Method::ReviewsCsv`.
   */
  method: RoundMethod,
  /**
   * Scores read from the good cells (add them to a round's `scores`).
   */
  scores: Array<Score>,
  /**
   * Data rows read.
   */
  rows: number,
  /**
   * Bad cells and rows, each naming `row` (the line number in the file) and `column`.
   */
  errors: Array<EngineError>,
  /**
   * Problems found beyond the listed ones.
   */
  errorsNotListed: number,
  /**
   * Notes, e.g. ignored columns.
   */
  warnings: Array<Note>,
};

/**
 * A review round.
 */
export type Round = {
  /**
   * Title, e.g. "2024 community-led systems change round".
   */
  title: string,
  /**
   * True for made-up example data; the page labels it.
   */
  synthetic?: boolean,
  /**
   * A note shown with the round (e.g. what the example is drawn from).
   */
  note?: string | null,
  /**
   * The proposals.
   */
  proposals: Array<Proposal>,
  /**
   * The reviewers.
   */
  reviewers: Array<Reviewer>,
  /**
   * Conflicts of interest.
   */
  conflicts?: Array<Conflict>,
  /**
   * Scores.
   */
  scores?: Array<Score>,
  /**
   * More scores in columns: the compact form for large rounds (see [`ScoreColumns`]). Both
   * may be given; a score given in both is a duplicate.
   */
  scoreColumns?: ScoreColumns | null,
};

/**
 * Agreement of a round.
 */
export type RoundAgreement = {
  /**
   * `Method::IccCompleteRowsKrippendorff`.
   */
  method: RoundMethod,
  /**
   * Per condition, in rubric order.
   */
  conditions: Array<ConditionAgreement>,
  /**
   * On the reviewers' weighted 0–100 scores.
   */
  overall: ConditionAgreement,
  /**
   * Proposals needing discussion, by proposal then condition.
   */
  flags: Array<DiscussionFlag>,
  /**
   * The spread threshold used on condition scales (fraction of the range).
   */
  spreadThreshold: number,
  /**
   * The spread threshold used on overall scores (points).
   */
  overallSpreadThreshold: number,
  /**
   * Whether spreads were measured after removing reviewer offsets.
   */
  calibratedSpread: boolean,
};

/**
 * The analysis of a round.
 */
export type RoundAnalysis = {
  /**
   * `Method::RoundAnalysis`.
   */
  method: RoundMethod,
  /**
   * Proposals in the round.
   */
  proposals: number,
  /**
   * Reviewers in the round.
   */
  reviewers: number,
  /**
   * Reviews (reviewer × proposal pairs with scores).
   */
  reviews: number,
  /**
   * Weighted scores, level profiles and per-condition statistics.
   */
  scores: RoundScores,
  /**
   * Reviewer offsets, calibrated scores and z-scores.
   */
  calibration: Calibration,
  /**
   * Every proposal's rank by raw and by calibrated score (competition ranks: ties share
   * the better rank), so the page shows the engine's rank rather than computing its own.
   */
  ranks: Ranks,
  /**
   * ICC and Krippendorff's alpha per condition and overall; discussion flags.
   */
  agreement: RoundAgreement,
  /**
   * Systems-change depth flags.
   */
  depthFlags: Array<DepthFlag>,
  /**
   * Which conditions the round's proposals work on.
   */
  coverage: Coverage,
  /**
   * Incomplete-design notes from validation, scores and calibration.
   */
  warnings: Array<Note>,
};

/**
 * A method of a Proposals-area result.
 */
export type RoundMethod = "round_analysis" | "bootstrap_reviewers" | "dp_over_cost" | "branch_and_bound" | "additive_least_squares" | "weighted_mean_of_condition_means" | "icc_complete_rows_krippendorff" | "reviews_csv";

/**
 * Weighted scores of every proposal of a round.
 */
export type RoundScores = {
  /**
   * `Method::WeightedMeanOfConditionMeans`.
   */
  method: RoundMethod,
  /**
   * Proposals, in round order.
   */
  proposals: Array<ProposalScore>,
  /**
   * Notes, e.g. proposals scored on only some conditions.
   */
  warnings: Array<Note>,
};

/**
 * Everything wrong with a round, and what is merely incomplete.
 */
export type RoundValidation = {
  /**
   * True when `errors` is empty: the round can be analysed.
   */
  valid: boolean,
  /**
   * Every problem found (up to [`MAX_LISTED_ERRORS`]), each with a code, a message naming the
   * ids and `details`.
   */
  errors: Array<EngineError>,
  /**
   * Problems found beyond the listed ones.
   */
  errorsNotListed: number,
  /**
   * Incomplete-design notes (proposals without scores, reviews missing conditions…): see
   * the module's table of note codes.
   */
  warnings: Array<Note>,
  /**
   * Proposals in the round.
   */
  proposals: number,
  /**
   * Reviewers in the round.
   */
  reviewers: number,
  /**
   * Conditions in the rubric.
   */
  conditions: number,
  /**
   * Scores in the round.
   */
  scores: number,
  /**
   * Reviews: distinct reviewer × proposal pairs with at least one score.
   */
  reviews: number,
};

/**
 * A scoring rubric: levels and the conditions scored in them.
 */
export type Rubric = {
  /**
   * Schema version, [`RUBRIC_VERSION`].
   */
  version: number,
  /**
   * Display name.
   */
  name: Text,
  /**
   * Levels, in display order.
   */
  levels: Array<Level>,
  /**
   * Conditions, in display order.
   */
  conditions: Array<Condition>,
};

/**
 * One edit of a rubric, as the page sends it: `{ "op": "reweight", "id": "policies",
 * "weight": 2 }`.
 *
 * Decoded through one plain struct (see `edit_fields.rs`) so that a failure inside an added
 * condition names its path; unknown fields are refused at every depth.
 */
export type RubricEdit = { "op": "add",
/**
 * The new condition.
 */
condition: Condition,
} | { "op": "rename",
/**
 * The condition's id.
 */
id: string,
/**
 * The new name.
 */
name: Text,
} | { "op": "reweight",
/**
 * The condition's id.
 */
id: string,
/**
 * The new weight, ≥ 0.
 */
weight: number,
} | { "op": "remove",
/**
 * The condition's id.
 */
id: string,
} | { "op": "describe",
/**
 * The condition's id.
 */
id: string,
/**
 * The scale point's value, e.g. 3.
 */
value: number,
/**
 * The new label, if it changes.
 */
label?: Text | null,
/**
 * The new descriptor.
 */
description: Text,
};

/**
 * The result of one greedy rule.
 */
export type RuleResult = {
  /**
   * Funded proposals, in the order the rule funded them.
   */
  funded: Array<FundedProposal>,
  /**
   * Dollars awarded.
   */
  totalFunded: number,
  /**
   * Dollars left.
   */
  remaining: number,
  /**
   * Sum of the funded proposals' scores.
   */
  totalScore: number,
  /**
   * How each equity constraint holds.
   */
  constraints: Array<ConstraintCheck>,
};

/**
 * The n needed for a target power.
 */
export type SampleSize = {
  /**
   * `Method::TwoProportions`, `Method::PairedT` or `Method::McnemarConnor`.
   */
  method: StatsMethod,
  /**
   * What n counts: `"per_group"` (two proportions) or `"pairs"`.
   */
  unit: string,
  /**
   * The n to plan for: `n_exact` rounded up (at least 2 pairs for a paired t-test).
   */
  n: number,
  /**
   * The real n at which the power equals the target exactly (R's `power.*.test()$n`).
   */
  nExact: number,
  /**
   * The target power, in (0, 1).
   */
  power: number,
  /**
   * The power reached with `n`, at least the target.
   */
  achievedPower: number,
  /**
   * Significance level α.
   */
  alpha: number,
  /**
   * The alternative hypothesis.
   */
  alternative: Alternative,
  /**
   * Whether rejections in the wrong tail were counted (two-sided only).
   */
  strict: boolean,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
};

/**
 * One point of a score scale with its anchor description.
 */
export type ScalePoint = {
  /**
   * The score, e.g. 0, 1, 2, 3, 4.
   */
  value: number,
  /**
   * Short label, e.g. "Central".
   */
  label: Text,
  /**
   * What a proposal scored at this point looks like.
   */
  description: Text,
  /**
   * Whose words `description` is; `null` when not stated (rubrics saved before #20).
   */
  wording?: Wording | null,
};

/**
 * One reviewer's score of one proposal on one condition.
 */
export type Score = {
  /**
   * The reviewer's id.
   */
  reviewerId: string,
  /**
   * The proposal's id.
   */
  proposalId: string,
  /**
   * The condition's id in the rubric.
   */
  conditionId: string,
  /**
   * The score, within the condition's scale (points in between are allowed, e.g. 2.5).
   */
  value: number,
  /**
   * The reviewer's comment.
   */
  comment?: string | null,
};

/**
 * Scores as columns, the compact form of [`Round::scores`] for large rounds (no comments):
 * entry `i` is the score `value[i]` that reviewer `reviewer_ids[reviewer[i]]` gave proposal
 * `proposal_ids[proposal[i]]` on condition `condition_ids[condition[i]]`. The four entry
 * columns have one length; indexes start at 0. An entry takes 20 bytes, against a struct with
 * three strings per score, and the bindings copy each column from a typed array in one step.
 */
export type ScoreColumns = {
  /**
   * Reviewer ids, each in the round's `reviewers`.
   */
  reviewerIds: Array<string>,
  /**
   * Proposal ids, each in the round's `proposals`.
   */
  proposalIds: Array<string>,
  /**
   * Condition ids, each in the rubric.
   */
  conditionIds: Array<string>,
  /**
   * Per entry: index into `reviewer_ids`.
   */
  reviewer: Uint32Array | number[],
  /**
   * Per entry: index into `proposal_ids`.
   */
  proposal: Uint32Array | number[],
  /**
   * Per entry: index into `condition_ids`.
   */
  condition: Uint32Array | number[],
  /**
   * Per entry: the score, within the condition's scale.
   */
  value: Float64Array | number[],
};

/**
 * How much a note matters to the reader.
 */
export type Severity = "info" | "warning" | "withheld";

/**
 * What a share is a share of.
 */
export type ShareOf = "budget" | "awards";

/**
 * A minimum-share constraint and how it was met.
 */
export type ShareReport = {
  /**
   * `"level"` or `"community"`.
   */
  kind: string,
  /**
   * The level id or community.
   */
  id: string,
  /**
   * The minimum share asked for, in [0, 1].
   */
  minShare: number,
  /**
   * The minimum in dollars: ⌈share × budget⌉.
   */
  required: number,
  /**
   * Dollars awarded to the group.
   */
  funded: number,
};

/**
 * Options of [`wilcoxon_signed_rank`].
 */
export type SignedRankOptions = {
  /**
   * How zero differences are handled; default [`ZeroMethod::Wilcox`] (R's rule).
   */
  zeroMethod?: ZeroMethod,
  /**
   * Continuity correction of the normal approximation; default `true` (as R).
   */
  correct?: boolean,
  /**
   * `None` (default): exact when fewer than 50 pairs are ranked and there are no ties and no
   * zeros (R's rule). `Some(true)`: exact whenever there are no ties and no zeros (up to
   * [`SIGNED_RANK_EXACT_MAX`] pairs). `Some(false)`: always the normal approximation.
   */
  exact?: boolean | null,
};

/**
 * Result of [`wilcoxon_signed_rank`].
 */
export type SignedRankTest = {
  /**
   * `Method::WilcoxonSignedRank`.
   */
  method: StatsMethod,
  /**
   * How the p-value was computed: `"exact"`, `"normal"` (normal approximation) or `"none"`
   * (every difference is zero: p = 1 by convention).
   */
  pValueMethod: StatsMethod,
  /**
   * The zero rule used.
   */
  zeroMethod: ZeroMethod,
  /**
   * Whether a continuity correction was applied (normal approximation only).
   */
  correct: boolean,
  /**
   * Pairs given (array length).
   */
  n: number,
  /**
   * Pairs with both values present.
   */
  nUsed: number,
  /**
   * Pairs dropped because a value was missing (NaN).
   */
  nExcluded: number,
  /**
   * Complete pairs whose difference is zero.
   */
  nZero: number,
  /**
   * Pairs whose signed ranks enter V (the non-zero differences).
   */
  nRanked: number,
  /**
   * V: the sum of the ranks of the positive differences (after > before), as R reports it.
   */
  statistic: number,
  /**
   * R⁺ = V, the rank sum of the improvements.
   */
  rankSumPositive: number,
  /**
   * R⁻, the rank sum of the declines.
   */
  rankSumNegative: number,
  /**
   * Standardized statistic of the normal approximation (after any correction); `null` for
   * the exact test.
   */
  z: number | null,
  /**
   * Two-sided p-value, in [0, 1].
   */
  pValue: number,
  /**
   * Matched-pairs rank-biserial correlation (R⁺ − R⁻)/(R⁺ + R⁻), in [−1, 1]; positive when
   * after tends to exceed before; 0 when every difference is zero.
   */
  rankBiserial: number,
  /**
   * How many pairs improved, stayed the same or got worse.
   */
  shares: PairShares,
  /**
   * Notes for the reader (zeros, ties, fallbacks).
   */
  warnings: Array<Note>,
};

/**
 * The name of an effect size reported beside a test.
 */
export type StatsEffect = "rank_biserial" | "dz" | "cohens_h" | "cramers_v" | "difference";

/**
 * A statistical method (the test, interval or estimator a result used).
 */
export type StatsMethod = "wilson" | "paired_t" | "mcnemar" | "mcnemar_exact" | "mcnemar_connor" | "exact_binomial" | "newcombe_paired" | "newcombe" | "two_proportions" | "mann_whitney" | "wilcoxon_signed_rank" | "chi_square" | "chi_square_yates" | "chi_square_independence" | "chi_square_gof" | "krippendorff" | "cronbach" | "feldt" | "mcdonald_omega" | "minres" | "shrout_fleiss" | "cohen_kappa" | "fleiss_kappa" | "pearson" | "spearman" | "kruskal_wallis" | "t" | "exact" | "normal" | "none" | "two_sample_t" | "one_proportion_arcsine" | "rank_sum_are" | "weighted_difference";

/**
 * How p-values are adjusted across the report.
 */
export type SurveyAdjust = "holm" | "bh" | "bonferroni" | "hochberg" | "none";

/**
 * How p-values were adjusted.
 */
export type SurveyAdjustment = {
  /**
   * The method.
   */
  method: SurveyAdjust,
  /**
   * How many p-values formed the family.
   */
  m: number,
  /**
   * Reference.
   */
  reference: string,
};

/**
 * One choice of a multi-select item.
 */
export type SurveyChoice = {
  /**
   * Identifier, unique within the item.
   */
  id: string,
  /**
   * The choice as shown to respondents.
   */
  label: Text,
  /**
   * Other spellings that match.
   */
  aliases?: Array<string>,
  /**
   * The column of this choice when the export has one column per choice (SurveyMonkey);
   * `None` when all choices share the item's column.
   */
  column?: string | null,
};

/**
 * One column of the file.
 */
export type SurveyColumn = {
  /**
   * Unique key used by the mapping: the Qualtrics id, else the header text (with " (2)"...
   * added to repeated headers).
   */
  key: string,
  /**
   * Header text as a person reads it ("question - sub-answer" for SurveyMonkey matrices).
   */
  header: string,
  /**
   * The question part of the header.
   */
  question: string,
  /**
   * The sub-question or choice text: SurveyMonkey's second header row when it names a
   * choice or matrix row, a Qualtrics matrix row, a Google Forms grid row ("" otherwise).
   */
  sub: string,
  /**
   * What the extra header rows say the column is.
   */
  kind: SurveyHeaderKind,
  /**
   * Qualtrics: the import id from the third header row (`"QID4_1"`, `"startDate"`).
   */
  importId: string | null,
  /**
   * Qualtrics: the question the column belongs to (`"QID4"`).
   */
  questionId: string | null,
  /**
   * Qualtrics: the choice or matrix row within the question (`"1"`).
   */
  choiceId: string | null,
  /**
   * Text typed into an "Other (please specify)" box: an answer to its question.
   */
  textEntry: boolean,
};

/**
 * Missing cells of one column, by reason. All are excluded from statistics.
 */
export type SurveyColumnMissing = {
  /**
   * Header text of the column.
   */
  column: string,
  /**
   * Id of the item read from it.
   */
  item: string,
  /**
   * Empty cells (including fields missing from short rows).
   */
  blank: number,
  /**
   * "N/A", "NA", "No aplica"...
   */
  notApplicable: number,
  /**
   * "Prefer not to say", "Prefiero no contestar"...
   */
  declined: number,
  /**
   * "Don't know", "No sé"...
   */
  dontKnow: number,
  /**
   * Cells that were problems (see the issues) and so count as missing too.
   */
  invalid: number,
  /**
   * Sum of the above.
   */
  total: number,
};

/**
 * A read-only summary of one file column for the mapping editor.
 */
export type SurveyColumnSummary = {
  /**
   * The column key items refer to.
   */
  key: string,
  /**
   * The header text.
   */
  header: string,
  /**
   * What the mapping uses it for.
   */
  role: SurveyRole,
  /**
   * Ids of the items read from it (several for a multi-select choice column... or none).
   */
  items?: Array<string>,
  /**
   * Number of distinct non-empty values.
   */
  distinct: number,
  /**
   * Number of empty cells.
   */
  blank: number,
  /**
   * The most frequent values, most frequent first (at most six).
   */
  examples?: Array<string>,
};

/**
 * How the two measurements of a pair were collected.
 */
export type SurveyDesign = "then_test" | "pre_post";

/**
 * Which rows of a repeated respondent id are analysed.
 */
export type SurveyDuplicatePolicy = "keep_first" | "keep_last" | "keep_all" | "drop_all";

/**
 * The encoding a file was read with, for the import summary.
 */
export type SurveyEncodingInfo = {
  /**
   * Canonical name: `"utf-8"`, `"utf-16le"`, `"utf-16be"`, `"windows-1252"`, ...
   */
  name: string,
  /**
   * How it was chosen.
   */
  source: SurveyEncodingSource,
  /**
   * With [`EncodingSource::Fallback`] or [`EncodingSource::MostlyUtf8`]: the 1-based line of
   * the first byte that is not valid UTF-8 (so the user can see why).
   */
  invalidUtf8Line: number | null,
};

/**
 * How the encoding was chosen.
 */
export type SurveyEncodingSource = "bom" | "zero_bytes" | "valid_utf8" | "mostly_utf8" | "fallback" | "user" | "text";

/**
 * Why some rows were left out of a result, and how many.
 */
export type SurveyExclusion = {
  /**
   * `"blank"`, `"not_applicable"`, `"declined"`, `"dont_know"`, `"invalid"`, `"missing"`,
   * `"beforeMissing"`, `"afterMissing"`, `"unmatched"`, `"smallGroup"`, `"incomplete"`.
   */
  reason: string,
  /**
   * Rows left out for this reason.
   */
  count: number,
};

/**
 * What a Qualtrics export's cells hold.
 */
export type SurveyExportValues = "choice_text" | "numeric";

/**
 * What a column's extra header rows say it is.
 */
export type SurveyHeaderKind = "plain" | "response" | "open_ended" | "choice" | "selected_choice" | "text_entry" | "metadata";

/**
 * What the import found: the file's shape and every problem, for the page's import panel.
 */
export type SurveyImportSummary = {
  /**
   * The detected header shape.
   */
  shape: SurveyShape,
  /**
   * The delimiter used (`","`, `";"` or a tab).
   */
  delimiter: string,
  /**
   * The character encoding used and how it was chosen.
   */
  encoding: SurveyEncodingInfo,
  /**
   * Data rows in the file.
   */
  rows: number,
  /**
   * Data rows analysed: `rows` less those the duplicate policy leaves out.
   */
  rowsAnalysed: number,
  /**
   * The duplicate-id policy applied.
   */
  duplicates: SurveyDuplicatePolicy,
  /**
   * Columns in the file.
   */
  columns: number,
  /**
   * What the header rows say of each column (question id, sub-question or choice text,
   * text entry), in file order.
   */
  headers: Array<SurveyColumn>,
  /**
   * Qualtrics: whether the cells hold choice text or numeric recode values.
   */
  exportValues: SurveyExportValues | null,
  /**
   * Rows with every field empty; skipped.
   */
  blankRows: number,
  /**
   * Text of the `#` lines before the header (e.g. "synthetic: true").
   */
  notes: Array<string>,
  /**
   * Cells and rows that could not be read.
   */
  issues: Array<SurveyIssue>,
  /**
   * Missing cells per item column, by reason.
   */
  missing: Array<SurveyColumnMissing>,
};

/**
 * The whole instrument, bound to a file's columns.
 */
export type SurveyInstrument = {
  /**
   * Title, if known.
   */
  title?: Text,
  /**
   * True when the data is synthetic (the built-in examples are).
   */
  synthetic?: boolean,
  /**
   * The items.
   */
  items?: Array<SurveyItem>,
  /**
   * Ids of category items used to break results down (community, gender, age band).
   */
  groups?: Array<string>,
  /**
   * Multi-item scales.
   */
  scales?: Array<SurveyScale>,
  /**
   * Paired measurements.
   */
  pairs?: Array<SurveyPair>,
  /**
   * The wave column, for surveys run more than once.
   */
  waves?: SurveyWaves | null,
};

/**
 * One kind of problem in one column (or the file), with how often it occurs.
 */
export type SurveyIssue = {
  /**
   * Stable code: `unknown_label`, `code_out_of_range`, `not_a_number`, `value_out_of_range`,
   * `ragged_row`, `unclosed_quote`, `replacement_character`, `duplicate_respondent`
   * (copies of an id with different answers), `duplicate_resubmission` (identical copies),
   * `preview_response` (Qualtrics rows whose `Status` marks a preview, a test or spam).
   */
  code: ErrorCode,
  /**
   * English explanation a person can act on; secondary: the code and the fields below carry
   * all of its information.
   */
  message: string,
  /**
   * 1-based line of the file where the first affected row starts (a quoted field with a
   * line break makes a row span several lines).
   */
  line: number,
  /**
   * Up to ten 1-based lines of affected rows, first ones first.
   */
  lines: Array<number>,
  /**
   * Header text of the column, when the problem is in one column.
   */
  column: string | null,
  /**
   * Id of the item read from that column, when there is one.
   */
  item: string | null,
  /**
   * The offending cell text (or field count for a ragged row).
   */
  value: string | null,
  /**
   * How many rows have this problem (for duplicates: how many rows hold the id).
   */
  count: number,
  /**
   * What happened to those cells: `"missing"` (counted as missing), `"kept"` (ragged rows
   * keep the fields they have), `"ignored"`, `"recovered"` (an unclosed quote: the rows
   * after it were read again from the next line), or for duplicates the policy applied:
   * `"first_kept"`, `"last_kept"`, `"all_kept"`, `"all_dropped"`; `"excluded"` for rows left
   * out of every analysis (`preview_response`).
   */
  treatment: string,
  /**
   * `unclosed_quote`: how many rows after the open quote were recovered.
   */
  rowsAffected: number | null,
};

/**
 * One question (or one row of a matrix question).
 */
export type SurveyItem = {
  /**
   * Identifier, unique in the instrument (e.g. `"confident_teachers"`).
   */
  id: string,
  /**
   * Key of the file column holding it; `None` only for a multi-select item whose choices
   * each have a column.
   */
  column?: string | null,
  /**
   * The question text.
   */
  text: Text,
  /**
   * How cells are read.
   */
  type: SurveyItemType,
  /**
   * Labelled points, lowest first (Likert, binary, change, category).
   */
  points?: Array<SurveyPoint>,
  /**
   * Likert: how many top points count as the "top box" (default 2: agree + strongly agree).
   */
  top?: number | null,
  /**
   * Multi-select: the choices.
   */
  choices?: Array<SurveyChoice>,
  /**
   * Multi-select in one column: the separator between choices (default: `;`, else `,`).
   */
  separator?: string | null,
  /**
   * Numeric: smallest valid value (inclusive).
   */
  min?: number | null,
  /**
   * Numeric: largest valid value (inclusive).
   */
  max?: number | null,
  /**
   * Codes that are not answers (9 = don't know, 0 = not applicable, −99 = skipped).
   */
  nonAnswers?: Array<SurveyNonAnswer>,
  /**
   * True when the user (or an imported codebook) confirmed this item's scale.
   */
  confirmed?: boolean,
  /**
   * What the engine proposes for this item's scale, most confident first (read-only
   * advice: applying one is the user's act).
   */
  proposals?: Array<SurveyProposal>,
  /**
   * Per-wave wording mapped onto the common scale (waves asked with other labels).
   */
  waveScales?: Array<SurveyWaveScale>,
};

/**
 * Descriptives of one item (in one wave, when there are waves).
 */
export type SurveyItemResult = {
  /**
   * Item id.
   */
  item: string,
  /**
   * Question text.
   */
  text: Text,
  /**
   * Item type.
   */
  kind: SurveyItemType,
  /**
   * The wave, when the survey has waves.
   */
  wave: string | null,
  /**
   * Respondents with an answer.
   */
  nUsed: number,
  /**
   * Respondents without one.
   */
  nExcluded: number,
  /**
   * Why, with counts.
   */
  excluded: Array<SurveyExclusion>,
  /**
   * Share per point (point order), per category, or per choice (most chosen first; shares
   * of respondents who answered the question, so they may add up to more than 100%).
   */
  distribution: Array<SurveyShare>,
  /**
   * The top-box share (Likert, binary, change).
   */
  topBox: SurveyTopBox | null,
  /**
   * Mean of the point values or numbers.
   */
  mean: number | null,
  /**
   * Sample standard deviation (n − 1).
   */
  sd: number | null,
  /**
   * Median (R's `median`).
   */
  median: number | null,
  /**
   * Numeric items: first quartile (R `quantile(type = 7)`).
   */
  q1: number | null,
  /**
   * Numeric items: third quartile.
   */
  q3: number | null,
  /**
   * Numeric items: smallest value.
   */
  min: number | null,
  /**
   * Numeric items: largest value.
   */
  max: number | null,
  /**
   * Numeric items: t interval for the mean, lower bound.
   */
  meanLower: number | null,
  /**
   * Numeric items: t interval for the mean, upper bound.
   */
  meanUpper: number | null,
  /**
   * `"wilson"` for shares (and `"t"` for the numeric mean's interval).
   */
  method: StatsMethod,
  /**
   * Reference for the method.
   */
  reference: string,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
  /**
   * Why a headline is withheld (e.g. `codes_without_labels`), as codes with parameters.
   */
  notices: Array<Note>,
  /**
   * One sentence in English and Spanish.
   */
  sentence: SurveySentence,
  /**
   * True when the survey declares weights (#19): shares, top box and mean are weighted
   * (see [`super::weighted`]); counts stay unweighted.
   */
  weighted: boolean,
  /**
   * Weighted: Kish effective sample size of the item's respondents, (Σw)²/Σw².
   */
  nEff: number | null,
  /**
   * Weighted: Kish design effect of the item's respondents' weights, n⁺/n_eff.
   */
  deffKish: number | null,
  /**
   * Weighted: the headline (top-box share, or a numeric item's mean) with its linearised
   * SE, interval, n_eff and design effects (`deff` as svymean's `deff = "replace"`).
   */
  weightedEstimate: WeightedMean | null,
};

/**
 * The type of an item, which decides how its cells are read and which statistics apply.
 */
export type SurveyItemType = "likert" | "binary" | "multi_select" | "change" | "numeric" | "category" | "text" | "codes";

/**
 * The mapping of a file onto an instrument.
 */
export type SurveyMapping = {
  /**
   * Key of the respondent-id column, if any.
   */
  respondentId?: string | null,
  /**
   * Keys of timestamp columns (kept out of the statistics).
   */
  timestamps?: Array<string>,
  /**
   * Keys of columns deliberately ignored.
   */
  ignored?: Array<string>,
  /**
   * Key of the survey-weight column, only when the user declares one (#19): detection
   * never sets it. Every weight must be a number ≥ 0 (see [`super::weights`]).
   */
  weight?: string | null,
  /**
   * Raking to known margins (#19), on top of the weight column if one is declared.
   */
  raking?: SurveyRaking | null,
  /**
   * The instrument, with each item naming its column.
   */
  instrument: SurveyInstrument,
  /**
   * Read-only summary of every file column (ignored when a mapping is applied).
   */
  columns?: Array<SurveyColumnSummary>,
};

/**
 * One known margin: a column and the target of each of its categories.
 */
export type SurveyMargin = {
  /**
   * Column key.
   */
  column: string,
  /**
   * Target per category, keyed by the cell value exactly as the file writes it.
   */
  targets: { [key in string]?: number },
};

/**
 * Whether margins are population shares (each margin sums to 1) or counts.
 */
export type SurveyMarginScale = "shares" | "counts";

/**
 * A code that is not an answer (9 = don't know, 0 = not applicable, −99 = skipped).
 */
export type SurveyNonAnswer = {
  /**
   * The code as the file writes it (`"9"`, `"-99"`); a cell equal to it, or numerically
   * equal, is this non-answer.
   */
  code: string,
  /**
   * Why it is not an answer.
   */
  reason: SurveyNonAnswerReason,
  /**
   * Its label, when a codebook or the file gives one.
   */
  label?: Text,
};

/**
 * Why a code is not an answer on the scale. Every non-answer is left out of the
 * denominators and counted as missing for its reason.
 */
export type SurveyNonAnswerReason = "dont_know" | "not_applicable" | "declined" | "skipped";

/**
 * The same question measured twice, for a paired shift.
 */
export type SurveyPair = {
  /**
   * Identifier, unique in the instrument.
   */
  id: string,
  /**
   * Then-test or pre/post.
   */
  design: SurveyDesign,
  /**
   * Item id of the first measurement ("before").
   */
  before: string,
  /**
   * Item id of the second measurement ("now", "after"); may equal `before` for pre/post
   * across waves.
   */
  after: string,
  /**
   * The question without its before/now marker.
   */
  text?: Text,
  /**
   * Pre/post across waves: the wave of the pretest (default: the first wave).
   */
  fromWave?: string | null,
  /**
   * Pre/post across waves: the wave of the posttest (default: the last wave).
   */
  toWave?: string | null,
};

/**
 * One point of a labelled scale.
 */
export type SurveyPoint = {
  /**
   * The value used in statistics (e.g. 1–5). Values rise towards the positive end: the
   * point with the highest value is the top of the scale ("strongly agree", "improved",
   * "yes").
   */
  value: number,
  /**
   * The code the file writes for this point, when it writes numbers (a Qualtrics numeric
   * export, a codebook): a cell holding this number is this point. `None`: the file writes
   * the label, and a bare number is not a label.
   */
  code?: number | null,
  /**
   * The label in English and Spanish; both match.
   */
  label: Text,
  /**
   * Other spellings that match (compared case- and accent-insensitively).
   */
  aliases?: Array<string>,
};

/**
 * A scale the engine proposes for an item: apply it by copying `kind`, `points` and
 * `nonAnswers` into the item and setting `confirmed`.
 */
export type SurveyProposal = {
  /**
   * The template: `agree4`, `agree5`, `agree7`, `frequency`, `satisfaction`, `change`,
   * `yesNo`, `adults`, `fileLabels` (the file's own labels) or `numeric`.
   */
  template: string,
  /**
   * The item type the proposal gives.
   */
  type: SurveyItemType,
  /**
   * From 0 (a bare guess) to 1 (the file's labels say it).
   */
  confidence: number,
  /**
   * Why, as codes with parameters.
   */
  reasons?: Array<SurveyReason>,
  /**
   * The points, with the codes the file uses; values rise towards the positive end.
   */
  points?: Array<SurveyPoint>,
  /**
   * Codes the proposal treats as non-answers.
   */
  nonAnswers?: Array<SurveyNonAnswer>,
};

/**
 * Raking to known margins.
 */
export type SurveyRaking = {
  /**
   * The margins, raked in this order.
   */
  margins: Array<SurveyMargin>,
  /**
   * Shares (default) or counts.
   */
  scale?: SurveyMarginScale,
  /**
   * Convergence tolerance in (0, 0.1]; default 1e-6.
   */
  tolerance?: number | null,
  /**
   * Sweep cap from 1 to 10,000; default 100.
   */
  maxIterations?: number | null,
};

/**
 * Options for reading; everything is detected when left out.
 */
export type SurveyReadOptions = {
  /**
   * The field delimiter: `","`, `";"` or `"\t"`.
   */
  delimiter?: string | null,
  /**
   * The header shape.
   */
  shape?: SurveyShape | null,
  /**
   * The character encoding, e.g. `"windows-1252"` (see
   * [`ENCODINGS`](super::encoding::ENCODINGS)); detected when left out. Ignored by the text
   * constructor.
   */
  encoding?: string | null,
  /**
   * Which rows of a repeated respondent id are analysed; default
   * [`DuplicatePolicy::KeepLast`].
   */
  duplicates?: SurveyDuplicatePolicy | null,
};

/**
 * A reason for a proposal or a notice: a stable code with typed parameters, never a sentence.
 */
export type SurveyReason = {
  /**
   * Stable code, e.g. `labels_recognised`, `header_names_scale`, `codes_fit_template`.
   */
  code: string,
  /**
   * Typed parameters (numbers, strings, lists).
   */
  params?: { [key in string]?: Param },
};

/**
 * The whole report.
 */
export type SurveyReport = {
  /**
   * The instrument's title.
   */
  title: Text,
  /**
   * True when the data is synthetic (say so wherever it is shown).
   */
  synthetic: boolean,
  /**
   * Rows (respondents) in the file.
   */
  rows: number,
  /**
   * Confidence level of every interval.
   */
  level: number,
  /**
   * Per item (per wave when there are waves).
   */
  items: Array<SurveyItemResult>,
  /**
   * Paired shifts (then-test and pre/post).
   */
  shifts: Array<SurveyShiftResult>,
  /**
   * First against last wave, per item.
   */
  waves: Array<SurveyWaveResult>,
  /**
   * Items broken down by groups.
   */
  subgroups: Array<SurveySubgroupResult>,
  /**
   * Multi-item scales.
   */
  scales: Array<SurveyScaleResult>,
  /**
   * How p-values were adjusted.
   */
  adjustment: SurveyAdjustment,
  /**
   * Notes for the reader (e.g. `synthetic_data`), as coded notes.
   */
  warnings: Array<Note>,
  /**
   * Every withheld headline of the report, as notes of severity `withheld` (items, shifts,
   * wave comparisons and scales whose codes are undeclared).
   */
  notices: Array<Note>,
  /**
   * The survey weights used (#19), `null` when the survey declares none.
   */
  weighting: SurveyWeighting | null,
};

/**
 * Options of the report; every field has a default.
 */
export type SurveyReportOptions = {
  /**
   * Confidence level of every interval, in (0, 1); default 0.95.
   */
  level?: number,
  /**
   * p-value adjustment across the report; default Holm.
   */
  adjust?: SurveyAdjust,
  /**
   * Smallest group shown in subgroup tables (small-cell suppression); default 10.
   */
  minCell?: number,
  /**
   * Item ids to break results down by; default: the instrument's groups.
   */
  groupBy?: Array<string> | null,
  /**
   * Zero differences in the Wilcoxon signed-rank test: `"wilcox"` (drop, as R; default) or
   * `"pratt"` (rank, as scipy).
   */
  zeroMethod?: ZeroMethod,
  /**
   * Assumed sizes per wave for the sensitivity table when wave sizes are assumed; default
   * 25, 50, 100, 200, 400.
   */
  assumedSizes?: Array<number>,
};

/**
 * What a column is used for.
 */
export type SurveyRole = "item" | "respondent_id" | "timestamp" | "wave" | "ignored" | "weight" | "unused";

/**
 * Several items that measure one construct (e.g. "parent confidence").
 */
export type SurveyScale = {
  /**
   * Identifier, unique in the instrument.
   */
  id: string,
  /**
   * The construct's name.
   */
  text: Text,
  /**
   * Ids of its items (Likert, binary or numeric), at least two.
   */
  items: Array<string>,
  /**
   * Ids of items scored in reverse (a subset of `items`).
   */
  reversed?: Array<string>,
};

/**
 * One scale's summary.
 */
export type SurveyScaleResult = {
  /**
   * Scale id.
   */
  scale: string,
  /**
   * The construct's name.
   */
  text: Text,
  /**
   * Item ids, in order.
   */
  items: Array<string>,
  /**
   * Respondents who answered every item (listwise).
   */
  nUsed: number,
  /**
   * Respondents missing at least one item.
   */
  nExcluded: number,
  /**
   * Why, with counts.
   */
  excluded: Array<SurveyExclusion>,
  /**
   * Mean of the scale score (mean of the items, in item points).
   */
  mean: number | null,
  /**
   * Standard deviation of the scale score (n − 1).
   */
  sd: number | null,
  /**
   * Cronbach's alpha (raw, from covariances) with its Feldt interval and item statistics
   * (`null` when it cannot be computed; the warnings say why).
   */
  alpha: CronbachAlpha | null,
  /**
   * McDonald's omega total from a one-factor minres fit (psych `omega(x, 1)`), beside
   * alpha (`null` when it cannot be computed, e.g. under 3 items; withheld in a Heywood
   * case: its warnings say why).
   */
  omega: Omega | null,
  /**
   * `"cronbach"`.
   */
  method: StatsMethod,
  /**
   * Reference.
   */
  reference: string,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
  /**
   * One sentence in English and Spanish.
   */
  sentence: SurveySentence,
  /**
   * Whether the result is weighted (#19): then `mean` and
   * `sd` are weighted, `weightedMean` and `weightedAlpha` are set, and `alpha` stays the
   * unweighted Cronbach's alpha with its interval.
   */
  weighted: boolean,
  /**
   * The weighted scale mean with its linearised SE (`null` when unweighted).
   */
  weightedMean: WeightedMean | null,
  /**
   * R `survey::svycralpha`, the weighted Cronbach's alpha (no interval; `null` when
   * unweighted or not computable).
   */
  weightedAlpha: number | null,
};

/**
 * The interval for the change under one assumed size per wave.
 */
export type SurveySensitivityRow = {
  /**
   * Assumed respondents per wave.
   */
  nPerWave: number,
  /**
   * Successes in the first wave, round(p_from · n).
   */
  xFrom: number,
  /**
   * Successes in the last wave, round(p_to · n).
   */
  xTo: number,
  /**
   * Difference p_to − p_from from the rounded counts.
   */
  difference: number,
  /**
   * Lower bound (Newcombe).
   */
  lower: number,
  /**
   * Upper bound (Newcombe).
   */
  upper: number,
  /**
   * p-value of the chi-square test.
   */
  pValue: number,
};

/**
 * One sentence in both languages.
 */
export type SurveySentence = {
  /**
   * English.
   */
  en: string,
  /**
   * Spanish.
   */
  es: string,
};

/**
 * How the header of an export is laid out.
 */
export type SurveyShape = "one_header" | "survey_monkey" | "qualtrics";

/**
 * A share of respondents with its interval.
 */
export type SurveyShare = {
  /**
   * The point's value as text (`"4"`) or the choice id.
   */
  key: string,
  /**
   * The label.
   */
  label: Text,
  /**
   * Respondents with this answer.
   */
  count: number,
  /**
   * Respondents who answered.
   */
  n: number,
  /**
   * count / n, in [0, 1].
   */
  share: number,
  /**
   * Lower bound of the Wilson interval.
   */
  lower: number,
  /**
   * Upper bound of the Wilson interval.
   */
  upper: number,
};

/**
 * The shift of one pair.
 */
export type SurveyShiftResult = {
  /**
   * Pair id.
   */
  pair: string,
  /**
   * Then-test or pre/post.
   */
  design: SurveyDesign,
  /**
   * The question.
   */
  text: Text,
  /**
   * Item type of both measurements.
   */
  kind: SurveyItemType,
  /**
   * Item id of the first measurement.
   */
  before: string,
  /**
   * Item id of the second measurement.
   */
  after: string,
  /**
   * Complete pairs.
   */
  nUsed: number,
  /**
   * Rows (or ids) without a complete pair.
   */
  nExcluded: number,
  /**
   * Why, with counts.
   */
  excluded: Array<SurveyExclusion>,
  /**
   * Pairs that moved up (after > before; for yes/no: no → yes).
   */
  improved: SurveyShare | null,
  /**
   * Pairs that stayed the same.
   */
  same: SurveyShare | null,
  /**
   * Pairs that moved down (yes → no).
   */
  worse: SurveyShare | null,
  /**
   * Mean before (point values or numbers).
   */
  meanBefore: number | null,
  /**
   * Mean after.
   */
  meanAfter: number | null,
  /**
   * Top-box share before (yes, agree + strongly agree, improved), with Wilson interval.
   */
  topBefore: ProportionInterval | null,
  /**
   * Top-box share after.
   */
  topAfter: ProportionInterval | null,
  /**
   * Change in the top-box share, with Newcombe's paired interval.
   */
  topChange: PairedDifference | null,
  /**
   * McNemar's test (yes/no items).
   */
  mcnemar: McNemar | null,
  /**
   * Wilcoxon signed-rank test (Likert and change items).
   */
  wilcoxon: SignedRankTest | null,
  /**
   * Paired t-test (numeric items; a robustness check for Likert items).
   */
  pairedT: PairedT | null,
  /**
   * The main test, with the adjusted p-value.
   */
  test: SurveyTestSummary | null,
  /**
   * The main test's method.
   */
  method: StatsMethod,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
  /**
   * Why the shift is withheld (`scale_not_declared`, `pair_scales_differ`,
   * `wave_scales_unconfirmed`), as codes with parameters.
   */
  notices: Array<Note>,
  /**
   * One sentence in English and Spanish.
   */
  sentence: SurveySentence,
  /**
   * True when the shift is also estimated under the survey weights (#19); the tests above
   * stay unweighted.
   */
  weighted: boolean,
  /**
   * Weighted: mean of after − before over complete pairs (top-box indicators for yes/no,
   * Likert and change items: the change in the weighted top-box share; the values for
   * numeric items), with linearised SE, normal interval, n_eff and design effects.
   */
  weightedShift: WeightedMean | null,
};

/**
 * The limits the page needs: above the in-memory ones a file is read in chunks, up to the
 * streaming ones.
 */
export type SurveyStreamLimits = {
  /**
   * In-memory import: largest file, bytes (128 MiB).
   */
  memoryBytes: number,
  /**
   * In-memory import: most data rows (250,000).
   */
  memoryRows: number,
  /**
   * Streaming import: largest file, bytes (4 GiB).
   */
  streamBytes: number,
  /**
   * Streaming import: most data rows (10,000,000).
   */
  streamRows: number,
};

/**
 * One item broken down by one group item.
 */
export type SurveySubgroupResult = {
  /**
   * Item id.
   */
  item: string,
  /**
   * Group item id.
   */
  group: string,
  /**
   * Item text.
   */
  text: Text,
  /**
   * Group item text.
   */
  groupText: Text,
  /**
   * One row per group level, in the group item's point order.
   */
  rows: Array<SurveySubgroupRow>,
  /**
   * Answers in the shown groups (those entering the test).
   */
  nUsed: number,
  /**
   * Answers left out: missing item or group, or a hidden group.
   */
  nExcluded: number,
  /**
   * Why, with counts.
   */
  excluded: Array<SurveyExclusion>,
  /**
   * The smallest group shown.
   */
  minCell: number,
  /**
   * Chi-square test of independence over the shown groups.
   */
  chiSquare: ChiSquareTest | null,
  /**
   * The main test, with the adjusted p-value.
   */
  test: SurveyTestSummary | null,
  /**
   * `Method::ChiSquareIndependence`.
   */
  method: StatsMethod,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
  /**
   * One sentence in English and Spanish.
   */
  sentence: SurveySentence,
  /**
   * Whether the shares are weighted (#19): suppression stays
   * on the unweighted counts, and so does the χ² test.
   */
  weighted: boolean,
};

/**
 * One group's row of a breakdown.
 */
export type SurveySubgroupRow = {
  /**
   * The group's label (e.g. "Salton City").
   */
  level: Text,
  /**
   * Answers in the group (`null` when suppressed).
   */
  n: number | null,
  /**
   * Top-box count (`null` when suppressed or coded "<5%"/">95%").
   */
  x: number | null,
  /**
   * Top-box share (`null` when suppressed or coded).
   */
  share: number | null,
  /**
   * Wilson interval, lower bound (`null` when suppressed or coded).
   */
  lower: number | null,
  /**
   * Wilson interval, upper bound.
   */
  upper: number | null,
  /**
   * What to print: "62%", "<5%", ">95%" or "—" (suppressed).
   */
  display: string,
  /**
   * `"small"` or `"complementary"` when hidden.
   */
  suppressed: string | null,
  /**
   * The weighted share with its domain SE, Kish n_eff and design effects (`null` when
   * unweighted, hidden or coded).
   */
  weightedEstimate: WeightedMean | null,
};

/**
 * The main test of a result, in one shape for every test, so that p-values can be adjusted
 * across the report.
 */
export type SurveyTestSummary = {
  /**
   * The test, e.g. `mcnemar_exact`, `wilcoxon_signed_rank`, `paired_t`, `two_proportions`,
   * `mann_whitney`, `chi_square_independence`.
   */
  method: StatsMethod,
  /**
   * Paper and the R call matched.
   */
  reference: string,
  /**
   * The test statistic (b for exact McNemar, V, t, χ², W).
   */
  statistic: number,
  /**
   * Degrees of freedom, when the test has them.
   */
  df: number | null,
  /**
   * Two-sided p-value, in [0, 1].
   */
  pValue: number,
  /**
   * p-value adjusted across the report (`null` when `adjust` is `none`).
   */
  pAdjusted: number | null,
  /**
   * The effect size's name: `rank_biserial`, `dz`, `cohens_h`, `cramers_v`,
   * `difference`.
   */
  effectName: StatsEffect,
  /**
   * The effect size.
   */
  effect: number,
};

/**
 * The top-box share: the top points of a Likert item (default the top two), yes for binary,
 * improved for change items.
 */
export type SurveyTopBox = {
  /**
   * Point values counted.
   */
  values: Array<number>,
  /**
   * What the box means, e.g. "Agree or strongly agree".
   */
  label: Text,
  /**
   * The share with its Wilson interval.
   */
  interval: ProportionInterval,
};

/**
 * First against last wave for one item.
 */
export type SurveyWaveResult = {
  /**
   * Item id.
   */
  item: string,
  /**
   * Question text.
   */
  text: Text,
  /**
   * Item type.
   */
  kind: SurveyItemType,
  /**
   * The first wave.
   */
  from: string,
  /**
   * The last wave.
   */
  to: string,
  /**
   * Answers in the first wave.
   */
  nFrom: number,
  /**
   * Answers in the last wave.
   */
  nTo: number,
  /**
   * Top-box share in the first wave.
   */
  shareFrom: ProportionInterval | null,
  /**
   * Top-box share in the last wave.
   */
  shareTo: ProportionInterval | null,
  /**
   * Two-proportion comparison of the top-box shares (Newcombe interval, Cohen's h).
   */
  twoProportions: TwoProportions | null,
  /**
   * Mann–Whitney test (Likert, change, numeric).
   */
  mannWhitney: MannWhitney | null,
  /**
   * Chi-square test of the whole distribution (labelled items).
   */
  distribution: ChiSquareTest | null,
  /**
   * The main test, with the adjusted p-value.
   */
  test: SurveyTestSummary | null,
  /**
   * True when the wave sizes are assumptions.
   */
  sizesAssumed: boolean,
  /**
   * The interval for several assumed wave sizes (only when sizes are assumed).
   */
  sensitivity: Array<SurveySensitivityRow>,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
  /**
   * Why the comparison is withheld (`codes_without_labels`, `wave_scales_unconfirmed`).
   */
  notices: Array<Note>,
  /**
   * One sentence in English and Spanish.
   */
  sentence: SurveySentence,
  /**
   * Whether the result is weighted (#19): true when the survey declares weights and the
   * item has a top box or is numeric; then `weightedDifference` holds the weighted
   * comparison and `test` is its z test. Counts stay
   * unweighted.
   */
  weighted: boolean,
  /**
   * The weighted share (top box) or mean of each wave and their difference (`null` when
   * not weighted).
   */
  weightedDifference: WeightedDifference | null,
};

/**
 * How one wave's wording maps onto the item's common scale (2014-15 "Nearly all adults" →
 * the value of "Strongly agree"): its own labels and codes, with the common scale's values.
 */
export type SurveyWaveScale = {
  /**
   * The wave value (one of `waves.order`).
   */
  wave: string,
  /**
   * The wave's points; each `value` is a value of the item's common points.
   */
  points: Array<SurveyPoint>,
};

/**
 * The column telling which wave (survey round) a row belongs to.
 */
export type SurveyWaves = {
  /**
   * Key of the wave column.
   */
  column: string,
  /**
   * Wave values in time order, e.g. `["2014-15", "2017-18"]`.
   */
  order: Array<string>,
  /**
   * True when the wave sizes are assumptions (e.g. rebuilt from published percentages):
   * the report then adds a sensitivity table over several sizes.
   */
  sizesAssumed?: boolean,
};

/**
 * How the report's weights were obtained, with their Kish summary.
 */
export type SurveyWeighting = {
  /**
   * The declared weight column, if any (the raking's base weights when raked).
   */
  column: string | null,
  /**
   * True when the weights were raked to margins.
   */
  raked: boolean,
  /**
   * Raking sweeps used (0 without raking).
   */
  iterations: number,
  /**
   * Largest remaining category gap over the total after raking (0 without raking).
   */
  maxGap: number,
  /**
   * Respondents (rows analysed).
   */
  n: number,
  /**
   * Σw.
   */
  sumWeights: number,
  /**
   * Kish effective sample size (Σw)²/Σw² of the whole file.
   */
  nEff: number,
  /**
   * Kish design effect of the weights, n⁺/n_eff.
   */
  deffKish: number,
  /**
   * Reference of the weighted estimators.
   */
  reference: string,
};

/**
 * A two-sided t-test with the interval for the mean or the difference of means.
 */
export type TTest = {
  /**
   * The test.
   */
  method: TTestMethod,
  /**
   * Values used in x.
   */
  nX: number,
  /**
   * Values used in y (`null` for one sample).
   */
  nY: number | null,
  /**
   * Missing values (NaN) dropped, both samples.
   */
  nExcluded: number,
  /**
   * Mean of x.
   */
  meanX: number,
  /**
   * Mean of y (`null` for one sample).
   */
  meanY: number | null,
  /**
   * The estimate: mean of x, or mean of x − mean of y.
   */
  estimate: number,
  /**
   * The null value.
   */
  mu: number,
  /**
   * Standard error of the estimate.
   */
  se: number,
  /**
   * t = (estimate − mu) / se.
   */
  t: number,
  /**
   * Degrees of freedom (Welch: not a whole number).
   */
  df: number,
  /**
   * Two-sided p-value.
   */
  pValue: number,
  /**
   * Lower bound of the interval for the estimate.
   */
  lower: number,
  /**
   * Upper bound.
   */
  upper: number,
  /**
   * Confidence level.
   */
  level: number,
};

/**
 * Which t-test a [`TTest`] is.
 */
export type TTestMethod = "one_sample" | "student" | "welch";

/**
 * Options of [`one_sample_t`] and [`two_sample_t`].
 */
export type TTestOptions = {
  /**
   * The null value: the mean (one sample) or the difference of means; default 0.
   */
  mu?: number,
  /**
   * Pool the variances (Student); default false (Welch). Ignored for one sample.
   */
  varEqual?: boolean,
  /**
   * Confidence level; default 0.95.
   */
  level?: number,
};

/**
 * The alternative hypothesis of a test (R's `alternative`).
 */
export type TestAlternative = "two_sided" | "less" | "greater";

/**
 * A text in English and Spanish; either may be empty when unknown.
 */
export type Text = {
  /**
   * English text.
   */
  en?: string | null,
  /**
   * Spanish text.
   */
  es?: string | null,
};

/**
 * An activity: what the program does.
 */
export type TocActivity = {
  /**
   * Unique id.
   */
  id: string,
  /**
   * Title.
   */
  title: Text,
  /**
   * Goal the activity serves.
   */
  goal?: string | null,
  /**
   * Component the activity belongs to.
   */
  component?: string | null,
  /**
   * Progress status.
   */
  status?: TocStatus,
  /**
   * Where it came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * An activity's status and completion.
 */
export type TocActivityProgress = {
  /**
   * Activity id.
   */
  id: string,
  /**
   * Its goal, if any.
   */
  goal: string | null,
  /**
   * Recorded status.
   */
  status: TocStatus,
  /**
   * 1, ½ or 0 (see the module's rules).
   */
  completion: number,
};

/**
 * A measured value of an indicator.
 */
export type TocActual = {
  /**
   * The value, in the indicator's unit (finite).
   */
  value: number,
  /**
   * When it was measured.
   */
  date: TocDate,
  /**
   * Where it came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * An amount with its unit.
 */
export type TocAmount = {
  /**
   * The number (finite).
   */
  value: number,
  /**
   * Its unit, e.g. "USD per parent per month".
   */
  unit: string,
};

/**
 * An assumption or external factor, optionally about specific elements.
 */
export type TocAssumption = {
  /**
   * Unique id.
   */
  id: string,
  /**
   * Assumption or external factor.
   */
  kind: TocAssumptionKind,
  /**
   * The statement.
   */
  text: Text,
  /**
   * Ids of the elements or goals it concerns.
   */
  about?: Array<string>,
  /**
   * Where it came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * Whether a statement is an assumption of the theory or a factor outside the program.
 */
export type TocAssumptionKind = "assumption" | "external_factor";

/**
 * Why a critical chain has no slack: what bounds its last goal's late finish.
 */
export type TocChainBound = "project_finish" | "stated_end" | "phase_end" | "deadline";

/**
 * The change of a series between two periods.
 */
export type TocChange = {
  /**
   * The earlier period and its value.
   */
  from: TocPeriod,
  /**
   * Value at `from`, in the indicator's unit.
   */
  fromValue: number,
  /**
   * The later period.
   */
  to: TocPeriod,
  /**
   * Value at `to`.
   */
  toValue: number,
  /**
   * `to_value − from_value`, in points of the unit.
   */
  difference: number,
  /**
   * Newcombe's hybrid score interval of the difference (points), when both have counts.
   */
  interval: [number, number] | null,
  /**
   * Wilson interval of each point (percent), when it has counts.
   */
  fromInterval: [number, number] | null,
  /**
   * Wilson interval of the later point.
   */
  toInterval: [number, number] | null,
  /**
   * Confidence level of the intervals.
   */
  level: number,
  /**
   * Why there is no interval (`None` when there is one).
   */
  noInterval: TocNoIntervalReason | null,
};

/**
 * Everything the charts and the timeline draw, on one time axis.
 */
export type TocChartData = {
  /**
   * Confidence level of the intervals.
   */
  level: number,
  /**
   * First day of the shared axis (earliest point, event, baseline or target); `None` when
   * nothing is dated.
   */
  start: TocDate | null,
  /**
   * Last day of the shared axis.
   */
  end: TocDate | null,
  /**
   * Indicators that have a series or are derived, in model order.
   */
  series: Array<TocChartSeries>,
  /**
   * Every event, in model order.
   */
  events: Array<TocChartEvent>,
};

/**
 * One event placed on the time axis (`start`/`end` null: the source gives no date).
 */
export type TocChartEvent = {
  /**
   * The event's id.
   */
  id: string,
  /**
   * First day of its period.
   */
  start: TocDate | null,
  /**
   * Last day of its period.
   */
  end: TocDate | null,
};

/**
 * One drawn point.
 */
export type TocChartPoint = {
  /**
   * The period, as written ("2013-14").
   */
  period: TocPeriod,
  /**
   * Its first day.
   */
  start: TocDate,
  /**
   * Its last day (inclusive).
   */
  end: TocDate,
  /**
   * The value, in the indicator's unit.
   */
  value: number,
  /**
   * Wilson interval (percent) when the point has counts.
   */
  interval: [number, number] | null,
  /**
   * For a derived series: computed from the two series, or stated in the source.
   */
  from: TocDerivedFrom | null,
  /**
   * For a derived series: the value the source states, where it states one.
   */
  stated: number | null,
  /**
   * True when a period without data lies between the previous point and this one: the
   * line breaks here. Dated points (days) are measurements, not a grid: never a gap.
   */
  gapBefore: boolean,
};

/**
 * The chart of one indicator.
 */
export type TocChartSeries = {
  /**
   * The indicator's id.
   */
  id: string,
  /**
   * True for a ratio or difference of two other indicators.
   */
  derived: boolean,
  /**
   * Points in period order.
   */
  points: Array<TocChartPoint>,
};

/**
 * A column of the logic model, left to right.
 */
export type TocColumnKey = "inputs" | "activities" | "outputs" | "short_term" | "intermediate" | "long_term" | "impact";

/**
 * A component (strand) of a program, e.g. Alianza's "Advocacy", with who takes part.
 */
export type TocComponent = {
  /**
   * Unique id.
   */
  id: string,
  /**
   * Title.
   */
  title: Text,
  /**
   * Who takes part, e.g. "Parent leaders and parent members".
   */
  who?: Text | null,
  /**
   * Where it came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * An outcome's mapping to one systems-change condition.
 */
export type TocConditionLink = {
  /**
   * Condition id, e.g. `"power-dynamics"`.
   */
  condition: string,
  /**
   * Where the mapping came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * One chain of critical goals, first goal first, and what it runs up against.
 */
export type TocCriticalChain = {
  /**
   * Goal ids, first goal first; each goal's finish sets the next one's start.
   */
  goals: Array<string>,
  /**
   * What bounds the last goal's late finish.
   */
  bound: TocChainBound,
};

/**
 * A calendar day between 0001-01-01 and 9999-12-31, stored as the number of days since
 * 1970-01-01 (negative before it).
 *
 * Serialized as the ISO 8601 text `"YYYY-MM-DD"`; decoding rejects anything else (single-digit
 * months, times, impossible days such as `2021-02-29`).
 *
 * # Formula
 *
 * ```text
 * days_from_civil(y, m, d): shift the year to start in March (y' = y − [m ≤ 2]),
 *   era = ⌊y' / 400⌋, yoe = y' − 400·era,
 *   doy = ⌊(153·((m + 9) mod 12) + 2) / 5⌋ + d − 1,
 *   doe = 365·yoe + ⌊yoe/4⌋ − ⌊yoe/100⌋ + doy,
 *   days = 146097·era + doe − 719468
 * ```
 *
 * # Examples
 *
 * ```
 * use waterline::toc::Date;
 * let start = Date::parse("2021-07-01")?;          // PASS phase 2 opens
 * let end = Date::parse("2023-06-30")?;            // ... and closes
 * assert_eq!(start.days_until(end), 729);
 * assert_eq!(start.add_days(150)?.to_string(), "2021-11-28");
 * assert_eq!(Date::parse("1970-01-01")?.day_number(), 0);
 * # Ok::<(), waterline::Error>(())
 * ```
 *
 * # References
 *
 * H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (`days_from_civil`,
 * `civil_from_days`); checked against Python's `datetime.date.toordinal`.
 */
export type TocDate = string;

/**
 * A field of a goal's dates.
 */
export type TocDateField = "start" | "end" | "duration";

/**
 * What the schedule keeps of a goal's stated dates: a coded note the page translates.
 */
export type TocDateNote = {
  /**
   * Stable code.
   */
  code: TocDateNoteCode,
  /**
   * The fields that set the bar (start and length), in the order start, end, duration.
   */
  kept: Array<TocDateField>,
  /**
   * The stated end date (inclusive), kept as a deadline.
   */
  statedEnd: TocDate,
  /**
   * The stated duration in days.
   */
  durationDays: number,
  /**
   * The last day of work that the stated start and duration imply (`None` without a start).
   */
  impliedEnd: TocDate | null,
};

/**
 * Stable code of a [`DateNote`] (snake_case in JSON).
 */
export type TocDateNoteCode = "end_is_deadline" | "dates_agree";

/**
 * A finish-to-start dependency: the goal starts after `goal` finishes.
 */
export type TocDependency = {
  /**
   * Id of the prerequisite goal.
   */
  goal: string,
  /**
   * Where the dependency came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * How an indicator derives from two others: `a / b` or `a − b`, period by period.
 */
export type TocDerivation = {
  /**
   * Ratio or difference.
   */
  op: TocDeriveOp,
  /**
   * Id of the first indicator (the numerator of a ratio).
   */
  a: string,
  /**
   * Id of the second indicator.
   */
  b: string,
};

/**
 * How a derived series combines two series.
 */
export type TocDeriveOp = "ratio" | "difference";

/**
 * Where a derived value came from.
 */
export type TocDerivedFrom = "computed" | "stated";

/**
 * One value of a derived series.
 */
export type TocDerivedPoint = {
  /**
   * The period.
   */
  period: TocPeriod,
  /**
   * a / b or a − b.
   */
  value: number,
  /**
   * Computed, or stated in the source.
   */
  from: TocDerivedFrom,
  /**
   * The stated value where the source also states one (for checking the computed one).
   */
  stated: number | null,
};

/**
 * Which side of the target is good.
 */
export type TocDirection = "increase" | "decrease";

/**
 * How an edge runs between columns.
 */
export type TocEdgeRoute = "forward" | "backward" | "flat";

/**
 * One edit of a model.
 */
export type TocEdit = { "op": "add",
/**
 * Kind of the new element.
 */
kind: TocKind,
/**
 * Its title (name, measure or statement); "New <kind>" (English only) when absent.
 */
title?: Text | null,
/**
 * An element the new one concerns: the `of` of an indicator, the `about` of an
 * assumption (ignored for other kinds).
 */
near?: string | null,
} | { "op": "remove",
/**
 * Kind of the element.
 */
kind: TocKind,
/**
 * Position in that kind's list (0-based).
 */
index: number,
} | { "op": "rename",
/**
 * Kind of the element.
 */
kind: TocKind,
/**
 * Position in that kind's list (0-based).
 */
index: number,
/**
 * The new id (trimmed; must not be empty nor used by another element).
 */
to: string,
};

/**
 * The edited model and what the edit did.
 */
export type TocEditResult = {
  /**
   * The model after the edit.
   */
  model: TocModel,
  /**
   * Id of the element added, removed or renamed (its new id for a rename).
   */
  id: string,
  /**
   * Everything else that changed, in model order.
   */
  effects: Array<TocEffect>,
};

/**
 * Something an edit changed besides the element it names.
 */
export type TocEffect = { "effect": "removed",
/**
 * Its kind.
 */
kind: TocKind,
/**
 * Its id.
 */
id: string,
} | { "effect": "link_removed",
/**
 * Id of its source.
 */
from: string,
/**
 * Id of its target.
 */
to: string,
} | { "effect": "dropped",
/**
 * Id of the element whose list changed.
 */
id: string,
/**
 * The field, e.g. `"dependsOn"`.
 */
field: string,
/**
 * The id that was dropped.
 */
value: string,
} | { "effect": "cleared",
/**
 * Id of the element.
 */
id: string,
/**
 * The field.
 */
field: string,
} | { "effect": "renamed",
/**
 * Id of the element (after the edit).
 */
id: string,
/**
 * The field, e.g. `"from"` of a link (`id` is then the link's `from`).
 */
field: string,
};

/**
 * An output or an impact: a plain logic-model element.
 */
export type TocElement = {
  /**
   * Unique id.
   */
  id: string,
  /**
   * Title.
   */
  title: Text,
  /**
   * Component the element belongs to.
   */
  component?: string | null,
  /**
   * Where it came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * One event of the campaign's timeline.
 */
export type TocEvent = {
  /**
   * Unique id.
   */
  id: string,
  /**
   * What happened, in English and Spanish.
   */
  title: Text,
  /**
   * Activity, flashpoint or milestone.
   */
  kind: TocEventKind,
  /**
   * When: a school year, year, quarter or date; `null` when the source gives no date.
   */
  period?: TocPeriod | null,
  /**
   * The component whose activity it is (for `activity`).
   */
  component?: string | null,
  /**
   * Ids of the activities, outputs and outcomes it concerns.
   */
  about?: Array<string>,
  /**
   * Read from the source (with its quote) or assumed (with a note).
   */
  provenance?: TocProvenance | null,
};

/**
 * What kind of event.
 */
export type TocEventKind = "activity" | "flashpoint" | "milestone";

/**
 * The result of [`import_events_csv`].
 */
export type TocEventsCsvImport = {
  /**
   * The events read, in file order, with ids unused in the model.
   */
  events: Array<TocEvent>,
  /**
   * Number of data rows.
   */
  nRows: number,
  /**
   * Number of rows left out (each has at least one issue).
   */
  nSkipped: number,
  /**
   * Every problem found.
   */
  issues: Array<TocEventsCsvIssue>,
};

/**
 * A row left out, positioned (1-based; row 1 is the header).
 */
export type TocEventsCsvIssue = {
  /**
   * Stable code: `ragged_row` (not as many cells as the header), `invalid_date` (a date that
   * is not a period), `unknown_label` (a kind that is none of the three), `bad_input` (no
   * title in either language), `unknown_id` (a `concerns` id that is no activity, output or
   * outcome of the model, or a `component` that is no component), `duplicate_id` (an `id`
   * already carried by an element, an event or an earlier row).
   */
  code: ErrorCode,
  /**
   * 1-based line number of the row.
   */
  row: number,
  /**
   * 1-based column, when one cell is at fault.
   */
  column: number | null,
  /**
   * Its header, as written.
   */
  header: string | null,
  /**
   * The cell's text, or the one id at fault (at most 40 characters).
   */
  value: string | null,
};

/**
 * An exported text with what a download needs.
 */
export type TocExport = {
  /**
   * The format produced.
   */
  format: TocExportFormat,
  /**
   * MIME type, e.g. `"text/csv"`.
   */
  mimeType: string,
  /**
   * File extension without the dot, e.g. `"csv"`.
   */
  extension: string,
  /**
   * The text.
   */
  text: string,
};

/**
 * Export formats.
 */
export type TocExportFormat = "json" | "mermaid" | "dot" | "indicators_csv";

/**
 * Options of [`export`].
 */
export type TocExportOptions = {
  /**
   * What to produce.
   */
  format: TocExportFormat,
  /**
   * Label language for Mermaid and DOT (default English).
   */
  lang?: Lang,
};

/**
 * A value with its provenance, e.g. a date read as "Spring 2021".
 */
export type TocFact<T> = {
  /**
   * The value.
   */
  value: T,
  /**
   * Where it came from; `null` when entered by the user.
   */
  provenance?: TocProvenance | null,
};

/**
 * One finding: a rule, an English message and the ids involved (for a cycle, in cycle order).
 */
export type TocFinding = {
  /**
   * Error or warning (fixed per rule).
   */
  severity: TocSeverity,
  /**
   * Stable rule code; the page translates by it.
   */
  code: TocRule,
  /**
   * English message naming the ids and what to change.
   */
  message: string,
  /**
   * The ids involved, most relevant first.
   */
  ids: Array<string>,
};

/**
 * A goal: a scheduled piece of work in a phase.
 *
 * Its length is `durationDays` or, when that is absent, `end − start + 1` (dates inclusive).
 * A stated `start` is a start-no-earlier-than constraint and a stated `end` a
 * finish-no-later-than deadline (see [`schedule`](crate::toc::schedule())).
 */
export type TocGoal = {
  /**
   * Unique id, e.g. `"g6"`.
   */
  id: string,
  /**
   * Title in English and Spanish.
   */
  title: Text,
  /**
   * Who is responsible, e.g. `"PASS funders"`.
   */
  owner?: string | null,
  /**
   * Id of the phase the goal belongs to.
   */
  phase?: string | null,
  /**
   * Stated first day.
   */
  start?: TocFact<TocDate> | null,
  /**
   * Stated last day (inclusive).
   */
  end?: TocFact<TocDate> | null,
  /**
   * Stated length in days (0 for a milestone).
   */
  durationDays?: TocFact<number> | null,
  /**
   * Prerequisite goals.
   */
  dependsOn?: Array<TocDependency>,
  /**
   * Progress status.
   */
  status?: TocStatus,
  /**
   * Where the goal came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * A goal's progress.
 */
export type TocGoalProgress = {
  /**
   * Goal id.
   */
  id: string,
  /**
   * Phase id, if any.
   */
  phase: string | null,
  /**
   * The goal's own recorded status.
   */
  status: TocStatus,
  /**
   * Status rolled up from its activities (its own status when it has none).
   */
  rolledStatus: TocStatus,
  /**
   * Its activities by status.
   */
  activities: TocStatusCounts,
  /**
   * Completion in [0, 1].
   */
  completion: number,
  /**
   * Expected completion by `asOf` from the early schedule (`None` without a schedule).
   */
  expected: number | null,
  /**
   * On track, behind, not yet due or no data.
   */
  track: TocTrack,
};

/**
 * One goal in the schedule. Finish dates are inclusive (the last day of work).
 */
export type TocGoalSchedule = {
  /**
   * Goal id.
   */
  id: string,
  /**
   * Phase id, if any.
   */
  phase: string | null,
  /**
   * Length in days.
   */
  durationDays: number,
  /**
   * Earliest start.
   */
  earlyStart: TocDate,
  /**
   * Earliest finish (inclusive).
   */
  earlyFinish: TocDate,
  /**
   * Latest start that keeps every deadline.
   */
  lateStart: TocDate,
  /**
   * Latest finish (inclusive).
   */
  lateFinish: TocDate,
  /**
   * Total float in days: late start − early start (negative when a deadline cannot be met).
   */
  slackDays: number,
  /**
   * True when the goal has the least slack of all goals.
   */
  critical: boolean,
  /**
   * Days from the project start to the early start (for drawing a Gantt chart).
   */
  startOffset: number,
  /**
   * Prerequisites whose finish sets the early start.
   */
  drivenBy: Array<string>,
  /**
   * The constraint that sets the early start when no prerequisite does.
   */
  constrainedBy: TocStartConstraint | null,
  /**
   * Whether the early schedule lies inside the phase window (`None` without a phase window).
   */
  withinPhase: boolean | null,
  /**
   * Which of start, end and duration the schedule keeps, when the goal states an end and a
   * duration (`None` otherwise: the length then comes from the only fields given).
   */
  dateNote: TocDateNote | null,
};

/**
 * A phase's (or the program's) progress, from its goals.
 */
export type TocGroupProgress = {
  /**
   * Phase id, or `"program"`.
   */
  id: string,
  /**
   * Its goals by rolled-up status.
   */
  goals: TocStatusCounts,
  /**
   * Mean completion of its goals.
   */
  completion: number | null,
  /**
   * Mean expected completion of its goals.
   */
  expected: number | null,
  /**
   * Mean clamped share of the indicators (program only; `None` for phases).
   */
  indicatorShare: number | null,
  /**
   * Worst track of its goals (and, for the program, of all indicators).
   */
  track: TocTrack,
};

/**
 * One imported series: an entity (school, district) and group (e.g. "All Students").
 */
export type TocImportedSeries = {
  /**
   * The entity, as written.
   */
  entity: string,
  /**
   * The group, when the file has a group column.
   */
  group: string | null,
  /**
   * Its points in period order.
   */
  points: Array<TocSeriesPoint>,
};

/**
 * An indicator on an output or an outcome.
 */
export type TocIndicator = {
  /**
   * Unique id.
   */
  id: string,
  /**
   * Id of the output or outcome it measures.
   */
  of: string,
  /**
   * What is measured.
   */
  measure: Text,
  /**
   * Unit, e.g. "%" or "parents" / "familias" (a plain string in older files reads as
   * English).
   */
  unit?: Text | null,
  /**
   * Starting value.
   */
  baseline?: TocMeasure | null,
  /**
   * Value to reach, with its target date.
   */
  target?: TocMeasure | null,
  /**
   * Where the values come from, e.g. "PASS parent survey".
   */
  dataSource?: string | null,
  /**
   * Id of a survey item analysed in the Survey area, if any.
   */
  surveyItem?: string | null,
  /**
   * The typed link to its values: a survey item with its statistic, its series, or by hand
   * (#18; read by the evidence map). Absent in older models.
   */
  source?: TocIndicatorSource | null,
  /**
   * Measured values (older models; [`series_of`](super::series_of) reads them as dated
   * points of the series).
   */
  actuals?: Array<TocActual>,
  /**
   * Values by period (school year, year, quarter or date), with counts where known.
   */
  series?: Array<TocSeriesPoint>,
  /**
   * A derived indicator: the ratio or difference of two other indicators' series, computed
   * wherever both have a value (its own `series` then holds only values the source states).
   */
  derived?: TocDerivation | null,
  /**
   * A context figure (e.g. enrolment, students in poverty): described over time, not a
   * result to reach, so validation asks for no target.
   */
  context?: boolean,
  /**
   * Where the indicator came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * An indicator's progress.
 */
export type TocIndicatorProgress = {
  /**
   * Indicator id.
   */
  id: string,
  /**
   * The output or outcome it measures.
   */
  of: string,
  /**
   * Baseline value.
   */
  baseline: number | null,
  /**
   * Target value.
   */
  target: number | null,
  /**
   * Latest actual on or before `asOf`.
   */
  latest: number | null,
  /**
   * Its date.
   */
  latestDate: TocDate | null,
  /**
   * Share of the way from baseline to target (unclamped).
   */
  share: number | null,
  /**
   * Share expected by `asOf`, in [0, 1].
   */
  expectedShare: number | null,
  /**
   * The period of the latest value (its series period; a date for older actuals).
   */
  latestPeriod: TocPeriod | null,
  /**
   * Number of values in the series on or before `asOf`.
   */
  nPoints: number,
  /**
   * Least-squares slope of those values against the middle of their periods, in the
   * indicator's unit per year (365.25 days); `None` with fewer than two values.
   */
  trendPerYear: number | null,
  /**
   * Target − latest value, in the indicator's unit (what is left to go at the target date).
   */
  distanceToTarget: number | null,
  /**
   * The target's date.
   */
  targetDate: TocDate | null,
  /**
   * True when the latest actual reaches the target.
   */
  achieved: boolean,
  /**
   * On track, behind, not yet due or no data.
   */
  track: TocTrack,
};

/**
 * The typed link of an indicator to its values.
 */
export type TocIndicatorSource = {
  /**
   * Survey item, series or by hand.
   */
  kind: TocSourceKind,
  /**
   * Id of the survey in the project (`survey_item` only).
   */
  survey?: string | null,
  /**
   * Item id, or pair id for a pair's `share_improved` / `paired_shift` (`survey_item` only).
   */
  item?: string | null,
  /**
   * The statistic read (`survey_item` only).
   */
  statistic?: TocSurveyStatistic | null,
  /**
   * Which side of the target is good; when absent, baseline → target decides (and without
   * a baseline the grade is withheld rather than guessed).
   */
  direction?: TocDirection | null,
};

/**
 * An input (resource), e.g. a monthly stipend per parent.
 */
export type TocInput = {
  /**
   * Unique id.
   */
  id: string,
  /**
   * Title.
   */
  title: Text,
  /**
   * Amount in `unit`, e.g. 300 for "USD per parent per month".
   */
  amount?: TocFact<TocAmount> | null,
  /**
   * Component the input belongs to.
   */
  component?: string | null,
  /**
   * Where it came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * The kind of a thing with an id.
 */
export type TocKind = "phase" | "goal" | "component" | "input" | "activity" | "output" | "outcome" | "impact" | "assumption" | "indicator";

/**
 * The result of [`layout`].
 */
export type TocLayout = {
  /**
   * `Method::LayeredBarycenter`.
   */
  method: TocMethod,
  /**
   * Total width.
   */
  width: number,
  /**
   * Total height.
   */
  height: number,
  /**
   * Non-empty columns, left to right.
   */
  columns: Array<TocLayoutColumn>,
  /**
   * Node boxes in model order (inputs, activities, outputs, outcomes, impacts).
   */
  nodes: Array<TocLayoutNode>,
  /**
   * Edges in link order (links naming unknown elements are skipped).
   */
  edges: Array<TocLayoutEdge>,
  /**
   * Edge crossings between adjacent columns in the final order.
   */
  crossings: number,
  /**
   * Crossings in the initial (model) order.
   */
  initialCrossings: number,
  /**
   * Barycenter sweeps run (one sweep = down then up).
   */
  sweeps: number,
  /**
   * Dummy nodes inserted where links skip columns.
   */
  nDummies: number,
  /**
   * Links skipped because an end is not a logic-model element.
   */
  nSkippedLinks: number,
};

/**
 * A column's position.
 */
export type TocLayoutColumn = {
  /**
   * Which column (the page translates the key).
   */
  key: TocColumnKey,
  /**
   * Left edge.
   */
  x: number,
  /**
   * Width.
   */
  width: number,
};

/**
 * A link drawn as a polyline from its source to its target (arrow at the last point).
 */
export type TocLayoutEdge = {
  /**
   * Source id.
   */
  from: string,
  /**
   * Target id.
   */
  to: string,
  /**
   * Forward, backward or flat.
   */
  route: TocEdgeRoute,
  /**
   * Polyline points, source side first.
   */
  points: Array<TocPoint>,
};

/**
 * A node box (top-left corner, size).
 */
export type TocLayoutNode = {
  /**
   * Element id.
   */
  id: string,
  /**
   * Element kind.
   */
  kind: TocKind,
  /**
   * Its column.
   */
  column: TocColumnKey,
  /**
   * Rank within the column, from the top.
   */
  order: number,
  /**
   * Left edge.
   */
  x: number,
  /**
   * Top edge.
   */
  y: number,
  /**
   * Width.
   */
  width: number,
  /**
   * Height (grows with the label: about 28 characters per 16-unit line).
   */
  height: number,
};

/**
 * A "leads to" link between two logic-model elements.
 */
export type TocLink = {
  /**
   * Id of the element that leads to `to`.
   */
  from: string,
  /**
   * Id of the element it leads to.
   */
  to: string,
  /**
   * Where the link came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * A baseline or target value with its date.
 */
export type TocMeasure = {
  /**
   * The value, in the indicator's unit (finite).
   */
  value: number,
  /**
   * When it holds (baseline) or is due (target).
   */
  date?: TocDate | null,
  /**
   * Where it came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * A method of a logic-model result.
 */
export type TocMethod = "linear_expected_progress" | "cpm_delay" | "toc_rules_v1" | "layered_barycenter" | "cpm";

/**
 * A program's logic model: schedule and theory of change in one schema-versioned document.
 */
export type TocModel = {
  /**
   * Always [`SCHEMA_VERSION`] once parsed (older files are migrated on reading).
   */
  schemaVersion: number,
  /**
   * Model id, e.g. `"pass"`.
   */
  id: string,
  /**
   * Program name.
   */
  title: Text,
  /**
   * The source text the model was read from, e.g. "Seed 004: PASS concept paper".
   */
  source?: string | null,
  /**
   * Phases in order.
   */
  phases?: Array<TocPhase>,
  /**
   * Goals.
   */
  goals?: Array<TocGoal>,
  /**
   * Components (strands).
   */
  components?: Array<TocComponent>,
  /**
   * Inputs (resources).
   */
  inputs?: Array<TocInput>,
  /**
   * Activities.
   */
  activities?: Array<TocActivity>,
  /**
   * Outputs.
   */
  outputs?: Array<TocElement>,
  /**
   * Outcomes.
   */
  outcomes?: Array<TocOutcome>,
  /**
   * Impacts.
   */
  impacts?: Array<TocElement>,
  /**
   * "Leads to" links.
   */
  links?: Array<TocLink>,
  /**
   * Assumptions and external factors.
   */
  assumptions?: Array<TocAssumption>,
  /**
   * Indicators on outputs and outcomes.
   */
  indicators?: Array<TocIndicator>,
  /**
   * The campaign's timeline: dated activities, flashpoints and milestones.
   */
  events?: Array<TocEvent>,
};

/**
 * A goal whose dates change in a what-if (finish dates inclusive).
 */
export type TocMove = {
  /**
   * Goal id.
   */
  id: string,
  /**
   * Early start before the delay.
   */
  oldStart: TocDate,
  /**
   * Early start after the delay.
   */
  newStart: TocDate,
  /**
   * Early finish before the delay.
   */
  oldFinish: TocDate,
  /**
   * Early finish after the delay.
   */
  newFinish: TocDate,
  /**
   * Days the finish moves.
   */
  shiftDays: number,
};

/**
 * Why a change has no interval.
 */
export type TocNoIntervalReason = "rates_only";

/**
 * Where a fact came from.
 */
export type TocOrigin = "read" | "assumed";

/**
 * An outcome: a change the program expects, with its horizon and the systems-change conditions
 * it moves.
 */
export type TocOutcome = {
  /**
   * Unique id.
   */
  id: string,
  /**
   * Title.
   */
  title: Text,
  /**
   * Short, intermediate or long term.
   */
  term: TocTerm,
  /**
   * Component the outcome belongs to.
   */
  component?: string | null,
  /**
   * Systems-change conditions the outcome moves (ids from [`CONDITION_IDS`] or the funder's
   * own).
   */
  conditions?: Array<TocConditionLink>,
  /**
   * Where it came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * An outcome's progress, from its indicators.
 */
export type TocOutcomeProgress = {
  /**
   * Outcome id.
   */
  id: string,
  /**
   * Its term.
   */
  term: TocTerm,
  /**
   * Number of indicators on it.
   */
  nIndicators: number,
  /**
   * Mean clamped share of its indicators that have one.
   */
  share: number | null,
  /**
   * Worst track of its indicators (no data without indicators).
   */
  track: TocTrack,
};

/**
 * A period of a series. Written as text: `"2013-14"` (school year, July 1 – June 30),
 * `"2014"` (calendar year), `"2014-Q2"` (quarter) or `"2014-05-31"` (a date).
 */
export type TocPeriod = string;

/**
 * A phase of the program with its calendar window (both ends inclusive).
 */
export type TocPhase = {
  /**
   * Unique id, e.g. `"p1"`.
   */
  id: string,
  /**
   * Name in English and Spanish.
   */
  name: Text,
  /**
   * First day of the window.
   */
  start?: TocFact<TocDate> | null,
  /**
   * Last day of the window (inclusive).
   */
  end?: TocFact<TocDate> | null,
  /**
   * Where the phase came from.
   */
  provenance?: TocProvenance | null,
};

/**
 * A phase window against the goals scheduled in it.
 */
export type TocPhaseSchedule = {
  /**
   * Phase id.
   */
  id: string,
  /**
   * Window start, if stated.
   */
  start: TocDate | null,
  /**
   * Window end (inclusive), if stated.
   */
  end: TocDate | null,
  /**
   * Number of goals in the phase.
   */
  nGoals: number,
  /**
   * Earliest early start of its goals.
   */
  firstStart: TocDate | null,
  /**
   * Latest early finish of its goals (inclusive).
   */
  lastFinish: TocDate | null,
  /**
   * True when every goal of the phase lies inside the window.
   */
  conforms: boolean,
};

/**
 * A point of an edge polyline.
 */
export type TocPoint = {
  /**
   * Horizontal position.
   */
  x: number,
  /**
   * Vertical position.
   */
  y: number,
};

/**
 * The result of [`progress`].
 */
export type TocProgress = {
  /**
   * `Method::LinearExpectedProgress`.
   */
  method: TocMethod,
  /**
   * The date progress is judged at.
   */
  asOf: TocDate,
  /**
   * Activities in model order.
   */
  activities: Array<TocActivityProgress>,
  /**
   * Goals in model order.
   */
  goals: Array<TocGoalProgress>,
  /**
   * Indicators in model order.
   */
  indicators: Array<TocIndicatorProgress>,
  /**
   * Outcomes in model order.
   */
  outcomes: Array<TocOutcomeProgress>,
  /**
   * Phases in model order.
   */
  phases: Array<TocGroupProgress>,
  /**
   * The whole program.
   */
  program: TocGroupProgress,
  /**
   * Why some judgements are missing (e.g. the schedule could not be computed): see the
   * module's table of note codes.
   */
  warnings: Array<Note>,
};

/**
 * Options of [`progress`].
 */
export type TocProgressOptions = {
  /**
   * The date progress is judged at.
   */
  asOf: TocDate,
  /**
   * Project start for the schedule, as in [`ScheduleOptions`].
   */
  start?: TocDate | null,
  /**
   * Project deadline for the schedule, as in [`ScheduleOptions`].
   */
  deadline?: TocDate | null,
};

/**
 * Provenance of an element, date, duration or dependency.
 */
export type TocProvenance = {
  /**
   * `"read"` or `"assumed"`.
   */
  origin: TocOrigin,
  /**
   * A short quote from the source text (for `read`).
   */
  quote?: string | null,
  /**
   * Why or how: the interpretation of a read fact, or the reason for an assumption.
   */
  note?: string | null,
};

/**
 * Stable rule codes (snake_case in JSON). Each rule has a fixed [`Severity`].
 */
export type TocRule = "empty_id" | "duplicate_id" | "unknown_reference" | "wrong_reference_kind" | "invalid_link" | "duplicate_link" | "dependency_cycle" | "link_cycle" | "missing_duration" | "invalid_window" | "duration_mismatch" | "starts_before_prerequisite" | "outside_phase_window" | "outcome_unreached" | "activity_leads_nowhere" | "outcome_without_indicator" | "indicator_without_target" | "unknown_condition" | "misses_deadline" | "start_pushed";

/**
 * The result of [`schedule`].
 */
export type TocSchedule = {
  /**
   * `"cpm"`.
   */
  method: TocMethod,
  /**
   * Number of goals.
   */
  nGoals: number,
  /**
   * Number of dependencies.
   */
  nDependencies: number,
  /**
   * Project start (`None` when there are no goals).
   */
  projectStart: TocDate | null,
  /**
   * Early finish of the whole project, inclusive.
   */
  projectFinish: TocDate | null,
  /**
   * Days from project start through project finish.
   */
  durationDays: number,
  /**
   * True when no slack is negative (every deadline can be met).
   */
  feasible: boolean,
  /**
   * Goal ids in topological order (prerequisites first, ties in model order).
   */
  order: Array<string>,
  /**
   * The critical chain that drives the project's finish, first goal first (the same as
   * `critical_chains[0].goals`).
   */
  criticalPath: Array<string>,
  /**
   * Every chain of critical goals, the one that drives the finish first: together they hold
   * exactly the goals marked `critical` (the one source for a "critical path" header).
   */
  criticalChains: Array<TocCriticalChain>,
  /**
   * Goals in model order.
   */
  goals: Array<TocGoalSchedule>,
  /**
   * Phase windows in model order.
   */
  phases: Array<TocPhaseSchedule>,
  /**
   * Missed deadlines (errors) and stated starts pushed later (warnings).
   */
  conflicts: Array<TocFinding>,
};

/**
 * Options of [`schedule`].
 */
export type TocScheduleOptions = {
  /**
   * Project start: no goal starts earlier. Default: the earliest phase start or stated goal
   * start.
   */
  start?: TocDate | null,
  /**
   * Project deadline (inclusive): every goal must finish by it. Default: none (late dates
   * are computed back from the project's early finish).
   */
  deadline?: TocDate | null,
};

/**
 * The result of [`import_series_csv`].
 */
export type TocSeriesCsvImport = {
  /**
   * Long or wide.
   */
  shape: TocSeriesCsvShape,
  /**
   * Series in order of first appearance.
   */
  series: Array<TocImportedSeries>,
  /**
   * Number of data rows read.
   */
  nRows: number,
  /**
   * Rows or cells left out.
   */
  issues: Array<TocSeriesCsvIssue>,
};

/**
 * A row or cell left out, positioned (1-based; row 1 is the header).
 */
export type TocSeriesCsvIssue = {
  /**
   * Stable code: `ragged_row`, `invalid_date` (a period that cannot be read),
   * `not_a_number`, `value_out_of_range` (a negative count or rate), `count_exceeds_total`,
   * `duplicate_id` (the same entity, group and period twice).
   */
  code: ErrorCode,
  /**
   * 1-based line number of the row.
   */
  row: number,
  /**
   * 1-based column, when one cell is at fault.
   */
  column: number | null,
  /**
   * Its header.
   */
  header: string | null,
  /**
   * The cell's text (at most 40 characters).
   */
  value: string | null,
};

/**
 * The shape detected from the header.
 */
export type TocSeriesCsvShape = "long" | "wide";

/**
 * One value of a series.
 */
export type TocSeriesPoint = {
  /**
   * The period it describes.
   */
  period: TocPeriod,
  /**
   * The value in the indicator's unit (`None` with counts only: then 100 × numerator /
   * denominator).
   */
  value?: number | null,
  /**
   * Count of cases (e.g. students suspended), where published.
   */
  numerator?: number | null,
  /**
   * Count of the population (e.g. enrolled students), where published.
   */
  denominator?: number | null,
  /**
   * Where the value comes from, e.g. "CDE DataQuest".
   */
  source?: string | null,
  /**
   * Read from a source (with its quote) or assumed (with a note).
   */
  provenance?: TocProvenance | null,
};

/**
 * How serious a finding is.
 */
export type TocSeverity = "error" | "warning";

/**
 * What feeds an indicator.
 */
export type TocSourceKind = "survey_item" | "series" | "by_hand";

/**
 * What set a goal's early start, when it was not a prerequisite's finish.
 */
export type TocStartConstraint = "project_start" | "phase_start" | "stated_start" | "delay";

/**
 * Progress status of a goal or an activity.
 */
export type TocStatus = "not_started" | "in_progress" | "done" | "blocked";

/**
 * How many goals or activities have each status.
 */
export type TocStatusCounts = {
  /**
   * Not started.
   */
  notStarted: number,
  /**
   * In progress.
   */
  inProgress: number,
  /**
   * Done.
   */
  done: number,
  /**
   * Blocked.
   */
  blocked: number,
};

/**
 * Which number of a survey item's report feeds the indicator.
 */
export type TocSurveyStatistic = "share_agreeing" | "share_improved" | "mean" | "paired_shift";

/**
 * Time horizon of an outcome.
 */
export type TocTerm = "short" | "intermediate" | "long";

/**
 * Whether something is where it should be by `asOf`.
 */
export type TocTrack = "not_yet_due" | "on_track" | "no_data" | "behind";

/**
 * The result of [`validate`].
 */
export type TocValidation = {
  /**
   * `Method::TocRulesV1`: the rule set of [`Rule`].
   */
  method: TocMethod,
  /**
   * True when there is no error (warnings allowed).
   */
  valid: boolean,
  /**
   * Number of error findings.
   */
  errors: number,
  /**
   * Number of warning findings.
   */
  warnings: number,
  /**
   * Logic-model elements (inputs, activities, outputs, outcomes, impacts).
   */
  nElements: number,
  /**
   * "Leads to" links.
   */
  nLinks: number,
  /**
   * Goals.
   */
  nGoals: number,
  /**
   * Goal dependencies.
   */
  nDependencies: number,
  /**
   * The findings: errors first, then warnings, each in the order they were checked.
   */
  findings: Array<TocFinding>,
};

/**
 * The result of [`what_if`].
 */
export type TocWhatIf = {
  /**
   * `Method::CpmDelay`.
   */
  method: TocMethod,
  /**
   * The delayed goal.
   */
  goalId: string,
  /**
   * The delay in days.
   */
  delayDays: number,
  /**
   * Every goal that moves, in topological order (the delayed goal first).
   */
  moved: Array<TocMove>,
  /**
   * Project finish before the delay.
   */
  projectFinishBefore: TocDate | null,
  /**
   * Project finish after the delay.
   */
  projectFinishAfter: TocDate | null,
  /**
   * Days the project finish moves.
   */
  projectShiftDays: number,
  /**
   * Feasibility before the delay.
   */
  feasibleBefore: boolean,
  /**
   * Feasibility after the delay.
   */
  feasibleAfter: boolean,
  /**
   * The schedule after the delay.
   */
  schedule: TocSchedule,
};

/**
 * Options of [`what_if`]: the goal to delay and by how many days.
 */
export type TocWhatIfOptions = {
  /**
   * Id of the goal whose start slips.
   */
  goalId: string,
  /**
   * Days of delay, 0 to 36,525 (100 years).
   */
  delayDays: number,
  /**
   * Project start, as in [`ScheduleOptions`].
   */
  start?: TocDate | null,
  /**
   * Project deadline, as in [`ScheduleOptions`].
   */
  deadline?: TocDate | null,
};

/**
 * Result of [`two_proportions`]: wave 2 against wave 1.
 */
export type TwoProportions = {
  /**
   * `Method::TwoProportions`.
   */
  method: StatsMethod,
  /**
   * `"newcombe"`: the interval method (Newcombe 1998, independent samples, method 10).
   */
  intervalMethod: StatsMethod,
  /**
   * `"chi_square"` or `Method::ChiSquareYates`: the test.
   */
  testMethod: StatsMethod,
  /**
   * Successes in wave 1.
   */
  x1: number,
  /**
   * Respondents in wave 1.
   */
  n1: number,
  /**
   * Successes in wave 2.
   */
  x2: number,
  /**
   * Respondents in wave 2.
   */
  n2: number,
  /**
   * x1 / n1.
   */
  p1: number,
  /**
   * x2 / n2.
   */
  p2: number,
  /**
   * p2 − p1, in [−1, 1].
   */
  difference: number,
  /**
   * Lower bound of the interval for p2 − p1.
   */
  lower: number,
  /**
   * Upper bound of the interval for p2 − p1.
   */
  upper: number,
  /**
   * Confidence level.
   */
  level: number,
  /**
   * Pearson chi-square statistic of the 2×2 table (1 df).
   */
  chiSquare: number,
  /**
   * Degrees of freedom: 1.
   */
  df: number,
  /**
   * Two-sided p-value of the chi-square test, in [0, 1].
   */
  pValue: number,
  /**
   * Signed z = sign(p2 − p1)·√χ² (the pooled score z when `correct` is false).
   */
  z: number,
  /**
   * Whether Yates' correction was applied.
   */
  correct: boolean,
  /**
   * Cohen's h = 2·asin(√p2) − 2·asin(√p1), in [−π, π].
   */
  cohensH: number,
  /**
   * Notes for the reader.
   */
  warnings: Array<Note>,
};

/**
 * Options of [`two_proportions`].
 */
export type TwoProportionsOptions = {
  /**
   * Confidence level in (0, 1); default 0.95.
   */
  level?: number,
  /**
   * Yates' continuity correction of the chi-square test; default `false`, so that the test
   * agrees with z² of the uncorrected score test (R's `prop.test` defaults to `true`).
   */
  correct?: boolean,
};

/**
 * The weighted difference between two domains (`to − from`).
 */
export type WeightedDifference = {
  /**
   * The first domain's weighted mean or share (domain SE).
   */
  from: WeightedMean,
  /**
   * The second domain's weighted mean or share.
   */
  to: WeightedMean,
  /**
   * `to.estimate − from.estimate`.
   */
  difference: number,
  /**
   * √(SE_from² + SE_to²).
   */
  se: number,
  /**
   * difference − z·SE.
   */
  lower: number,
  /**
   * difference + z·SE.
   */
  upper: number,
  /**
   * Wald statistic difference / SE (`null` when SE is 0).
   */
  z: number | null,
  /**
   * Two-sided normal p-value (`null` when SE is 0).
   */
  pValue: number | null,
  /**
   * Confidence level.
   */
  level: number,
  /**
   * Reference.
   */
  reference: string,
};

/**
 * The interval of a weighted share.
 */
export type WeightedInterval = "wilson_kish" | "korn_graubard";

/**
 * A weighted mean (or share) with its linearised standard error and design effects.
 */
export type WeightedMean = {
  /**
   * Σwy / Σw.
   */
  estimate: number,
  /**
   * Linearisation standard error (svymean's `SE`).
   */
  se: number,
  /**
   * Lower bound: for a mean, ȳ − z·SE (R `confint`); for a share, the chosen interval.
   */
  lower: number,
  /**
   * Upper bound.
   */
  upper: number,
  /**
   * Confidence level.
   */
  level: number,
  /**
   * Values used (unweighted count, zero weights included).
   */
  n: number,
  /**
   * Σw.
   */
  sumWeights: number,
  /**
   * Kish effective sample size (Σw)²/Σw².
   */
  nEff: number,
  /**
   * Kish's design effect of the weights, n⁺/n_eff (1 when all weights are equal).
   */
  deffKish: number,
  /**
   * svymean's `deff = "replace"`: V(ȳ) over the with-replacement simple random sampling
   * variance; `null` when the values do not vary.
   */
  deff: number | null,
  /**
   * Reference for the estimate, SE and interval.
   */
  reference: string,
};

/**
 * Options of the weighted estimators.
 */
export type WeightedOptions = {
  /**
   * Confidence level in (0, 1); default 0.95.
   */
  level?: number | null,
  /**
   * Shares only: `"wilson_kish"` (default) or `"korn_graubard"`.
   */
  interval?: WeightedInterval | null,
};

/**
 * Whose words a scale point's descriptor is, so a reader can tell a source's words from ours.
 */
export type Wording = "source" | "waterline" | "custom";

/**
 * How zero differences (after = before) enter the signed-rank test.
 */
export type ZeroMethod = "wilcox" | "pratt";
