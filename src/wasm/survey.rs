//! Bindings of the survey domain: one stateful [`Survey`] (a loaded export), the built-in
//! example CSVs and the wave-size sensitivity table. Each method decodes, calls one core
//! function and encodes; all logic is in [`crate::survey`].

use super::{core, decode, encode, number, to_js_error};
use crate::error::{Code, Error};
use crate::survey::report::ReportOptions;
use crate::survey::{DuplicatePolicy, Mapping, ReadOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const SURVEY_TS: &'static str = r#"
/** Options of `Survey.fromBytes(bytes, options)` and `new Survey(csv, options)`; everything
 * is detected when left out. */
export interface SurveyReadOptions {
  /** "," | ";" | "\t" | "|". */
  delimiter?: string;
  shape?: SurveyShape;
  /** The file's encoding, for `fromBytes` (ignored for text): "utf-8" | "utf-16le" |
   * "utf-16be" | "windows-1252" | "iso-8859-15" | "macintosh", or a WHATWG label of one
   * ("latin1" and "iso-8859-1" read as windows-1252). Detected when left out. */
  encoding?: string;
  /** Which rows of a repeated respondent id are analysed; default "keep_last". */
  duplicates?: SurveyDuplicatePolicy;
}
export type SurveyDuplicatePolicy = "keep_first" | "keep_last" | "keep_all" | "drop_all";
export type SurveyEncodingSource = "bom" | "zero_bytes" | "valid_utf8" | "fallback" | "user" | "text";
export interface SurveyEncoding {
  name: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | "iso-8859-15" | "macintosh";
  source: SurveyEncodingSource;
  /** With source "fallback": the line of the first byte that is not UTF-8. */
  invalidUtf8Line: number | null;
}
export type SurveyHeaderKind = "plain" | "response" | "open_ended" | "choice" | "selected_choice" | "text_entry" | "metadata";
/** What a column's header rows say (Qualtrics ImportId, SurveyMonkey's second row). */
export interface SurveyColumnHeader {
  key: string; header: string; question: string; sub: string; kind: SurveyHeaderKind;
  importId: string | null; questionId: string | null; choiceId: string | null;
  /** Text typed into "Other (please specify)". */
  textEntry: boolean;
}
export type SurveyShape = "one_header" | "survey_monkey" | "qualtrics";
export type SurveyItemType = "likert" | "binary" | "multi_select" | "change" | "numeric" | "category" | "text" | "codes";
/** A text in English and Spanish; either may be "". */
export interface BilingualText { en: string; es: string; }
/** `value` is used in statistics and rises towards the positive end; `code` is the number the
 *  file writes for the point (null: the file writes the label, and a bare number is no label). */
export interface SurveyPoint { value: number; code?: number | null; label: BilingualText; aliases: string[]; }
export type NonAnswerReason = "dont_know" | "not_applicable" | "declined" | "skipped";
/** A code that is not an answer (9 = don't know, 0 = not applicable, -99 = skipped). */
export interface SurveyNonAnswer { code: string; reason: NonAnswerReason; label?: BilingualText; }
export type SurveyParam = number | string | SurveyParam[];
/** A reason or notice: a stable code with typed parameters (render from the string tables). */
export interface SurveyReason { code: string; params: Record<string, SurveyParam>; }
/** A scale the engine proposes; apply it by copying type, points and nonAnswers and setting confirmed. */
export interface SurveyProposal {
  template: string; type: SurveyItemType; confidence: number; reasons: SurveyReason[];
  points: SurveyPoint[]; nonAnswers: SurveyNonAnswer[];
}
/** One wave's own wording mapped onto the item's common scale. */
export interface SurveyWaveScale { wave: string; points: SurveyPoint[]; }
export interface SurveyChoice { id: string; label: BilingualText; aliases: string[]; column: string | null; }
export interface SurveyItem {
  id: string;
  /** Column key; null only for a multi-select whose choices have their own columns. */
  column: string | null;
  text: BilingualText;
  type: SurveyItemType;
  points: SurveyPoint[];
  /** Likert: how many top points are the top box (default 2). */
  top: number | null;
  choices: SurveyChoice[];
  separator: string | null;
  min: number | null;
  max: number | null;
  nonAnswers?: SurveyNonAnswer[];
  /** True once the user (or a codebook) confirmed the scale. */
  confirmed?: boolean;
  /** The engine's proposals, most confident first (advice; never applied by the engine). */
  proposals?: SurveyProposal[];
  waveScales?: SurveyWaveScale[];
}
export interface SurveyScale { id: string; text: BilingualText; items: string[]; reversed: string[]; }
export interface SurveyPair {
  id: string;
  design: "then_test" | "pre_post";
  before: string;
  after: string;
  text: BilingualText;
  fromWave: string | null;
  toWave: string | null;
}
export interface SurveyWaves { column: string; order: string[]; sizesAssumed: boolean; }
export interface Instrument {
  title: BilingualText;
  synthetic: boolean;
  items: SurveyItem[];
  /** Item ids of category items to break results down by. */
  groups: string[];
  scales: SurveyScale[];
  pairs: SurveyPair[];
  waves: SurveyWaves | null;
}
export type ColumnRole = "item" | "respondent_id" | "timestamp" | "wave" | "ignored" | "unused";
/** Read-only summary of a file column (ignored by setMapping). */
export interface SurveyColumnSummary {
  key: string; header: string; role: ColumnRole; items: string[];
  distinct: number; blank: number; examples: string[];
}
/** The editable mapping: what `mapping()` returns and `setMapping()` takes back. */
export interface SurveyMapping {
  respondentId: string | null;
  timestamps: string[];
  ignored: string[];
  instrument: Instrument;
  columns?: SurveyColumnSummary[];
}
export type ImportIssueCode = "unknown_label" | "code_out_of_range" | "not_a_number" | "value_out_of_range"
  | "ragged_row" | "unclosed_quote" | "replacement_character" | "duplicate_respondent" | "duplicate_resubmission";
export interface ImportIssue {
  code: ImportIssueCode;
  message: string;
  /** 1-based file line of the first affected row. */
  line: number;
  /** Up to ten affected lines. */
  lines: number[];
  /** Header text. */
  column: string | null;
  item: string | null;
  value: string | null;
  /** Rows affected; for duplicates, the rows holding the id. */
  count: number;
  treatment: "missing" | "kept" | "ignored" | "recovered" | "first_kept" | "last_kept" | "all_kept" | "all_dropped";
  /** unclosed_quote: rows after the open quote that were read again from the next line. */
  rowsAffected: number | null;
}
export interface SurveyColumnMissing {
  column: string; item: string;
  blank: number; notApplicable: number; declined: number; dontKnow: number; invalid: number; total: number;
}
export interface ImportSummary {
  shape: SurveyShape; delimiter: string; encoding: SurveyEncoding;
  /** Data rows in the file, and those analysed (less the duplicate policy's). */
  rows: number; rowsAnalysed: number; duplicates: SurveyDuplicatePolicy;
  columns: number; headers: SurveyColumnHeader[];
  /** Qualtrics: cells hold choice text or numeric recode values. */
  exportValues: "choice_text" | "numeric" | null;
  blankRows: number;
  notes: string[]; issues: ImportIssue[]; missing: SurveyColumnMissing[];
}
export interface SurveyReportOptions {
  /** Default 0.95. */
  level?: number;
  /** Default "holm". */
  adjust?: "holm" | "bh" | "bonferroni" | "hochberg" | "none";
  /** Smallest subgroup shown; default 10. */
  minCell?: number;
  /** Item ids; default the instrument's groups. */
  groupBy?: string[] | null;
  /** Default "wilcox" (R); "pratt" (scipy). */
  zeroMethod?: "wilcox" | "pratt";
  /** Default [25, 50, 100, 200, 400]. */
  assumedSizes?: number[];
}
export interface SurveySentence { en: string; es: string; }
export interface SurveyExclusion { reason: string; count: number; }
export interface SurveyShare { key: string; label: BilingualText; count: number; n: number; share: number; lower: number; upper: number; }
export interface SurveyTopBox { values: number[]; label: BilingualText; interval: ProportionInterval; }
export interface SurveyTestSummary {
  method: string; reference: string; statistic: number; df: number | null;
  pValue: number; pAdjusted: number | null;
  effectName: "rank_biserial" | "dz" | "cohens_h" | "cramers_v" | "difference"; effect: number;
}
export interface ItemResult {
  item: string; text: BilingualText; kind: SurveyItemType; wave: string | null;
  nUsed: number; nExcluded: number; excluded: SurveyExclusion[];
  distribution: SurveyShare[]; topBox: SurveyTopBox | null;
  mean: number | null; sd: number | null; median: number | null; q1: number | null; q3: number | null;
  min: number | null; max: number | null; meanLower: number | null; meanUpper: number | null;
  method: string; reference: string; warnings: string[]; notices: SurveyNotice[]; sentence: SurveySentence;
}
/** Why a headline is withheld: "codes_without_labels" | "scale_not_declared" | "pair_scales_differ" | "wave_scales_unconfirmed". */
export interface SurveyNotice { code: string; params: Record<string, SurveyParam>; }
export interface ShiftResult {
  pair: string; design: "then_test" | "pre_post"; text: BilingualText; kind: SurveyItemType;
  before: string; after: string; nUsed: number; nExcluded: number; excluded: SurveyExclusion[];
  improved: SurveyShare | null; same: SurveyShare | null; worse: SurveyShare | null;
  meanBefore: number | null; meanAfter: number | null;
  topBefore: ProportionInterval | null; topAfter: ProportionInterval | null; topChange: PairedDifference | null;
  mcnemar: McNemar | null; wilcoxon: SignedRankTest | null; pairedT: PairedT | null;
  test: SurveyTestSummary | null; method: string; warnings: string[]; notices: SurveyNotice[]; sentence: SurveySentence;
}
export interface SensitivityRow { nPerWave: number; xFrom: number; xTo: number; difference: number; lower: number; upper: number; pValue: number; }
export interface WaveResult {
  item: string; text: BilingualText; kind: SurveyItemType; from: string; to: string; nFrom: number; nTo: number;
  shareFrom: ProportionInterval | null; shareTo: ProportionInterval | null;
  twoProportions: TwoProportions | null; mannWhitney: MannWhitney | null; distribution: ChiSquareTest | null;
  test: SurveyTestSummary | null; sizesAssumed: boolean; sensitivity: SensitivityRow[]; warnings: string[]; notices: SurveyNotice[]; sentence: SurveySentence;
}
export interface SubgroupRow {
  level: BilingualText; n: number | null; x: number | null; share: number | null;
  lower: number | null; upper: number | null;
  /** "62%", "<5%", ">95%" or "—". */
  display: string;
  suppressed: "small" | "complementary" | null;
}
export interface SubgroupResult {
  item: string; group: string; text: BilingualText; groupText: BilingualText; rows: SubgroupRow[];
  nUsed: number; nExcluded: number; excluded: SurveyExclusion[]; minCell: number;
  chiSquare: ChiSquareTest | null; test: SurveyTestSummary | null; method: string; warnings: string[]; sentence: SurveySentence;
}
/** Cronbach's alpha as the stats module returns it (psych::alpha, Feldt interval). */
export interface SurveyCronbachAlpha {
  method: "cronbach"; ciMethod: "feldt"; missing: "listwise";
  n: number; nUsed: number; nExcluded: number; nItems: number;
  alpha: number; standardizedAlpha: number | null; meanInterItemR: number | null;
  lower: number; upper: number; level: number;
  items: { index: number; mean: number; sd: number; rTotal: number | null; rDrop: number | null; alphaIfDeleted: number | null }[];
  warnings: string[];
}
export interface ScaleResult {
  scale: string; text: BilingualText; items: string[]; nUsed: number; nExcluded: number; excluded: SurveyExclusion[];
  mean: number | null; sd: number | null; alpha: SurveyCronbachAlpha | null;
  method: string; reference: string; warnings: string[]; sentence: SurveySentence;
}
export interface SurveyReport {
  title: BilingualText; synthetic: boolean; rows: number; level: number;
  items: ItemResult[]; shifts: ShiftResult[]; waves: WaveResult[]; subgroups: SubgroupResult[]; scales: ScaleResult[];
  adjustment: { method: "holm" | "bh" | "bonferroni" | "hochberg" | "none"; m: number; reference: string };
  warnings: string[];
  /** Every withheld headline of the report. */
  notices: SurveyNotice[];
}
"#;

/// A survey export loaded in memory: detect, edit the mapping, report.
#[wasm_bindgen]
pub struct Survey {
    inner: crate::survey::Survey,
}

#[wasm_bindgen]
impl Survey {
    /// Reads a CSV export (Google Forms, SurveyMonkey, Qualtrics; `,` or `;`) and detects the
    /// mapping. Throws `too_large`, `csv_empty`, `csv_malformed` or `bad_input`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] csv: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SurveyReadOptions | undefined | null")]
        options: JsValue,
    ) -> Result<Survey, JsValue> {
        let text = csv.as_string().ok_or_else(|| {
            to_js_error(
                Error::new(Code::BadInput, "csv must be the file's text (a string)")
                    .with("argument", "csv"),
            )
        })?;
        let options: Option<ReadOptions> = decode("options", options)?;
        let inner = core(crate::survey::Survey::from_csv(
            &text,
            &options.unwrap_or_default(),
        ))?;
        Ok(Survey { inner })
    }

    /// Reads a CSV export from the file's bytes (a `Uint8Array`), detecting its encoding
    /// (byte-order mark, UTF-8, else Windows-1252) unless `options.encoding` names one. Throws
    /// `too_large`, `csv_empty`, `csv_malformed` or `bad_input`.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SurveyReadOptions | undefined | null")]
        options: JsValue,
    ) -> Result<Survey, JsValue> {
        let Some(array) = bytes.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(to_js_error(
                Error::new(
                    Code::BadInput,
                    "bytes must be the file's bytes (a Uint8Array)",
                )
                .with("argument", "bytes"),
            ));
        };
        let options: Option<ReadOptions> = decode("options", options)?;
        let inner = core(crate::survey::Survey::from_bytes(
            &array.to_vec(),
            &options.unwrap_or_default(),
        ))?;
        Ok(Survey { inner })
    }

    /// Applies another duplicate-id policy to every analysis: "keep_first", "keep_last",
    /// "keep_all" or "drop_all". Throws `bad_input`.
    #[wasm_bindgen(js_name = setDuplicates)]
    pub fn set_duplicates(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SurveyDuplicatePolicy")] policy: JsValue,
    ) -> Result<(), JsValue> {
        let policy: DuplicatePolicy = decode("policy", policy)?;
        core(self.inner.set_duplicates(policy))
    }

    /// The current mapping (column roles and instrument), with a summary of every column.
    #[wasm_bindgen(js_name = mapping, unchecked_return_type = "SurveyMapping")]
    pub fn mapping(&self) -> Result<JsValue, JsValue> {
        encode(self.inner.mapping())
    }

    /// Applies an edited mapping; on error the previous one stays. Throws `duplicate_id`,
    /// `unknown_id`, `unknown_column`, `invalid_instrument`, `too_large` or `bad_input`.
    #[wasm_bindgen(js_name = setMapping)]
    pub fn set_mapping(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SurveyMapping")] mapping: JsValue,
    ) -> Result<(), JsValue> {
        let mapping: Mapping = decode("mapping", mapping)?;
        core(self.inner.set_mapping(mapping))
    }

    /// The codebook of the current mapping as CSV text (`column,code,label,label_es,missing`).
    #[wasm_bindgen(js_name = codebook)]
    pub fn codebook(&self) -> String {
        self.inner.codebook()
    }

    /// Reads a codebook (CSV text, or its UTF-8 bytes) and declares and confirms the scale of
    /// every item it covers; on error nothing changes. Throws `csv_empty`, `csv_malformed`,
    /// `bad_input`, `not_a_number`, `duplicate_id` (each with `line` and `field`),
    /// `unknown_column` (with `line`) or `invalid_instrument`.
    #[wasm_bindgen(js_name = setCodebook)]
    pub fn set_codebook(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] codebook: JsValue,
    ) -> Result<(), JsValue> {
        let text = match codebook.as_string() {
            Some(t) => t,
            None if codebook.is_instance_of::<js_sys::Uint8Array>() => {
                let bytes = js_sys::Uint8Array::new(&codebook).to_vec();
                String::from_utf8(bytes).map_err(|_| {
                    to_js_error(
                        Error::new(Code::BadInput, "the codebook's bytes are not UTF-8")
                            .with("argument", "codebook"),
                    )
                })?
            }
            None => {
                return Err(to_js_error(
                    Error::new(Code::BadInput, "codebook must be text or a Uint8Array")
                        .with("argument", "codebook"),
                ))
            }
        };
        core(self.inner.set_codebook(&text))
    }

    /// Import problems and missing counts under the current mapping.
    #[wasm_bindgen(js_name = issues, unchecked_return_type = "ImportSummary")]
    pub fn issues(&self) -> Result<JsValue, JsValue> {
        encode(&self.inner.issues())
    }

    /// The full report. Throws `level_out_of_range`, `parameter_out_of_range`, `unknown_id`
    /// or `bad_input`.
    #[wasm_bindgen(js_name = report, unchecked_return_type = "SurveyReport")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SurveyReportOptions | undefined | null")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options: Option<ReportOptions> = decode("options", options)?;
        encode(&core(self.inner.report(&options.unwrap_or_default()))?)
    }
}

