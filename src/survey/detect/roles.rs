//! Column roles from the header: respondent id, timestamps, export metadata to ignore, the
//! wave column; and SurveyMonkey's one column per choice of a "select all" question (with its
//! "Other (please specify)" text column, which is an answer too).

use super::super::headers::*;
use super::super::instrument::{Choice, Item, ItemType, Waves};
use super::super::labels::{fold, missing_kind};
use super::super::mapping::Mapping;
use super::super::table::{Column, Table};
use super::values::answered;
use std::collections::HashSet;

/// Rule "header roles": id ("Respondent ID", "ResponseId", "Folio"...; distinct on at least
/// 40% of the answered rows), timestamps, metadata to ignore, and a wave column ("Wave",
/// "Ola", "Year"... with 1–12 values). Marks the columns it takes.
pub fn header_roles(table: &Table, m: &mut Mapping, taken: &mut [bool], sizes_assumed: bool) {
    for (c, col) in table.columns.iter().enumerate() {
        let f = fold(&col.header);
        let dict = &table.dicts[c];
        let answered_rows = table.rows() as u64 - dict.counts.first().copied().unwrap_or(0);
        if m.respondent_id.is_none()
            && (ID_HEADERS.contains(&f.as_str()) || f.ends_with(" id"))
            && dict.distinct() as f64 >= 0.4 * answered_rows as f64
        {
            m.respondent_id = Some(col.key.clone());
        } else if TIME_HEADERS.contains(&f.as_str()) {
            m.timestamps.push(col.key.clone());
        } else if IGNORED_HEADERS.contains(&f.as_str())
            || col
                .import_id
                .as_deref()
                .is_some_and(|id| IGNORED_HEADERS.contains(&fold(id).as_str()))
        {
            m.ignored.push(col.key.clone());
        } else if m.instrument.waves.is_none()
            && mentions(&f, WAVE_WORDS)
            && (1..=12).contains(&dict.distinct())
            && f.split(' ').count() <= 4
            && !mentions(&f, &["how many", "cuantos", "cuantas"])
        {
            m.instrument.waves = Some(Waves {
                column: col.key.clone(),
                order: wave_order(&answered(table, c)),
                sizes_assumed,
            });
        } else {
            continue;
        }
        if let Some(t) = taken.get_mut(c) {
            *t = true;
        }
    }
}

/// True when the sub-header names an "Other (please specify)" text box.
pub fn is_other(sub: &str) -> bool {
    let f = fold(sub);
    ["other", "otro", "otra", "otros"]
        .iter()
        .any(|w| f == *w || f.starts_with(&format!("{w} (")) || f.starts_with(&format!("{w}:")))
}

/// Rule "one column per choice": neighbouring columns of one question whose only value is
/// their own sub-header (or 1/x) become one multi-select item; a following "Other (please
/// specify)" column joins it, and any text in it marks the choice.
pub fn choice_columns(
    table: &Table,
    m: &mut Mapping,
    taken: &mut [bool],
    ids: &mut HashSet<String>,
) {
    let ncols = table.columns.len();
    let parts: Vec<(String, String)> = table.columns.iter().map(question_and_choice).collect();
    let mut c = 0;
    while c < ncols {
        let question = &parts[c].0;
        let mut run = (c..ncols)
            .take_while(|&k| {
                !taken[k]
                    && !parts[k].1.is_empty()
                    && parts[k].0 == *question
                    && is_choice_column(table, k, &parts[k].1)
            })
            .count();
        if run >= 1 {
            let next = c + run;
            if parts
                .get(next)
                .is_some_and(|p| !taken[next] && p.0 == *question && is_other(&p.1))
            {
                run += 1;
            }
        }
        if run < 2 {
            c += 1;
            continue;
        }
        let text = bilingual(question);
        let id = unique(slug(text.get(super::super::instrument::Lang::En)), ids);
        let mut cids = HashSet::new();
        let choices = (c..c + run)
            .map(|k| Choice {
                id: unique(slug(&parts[k].1), &mut cids),
                label: bilingual(&parts[k].1),
                aliases: vec![],
                column: Some(table.columns[k].key.clone()),
            })
            .collect();
        m.instrument.items.push(Item {
            choices,
            ..Item::new(&id, None, text, ItemType::MultiSelect)
        });
        for t in taken.iter_mut().skip(c).take(run) {
            *t = true;
        }
        c += run;
    }
}

/// A column's question and choice: SurveyMonkey's second header row, else a one-header
/// export's `Question - Choice` (the older SurveyMonkey export joins them so).
fn question_and_choice(col: &Column) -> (String, String) {
    if !col.sub.is_empty() {
        return (col.question.clone(), col.sub.clone());
    }
    match col.header.rsplit_once(" - ") {
        Some((q, sub)) if !q.trim().is_empty() && !sub.trim().is_empty() => {
            (q.trim().to_string(), sub.trim().to_string())
        }
        _ => (col.question.clone(), String::new()),
    }
}

/// True when each answered cell of the column is its own sub-header (or a yes-like mark).
fn is_choice_column(table: &Table, c: usize, choice: &str) -> bool {
    let Some(dict) = table.dicts.get(c) else {
        return false;
    };
    let sub = fold(choice);
    let values: Vec<String> = dict
        .values
        .iter()
        .skip(1)
        .map(|v| fold(v))
        .filter(|f| missing_kind(f).is_none())
        .collect();
    // SurveyMonkey's numeric export writes the choice's number in its column.
    let numbered = values.len() == 1
        && super::super::labels::parse_number(&values[0], false).is_some_and(|x| x >= 1.0);
    numbered
        || values.len() <= 2
            && values.iter().any(|v| *v == sub || v == "1" || v == "x")
            && values
                .iter()
                .all(|v| *v == sub || ["1", "x", "0"].contains(&v.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_text_boxes_are_recognised() {
        assert!(is_other("Other (please specify)"));
        assert!(is_other("Otro (especifique)"));
        assert!(!is_other("Others' opinions matter"));
    }
}
