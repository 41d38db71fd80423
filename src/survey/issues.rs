//! Import problems: what could not be read, where, and how often. Nothing is dropped silently:
//! every cell that does not become a number is either an [`Issue`] or a counted missing value
//! ([`ColumnMissing`]).

use super::labels::Missing;
use crate::error::Code;
use serde::Serialize;

/// Most example lines kept per issue.
pub const MAX_EXAMPLE_LINES: usize = 10;

/// One kind of problem in one column (or the file), with how often it occurs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyIssue"))]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// Stable code: `unknown_label`, `code_out_of_range`, `not_a_number`, `value_out_of_range`,
    /// `ragged_row`, `unclosed_quote`, `replacement_character`, `duplicate_respondent`
    /// (copies of an id with different answers), `duplicate_resubmission` (identical copies),
    /// `preview_response` (Qualtrics rows whose `Status` marks a preview, a test or spam).
    pub code: Code,
    /// English explanation a person can act on; secondary: the code and the fields below carry
    /// all of its information.
    pub message: String,
    /// 1-based line of the file where the first affected row starts (a quoted field with a
    /// line break makes a row span several lines).
    pub line: u64,
    /// Up to ten 1-based lines of affected rows, first ones first.
    pub lines: Vec<u64>,
    /// Header text of the column, when the problem is in one column.
    pub column: Option<String>,
    /// Id of the item read from that column, when there is one.
    pub item: Option<String>,
    /// The offending cell text (or field count for a ragged row).
    pub value: Option<String>,
    /// How many rows have this problem (for duplicates: how many rows hold the id).
    pub count: u64,
    /// What happened to those cells: `"missing"` (counted as missing), `"kept"` (ragged rows
    /// keep the fields they have), `"ignored"`, `"recovered"` (an unclosed quote: the rows
    /// after it were read again from the next line), or for duplicates the policy applied:
    /// `"first_kept"`, `"last_kept"`, `"all_kept"`, `"all_dropped"`; `"excluded"` for rows left
    /// out of every analysis (`preview_response`).
    pub treatment: &'static str,
    /// `unclosed_quote`: how many rows after the open quote were recovered.
    pub rows_affected: Option<u64>,
}

impl Issue {
    /// A new issue with one affected line.
    pub fn new(code: Code, message: String, line: u64) -> Self {
        Issue {
            code,
            message,
            line,
            lines: vec![line],
            column: None,
            item: None,
            value: None,
            count: 1,
            treatment: "missing",
            rows_affected: None,
        }
    }

    /// Records one more affected line.
    pub fn add(&mut self, line: u64) {
        self.count += 1;
        if self.lines.len() < MAX_EXAMPLE_LINES {
            self.lines.push(line);
        }
        self.line = self.line.min(line);
    }
}

/// Missing cells of one column, by reason. All are excluded from statistics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyColumnMissing"))]
#[serde(rename_all = "camelCase")]
pub struct ColumnMissing {
    /// Header text of the column.
    pub column: String,
    /// Id of the item read from it.
    pub item: String,
    /// Empty cells (including fields missing from short rows).
    pub blank: u64,
    /// "N/A", "NA", "No aplica"...
    pub not_applicable: u64,
    /// "Prefer not to say", "Prefiero no contestar"...
    pub declined: u64,
    /// "Don't know", "No sé"...
    pub dont_know: u64,
    /// Cells that were problems (see the issues) and so count as missing too.
    pub invalid: u64,
    /// Sum of the above.
    pub total: u64,
}

impl ColumnMissing {
    /// Adds `count` cells missing for `why`.
    pub fn add(&mut self, why: Missing, count: u64) {
        match why {
            Missing::Blank => self.blank += count,
            Missing::NotApplicable => self.not_applicable += count,
            Missing::Declined => self.declined += count,
            Missing::DontKnow => self.dont_know += count,
        }
        self.total += count;
    }
}
