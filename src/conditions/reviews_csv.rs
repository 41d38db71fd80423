//! CSV import of reviews: one row per reviewer × proposal, one column per condition.
//!
//! ```text
//! reviewerId,proposalId,policies,practices,…,comment,mental-models comment
//! r1,p01,3,4,…,"Strong parent base",
//! ```
//!
//! Columns are matched without regard to case or surrounding spaces: `reviewerId` (or
//! `reviewer`), `proposalId` (or `proposal`), a condition's id or its English or Spanish name,
//! `comment` (a comment for the whole review, attached to each of its scores that has no comment
//! of its own), and `<condition> comment` / `<condition>_comment` per condition. An empty cell is
//! "not scored". Decimal commas (`2,5`) are read as decimal points. Other columns are ignored
//! with a warning.
//!
//! Notes ([`ReviewsCsv::warnings`], info):
//!
//! | code | params |
//! |---|---|
//! | `reviews_csv_columns_ignored` | `columns`: the headers ignored, as written |

use super::round::{Score, MAX_LISTED_ERRORS};
use super::Rubric;
use crate::conditions::method::Method;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use serde::Serialize;

/// Scores read from a CSV file, with every bad cell reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewsCsv {
    /// `Method::ReviewsCsv`.
    pub method: Method,
    /// Scores read from the good cells (add them to a round's `scores`).
    pub scores: Vec<Score>,
    /// Data rows read.
    pub rows: usize,
    /// Bad cells and rows, each naming `row` (the line number in the file) and `column`.
    pub errors: Vec<Error>,
    /// Problems found beyond the listed ones.
    pub errors_not_listed: usize,
    /// Notes, e.g. ignored columns.
    pub warnings: Vec<Note>,
}

