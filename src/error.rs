//! The one error type of the engine.
//!
//! Every failure carries a stable machine-readable [`Code`] (the page translates by it), an
//! English message a person can act on, and `details`: the offending values, row, column or id.
//! The bindings turn it into a JavaScript `Error` with `code` and `details` set; nothing else in
//! the core knows about JavaScript.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Stable error codes. The serialized form (`snake_case`) is the public contract: the page and
/// scripts match on it, so a code is never renamed, only added.
// (Serialized from `Code::as_str`, the spelling `to_js_error` already gives `code`, not by
// serde's derive: one call instead of one per variant in every build, issue 21.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    test,
    derive(ts_rs::TS),
    ts(rename = "ErrorCode", rename_all = "snake_case")
)]
pub enum Code {
    // --- generic input checks -------------------------------------------------------------
    /// The input could not be decoded: wrong type, missing field, malformed JSON.
    BadInput,
    /// A number is NaN or infinite where a finite number is required.
    NotFinite,
    /// A count is negative or not a whole number.
    InvalidCount,
    /// A success count exceeds its total (`x > n`).
    CountExceedsTotal,
    /// A sample or group has no observations.
    EmptySample,
    /// A sample is too small for the requested statistic (e.g. a variance from one value).
    SampleTooSmall,
    /// A confidence level is not strictly between 0 and 1.
    LevelOutOfRange,
    /// A probability or share is outside its allowed range.
    ProbabilityOutOfRange,
    /// A parameter is outside its documented range.
    ParameterOutOfRange,
    /// Two arrays that must pair up have different lengths.
    LengthMismatch,
    /// The input, or the work it asks for, exceeds a stated size limit (`details`: `what`, a
    /// stable identifier, `limit` and `requested`).
    TooLarge,
    /// The data has no variation where the statistic needs some (e.g. all differences equal).
    NoVariation,
    /// Two items share an id that must be unique.
    DuplicateId,
    /// A reference names an id that does not exist.
    UnknownId,
    // --- survey ----------------------------------------------------------------------------
    /// A CSV file could not be read (e.g. bad quoting, not UTF-8).
    CsvMalformed,
    /// The CSV has no header row or no data rows.
    CsvEmpty,
    /// A column named in a mapping is not in the file.
    UnknownColumn,
    /// A response label does not match any point of the item's scale.
    UnknownLabel,
    /// A numeric code is outside the item's scale.
    CodeOutOfRange,
    /// An instrument or mapping is inconsistent (e.g. a Likert item with one point).
    InvalidInstrument,
    /// A data row has more or fewer fields than the header.
    RaggedRow,
    /// A quoted field is never closed, so the rest of the file was read into it.
    UnclosedQuote,
    /// A numeric item's cell is not a number.
    NotANumber,
    /// A number is outside a numeric item's stated range, or a statistic's data value is beyond
    /// ±10¹⁰⁰ (`stats::limits::MAX_MAGNITUDE`), where its square could overflow.
    ValueOutOfRange,
    /// The same respondent id appears on more than one row of one wave, with different answers.
    DuplicateRespondent,
    /// The same respondent id appears on more than one row of one wave, with the same answers
    /// (a resubmission).
    DuplicateResubmission,
    /// Cells hold U+FFFD: bytes that are not valid in the encoding the file was read with.
    ReplacementCharacter,
    /// Qualtrics rows whose `Status` marks a survey preview, a test or spam: not responses,
    /// left out of every analysis.
    PreviewResponse,
    // --- conditions ------------------------------------------------------------------------
    /// A score is outside the rubric's scale.
    ScoreOutOfRange,
    /// A budget is negative or not a whole number of dollars.
    InvalidBudget,
    /// A rubric condition's score scale has fewer than two points, or points not increasing.
    InvalidScale,
    /// A condition weight is negative or not finite, or every weight is zero; a survey
    /// weight is blank, not a number, negative or infinite (with `line`, `column`, `value`).
    InvalidWeight,
    /// An iterative fit (survey raking) did not converge within its iteration cap.
    NotConverged,
    /// A score comes from a reviewer who has a conflict of interest with the proposal.
    ConflictOfInterest,
    /// A proposal's amount is not a whole number of dollars, or its minimum exceeds its request.
    InvalidAmount,
    /// The funding constraints (minimum shares of the budget) cannot all be met.
    InfeasibleConstraints,
    // --- theory of change ------------------------------------------------------------------
    /// Goals or links form a cycle.
    DependencyCycle,
    /// A date is not a valid ISO date (`YYYY-MM-DD`).
    InvalidDate,
    /// A goal has neither a duration nor both start and end dates, so it cannot be scheduled.
    MissingDuration,
    /// A schedule has no date to start from (no phase start, goal start or `options.start`).
    MissingDate,
    /// An end date lies before its start date.
    InvalidWindow,
    // --- project files ---------------------------------------------------------------------
    /// A project or model file has a schema version this engine does not know.
    UnsupportedVersion,
    /// An internal invariant failed; this is a bug in waterline.
    Internal,
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Code {
    /// The stable string form, e.g. `"count_exceeds_total"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BadInput => "bad_input",
            Code::NotFinite => "not_finite",
            Code::InvalidCount => "invalid_count",
            Code::CountExceedsTotal => "count_exceeds_total",
            Code::EmptySample => "empty_sample",
            Code::SampleTooSmall => "sample_too_small",
            Code::LevelOutOfRange => "level_out_of_range",
            Code::ProbabilityOutOfRange => "probability_out_of_range",
            Code::ParameterOutOfRange => "parameter_out_of_range",
            Code::LengthMismatch => "length_mismatch",
            Code::TooLarge => "too_large",
            Code::NoVariation => "no_variation",
            Code::DuplicateId => "duplicate_id",
            Code::UnknownId => "unknown_id",
            Code::CsvMalformed => "csv_malformed",
            Code::CsvEmpty => "csv_empty",
            Code::UnknownColumn => "unknown_column",
            Code::UnknownLabel => "unknown_label",
            Code::CodeOutOfRange => "code_out_of_range",
            Code::InvalidInstrument => "invalid_instrument",
            Code::RaggedRow => "ragged_row",
            Code::UnclosedQuote => "unclosed_quote",
            Code::NotANumber => "not_a_number",
            Code::ValueOutOfRange => "value_out_of_range",
            Code::DuplicateRespondent => "duplicate_respondent",
            Code::DuplicateResubmission => "duplicate_resubmission",
            Code::PreviewResponse => "preview_response",
            Code::ReplacementCharacter => "replacement_character",
            Code::ScoreOutOfRange => "score_out_of_range",
            Code::InvalidBudget => "invalid_budget",
            Code::InvalidScale => "invalid_scale",
            Code::InvalidWeight => "invalid_weight",
            Code::NotConverged => "not_converged",
            Code::ConflictOfInterest => "conflict_of_interest",
            Code::InvalidAmount => "invalid_amount",
            Code::InfeasibleConstraints => "infeasible_constraints",
            Code::DependencyCycle => "dependency_cycle",
            Code::InvalidDate => "invalid_date",
            Code::MissingDuration => "missing_duration",
            Code::MissingDate => "missing_date",
            Code::InvalidWindow => "invalid_window",
            Code::UnsupportedVersion => "unsupported_version",
            Code::Internal => "internal",
        }
    }
}

