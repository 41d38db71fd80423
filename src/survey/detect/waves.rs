//! Waves: a wave whose answers use other wording than the last wave ("Nearly all adults" in
//! 2014-15, "Strongly agree" in 2017-18) gets a proposed mapping onto the last wave's scale,
//! unconfirmed, so the comparison is refused until the user confirms it; and with a
//! respondent id that recurs across the first and last wave, every item gets a pre/post pair.

use super::super::declared::{Proposal, Reason, WaveScale};
use super::super::headers::unique;
use super::super::instrument::{Design, Instrument, ItemType, Pair, Point, Text};
use super::super::labels::{fold, missing_kind, FamilyKind};
use super::super::table::Table;
use super::values::{family, Guess};
use std::collections::HashSet;

/// The family each wave's answers use in column `c`, in wave order (`None` when a wave's
/// answers match no family).
fn families_per_wave(table: &Table, c: usize, wc: usize, order: &[String]) -> Vec<Option<Guess>> {
    let (Some(dict), Some(wdict)) = (table.dicts.get(c), table.dicts.get(wc)) else {
        return Vec::new();
    };
    let folded: Vec<String> = order.iter().map(|o| fold(o)).collect();
    let wave_of: Vec<Option<usize>> = wdict
        .values
        .iter()
        .map(|v| folded.iter().position(|o| *o == fold(v)))
        .collect();
    let mut counts = vec![vec![0u64; dict.values.len()]; order.len()];
    let (Some(cells), Some(wcells)) = (table.cells.get(c), table.cells.get(wc)) else {
        return Vec::new();
    };
    for (v, w) in cells.iter().zip(wcells) {
        if let Some(Some(w)) = wave_of.get(*w as usize) {
            if let Some(n) = counts.get_mut(*w).and_then(|r| r.get_mut(*v as usize)) {
                *n += 1;
            }
        }
    }
    counts
        .iter()
        .map(|per| {
            let values: Vec<(&str, String, u64)> = dict
                .values
                .iter()
                .zip(per)
                .skip(1)
                .filter(|(_, n)| **n > 0)
                .map(|(v, n)| (v.as_str(), fold(v), *n))
                .filter(|(_, f, _)| missing_kind(f).is_none())
                .collect();
            if values.is_empty() {
                None
            } else {
                family(&values)
            }
        })
        .collect()
}

/// The wave's points mapped onto `common` by rank (top onto top, bottom onto bottom).
fn mapped(kind: FamilyKind, used: &[bool], common: &[Point]) -> Vec<Point> {
    let own = kind.points(used);
    let (k, m) = (own.len(), common.len());
    own.into_iter()
        .enumerate()
        .filter_map(|(i, mut p)| {
            let j = if k <= 1 {
                0
            } else {
                (i * (m - 1) + (k - 1) / 2) / (k - 1)
            };
            p.value = common.get(j)?.value;
            Some(p)
        })
        .collect()
}

/// Rule "wave wording": a category item whose every wave matches a label family, with
/// different families, becomes an item on the last wave's scale with a proposed, unconfirmed
/// mapping for the other waves.
pub fn wording(table: &Table, ins: &mut Instrument) {
    let Some(w) = ins.waves.clone() else {
        return;
    };
    let Some(wc) = table.column(&w.column) else {
        return;
    };
    for item in ins
        .items
        .iter_mut()
        .filter(|i| i.kind == ItemType::Category)
    {
        let Some(c) = item.column.as_deref().and_then(|k| table.column(k)) else {
            continue;
        };
        let fams = families_per_wave(table, c, wc, &w.order);
        let kinds: Vec<(FamilyKind, Vec<bool>)> = fams
            .iter()
            .filter_map(|g| match g {
                Some(Guess::Family(f, used, _, _)) => Some((*f, used.clone())),
                _ => None,
            })
            .collect();
        let Some((last_kind, last_used)) = kinds.last().cloned() else {
            continue;
        };
        if kinds.len() != w.order.len() || kinds.iter().all(|k| k.0 == last_kind) {
            continue;
        }
        let common = last_kind.points(&last_used);
        let mut reasons = Vec::new();
        item.wave_scales = w
            .order
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| k.0 != last_kind)
            .map(|(wave, (kind, used))| {
                reasons.push(
                    Reason::new("wave_wording_differs")
                        .with("wave", wave.as_str())
                        .with("template", kind.template(kind.points(used).len()))
                        .with("common", last_kind.template(common.len())),
                );
                WaveScale {
                    wave: wave.clone(),
                    points: mapped(*kind, used, &common),
                }
            })
            .collect();
        item.kind = last_kind.item_type();
        item.points = common.clone();
        item.proposals = vec![Proposal {
            template: last_kind.template(common.len()),
            kind: item.kind,
            confidence: 0.5,
            reasons,
            points: common,
            non_answers: Vec::new(),
        }];
    }
}

/// Rule "panel": with a wave column and a respondent id that recurs across the first and last
/// wave, every scored item gets a pre/post pair matched by id.
pub fn panel_pairs(
    table: &Table,
    ins: &mut Instrument,
    id_key: Option<&str>,
    ids: &mut HashSet<String>,
) {
    let (Some(w), Some(id_key)) = (&ins.waves, id_key) else {
        return;
    };
    if !panel(table, &w.column, id_key, &w.order) {
        return;
    }
    let items: Vec<String> = ins
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.kind,
                ItemType::Likert
                    | ItemType::Binary
                    | ItemType::Numeric
                    | ItemType::Change
                    | ItemType::Codes
            )
        })
        .map(|i| i.id.clone())
        .collect();
    for i in items {
        let pid = unique(format!("prepost_{i}"), ids);
        ins.pairs.push(Pair {
            id: pid,
            design: Design::PrePost,
            before: i.clone(),
            after: i,
            text: Text::default(),
            from_wave: None,
            to_wave: None,
        });
    }
}

/// True when at least two respondent ids occur in both the first and the last wave.
fn panel(table: &Table, wave_key: &str, id_key: &str, order: &[String]) -> bool {
    let (Some(wc), Some(ic)) = (table.column(wave_key), table.column(id_key)) else {
        return false;
    };
    let (Some(first), Some(last)) = (order.first(), order.last()) else {
        return false;
    };
    if first == last {
        return false;
    }
    let wave_of = |row: usize| -> Option<&str> {
        let k = *table.cells.get(wc)?.get(row)? as usize;
        table.dicts.get(wc)?.values.get(k).map(String::as_str)
    };
    let mut in_first = HashSet::new();
    let mut both = 0;
    let ids = table.cells.get(ic).map(Vec::as_slice).unwrap_or(&[]);
    for (row, id) in ids.iter().enumerate() {
        if *id != 0 && wave_of(row) == Some(first.as_str()) {
            in_first.insert(*id);
        }
    }
    for (row, id) in ids.iter().enumerate() {
        if *id != 0 && wave_of(row) == Some(last.as_str()) && in_first.contains(id) {
            both += 1;
        }
    }
    both >= 2
}
