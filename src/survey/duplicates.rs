//! Repeated respondent ids: one policy, chosen by the user, applied to every analysis.
//!
//! The rows of one id within one wave are its *copies*. [`find`] reports each repeated id once,
//! at every copy's line, as `duplicate_resubmission` when all copies give the same answers
//! (every column except the id, timestamps and ignored columns) or `duplicate_respondent` when
//! they differ, and returns which rows the policy keeps. [`Dataset::build`] then analyses only
//! the kept rows, so shares, then-test pairs, pre/post matching, waves, subgroups and scales all
//! see the same respondents.
//!
//! [`Dataset::build`]: super::dataset::Dataset::build

use super::dataset::NO_WAVE;
use super::issues::{Issue, MAX_EXAMPLE_LINES};
use super::labels::fold;
use super::mapping::Mapping;
use super::table::Table;
use crate::error::Code;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Most repeated ids reported one by one; the rest are summed into one more issue.
pub const MAX_DUPLICATE_ISSUES: usize = 200;

/// Which rows of a repeated respondent id are analysed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyDuplicatePolicy"))]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// The first row in file order (the original submission).
    KeepFirst,
    /// The last row in file order (the latest correction). The default.
    #[default]
    KeepLast,
    /// Every row, as if they were different people.
    KeepAll,
    /// None of them: the id's answers cannot be trusted.
    DropAll,
}

impl DuplicatePolicy {
    /// The issue `treatment` naming this policy.
    pub fn treatment(self) -> &'static str {
        match self {
            DuplicatePolicy::KeepFirst => "first_kept",
            DuplicatePolicy::KeepLast => "last_kept",
            DuplicatePolicy::KeepAll => "all_kept",
            DuplicatePolicy::DropAll => "all_dropped",
        }
    }
}

/// What [`find`] found.
#[derive(Debug, Clone, Default)]
pub struct Duplicates {
    /// Per row, whether it is analysed; `None` when every row is.
    pub keep: Option<Vec<bool>>,
    /// Rows left out by the policy.
    pub dropped: u64,
    /// One issue per repeated id (and wave).
    pub issues: Vec<Issue>,
}

/// Per row, the index of its wave (as [`super::dataset::Dataset::wave`]), or `NO_WAVE`.
fn waves_of(table: &Table, mapping: &Mapping) -> Vec<u16> {
    let Some(w) = &mapping.instrument.waves else {
        return Vec::new();
    };
    let Some(c) = table.column(&w.column) else {
        return Vec::new();
    };
    let order: Vec<String> = w.order.iter().map(|v| fold(v)).collect();
    let codes: Vec<u16> = table.dicts[c]
        .values
        .iter()
        .map(|v| {
            let f = fold(v);
            order
                .iter()
                .position(|o| *o == f)
                .map_or(NO_WAVE, |i| i as u16)
        })
        .collect();
    table.cells.get(c).map_or_else(Vec::new, |cells| {
        cells
            .iter()
            .map(|&i| codes.get(i as usize).copied().unwrap_or(NO_WAVE))
            .collect()
    })
}

