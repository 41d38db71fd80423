//! Multi-select items: one column of choice lists (each distinct value decoded once into a bit
//! mask of choices) or one column per choice (SurveyMonkey's expanded export).

use super::{both_sides, one_sided_of, MAX_ISSUES_PER_COLUMN};
use crate::error::Code;
use crate::survey::instrument::Item;
use crate::survey::issues::{ColumnMissing, Issue};
use crate::survey::labels::{fold, missing_kind, FamilyKind, Missing};
use crate::survey::table::Table;
use std::collections::HashMap;

/// Multi-select in one column: each distinct value becomes a bit mask of choices.
pub(super) fn decode_multi(
    table: &Table,
    c: usize,
    item: &Item,
    issues: &mut Vec<Issue>,
    miss: &mut ColumnMissing,
) -> Vec<Vec<f64>> {
    let dict = &table.dicts[c];
    let lookup: HashMap<String, usize> = item
        .choices
        .iter()
        .enumerate()
        .flat_map(|(k, ch)| {
            let names: Vec<String> = [&ch.label.en, &ch.label.es, &ch.id]
                .into_iter()
                .chain(&ch.aliases)
                .cloned()
                .chain(both_sides(&ch.label))
                .collect();
            names.into_iter().map(move |n| (fold(&n), k))
        })
        .filter(|(f, _)| !f.is_empty())
        .collect();
    let mut masks: Vec<Option<u64>> = vec![None; dict.values.len()];
    let mut unknown: Vec<(String, u64, u32)> = Vec::new();
    for (k, (v, &n)) in dict.values.iter().zip(&dict.counts).enumerate() {
        if n == 0 {
            continue;
        }
        let f = fold(v);
        if let Some(why) = missing_kind(&f) {
            miss.add(why, n);
            continue;
        }
        let sep = item.separator.clone().unwrap_or_else(|| {
            if v.contains(';') {
                ";".into()
            } else {
                ",".into()
            }
        });
        let mut mask = 0u64;
        let whole = lookup.get(&f);
        let tokens: Vec<&str> = if whole.is_some() {
            vec![v.as_str()]
        } else {
            v.split(sep.as_str()).collect()
        };
        for t in tokens.into_iter().map(str::trim).filter(|t| !t.is_empty()) {
            let one_sided = || {
                let labels = item
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(k, ch)| (&ch.label, k));
                one_sided_of(labels, t)
            };
            match lookup.get(&fold(t)).copied().or_else(one_sided) {
                Some(bit) => mask |= 1u64 << bit,
                None => match unknown.iter_mut().find(|u| fold(&u.0) == fold(t)) {
                    Some(u) => u.1 += n,
                    None => unknown.push((
                        t.to_string(),
                        n,
                        dict.first_row.get(k).copied().unwrap_or(0),
                    )),
                },
            }
        }
        masks[k] = Some(mask);
    }
    let header = table
        .columns
        .get(c)
        .map(|c| c.header.clone())
        .unwrap_or_default();
    for (t, n, row) in unknown.into_iter().take(MAX_ISSUES_PER_COLUMN) {
        let mut issue = Issue::new(Code::UnknownLabel, format!("\"{t}\" is not a choice of item \"{}\"; the cell's other choices are kept (add it as a choice or an alias)", item.id), table.line(row));
        issue.count = n;
        issue.column = Some(header.clone());
        issue.item = Some(item.id.clone());
        issue.value = Some(t);
        issue.treatment = "ignored";
        issues.push(issue);
    }
    let cells = table.cells.get(c).map(Vec::as_slice).unwrap_or(&[]);
    (0..item.choices.len())
        .map(|bit| {
            cells
                .iter()
                .map(|&i| match masks.get(i as usize).copied().flatten() {
                    Some(m) => ((m >> bit) & 1) as f64,
                    None => f64::NAN,
                })
                .collect()
        })
        .collect()
}

/// A choice column's cells and, per distinct value, whether it marks the choice (`None` =
/// missing).
type ChoiceColumn<'a> = (Option<&'a Vec<u32>>, Vec<Option<bool>>);

/// Multi-select with one column per choice (SurveyMonkey): a non-empty cell is chosen, unless
/// it says no / 0; a row with every choice column empty did not answer.
pub(super) fn decode_choice_columns(
    table: &Table,
    item: &Item,
    miss: &mut ColumnMissing,
) -> Vec<Vec<f64>> {
    let rows = table.rows();
    let flags: Vec<ChoiceColumn<'_>> = item
        .choices
        .iter()
        .map(|ch| {
            let c = ch.column.as_deref().and_then(|k| table.column(k));
            let flags = c
                .and_then(|c| table.dicts.get(c))
                .map_or_else(Vec::new, |d| {
                    d.values
                        .iter()
                        .map(|v| {
                            let f = fold(v);
                            if missing_kind(&f).is_some() {
                                None
                            } else {
                                Some(!(f == "0" || FamilyKind::YesNo.position(&f) == Some(0)))
                            }
                        })
                        .collect()
                });
            (c.and_then(|c| table.cells.get(c)), flags)
        })
        .collect();
    let mut out = vec![vec![f64::NAN; rows]; item.choices.len()];
    for row in 0..rows {
        let picks: Vec<Option<bool>> = flags
            .iter()
            .map(|(cells, f)| {
                cells
                    .and_then(|c| c.get(row))
                    .and_then(|&i| f.get(i as usize).copied().flatten())
            })
            .collect();
        if picks.iter().all(Option::is_none) {
            miss.add(Missing::Blank, 1);
            continue;
        }
        for (col, p) in out.iter_mut().zip(&picks) {
            if let Some(v) = col.get_mut(row) {
                *v = if *p == Some(true) { 1.0 } else { 0.0 };
            }
        }
    }
    out
}
