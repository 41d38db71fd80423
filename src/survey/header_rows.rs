//! Header rows read for what they say: the shape of the header (one row, SurveyMonkey's two,
//! Qualtrics' three) and, per column, what the extra rows tell about it.
//!
//! - **Qualtrics** (three rows: export tag, question text, `{"ImportId":"QID4_1"}` JSON): the
//!   import id names the question (`QID4`) and the choice or matrix row (`1`); `_TEXT` marks a
//!   text-entry column ("Other (please specify)"); row 2's `… - Selected Choice` and
//!   `… - Other - Text` say the same in words.
//! - **SurveyMonkey** (two rows: question text written once over its columns, then `Response`,
//!   `Open-Ended Response`, a matrix row or a choice's text): the question is carried over blank
//!   cells; the second row says whether a column is a single answer, an open text, or one
//!   choice of a multi-select (whose text it gives, also in a numeric export where the cells
//!   hold codes).
//!
//! Sources: VENDOR_EXPORTS.md (in the project's shared notes) (Qualtrics' "Understanding your dataset" help page
//! as quoted by FinSL-signbank, ropensci/qualtRics sample.csv, the GGWash SurveyMonkey parser).

use super::labels::fold;
use super::table::{Column, HeaderKind, Shape, Table};
use serde::Serialize;

pub(crate) fn text_of(record: &csv::ByteRecord, i: usize) -> String {
    String::from_utf8_lossy(record.get(i).unwrap_or(b"").trim_ascii()).into_owned()
}

const SM_MARKS: &[&str] = &[
    "response",
    "open-ended response",
    "respuesta",
    "respuesta abierta",
];

/// Detects the header shape from the first three records.
pub(crate) fn detect_shape(head: &[csv::ByteRecord]) -> Shape {
    if let Some(third) = head.get(2) {
        let filled: Vec<&[u8]> = third
            .iter()
            .map(<[u8]>::trim_ascii)
            .filter(|f| !f.is_empty())
            .collect();
        let import = filled
            .iter()
            .filter(|f| f.starts_with(b"{\"ImportId\"") || f.starts_with(b"{'ImportId'"))
            .count();
        if import > 0 && import * 2 >= filled.len() {
            return Shape::Qualtrics;
        }
    }
    if let Some(second) = head.get(1) {
        if (0..second.len()).any(|i| SM_MARKS.contains(&fold(&text_of(second, i)).as_str())) {
            return Shape::SurveyMonkey;
        }
    }
    Shape::OneHeader
}

/// The value of `key` in a Qualtrics import-id cell, JSON (`{"ImportId":"QID4_1"}`) or the
/// legacy Python-like form (`{'ImportId': 'QID2-1'}`).
pub fn json_field(cell: &str, key: &str) -> Option<String> {
    let at = cell
        .find(&format!("\"{key}\""))
        .or_else(|| cell.find(&format!("'{key}'")))?;
    let rest = cell.get(at + key.len() + 2..)?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = rest.get(1..)?;
    let end = value.find(quote)?;
    Some(value.get(..end)?.to_string())
}

/// Splits a Qualtrics import id into question id, sub-part and text-entry flag:
/// `QID4_1` → (`QID4`, `1`, false); `QID8_5_TEXT` → (`QID8`, `5`, true); `QID2-1` (legacy)
/// → (`QID2`, `1`, false); `startDate` → (`startDate`, ``, false).
pub fn split_import_id(id: &str) -> (String, String, bool) {
    let (rest, text) = match id
        .strip_suffix("_TEXT")
        .or_else(|| id.strip_suffix("-TEXT"))
    {
        Some(r) => (r, true),
        None => (id, false),
    };
    match rest.split_once(['_', '-']) {
        Some((q, sub)) if q.starts_with("QID") => (q.to_string(), sub.to_string(), text),
        _ => (rest.to_string(), String::new(), text),
    }
}

fn is_please_specify(folded: &str) -> bool {
    [
        "please specify",
        "especifique",
        "especifica",
        "other - text",
    ]
    .iter()
    .any(|m| folded.contains(m))
}

/// Column metadata from Qualtrics' header rows (tag, text, import id).
fn qualtrics_meta(col: &mut Column, tag: &str, text: &str, import: &str) {
    col.import_id = json_field(import, "ImportId").filter(|s| !s.is_empty());
    let id = col.import_id.clone().unwrap_or_else(|| tag.to_string());
    let (qid, choice, text_entry) = split_import_id(&id);
    let folded = fold(text);
    col.text_entry = text_entry
        || tag.ends_with("_TEXT")
        || folded.ends_with("- text") && is_please_specify(&folded)
        || folded.ends_with("other - text");
    col.question_id = qid.starts_with("QID").then_some(qid);
    col.choice_id = (!choice.is_empty()).then_some(choice);
    col.kind = if col.text_entry {
        HeaderKind::TextEntry
    } else if folded.ends_with("- selected choice") {
        HeaderKind::SelectedChoice
    } else if col
        .import_id
        .as_deref()
        .is_some_and(|i| !i.starts_with("QID"))
    {
        HeaderKind::Metadata
    } else if col.choice_id.is_some() {
        HeaderKind::Choice
    } else {
        HeaderKind::Response
    };
    if let Some(q) = text.strip_suffix(" - Selected Choice") {
        col.question = q.trim().to_string();
    }
}

/// Column metadata from SurveyMonkey's second header row.
fn monkey_meta(col: &mut Column, sub_row: &str) {
    let folded = fold(sub_row);
    col.kind = match folded.as_str() {
        "" => HeaderKind::Metadata,
        "response" | "respuesta" => HeaderKind::Response,
        "open-ended response" | "respuesta abierta" => HeaderKind::OpenEnded,
        f if is_please_specify(f) => HeaderKind::TextEntry,
        _ => HeaderKind::Choice,
    };
    col.text_entry = col.kind == HeaderKind::TextEntry;
}

