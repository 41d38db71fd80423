//! Bindings of the shift statistics (`crate::stats::{paired, rank, two_sample, contingency}`):
//! McNemar, Wilcoxon signed-rank, paired t, two proportions, Mann–Whitney and chi-square.
//!
//! Each export decodes its arguments, calls one core function and encodes the result; bulk
//! numbers arrive as `Float64Array` (`&[f64]`), where NaN marks a missing answer.

use super::{core, decode, encode, floats, number, two_arrays};
use crate::stats;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_STATS_SHIFT: &'static str = r#"
/** Options of `mcnemar`. Give both `a` and `d` to get the interval for the change. */
export interface McNemarOptions {
  /** Confidence level in (0, 1); default 0.95. */
  level?: number;
  /** Pairs saying yes both times. */
  a?: number | null;
  /** Pairs saying no both times. */
  d?: number | null;
}
/** The paired yes/no table: rows before (yes, no), columns after (yes, no). */
export interface PairedTable {
  /** yes → yes */
  a: number;
  /** yes → no (lost) */
  b: number;
  /** no → yes (gained) */
  c: number;
  /** no → no */
  d: number;
}
/** Change after − before in the share saying yes, with Newcombe's paired interval. */
export interface PairedDifference {
  before: number;
  after: number;
  /** (c − b) / n, in [−1, 1]. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  method: "newcombe_paired";
}
/** McNemar's test; `pValue` is the exact (binomial) test. */
export interface McNemar {
  method: "mcnemar";
  n: number | null;
  nUsed: number | null;
  nExcluded: number;
  table: PairedTable | null;
  b: number;
  c: number;
  discordant: number;
  pValue: number;
  pValueMethod: "exact_binomial";
  chiSquare: number;
  pChiSquare: number;
  chiSquareCorrected: number;
  pChiSquareCorrected: number;
  df: number;
  difference: PairedDifference | null;
  warnings: string[];
}
/** How many pairs improved, stayed the same or got worse (shares of the complete pairs). */
export interface PairShares {
  improved: number;
  same: number;
  worse: number;
  improvedShare: number;
  sameShare: number;
  worseShare: number;
}
/** "wilcox": drop zero differences (R). "pratt": rank them, then drop their ranks (scipy). */
export type ZeroMethod = "wilcox" | "pratt";
/** Options of `wilcoxonSignedRank`. */
export interface SignedRankOptions {
  /** Default "wilcox". */
  zeroMethod?: ZeroMethod;
  /** Continuity correction of the normal approximation; default true. */
  correct?: boolean;
  /** null (default): exact when n < 50 without ties or zeros, as R. */
  exact?: boolean | null;
}
/** Wilcoxon signed-rank test of after − before. */
export interface SignedRankTest {
  method: "wilcoxon_signed_rank";
  /** "none": every difference is zero, p = 1 by convention. */
  pValueMethod: "exact" | "normal" | "none";
  zeroMethod: ZeroMethod;
  correct: boolean;
  n: number;
  nUsed: number;
  nExcluded: number;
  nZero: number;
  nRanked: number;
  /** V = sum of the ranks of the improvements (R's V). */
  statistic: number;
  rankSumPositive: number;
  rankSumNegative: number;
  z: number | null;
  pValue: number;
  /** (R+ − R−)/(R+ + R−), in [−1, 1]; positive when after exceeds before. */
  rankBiserial: number;
  shares: PairShares;
  warnings: string[];
}
/** Paired t-test of after − before. */
export interface PairedT {
  method: "paired_t";
  n: number;
  nUsed: number;
  nExcluded: number;
  meanBefore: number;
  meanAfter: number;
  meanDifference: number;
  sdDifference: number;
  standardError: number;
  t: number;
  df: number;
  pValue: number;
  lower: number;
  upper: number;
  level: number;
  cohensDz: number;
  shares: PairShares;
  warnings: string[];
}
/** Options of `twoProportions`. */
export interface TwoProportionsOptions {
  /** Confidence level in (0, 1); default 0.95. */
  level?: number;
  /** Yates' correction of the chi-square test; default false. */
  correct?: boolean;
}
/** Wave 2 (x2/n2) against wave 1 (x1/n1). */
export interface TwoProportions {
  method: "two_proportions";
  intervalMethod: "newcombe";
  testMethod: "chi_square" | "chi_square_yates";
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  p1: number;
  p2: number;
  /** p2 − p1. */
  difference: number;
  lower: number;
  upper: number;
  level: number;
  chiSquare: number;
  df: number;
  pValue: number;
  z: number;
  correct: boolean;
  cohensH: number;
  warnings: string[];
}
/** Options of `mannWhitney`. */
export interface MannWhitneyOptions {
  /** Continuity correction of the normal approximation; default true. */
  correct?: boolean;
  /** null (default): exact when both samples have fewer than 50 values and no ties, as R. */
  exact?: boolean | null;
}
/** Mann–Whitney U test of x against y. */
export interface MannWhitney {
  method: "mann_whitney";
  /** "none": every value is tied, p = 1 by convention. */
  pValueMethod: "exact" | "normal" | "none";
  correct: boolean;
  nX: number;
  nY: number;
  nExcludedX: number;
  nExcludedY: number;
  /** R's W = U of x. */
  statistic: number;
  uY: number;
  z: number | null;
  pValue: number;
  /** 2W/(nX·nY) − 1, in [−1, 1]; positive when x tends to be larger. */
  rankBiserial: number;
  /** P(X > Y) + P(X = Y)/2. */
  commonLanguage: number;
  warnings: string[];
}
/** Options of `chiSquare`. */
export interface ChiSquareOptions {
  /** Yates' correction, 2×2 tables only; default false. */
  correct?: boolean;
}
/** Chi-square test of independence. */
export interface ChiSquareTest {
  method: "chi_square_independence";
  correct: boolean;
  n: number;
  rows: number;
  columns: number;
  statistic: number;
  df: number;
  pValue: number;
  expected: number[][];
  minExpected: number;
  cellsBelow5: number;
  cramersV: number;
  cramersVCorrected: number | null;
  warnings: string[];
}
/** Chi-square goodness of fit. */
export interface GoodnessOfFit {
  method: "chi_square_gof";
  n: number;
  categories: number;
  statistic: number;
  df: number;
  pValue: number;
  expected: number[];
  minExpected: number;
  cellsBelow5: number;
  warnings: string[];
}
"#;

/// McNemar's test from the discordant counts `b` (yes → no) and `c` (no → yes); exact p-value,
/// chi-square with and without correction, and, given `options.a` and `options.d`, the change
/// in the share saying yes with Newcombe's paired interval.
#[wasm_bindgen(js_name = mcnemar, unchecked_return_type = "McNemar")]
pub fn mcnemar(
    #[wasm_bindgen(unchecked_param_type = "number")] b: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] c: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "McNemarOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let b = number("b", &b)?;
    let c = number("c", &c)?;
    let options: Option<stats::McNemarOptions> = decode("options", options)?;
    encode(&core(stats::mcnemar(b, c, &options.unwrap_or_default()))?)
}

/// McNemar's test from paired answers coded 1 (yes) / 0 (no) / NaN (missing).
#[wasm_bindgen(js_name = mcnemarPairs, unchecked_return_type = "McNemar")]
pub fn mcnemar_pairs(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<stats::LevelOptions, _>(
        ("before", "after"),
        before,
        after,
        options,
        stats::mcnemar_pairs,
    )
}

/// Wilcoxon signed-rank test of `after − before` (NaN = missing pair).
#[wasm_bindgen(js_name = wilcoxonSignedRank, unchecked_return_type = "SignedRankTest")]
pub fn wilcoxon_signed_rank(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SignedRankOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<stats::SignedRankOptions, _>(
        ("before", "after"),
        before,
        after,
        options,
        stats::wilcoxon_signed_rank,
    )
}

/// Paired t-test of `after − before` with the interval for the mean change and Cohen's d_z.
#[wasm_bindgen(js_name = pairedT, unchecked_return_type = "PairedT")]
pub fn paired_t(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] after: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<stats::LevelOptions, _>(
        ("before", "after"),
        before,
        after,
        options,
        stats::paired_t,
    )
}

