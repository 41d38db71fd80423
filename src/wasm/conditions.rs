//! Bindings of the funder's condition scoring ([`crate::conditions`]). Every export decodes its
//! arguments, calls one core function and encodes the result; the TypeScript interfaces are in
//! the `TS_CONDITIONS` custom section.

use super::tree::Node;
use super::{core, decode, decode_node, encode, known_fields, read, to_js_error};
use crate::conditions::{self as c, Round, Rubric, RubricEdit, ScoreColumns};
use crate::error::{Code, Error};
use wasm_bindgen::prelude::*;

/// Decodes a round. Its `scoreColumns`, when present, are read column by column: a typed array
/// is copied in one step (see [`read::read`]) instead of going through serde one element at a
/// time.
fn decode_round(value: JsValue) -> Result<Round, JsValue> {
    let node = read::read("round", &value).map_err(to_js_error)?;
    let (rest, columns) = match node {
        Node::Object(mut entries) => {
            let columns = entries
                .iter()
                .position(|(k, _)| k == "scoreColumns")
                .map(|i| entries.remove(i).1)
                .filter(|c| *c != Node::Null);
            (Node::Object(entries), columns)
        }
        other => (other, None),
    };
    let mut round: Round = decode_node("round", rest).map_err(to_js_error)?;
    if let Some(columns) = columns {
        round.score_columns = Some(decode_columns(columns).map_err(to_js_error)?);
    }
    Ok(round)
}

/// Reads an index column: a `Uint32Array` or a plain array of whole numbers from 0 to
/// 2³² − 1.
fn indexes(name: &str, value: Node) -> Result<Vec<u32>, Error> {
    column(
        name,
        value,
        "Uint32Array",
        |x| (x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x)).then_some(x as u32),
        "a whole number from 0 to 4294967295",
    )
}

/// A numeric column of `scoreColumns`: a typed array of kind `typed` or a plain array whose
/// elements pass `element`; errors name the column and the index.
fn column<T>(
    name: &str,
    value: Node,
    typed: &str,
    element: impl Fn(f64) -> Option<T>,
    element_kind: &str,
) -> Result<Vec<T>, Error> {
    let not_element = |i: usize| {
        Error::new(
            Code::BadInput,
            format!("{name}[{i}] must be {element_kind}"),
        )
        .with("argument", name)
        .with("index", i)
    };
    let numbers: Vec<Option<f64>> = match value {
        Node::Typed(kind, xs) if kind == typed => xs.into_iter().map(Some).collect(),
        Node::Array(items) => items
            .into_iter()
            .map(|n| match n {
                Node::Number(x) => Some(x),
                _ => None,
            })
            .collect(),
        other => {
            let got = match other {
                Node::Typed(..) | Node::Object(_) | Node::Null => "object".to_string(),
                other => other.kind().to_string(),
            };
            return Err(Error::new(
                Code::BadInput,
                format!("{name} must be a {typed} or an array of numbers, got {got}"),
            )
            .with("argument", name)
            .with("type", got));
        }
    };
    numbers
        .into_iter()
        .enumerate()
        .map(|(i, x)| x.and_then(&element).ok_or_else(|| not_element(i)))
        .collect()
}