/// Builds the columns from the header records.
pub(crate) fn build_columns(shape: Shape, head: &[csv::ByteRecord], ncols: usize) -> Vec<Column> {
    let row = |r: usize, i: usize| head.get(r).map(|rec| text_of(rec, i)).unwrap_or_default();
    let mut columns: Vec<Column> = Vec::with_capacity(ncols);
    let mut carried = String::new();
    for i in 0..ncols {
        let mut col = Column::default();
        let (key, header) = match shape {
            Shape::OneHeader => {
                // Google Forms grids: "Question [Row]".
                let h = row(0, i);
                let (q, sub) = match h.strip_suffix(']').and_then(|s| s.rsplit_once(" [")) {
                    Some((q, sub)) => (q.trim().to_string(), sub.trim().to_string()),
                    None => (h.clone(), String::new()),
                };
                (col.question, col.sub) = (q, sub);
                (h.clone(), h)
            }
            Shape::Qualtrics => {
                // Matrix rows: id "Q5_1", text "Question - Row".
                let text = row(1, i);
                let id = row(0, i);
                let matrix = id
                    .rsplit_once('_')
                    .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                let (q, sub) = match text.rsplit_once(" - ") {
                    Some((q, sub)) if matrix => (q.trim().to_string(), sub.trim().to_string()),
                    _ => (text.clone(), String::new()),
                };
                (col.question, col.sub) = (q, sub);
                qualtrics_meta(&mut col, &id, &text, &row(2, i));
                let key = if id.is_empty() { text.clone() } else { id };
                (key, text)
            }
            Shape::SurveyMonkey => {
                let q = row(0, i);
                if !q.is_empty() {
                    carried = q;
                }
                let sub = row(1, i);
                monkey_meta(&mut col, &sub);
                let plain = matches!(
                    fold(&sub).as_str(),
                    "" | "response" | "open-ended response" | "respuesta" | "respuesta abierta"
                );
                let header = if plain {
                    carried.clone()
                } else if carried.is_empty() {
                    sub.clone()
                } else {
                    format!("{carried} - {sub}")
                };
                col.question = carried.clone();
                col.sub = if plain { String::new() } else { sub };
                (header.clone(), header)
            }
        };
        let header = if header.is_empty() {
            format!("column {}", i + 1)
        } else {
            header
        };
        let mut key = if key.is_empty() { header.clone() } else { key };
        if columns.iter().any(|c| c.key == key) {
            let base = key.clone();
            let mut k = 2;
            while columns.iter().any(|c| c.key == key) {
                key = format!("{base} ({k})");
                k += 1;
            }
        }
        col.key = key;
        col.header = header;
        columns.push(col);
    }
    columns
}

/// What a Qualtrics export's cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyExportValues"))]
#[serde(rename_all = "snake_case")]
pub enum ExportValues {
    /// "Use choice text": labels in the cells (`Status` = "IP Address", `Finished` = "True").
    ChoiceText,
    /// "Use numeric values": recode values (`Status` = 0, `Finished` = 1); their meaning is
    /// in the survey's codebook, not in the file.
    Numeric,
}

/// Tells a Qualtrics choice-text export from a numeric-values one by its `Status` and
/// `Finished` columns (`None` for other shapes or when neither column is there).
pub fn export_values(table: &Table) -> Option<ExportValues> {
    if table.shape != Shape::Qualtrics {
        return None;
    }
    let mut verdict = None;
    for (c, col) in table.columns.iter().enumerate() {
        let id = col
            .import_id
            .as_deref()
            .unwrap_or(&col.key)
            .to_ascii_lowercase();
        if id != "status" && id != "finished" {
            continue;
        }
        let dict = table.dicts.get(c)?;
        let used = dict
            .values
            .iter()
            .zip(&dict.counts)
            .skip(1)
            .filter(|(_, n)| **n > 0);
        let mut numeric = true;
        let mut any = false;
        for (v, _) in used {
            any = true;
            numeric &= v.trim().parse::<f64>().is_ok();
        }
        if any {
            verdict = Some(if numeric {
                ExportValues::Numeric
            } else {
                ExportValues::ChoiceText
            });
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_ids_are_read_in_both_forms() {
        let cell = "{\"ImportId\":\"QID8_5_TEXT\"}";
        assert_eq!(json_field(cell, "ImportId").as_deref(), Some("QID8_5_TEXT"));
        let dated = "{\"ImportId\":\"startDate\",\"timeZone\":\"America/New_York\"}";
        assert_eq!(json_field(dated, "ImportId").as_deref(), Some("startDate"));
        assert_eq!(
            json_field(dated, "timeZone").as_deref(),
            Some("America/New_York")
        );
        assert_eq!(
            json_field("{'ImportId': 'QID2-1'}", "ImportId").as_deref(),
            Some("QID2-1")
        );
        assert_eq!(json_field("Q1", "ImportId"), None);
        assert_eq!(
            split_import_id("QID8_5_TEXT"),
            ("QID8".into(), "5".into(), true)
        );
        assert_eq!(
            split_import_id("QID4_1"),
            ("QID4".into(), "1".into(), false)
        );
        assert_eq!(
            split_import_id("QID2-1"),
            ("QID2".into(), "1".into(), false)
        );
        assert_eq!(split_import_id("QID7"), ("QID7".into(), "".into(), false));
        assert_eq!(
            split_import_id("startDate"),
            ("startDate".into(), "".into(), false)
        );
    }
}
