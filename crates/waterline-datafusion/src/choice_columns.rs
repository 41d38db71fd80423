//! Multi-select items with one column per choice (SurveyMonkey's "select all" export with a
//! `Question - Choice` header per column, and its "Other (please specify)" text column), as
//! the page's report gives them: per choice, the share of the respondents who answered the
//! question (a row with any choice cell that is not blank or a non-answer), most chosen first,
//! with the page's sentence — per wave when the survey has waves.
//!
//! The state is `wl_texts` over the item's choice columns ([`crate::texts`]): rows per distinct
//! combination of the row's cells, counted in the one aggregation of the counted items (no pass
//! of its own). Memory: one entry per distinct combination per group and wave — at most 2^k
//! for k choice columns holding only their label, and the distinct "Other" texts. Each
//! combination is decoded once by the page's importer
//! ([`crate::categories::Decoder::choice_rows`]: a cell marks its choice unless it is blank, a
//! non-answer, "0" or a "no"), and finished by [`crate::choices`] as a one-column multi-select.

use crate::categories::{Decoder, PlannedCategory};
use crate::texts::SEP;
use waterline::survey::instrument::ItemType;
use waterline::survey::Survey;

/// The survey's multi-select items with one column per choice, every choice's column in the
/// files: each planned with its columns' headers joined by [`SEP`] (a `wl_texts` of them).
pub fn plan(survey: &Survey) -> Vec<PlannedCategory> {
    let header = |key: &str| {
        let mut columns = survey.table().columns.iter();
        columns
            .find(|c| c.key == key || c.header == key)
            .map(|c| c.header.clone())
    };
    let ins = &survey.mapping().instrument;
    ins.items
        .iter()
        .filter(|i| i.kind == ItemType::MultiSelect && i.column.is_none() && !i.choices.is_empty())
        .filter_map(|i| {
            let headers = (i.choices.iter())
                .map(|c| header(c.column.as_deref()?))
                .collect::<Option<Vec<_>>>()?;
            Some(PlannedCategory {
                item: i.clone(),
                column: headers.join(&SEP.to_string()),
            })
        })
        .collect()
}

/// Per choice, 1 chosen, 0 not, `NaN` for no answer, for each counted text of a planned
/// multi-select item: one column's texts, or combinations of its choice columns' texts.
///
/// # Errors
/// The decoder's, as text.
pub fn decode(
    decoder: &Decoder,
    c: &PlannedCategory,
    texts: &[String],
) -> Result<Vec<Vec<f64>>, String> {
    if !c.column.contains(SEP) {
        return decoder.choices(&c.item, &c.column, texts);
    }
    let cols: Vec<&str> = c.column.split(SEP).collect();
    let rows: Vec<Vec<&str>> = texts.iter().map(|t| t.split(SEP).collect()).collect();
    decoder.choice_rows(&c.item, &cols, &rows)
}