fn decode_columns(value: Node) -> Result<ScoreColumns, Error> {
    const NAME: &str = "round.scoreColumns";
    // The keys are checked first, so that no typo goes unnoticed.
    known_fields::<ScoreColumns>(NAME, &value)?;
    let Node::Object(mut entries) = value else {
        return Err(
            Error::new(Code::BadInput, format!("{NAME} must be an object")).with("argument", NAME),
        );
    };
    let mut field = |key: &str| match entries.iter().position(|(k, _)| k == key) {
        Some(i) => Ok(entries.remove(i).1),
        None => Err(
            Error::new(Code::BadInput, format!("{NAME}: missing field `{key}`"))
                .with("argument", NAME)
                .with("field", key),
        ),
    };
    let ids = |key: &str, node: Node| decode_node::<Vec<String>>(&format!("{NAME}.{key}"), node);
    let index = |key: &str, node: Node| indexes(&format!("{NAME}.{key}"), node);
    Ok(ScoreColumns {
        reviewer_ids: ids("reviewerIds", field("reviewerIds")?)?,
        proposal_ids: ids("proposalIds", field("proposalIds")?)?,
        condition_ids: ids("conditionIds", field("conditionIds")?)?,
        reviewer: index("reviewer", field("reviewer")?)?,
        proposal: index("proposal", field("proposal")?)?,
        condition: index("condition", field("condition")?)?,
        value: column(
            &format!("{NAME}.value"),
            field("value")?,
            "Float64Array",
            Some,
            "a number",
        )?,
    })
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CONDITIONS: &'static str = r#"
/** A text in English and Spanish. */
export interface Text { en: string; es: string; }
/** A level of explicitness that groups conditions. */
export interface Level { id: string; name: Text; description: Text; }
/** Where a condition comes from. */
export type Provenance = "fsg" | "alianza_source" | "alianza_inferred" | "custom";
/** One point of a score scale with its anchor description. */
export interface ScalePoint { value: number; label: Text; description: Text; }
/** A condition that reviewers score. */
export interface Condition {
  /** Stable id, also the CSV column name, e.g. "power-dynamics". */
  id: string;
  levelId: string;
  name: Text;
  definition: Text;
  /** At least two points, increasing; scores may fall between points. */
  scale: ScalePoint[];
  /** Relative weight, >= 0. */
  weight: number;
  provenance: Provenance;
  source?: string | null;
}
/** A scoring rubric. */
export interface Rubric { version: 1; name: Text; levels: Level[]; conditions: Condition[]; }
/** One edit of a rubric. */
export type RubricEdit =
  | { op: "add"; condition: Condition }
  | { op: "rename"; id: string; name: Text }
  | { op: "reweight"; id: string; weight: number }
  | { op: "remove"; id: string };
/** A grant proposal. Amounts are whole dollars. */
export interface Proposal {
  id: string; title: string; applicant: string; community: string;
  amountRequested: number;
  /** Smallest viable amount (partial funding); null when it cannot be funded partially. */
  minimumAmount?: number | null;
  tocModelId?: string | null;
}
export interface Reviewer { id: string; name: string; }
/** The reviewer must not score the proposal. */
export interface Conflict { reviewerId: string; proposalId: string; reason?: string | null; }
export interface Score {
  reviewerId: string; proposalId: string; conditionId: string;
  value: number; comment?: string | null;
}
/**
 * Scores in columns, the compact form for large rounds (no comments): entry i is the score
 * value[i] that reviewer reviewerIds[reviewer[i]] gave proposal proposalIds[proposal[i]] on
 * condition conditionIds[condition[i]]. Typed arrays are copied into the engine in one step;
 * plain arrays are accepted too (e.g. from a JSON file).
 */
export interface ScoreColumns {
  reviewerIds: string[]; proposalIds: string[]; conditionIds: string[];
  reviewer: Uint32Array | number[]; proposal: Uint32Array | number[]; condition: Uint32Array | number[];
  value: Float64Array | number[];
}
/** A review round; incomplete designs are allowed. */
export interface Round {
  title: string;
  /** True for made-up example data. */
  synthetic?: boolean;
  note?: string | null;
  proposals: Proposal[];
  reviewers: Reviewer[];
  conflicts?: Conflict[];
  scores?: Score[];
  /** More scores, in columns; a score given both ways is a duplicate. */
  scoreColumns?: ScoreColumns | null;
}
/** A problem found in the input, with the ids involved in `details`. */
export interface Problem { code: string; message: string; details: Record<string, number | string | Array<number | string>>; }
export interface RoundValidation {
  valid: boolean; errors: Problem[]; errorsNotListed: number; warnings: string[];
  proposals: number; reviewers: number; conditions: number; scores: number; reviews: number;
}
export interface ReviewsCsv {
  method: "reviews_csv"; scores: Score[]; rows: number;
  /** Each names `row` (line in the file) and `column` in `details`. */
  errors: Problem[]; errorsNotListed: number; warnings: string[];
}
export interface ConditionSummary {
  conditionId: string; n: number; mean: number | null; sd: number | null;
  min: number | null; max: number | null;
  /** The mean on 0–100. */
  scaled: number | null;
}
export interface LevelScore { levelId: string; score: number | null; }
export interface ProposalScore {
  proposalId: string;
  /** Weighted score on 0–100. */
  score: number | null;
  reviewers: number; levels: LevelScore[]; conditions: ConditionSummary[]; missingConditions: string[];
}
export interface RoundScores { method: "weighted_mean_of_condition_means"; proposals: ProposalScore[]; warnings: string[]; }
export interface ReviewerCalibration {
  reviewerId: string; reviews: number;
  /** Points on 0–100; positive = more generous than the average reviewer. */
  offset: number | null;
  group: number | null; mean: number | null; sd: number | null;
}
export interface CalibratedScore { proposalId: string; raw: number | null; calibrated: number | null; z: number | null; }
export interface Calibration {
  method: "additive_least_squares"; n: number; groups: number; residualSd: number | null;
  reviewers: ReviewerCalibration[]; proposals: CalibratedScore[]; warnings: string[];
}
export interface IccForm {
  form: "ICC1" | "ICC2" | "ICC3" | "ICC1k" | "ICC2k" | "ICC3k"; description: string;
  icc: number; f: number | null; df1: number; df2: number; pValue: number | null;
  lower: number | null; upper: number | null;
}
export interface IccResult {
  method: "shrout_fleiss"; n: number; nUsed: number; nExcluded: number; raters: number; level: number;
  msSubjects: number; msRaters: number; msError: number; msWithin: number;
  forms: IccForm[]; warnings: string[];
}
export interface KrippendorffAlpha {
  method: "krippendorff"; metric: "interval" | "ordinal"; alpha: number;
  observedDisagreement: number; expectedDisagreement: number;
  nUnits: number; nUnitsPairable: number; nPairable: number; raters: number; warnings: string[];
}
export interface ConditionAgreement {
  /** A condition id, or "overall". */
  conditionId: string;
  /** Null when fewer than two proposals were scored by every reviewer (see notes). */
  icc: IccResult | null;
  alphaInterval: KrippendorffAlpha | null; alphaOrdinal: KrippendorffAlpha | null; notes: string[];
}
export interface DiscussionFlag {
  proposalId: string; conditionId: string; spread: number; rawSpread: number; threshold: number;
  lowReviewerId: string; highReviewerId: string;
}
export interface RoundAgreement {
  method: "icc_complete_rows_krippendorff"; conditions: ConditionAgreement[]; overall: ConditionAgreement;
  flags: DiscussionFlag[]; spreadThreshold: number; overallSpreadThreshold: number; calibratedSpread: boolean;
}
export interface DepthFlag {
  proposalId: string;
  code: "transformative_without_relational" | "structural_only" | "power_without_leadership";
  message: Text;
}
export interface ConditionCoverage { conditionId: string; levelId: string; proposalIds: string[]; }
export interface Coverage { scope: "round" | "funded"; n: number; working: number; conditions: ConditionCoverage[]; uncovered: string[]; }
/** Options of analyzeRound; every field is optional. */
export interface AnalysisOptions {
  /** ICC interval level, default 0.95. */
  level?: number;
  /** Discussion flag when a condition's spread reaches this fraction of its scale; default 0.5. */
  spreadThreshold?: number;
  /** Discussion flag when weighted scores (0–100) span this many points; default 25. */
  overallSpreadThreshold?: number;
  /** Remove reviewer offsets before measuring spreads; default true. */
  calibratedSpread?: boolean;
  /** Depth flags: high / low on 0–100, defaults 75 / 40; coverage threshold, default 50. */
  high?: number; low?: number; working?: number;
}
export interface RoundAnalysis {
  method: "round_analysis"; proposals: number; reviewers: number; reviews: number;
  scores: RoundScores; calibration: Calibration; agreement: RoundAgreement;
  depthFlags: DepthFlag[]; coverage: Coverage; warnings: string[];
}
export interface BootstrapOptions {
  /** 1–100,000; default 1000. */
  resamples?: number;
  /** Whole number; the same seed gives the same result; default 1. */
  seed?: number;
  /** Default 3. */
  topK?: number;
  /** Rank interval coverage; default 0.95. */
  level?: number;
  /** Rank calibrated scores; default false. */
  calibrated?: boolean;
}
export interface RankInterval {
  proposalId: string; score: number | null; rank: number | null; medianRank: number | null;
  rankLower: number | null; rankUpper: number | null; pTopK: number | null; resamplesScored: number;
}
export interface BootstrapRanks {
  method: "bootstrap_reviewers"; scores: "raw" | "calibrated"; resamples: number; seed: number;
  topK: number; level: number; reviewers: number; proposals: RankInterval[]; warnings: string[];
}
export interface FundingOptions {
  /** Whole dollars. */
  budget: number;
  /** Fund at minimumAmount, then top up in score order; default false. */
  partial?: boolean;
  /** Minimum share of the budget (0–1) per level id (a proposal's strongest level). */
  minSharePerLevel?: Record<string, number>;
  /** Minimum share of the budget (0–1) per community. */
  minSharePerCommunity?: Record<string, number>;
  /** Maximise calibrated instead of raw scores; default false. */
  calibrated?: boolean;
}
export interface FundedProposal { proposalId: string; score: number; amount: number; amountRequested: number; partial: boolean; }
export interface Displacement { proposalId: string; score: number; totalChange: number; }
export interface NextInLine { proposalId: string; score: number; amount: number; additionalBudget: number; displace: Displacement | null; }
export interface ShareReport { kind: "level" | "community"; id: string; minShare: number; required: number; funded: number; }
export interface FundingResult {
  method: "dp_over_cost" | "branch_and_bound";
  /** False only if the search limit was reached: then upperBound bounds the best total. */
  optimal: boolean; upperBound: number; scores: "raw" | "calibrated";
  budget: number; totalFunded: number; remaining: number; totalScore: number;
  funded: FundedProposal[]; nextInLine: NextInLine | null; shares: ShareReport[];
  coverage: Coverage; n: number; warnings: string[];
}
"#;

/// The default rubric: FSG's six conditions plus Alianza's leadership development (read from
/// the source) and community building (inferred), scored 0–4 with bilingual anchors.
#[wasm_bindgen(js_name = defaultRubric, unchecked_return_type = "Rubric")]
pub fn default_rubric() -> Result<JsValue, JsValue> {
    encode(&c::default_rubric())
}

/// The built-in example round (synthetic): twelve proposals drawn from the seed documents, five
/// reviewers in an incomplete design, one conflict of interest, a harsh and a generous reviewer.
#[wasm_bindgen(js_name = exampleRound, unchecked_return_type = "Round")]
pub fn example_round() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(c::EXAMPLE_ROUND_JSON).map_err(|_| {
        to_js_error(Error::new(
            Code::Internal,
            "the built-in example round is not valid JSON",
        ))
    })
}