/// A value in an error's `details`: a number, a text or a list of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ErrorDetail"))]
#[serde(untagged)]
pub enum Detail {
    /// A number (non-finite numbers are stored as text, so they survive JSON).
    Number(f64),
    /// A text, e.g. an id, a column name or a label.
    Text(String),
    /// A list, e.g. the ids that form a cycle.
    List(Vec<Detail>),
}

impl From<f64> for Detail {
    fn from(v: f64) -> Self {
        if v.is_finite() {
            Detail::Number(v)
        } else {
            Detail::Text(num(v))
        }
    }
}
impl From<usize> for Detail {
    fn from(v: usize) -> Self {
        Detail::Number(v as f64)
    }
}
impl From<u64> for Detail {
    fn from(v: u64) -> Self {
        Detail::Number(v as f64)
    }
}
impl From<i64> for Detail {
    fn from(v: i64) -> Self {
        Detail::Number(v as f64)
    }
}
impl From<&str> for Detail {
    fn from(v: &str) -> Self {
        Detail::Text(v.to_string())
    }
}
impl From<String> for Detail {
    fn from(v: String) -> Self {
        Detail::Text(v)
    }
}
impl<T: Into<Detail>> From<Vec<T>> for Detail {
    fn from(v: Vec<T>) -> Self {
        Detail::List(v.into_iter().map(Into::into).collect())
    }
}

/// An engine error: a stable code, an English message and the offending values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "EngineError"))]
pub struct Error {
    /// Stable machine-readable code.
    pub code: Code,
    /// English message naming what is wrong and, where possible, how to fix it.
    pub message: String,
    /// The offending values, row, column or id, keyed by name.
    pub details: BTreeMap<String, Detail>,
}

impl Error {
    /// A new error with no details.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            details: BTreeMap::new(),
        }
    }

    /// Adds one detail, builder style: `Error::new(..).with("x", 5.0)`.
    pub fn with(mut self, key: &str, value: impl Into<Detail>) -> Self {
        self.details.insert(key.to_string(), value.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code.as_str())
    }
}

impl std::error::Error for Error {}