enum Column {
    Reviewer,
    Proposal,
    Score(usize),
    Comment(usize),
    ReviewComment,
    Ignored,
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

fn classify(rubric: &Rubric, header: &str) -> Column {
    let h = norm(header);
    if h == "reviewerid" || h == "reviewer" || h == "reviewer_id" {
        return Column::Reviewer;
    }
    if h == "proposalid" || h == "proposal" || h == "proposal_id" {
        return Column::Proposal;
    }
    if h == "comment" || h == "comments" || h == "comentario" {
        return Column::ReviewComment;
    }
    let matches = |c: &super::Condition, name: &str| {
        norm(&c.id) == name || norm(&c.name.en) == name || norm(&c.name.es) == name
    };
    for (i, c) in rubric.conditions.iter().enumerate() {
        if matches(c, &h) {
            return Column::Score(i);
        }
    }
    for suffix in [" comment", "_comment", ".comment", " comentario"] {
        if let Some(stem) = h.strip_suffix(suffix) {
            if let Some(i) = rubric
                .conditions
                .iter()
                .position(|c| matches(c, stem.trim()))
            {
                return Column::Comment(i);
            }
        }
    }
    Column::Ignored
}

/// Reads reviews from CSV text (RFC 4180: quoted fields, embedded newlines, CRLF). The file
/// must have `reviewerId` and `proposalId` columns and at least one condition column. Bad cells
/// (not a number, off the condition's scale) and rows without a reviewer or proposal are listed
/// with their row and column; the good cells of the file are still returned. Reviewer and
/// proposal ids are not checked here (only the rubric is known): add the scores to a round and
/// call [`super::validate_round`].
///
/// # Errors
/// [`Code::CsvMalformed`] when the text cannot be read as CSV, [`Code::CsvEmpty`] without a
/// header, [`Code::UnknownColumn`] when the reviewer, proposal or every condition column is
/// missing. Problems in single cells are listed in the result, not returned as errors.
///
/// # Examples
/// ```
/// let rubric = waterline::conditions::default_rubric();
/// let csv = "reviewerId,proposalId,Policies,power-dynamics,comment\nr1,p01,3,\"2,5\",Strong\nr2,p01,9,1,\n";
/// let r = waterline::conditions::parse_reviews_csv(&rubric, csv).unwrap();
/// assert_eq!(r.scores.len(), 3);
/// assert_eq!(r.scores[1].value, 2.5);
/// assert_eq!(r.errors[0].code, waterline::Code::ScoreOutOfRange); // 9 on a 0–4 scale
/// ```
pub fn parse_reviews_csv(rubric: &Rubric, text: &str) -> Result<ReviewsCsv> {
    rubric.validate()?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            Error::new(
                Code::CsvMalformed,
                format!("the CSV header cannot be read: {e}"),
            )
        })?
        .clone();
    if headers.is_empty() || headers.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::new(Code::CsvEmpty, "the CSV file has no header row"));
    }
    let columns: Vec<Column> = headers.iter().map(|h| classify(rubric, h)).collect();
    let find = |want: fn(&Column) -> bool| columns.iter().position(want);
    let reviewer_col = find(|c| matches!(c, Column::Reviewer));
    let proposal_col = find(|c| matches!(c, Column::Proposal));
    let (Some(reviewer_col), Some(proposal_col)) = (reviewer_col, proposal_col) else {
        return Err(Error::new(
            Code::UnknownColumn,
            "the CSV needs a reviewerId column and a proposalId column",
        )
        .with(
            "columns",
            headers.iter().map(str::to_string).collect::<Vec<_>>(),
        ));
    };
    if !columns.iter().any(|c| matches!(c, Column::Score(_))) {
        return Err(Error::new(
            Code::UnknownColumn,
            "the CSV has no column named after a condition of the rubric (use the condition ids)",
        )
        .with(
            "columns",
            headers.iter().map(str::to_string).collect::<Vec<_>>(),
        ));
    }
    let mut warnings = Vec::new();
    let ignored: Vec<&str> = headers
        .iter()
        .zip(&columns)
        .filter(|(_, c)| matches!(c, Column::Ignored))
        .map(|(h, _)| h)
        .collect();
    if !ignored.is_empty() {
        warnings.push(Note::info(NoteCode::ReviewsCsvColumnsIgnored).with("columns", ignored));
    }
    let (mut scores, mut errors, mut more, mut rows) = (Vec::new(), Vec::new(), 0usize, 0usize);
    let mut report = |e: Error| {
        if errors.len() < MAX_LISTED_ERRORS {
            errors.push(e);
        } else {
            more += 1;
        }
    };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                report(
                    Error::new(Code::CsvMalformed, format!("row {line}: {e}")).with("row", line),
                );
                continue;
            }
        };
        rows += 1;
        let line = record.position().map_or(rows as u64 + 1, |p| p.line());
        let cell = |i: usize| record.get(i).unwrap_or("");
        let (reviewer, proposal) = (cell(reviewer_col), cell(proposal_col));
        if reviewer.is_empty() || proposal.is_empty() {
            let column = headers
                .get(if reviewer.is_empty() {
                    reviewer_col
                } else {
                    proposal_col
                })
                .unwrap_or("");
            report(
                Error::new(
                    Code::BadInput,
                    format!("row {line}: the {column} cell is empty"),
                )
                .with("row", line)
                .with("column", column),
            );
            continue;
        }
        let review_comment = columns
            .iter()
            .position(|c| matches!(c, Column::ReviewComment))
            .map(cell)
            .filter(|s| !s.is_empty());
        for (i, column) in columns.iter().enumerate() {
            let Column::Score(c) = column else { continue };
            let raw = cell(i);
            if raw.is_empty() {
                continue;
            }
            let Some(condition) = rubric.conditions.get(*c) else {
                continue;
            };
            let name = headers.get(i).unwrap_or("");
            let value = match raw.replace(',', ".").parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    report(
                        Error::new(
                            Code::BadInput,
                            format!("row {line}, column {name}: {raw:?} is not a number"),
                        )
                        .with("row", line)
                        .with("column", name)
                        .with("value", raw),
                    );
                    continue;
                }
            };
            if value < condition.min() || value > condition.max() {
                report(
                    Error::new(
                        Code::ScoreOutOfRange,
                        format!(
                            "row {line}, column {name}: {value} is outside the scale {}–{}",
                            condition.min(),
                            condition.max()
                        ),
                    )
                    .with("row", line)
                    .with("column", name)
                    .with("value", value),
                );
                continue;
            }
            let own = columns
                .iter()
                .position(|k| matches!(k, Column::Comment(x) if x == c))
                .map(cell)
                .filter(|s| !s.is_empty());
            scores.push(Score {
                reviewer_id: reviewer.to_string(),
                proposal_id: proposal.to_string(),
                condition_id: condition.id.clone(),
                value,
                comment: own.or(review_comment).map(str::to_string),
            });
        }
    }
    Ok(ReviewsCsv {
        method: Method::ReviewsCsv,
        scores,
        rows,
        errors,
        errors_not_listed: more,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::default_rubric;

    #[test]
    fn a_spreadsheet_export_with_bom_and_crlf_reads() {
        let csv = "\u{feff}Reviewer,Proposal,Políticas\r\nr1,p01,3\r\n";
        let r = parse_reviews_csv(&default_rubric(), csv).unwrap();
        assert_eq!(r.scores.len(), 1, "{:?}", r.errors);
        assert_eq!(r.scores[0].condition_id, "policies");
    }
}