/// Checks a rubric and returns it. Throws `duplicate_id`, `unknown_id`, `invalid_scale`,
/// `invalid_weight`, `unsupported_version` or `bad_input`.
#[wasm_bindgen(js_name = validateRubric, unchecked_return_type = "Rubric")]
pub fn validate_rubric(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    core(rubric.validate())?;
    encode(&rubric)
}

/// Applies one edit (add / rename / reweight / remove a condition) and returns the new rubric.
#[wasm_bindgen(js_name = editRubric, unchecked_return_type = "Rubric")]
pub fn edit_rubric(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RubricEdit")] edit: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let edit: RubricEdit = decode("edit", edit)?;
    encode(&core(rubric.apply(&edit))?)
}

/// Lists every problem of a round (ids in every message). Throws only for an invalid rubric.
#[wasm_bindgen(js_name = validateRound, unchecked_return_type = "RoundValidation")]
pub fn validate_round(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    encode(&core(c::validate_round(&rubric, &round))?)
}

/// Scores, calibration, agreement, depth flags and coverage of a round.
#[wasm_bindgen(js_name = analyzeRound, unchecked_return_type = "RoundAnalysis")]
pub fn analyze_round(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalysisOptions | undefined | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    let options: Option<c::AnalysisOptions> = decode("options", options)?;
    encode(&core(c::analyze_round(
        &rubric,
        &round,
        &options.unwrap_or_default(),
    ))?)
}

