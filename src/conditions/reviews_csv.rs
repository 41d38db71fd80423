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

use super::assignment::AssignedReview;
use super::import_csv::key;
use super::round::Round;
use super::round::{Score, MAX_LISTED_ERRORS};
use super::Rubric;
use crate::conditions::method::Method;
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::text::Lang;
use serde::Serialize;
use std::collections::HashMap;

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
    /// Long form: the condition of the row (id or name).
    ConditionCell,
    /// Long form: the score of the row.
    Value,
    /// A column the review template carries for the reviewer's eyes (names, titles).
    Context,
    Ignored,
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

fn classify(rubric: &Rubric, header: &str) -> Column {
    let h = norm(header);
    let k = key(header);
    let is = |names: &[&str]| names.contains(&k.as_str());
    if is(&["reviewerid", "reviewer", "idevaluador", "evaluador"]) {
        return Column::Reviewer;
    }
    if is(&["proposalid", "proposal", "idpropuesta", "propuesta"]) {
        return Column::Proposal;
    }
    if is(&["comment", "comments", "comentario", "comentarios"]) {
        return Column::ReviewComment;
    }
    if is(&["conditionid", "condition", "idcondicion", "condicion"]) {
        return Column::ConditionCell;
    }
    if is(&["score", "value", "puntuacion", "valor"]) {
        return Column::Value;
    }
    if is(TEMPLATE_CONTEXT) {
        return Column::Context;
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
        .delimiter(super::import_csv::delimiter(text))
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
        let missing: Vec<String> = [("reviewerId", reviewer_col), ("proposalId", proposal_col)]
            .into_iter()
            .filter(|(_, found)| found.is_none())
            .map(|(name, _)| name.to_string())
            .collect();
        return Err(Error::new(
            Code::UnknownColumn,
            "the CSV needs a reviewerId column and a proposalId column",
        )
        .with("missing", missing)
        .with(
            "columns",
            headers.iter().map(str::to_string).collect::<Vec<_>>(),
        ));
    };
    let long =
        find(|c| matches!(c, Column::ConditionCell)).zip(find(|c| matches!(c, Column::Value)));
    if long.is_none() && !columns.iter().any(|c| matches!(c, Column::Score(_))) {
        return Err(Error::new(
            Code::UnknownColumn,
            "the CSV has no column named after a condition of the rubric (use the condition ids), \
             nor a condition column and a score column",
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
    let review_comment_col = columns
        .iter()
        .position(|c| matches!(c, Column::ReviewComment));
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
        let line = super::import_csv::record_line(text.as_bytes(), &record, rows as u64 + 1);
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
        let review_comment = review_comment_col.map(cell).filter(|s| !s.is_empty());
        // (condition index, score column, raw score, own comment)
        let mut cells: Vec<(usize, usize, &str, Option<&str>)> = Vec::new();
        if let Some((cc, vc)) = long {
            let raw = cell(vc);
            if raw.is_empty() {
                continue;
            }
            let named = cell(cc);
            let h = norm(named);
            let Some(c) = rubric
                .conditions
                .iter()
                .position(|c| norm(&c.id) == h || norm(&c.name.en) == h || norm(&c.name.es) == h)
            else {
                let column = headers.get(cc).unwrap_or("");
                report(
                    Error::new(
                        Code::UnknownId,
                        format!(
                            "row {line}, column {column}: the rubric has no condition {named:?}"
                        ),
                    )
                    .with("row", line)
                    .with("column", column)
                    .with("conditionId", named),
                );
                continue;
            };
            cells.push((c, vc, raw, None));
        }
        for (i, column) in columns.iter().enumerate() {
            let Column::Score(c) = column else { continue };
            let own = columns
                .iter()
                .position(|k| matches!(k, Column::Comment(x) if x == c))
                .map(cell)
                .filter(|s| !s.is_empty());
            cells.push((*c, i, cell(i), own));
        }
        for (c, i, raw, own) in cells {
            if raw.is_empty() {
                continue;
            }
            let Some(condition) = rubric.conditions.get(c) else {
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

/// Headers of the review template that are there for the reviewer to read (reduced as in
/// [`key`]); the reader skips them without a note.
const TEMPLATE_CONTEXT: &[&str] = &[
    "reviewername",
    "nombreevaluador",
    "proposaltitle",
    "titulopropuesta",
    "conditionname",
    "nombrecondicion",
];

/// The review template's headers in each language: reviewer id and name, proposal id and
/// title, condition id and name, score, comment.
fn template_headers(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::En => [
            "reviewerId",
            "reviewerName",
            "proposalId",
            "proposalTitle",
            "conditionId",
            "conditionName",
            "score",
            "comment",
        ],
        Lang::Es => [
            "idEvaluador",
            "nombreEvaluador",
            "idPropuesta",
            "títuloPropuesta",
            "idCondición",
            "nombreCondición",
            "puntuación",
            "comentario",
        ],
    }
}

/// The CSV to send to reviewers: one row per reviewer × proposal × condition of the
/// assigned `reviews` ([`super::Assignment::reviews`]), with empty `score` and `comment` cells, headers and condition names in `lang`.
/// [`parse_reviews_csv`] reads it back once filled in (either language).
///
/// # Errors
/// [`Code::UnknownId`] when the assignment names a reviewer or proposal the round lacks;
/// [`Code::Internal`] if the CSV writer fails.
///
/// # Examples
/// ```
/// use waterline::conditions::{assign_reviewers, default_rubric, parse_reviews_csv, review_template_csv, Round};
/// use waterline::text::Lang;
/// let round: Round = serde_json::from_str(waterline::conditions::EXAMPLE_ROUND_JSON).unwrap();
/// let rubric = default_rubric();
/// let a = assign_reviewers(&round, &Default::default()).unwrap();
/// let csv = review_template_csv(&rubric, &round, &a.reviews, Lang::Es).unwrap();
/// let filled = csv.replace(",,\n", ",2,\n");
/// let back = parse_reviews_csv(&rubric, &filled).unwrap();
/// assert_eq!(back.scores.len(), a.reviews.len() * rubric.conditions.len());
/// ```
pub fn review_template_csv(
    rubric: &Rubric,
    round: &Round,
    reviews: &[AssignedReview],
    lang: Lang,
) -> Result<String> {
    let reviewers: HashMap<&str, &str> = round
        .reviewers
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    let titles: HashMap<&str, &str> = round
        .proposals
        .iter()
        .map(|p| (p.id.as_str(), p.title.as_str()))
        .collect();
    let internal = |e: csv::Error| Error::new(Code::Internal, format!("CSV writer: {e}"));
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    out.write_record(template_headers(lang)).map_err(internal)?;
    for review in reviews {
        let (r, p) = (review.reviewer_id.as_str(), review.proposal_id.as_str());
        let unknown = |kind: &str, id: &str| {
            Error::new(
                Code::UnknownId,
                format!("the assignment names {kind} {id:?}, which is not in the round"),
            )
            .with(&format!("{kind}Id"), id)
        };
        let name = *reviewers.get(r).ok_or_else(|| unknown("reviewer", r))?;
        let title = *titles.get(p).ok_or_else(|| unknown("proposal", p))?;
        for c in &rubric.conditions {
            out.write_record([r, name, p, title, &c.id, c.name.get(lang), "", ""])
                .map_err(internal)?;
        }
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::new(Code::Internal, format!("CSV writer: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::new(Code::Internal, format!("CSV writer: {e}")))
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

    #[test]
    fn a_spanish_excel_export_with_semicolons_and_a_decimal_comma_reads() {
        let csv = "\u{feff}Reviewer;Proposal;Políticas;Prácticas\r\nr1;p01;3;2,5\r\n";
        let r = parse_reviews_csv(&default_rubric(), csv).unwrap();
        assert_eq!(r.scores.len(), 2, "{:?}", r.errors);
        assert_eq!(r.scores[1].value, 2.5);
    }

    #[test]
    fn a_file_without_its_id_columns_names_them() {
        let e = parse_reviews_csv(&default_rubric(), "Reviewer,Políticas\nr1,3\n").unwrap_err();
        assert_eq!(e.code, Code::UnknownColumn);
        assert_eq!(e.details["missing"], vec!["proposalId"].into());
    }
}

#[cfg(test)]
mod long_form_tests {
    use super::*;
    use crate::conditions::default_rubric;

    #[test]
    fn long_form_rows_read_and_name_unknown_conditions() {
        let csv = "idEvaluador,nombreEvaluador,idPropuesta,títuloPropuesta,idCondición,nombreCondición,puntuación,comentario\n\
                   r1,Ana,p1,Agua,policies,Políticas,3,bien\n\
                   r1,Ana,p1,Agua,Modelos mentales,,2,\n\
                   r1,Ana,p1,Agua,nope,,2,\n\
                   r1,Ana,p1,Agua,practices,,,\n";
        let r = parse_reviews_csv(&default_rubric(), csv).unwrap();
        assert_eq!(r.scores.len(), 2, "{:?}", r.errors);
        assert_eq!(r.scores[1].condition_id, "mental-models");
        assert_eq!(r.scores[0].comment.as_deref(), Some("bien"));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].code, Code::UnknownId);
        assert_eq!(r.errors[0].details["row"], 4u64.into());
    }
}