/// The built-in SYNTHETIC parent survey (n = 113) as CSV text.
#[wasm_bindgen(js_name = exampleSurveyCsv)]
pub fn example_survey_csv() -> String {
    crate::survey::example::PARENTS_CSV.to_string()
}

/// The built-in SYNTHETIC staff climate survey (two waves, sizes ASSUMED) as CSV text.
#[wasm_bindgen(js_name = exampleStaffCsv)]
pub fn example_staff_csv() -> String {
    crate::survey::example::STAFF_CSV.to_string()
}

/// Options of [`wave_sensitivity`].
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SensitivityOptions {
    level: Option<f64>,
    sizes: Option<Vec<u64>>,
}

/// How the interval for a change between two independent shares (e.g. 0.48 → 0.72) depends on
/// the assumed wave sizes (default 25, 50, 100, 200, 400). Throws `probability_out_of_range`,
/// `parameter_out_of_range`, `level_out_of_range` or `bad_input`.
#[wasm_bindgen(js_name = waveSensitivity, unchecked_return_type = "SensitivityRow[]")]
pub fn wave_sensitivity(
    #[wasm_bindgen(unchecked_param_type = "number")] share_from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] share_to: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ level?: number; sizes?: number[] } | undefined | null"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let from = number("shareFrom", &share_from)?;
    let to = number("shareTo", &share_to)?;
    let o: Option<SensitivityOptions> = decode("options", options)?;
    let o = o.unwrap_or_default();
    let sizes = o
        .sizes
        .unwrap_or_else(|| ReportOptions::default().assumed_sizes);
    encode(&core(crate::survey::report::wave_sensitivity(
        from,
        to,
        &sizes,
        o.level.unwrap_or(0.95),
    ))?)
}