/// Finds repeated ids in column `id_col` and applies `table.duplicates`.
pub fn find(table: &Table, mapping: &Mapping, id_col: usize) -> Duplicates {
    let Some(ids) = table.cells.get(id_col) else {
        return Duplicates::default();
    };
    // Ids are indices into the column's dictionary: one counting pass finds the ids on more
    // than one row, and only their rows are grouped (100,000 distinct ids cost no hashing).
    let mut seen = vec![0u32; table.dicts[id_col].values.len()];
    for &id in ids {
        if let Some(n) = seen.get_mut(id as usize) {
            *n = n.saturating_add(1);
        }
    }
    if seen.iter().skip(1).all(|n| *n < 2) {
        return Duplicates::default();
    }
    let wave = waves_of(table, mapping);
    let mut copies: HashMap<(u32, u16), Vec<u32>> = HashMap::new();
    let mut order: Vec<(u32, u16)> = Vec::new();
    for (row, &id) in ids.iter().enumerate() {
        if id == 0 || !seen.get(id as usize).is_some_and(|n| *n >= 2) {
            continue;
        }
        let key = (id, wave.get(row).copied().unwrap_or(NO_WAVE));
        let rows = copies.entry(key).or_default();
        if rows.len() == 1 {
            order.push(key);
        }
        rows.push(row as u32);
    }
    if order.is_empty() {
        return Duplicates::default();
    }
    // Columns whose answers tell copies apart: all but the id, timestamps and ignored ones.
    let compared: Vec<&Vec<u32>> = table
        .columns
        .iter()
        .zip(&table.cells)
        .enumerate()
        .filter(|(c, (col, _))| {
            *c != id_col
                && !mapping.timestamps.contains(&col.key)
                && !mapping.ignored.contains(&col.key)
        })
        .map(|(_, (_, cells))| cells)
        .collect();
    let policy = table.duplicates;
    let mut keep = vec![true; table.rows()];
    let mut dropped = 0u64;
    let mut issues = Vec::new();
    let header = table.columns.get(id_col).map(|c| c.header.clone());
    let mut rest: Option<Issue> = None;
    for key in &order {
        let rows = copies.get(key).map(Vec::as_slice).unwrap_or(&[]);
        let kept = match policy {
            DuplicatePolicy::KeepFirst => rows.first().copied(),
            DuplicatePolicy::KeepLast => rows.last().copied(),
            DuplicatePolicy::KeepAll | DuplicatePolicy::DropAll => None,
        };
        if policy != DuplicatePolicy::KeepAll {
            for &r in rows.iter().filter(|r| Some(**r) != kept) {
                if let Some(k) = keep.get_mut(r as usize) {
                    *k = false;
                    dropped += 1;
                }
            }
        }
        let first = rows.first().copied().unwrap_or(0) as usize;
        let identical = rows.iter().all(|&r| {
            compared
                .iter()
                .all(|cells| cells.get(r as usize) == cells.get(first))
        });
        let value = table.dicts[id_col]
            .values
            .get(key.0 as usize)
            .cloned()
            .unwrap_or_default();
        if issues.len() >= MAX_DUPLICATE_ISSUES {
            let line = table.line(rows.first().copied().unwrap_or(0));
            match rest.as_mut() {
                Some(i) => {
                    i.add(line);
                    i.count += rows.len() as u64 - 1;
                }
                None => {
                    let mut i = Issue::new(Code::DuplicateRespondent, String::new(), line);
                    i.count = rows.len() as u64;
                    i.column = header.clone();
                    i.treatment = policy.treatment();
                    rest = Some(i);
                }
            }
            continue;
        }
        let (code, how) = if identical {
            (Code::DuplicateResubmission, "identical answers")
        } else {
            (Code::DuplicateRespondent, "different answers")
        };
        let lines: Vec<u64> = rows.iter().map(|&r| table.line(r)).collect();
        let mut issue = Issue::new(
            code,
            format!(
                "respondent id \"{value}\" is on {} rows of the same wave ({how}); policy {}: {}",
                rows.len(),
                policy.treatment(),
                lines
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            lines.first().copied().unwrap_or(0),
        );
        issue.lines = lines.into_iter().take(MAX_EXAMPLE_LINES).collect();
        issue.count = rows.len() as u64;
        issue.column = header.clone();
        issue.value = Some(value);
        issue.treatment = policy.treatment();
        issues.push(issue);
    }
    if let Some(mut i) = rest {
        i.message = format!(
            "{} more rows repeat a respondent id already reported; policy {}",
            i.count,
            policy.treatment()
        );
        issues.push(i);
    }
    Duplicates {
        keep: (dropped > 0).then_some(keep),
        dropped,
        issues,
    }
}