/// A number for a message, without `core::fmt`'s float formatting (issue 19, size: that code
/// is about 20 KB of every build): whole numbers as integers, other numbers as the shortest
/// decimal of at most 17 places that reads back as exactly `v` (`0.95`, `-2.5`), `NaN`, `inf`
/// and `-inf` as Rust prints them. A number it cannot write exactly that way (`1e-300`,
/// `0.30000000000000004`, beyond ±2⁶³) is not rounded: the text says to read `details`, which
/// always carry the value itself.
pub fn num(v: f64) -> String {
    exact_text(v).unwrap_or_else(|| "a number shown in details".into())
}

/// [`num`]'s text when it can write `v` exactly, else `None`.
pub fn exact_text(v: f64) -> Option<String> {
    if v.is_nan() {
        return Some("NaN".into());
    }
    if v.is_infinite() {
        return Some(if v > 0.0 { "inf" } else { "-inf" }.into());
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    let a = v.abs();
    if a.fract() == 0.0 && a < 9.2e18 {
        return Some(format!("{sign}{}", a as u64));
    }
    // a = d / 10^k exactly as f64 arithmetic (both exact, the division correctly rounded) is the
    // same f64 a decimal parser gives for the digits of d with k places, so the text reads back
    // as v.
    let mut scale = 1.0;
    for k in 1..=17 {
        scale *= 10.0;
        let d = (a * scale).round();
        if d < 9.0e15 && d / scale == a {
            let digits = (d as u64).to_string();
            let digits = format!("{:0>width$}", digits, width = k + 1);
            let (int, frac) = digits.split_at(digits.len() - k);
            return Some(format!("{sign}{int}.{frac}"));
        }
    }
    None
}

/// Shorthand for results of the engine.
pub type Result<T> = std::result::Result<T, Error>;

/// Checks that `value` is finite; `name` is the parameter's name used in the message.
pub fn finite(name: &str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::new(
            Code::NotFinite,
            format!("{name} must be a finite number, got {}", num(value)),
        )
        .with("name", name)
        .with("value", value))
    }
}

/// Checks that `value` is a whole number ≥ 0 (a count) and returns it as `u64`.
pub fn count(name: &str, value: f64) -> Result<u64> {
    let v = finite(name, value)?;
    if v < 0.0 || v.fract() != 0.0 || v > 9.0e15 {
        return Err(Error::new(
            Code::InvalidCount,
            format!(
                "{name} must be a whole number of 0 or more, got {}",
                num(value)
            ),
        )
        .with("name", name)
        .with("value", value));
    }
    Ok(v as u64)
}

/// Checks that a confidence `level` lies strictly between 0 and 1.
pub fn level(value: f64) -> Result<f64> {
    if value.is_finite() && value > 0.0 && value < 1.0 {
        Ok(value)
    } else {
        Err(Error::new(
            Code::LevelOutOfRange,
            format!(
                "the confidence level must be strictly between 0 and 1 (e.g. 0.95), got {}",
                num(value)
            ),
        )
        .with("level", value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_stable_strings() {
        for code in [
            Code::CountExceedsTotal,
            Code::BadInput,
            Code::DependencyCycle,
        ] {
            let json = format!("{:?}", code.as_str());
            let ser = serde_json::to_string(&code).unwrap();
            assert_eq!(ser, json);
        }
    }

    #[test]
    fn counts_must_be_whole_and_non_negative() {
        assert_eq!(count("n", 113.0).unwrap(), 113);
        assert_eq!(count("n", -1.0).unwrap_err().code, Code::InvalidCount);
        assert_eq!(count("n", 1.5).unwrap_err().code, Code::InvalidCount);
        assert_eq!(count("n", f64::NAN).unwrap_err().code, Code::NotFinite);
    }

    #[test]
    fn messages_write_numbers_exactly_or_not_at_all() {
        for (v, text) in [
            (0.95, "0.95"),
            (-2.5, "-2.5"),
            (113.0, "113"),
            (-0.0, "-0"),
            (1e15, "1000000000000000"),
            (0.001, "0.001"),
            (1.0 / 3.0, "0.3333333333333333"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
            (1e-300, "a number shown in details"),
            (0.1 + 0.2, "a number shown in details"),
        ] {
            assert_eq!(num(v), text, "{v:e}");
            if let Ok(back) = text.parse::<f64>() {
                assert_eq!(back.to_bits(), v.to_bits(), "{text}");
            }
        }
        // every short decimal reads back as the same number Rust's own formatting gives
        let mut seed = 11u64;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let v = ((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 2e4;
            for w in [v, (v * 1000.0).round() / 1000.0] {
                let t = num(w);
                if t != "a number shown in details" {
                    assert_eq!(t.parse::<f64>().unwrap().to_bits(), w.to_bits(), "{w}");
                }
            }
            let short = (v * 100.0).round() / 100.0;
            assert_eq!(num(short), format!("{short}"));
        }
    }

    #[test]
    fn non_finite_details_survive_as_text() {
        let e = finite("x", f64::INFINITY).unwrap_err();
        assert_eq!(e.details["value"], Detail::Text("inf".into()));
    }
}
