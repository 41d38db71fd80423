//! Notes: every warning and note the engine emits, as data.
//!
//! A [`Note`] is `{code, severity, params}`: a stable [`NoteCode`] (snake_case at the boundary,
//! like error codes and logic-model rule codes), a [`Severity`], and typed [`Param`]s (counts,
//! numbers, ids, item references, lists). The engine never sends a sentence: the page renders
//! each code from its English and Spanish tables and formats numbers in the reader's locale.
//! `NoteCode::ALL` lists every code, so a test can check that the page renders each of them in
//! both languages.
//!
//! This module is neutral: it knows no area and no JavaScript.

mod code;

pub use code::NoteCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How much a note matters to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Context the reader should know (e.g. "the data are synthetic").
    Info,
    /// The number is shown but may mislead (e.g. small expected counts).
    Warning,
    /// The number is not shown; the note says why and what is needed.
    Withheld,
}

/// A parameter of a note: a number, a text (an id, an item id, a code as written) or a list.
///
/// Serialized untagged: a JSON number, string or array. Numbers are finite; a non-finite value
/// becomes its text (`"NaN"`), never a JSON `null` that would read as zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Param {
    /// A number (finite): a count, a statistic, a level.
    Number(f64),
    /// A text: an id, a code as written, a term code the page translates.
    Text(String),
    /// A list, e.g. the codes of a column or the ids of proposals.
    List(Vec<Param>),
}

impl From<f64> for Param {
    fn from(v: f64) -> Self {
        if v.is_finite() {
            Param::Number(v)
        } else {
            // "NaN", "inf", "-inf" as `to_string` wrote them, without float formatting (#19)
            Param::Text(crate::error::num(v))
        }
    }
}
impl From<u64> for Param {
    fn from(v: u64) -> Self {
        Param::Number(v as f64)
    }
}
impl From<u32> for Param {
    fn from(v: u32) -> Self {
        Param::Number(f64::from(v))
    }
}
impl From<usize> for Param {
    fn from(v: usize) -> Self {
        Param::Number(v as f64)
    }
}
impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Text(v.to_string())
    }
}
impl From<&String> for Param {
    fn from(v: &String) -> Self {
        Param::Text(v.clone())
    }
}
impl From<String> for Param {
    fn from(v: String) -> Self {
        Param::Text(v)
    }
}
impl<T: Into<Param>> From<Vec<T>> for Param {
    fn from(v: Vec<T>) -> Self {
        Param::List(v.into_iter().map(Into::into).collect())
    }
}

impl From<&crate::error::Detail> for Param {
    fn from(v: &crate::error::Detail) -> Self {
        use crate::error::Detail;
        match v {
            Detail::Number(x) => Param::from(*x),
            Detail::Text(t) => Param::Text(t.clone()),
            Detail::List(xs) => Param::List(xs.iter().map(Param::from).collect()),
        }
    }
}

/// A warning or note: a stable code, a severity and typed parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Note {
    /// Stable code; the page's string tables are keyed by it.
    pub code: NoteCode,
    /// How much it matters.
    pub severity: Severity,
    /// Typed parameters, by name (the names the page's templates use).
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, Param>>", optional))]
    pub params: BTreeMap<String, Param>,
}

impl Note {
    /// A note of the given severity with no parameters.
    pub fn new(code: NoteCode, severity: Severity) -> Self {
        Note {
            code,
            severity,
            params: BTreeMap::new(),
        }
    }

    /// A [`Severity::Warning`] with no parameters.
    pub fn warning(code: NoteCode) -> Self {
        Note::new(code, Severity::Warning)
    }

    /// A [`Severity::Info`] note with no parameters.
    pub fn info(code: NoteCode) -> Self {
        Note::new(code, Severity::Info)
    }

    /// A [`Severity::Withheld`] note with no parameters.
    pub fn withheld(code: NoteCode) -> Self {
        Note::new(code, Severity::Withheld)
    }

    /// Adds a parameter.
    pub fn with(mut self, key: &str, value: impl Into<Param>) -> Self {
        self.params.insert(key.to_string(), value.into());
        self
    }

    /// Carries an engine error as data: its code as `error` and each of its details as a
    /// parameter of the same name (never its English message). A detail named `error` is
    /// dropped rather than overwrite the code.
    pub fn with_error(mut self, error: &crate::Error) -> Self {
        for (key, value) in &error.details {
            if key != "error" {
                self.params.insert(key.clone(), Param::from(value));
            }
        }
        self.with("error", error.code.as_str())
    }

    /// The parameter `key`, if present.
    pub fn param(&self, key: &str) -> Option<&Param> {
        self.params.get(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_snake_case_spelling() {
        let mut seen = std::collections::BTreeSet::new();
        for code in NoteCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{s} is not snake_case"
            );
            let json = format!("\"{s}\"");
            assert_eq!(
                serde_json::from_str::<NoteCode>(&json).ok(),
                Some(*code),
                "{s} does not round-trip"
            );
        }
    }

    #[test]
    fn an_error_becomes_its_code_and_details_never_its_message() {
        let e = crate::Error::new(crate::Code::SampleTooSmall, "English text")
            .with("nUsed", 0usize)
            .with("ids", vec!["a", "b"]);
        let n = Note::withheld(NoteCode::AgreementNotComputed).with_error(&e);
        assert_eq!(n.param("error"), Some(&Param::from("sample_too_small")));
        assert_eq!(n.param("nUsed"), Some(&Param::Number(0.0)));
        assert_eq!(n.param("ids"), Some(&Param::from(vec!["a", "b"])));
        assert!(!serde_json::to_string(&n).unwrap().contains("English"));
    }

    #[test]
    fn a_non_finite_number_never_reads_as_zero() {
        assert_eq!(Param::from(f64::NAN), Param::Text("NaN".into()));
    }
}