/// Rank intervals and P(top k) by bootstrapping the reviewers (seeded, reproducible).
#[wasm_bindgen(js_name = bootstrapRanks, unchecked_return_type = "BootstrapRanks")]
pub fn bootstrap_ranks(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BootstrapOptions | undefined | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    let options: Option<c::BootstrapOptions> = decode("options", options)?;
    encode(&core(c::bootstrap_ranks(
        &rubric,
        &round,
        &options.unwrap_or_default(),
    ))?)
}

/// The funded set with the highest total score within the budget (exact), and the next in line.
#[wasm_bindgen(js_name = fundWithinBudget, unchecked_return_type = "FundingResult")]
pub fn fund_within_budget(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Round")] round: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FundingOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let round = decode_round(round)?;
    let options: c::FundingOptions = decode("options", options)?;
    encode(&core(c::fund_within_budget(&rubric, &round, &options))?)
}

/// Reads reviews from CSV text (one row per reviewer × proposal, one column per condition).
#[wasm_bindgen(js_name = parseReviewsCsv, unchecked_return_type = "ReviewsCsv")]
pub fn parse_reviews_csv(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] csv_text: JsValue,
) -> Result<JsValue, JsValue> {
    let rubric: Rubric = decode("rubric", rubric)?;
    let text: String = decode("csvText", csv_text)?;
    encode(&core(c::parse_reviews_csv(&rubric, &text))?)
}