/// Two independent proportions (two survey waves): p2 − p1 with Newcombe's interval, the
/// chi-square test and Cohen's h.
#[wasm_bindgen(js_name = twoProportions, unchecked_return_type = "TwoProportions")]
pub fn two_proportions(
    #[wasm_bindgen(unchecked_param_type = "number")] x1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n1: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] x2: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n2: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TwoProportionsOptions | null")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let (x1, n1) = (number("x1", &x1)?, number("n1", &n1)?);
    let (x2, n2) = (number("x2", &x2)?, number("n2", &n2)?);
    let options: Option<stats::TwoProportionsOptions> = decode("options", options)?;
    encode(&core(stats::two_proportions(
        x1,
        n1,
        x2,
        n2,
        &options.unwrap_or_default(),
    ))?)
}

/// Mann–Whitney U test of two independent samples (NaN = missing).
#[wasm_bindgen(js_name = mannWhitney, unchecked_return_type = "MannWhitney")]
pub fn mann_whitney(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] y: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "MannWhitneyOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    two_arrays::<stats::MannWhitneyOptions, _>(("x", "y"), x, y, options, stats::mann_whitney)
}

/// Chi-square test of independence on a table of counts (`table[row][column]`).
#[wasm_bindgen(js_name = chiSquare, unchecked_return_type = "ChiSquareTest")]
pub fn chi_square(
    #[wasm_bindgen(unchecked_param_type = "number[][]")] table: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ChiSquareOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let table: Vec<Vec<f64>> = decode("table", table)?;
    let options: Option<stats::ChiSquareOptions> = decode("options", options)?;
    encode(&core(stats::chi_square(
        &table,
        &options.unwrap_or_default(),
    ))?)
}

/// Chi-square goodness of fit of observed counts against probabilities that sum to 1.
#[wasm_bindgen(js_name = chiSquareGof, unchecked_return_type = "GoodnessOfFit")]
pub fn chi_square_gof(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] observed: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] probabilities: JsValue,
) -> Result<JsValue, JsValue> {
    let observed = floats("observed", &observed)?;
    let observed = observed.as_slice();
    let probabilities = floats("probabilities", &probabilities)?;
    let probabilities = probabilities.as_slice();
    encode(&core(stats::chi_square_gof(observed, probabilities))?)
}
