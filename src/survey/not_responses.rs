//! Rows of a Qualtrics export that are not responses: previews and tests of the survey made
//! by its authors, and responses Qualtrics flagged as spam. Their `Status` column ("Response
//! Type") says so — `Survey Preview`, `Survey Test`, `Spam`, `Preview Spam` with "Use choice
//! text", or the codes 1, 2, 8 and 9 with "Use numeric values" (0 is a normal response, 4
//! imported and 16 offline: real respondents). See `../shared/VENDOR_EXPORTS.md`, "Qualtrics".
//!
//! Counting them would report the authors' clicks as parents' answers, so every analysis
//! leaves them out and the import lists them (`preview_response`, with lines and count).
//! Partial responses (`Finished` false) are real respondents and stay.

use super::issues::Issue;
use super::labels::fold;
use super::table::{Shape, Table};
use crate::error::Code;

/// The `Status` codes of rows that are not responses (numeric export).
const NOT_RESPONSE_CODES: [&str; 4] = ["1", "2", "8", "9"];

/// True when a folded `Status` value marks a preview, a test or spam.
fn not_a_response(folded: &str) -> bool {
    NOT_RESPONSE_CODES.contains(&folded)
        || ["preview", "test", "spam"]
            .iter()
            .any(|w| folded.split(' ').any(|word| word == *w))
}

/// For a Qualtrics export with a `Status` column holding such rows: which rows to keep, and
/// one `preview_response` issue per status value left out. `None` when every row is kept.
pub fn find(table: &Table) -> Option<(Vec<bool>, Vec<Issue>)> {
    if table.shape != Shape::Qualtrics {
        return None;
    }
    let c = table.columns.iter().position(|col| {
        col.import_id
            .as_deref()
            .unwrap_or(&col.key)
            .eq_ignore_ascii_case("status")
    })?;
    let (dict, cells) = (table.dicts.get(c)?, table.cells.get(c)?);
    // A value no row holds any more (a table already filtered) flags nothing.
    let flagged: Vec<bool> = dict
        .values
        .iter()
        .zip(&dict.counts)
        .map(|(v, n)| *n > 0 && not_a_response(&fold(v)))
        .collect();
    if !flagged.iter().any(|f| *f) {
        return None;
    }
    let mut keep = vec![true; table.rows()];
    let mut issues: Vec<(u32, Issue)> = Vec::new();
    for (row, &e) in cells.iter().enumerate() {
        if !flagged.get(e as usize).copied().unwrap_or(false) {
            continue;
        }
        keep[row] = false;
        let line = table.line(row as u32);
        match issues.iter_mut().find(|(v, _)| *v == e) {
            Some((_, i)) => i.add(line),
            None => {
                let value = dict.values.get(e as usize).cloned().unwrap_or_default();
                let mut i = Issue::new(
                    Code::PreviewResponse,
                    format!("rows whose Status is \"{value}\" are previews, tests or spam, not responses; left out of every analysis"),
                    line,
                );
                i.column = Some(table.columns[c].header.clone());
                i.value = Some(value);
                i.treatment = "excluded";
                issues.push((e, i));
            }
        }
    }
    Some((keep, issues.into_iter().map(|(_, i)| i).collect()))
}

#[cfg(test)]
mod tests {
    use super::not_a_response;

    #[test]
    fn previews_tests_and_spam_are_not_responses() {
        for v in [
            "survey preview",
            "survey test",
            "spam",
            "preview spam",
            "1",
            "2",
            "8",
            "9",
        ] {
            assert!(not_a_response(v), "{v}");
        }
        for v in [
            "ip address",
            "imported",
            "offline",
            "0",
            "4",
            "16",
            "testimony",
        ] {
            assert!(!not_a_response(v), "{v}");
        }
    }
}
