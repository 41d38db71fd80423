//! Detecting column roles: from the header text and the distinct values of each column, propose
//! a [`Mapping`] the user can then edit.
//!
//! Rules, in order (all documented so a user can predict them):
//! 1. **Header roles** — respondent id ("Respondent ID", "ResponseId", "ID", "Folio"...),
//!    timestamps ("Timestamp", "Marca temporal", "Start Date"...), export metadata to ignore
//!    (IP address, e-mail, names, collector) and the wave column ("Wave", "Ola", "Year",
//!    "Ronda"... with at most 12 values).
//! 2. **One column per choice** (SurveyMonkey "select all"): neighbouring columns of one
//!    question whose only value is their own sub-header become one multi-select item.
//! 3. **Values** — when at least 90% of the answered cells are numbers: 0/1 is binary, small
//!    whole numbers (0–10, spanning at least three values, header not a quantity such as "how
//!    many" or "age") are a Likert scale of numeric codes, anything else is numeric. Otherwise
//!    the label family (yes/no, improved/same/worse, agreement, frequency) that matches at
//!    least 80% of the answered cells, case- and accent-insensitively, in English or Spanish;
//!    else cells that list recurring choices separated by `;` (else `,`) are multi-select; at
//!    most 30 repeated values are a category; anything else is free text.
//!    Agreement scales get a neutral or "somewhat" point when any column of the file uses one.
//! 4. **Then-test pairs** — two items whose headers differ only by a bracketed or separated
//!    marker, "(before)"/"(antes)"/"pre"/"prior" versus "(now)"/"(ahora)"/"after"/"después",
//!    become a then-test pair.
//! 5. **Scales** — three or more agreement/frequency items of one grid question
//!    ("Question [Row]", SurveyMonkey matrices, Qualtrics `Q5_1`…) become a scale.
//! 6. **Groups** — category items whose header mentions community, residence, gender, age,
//!    school, grade, language or role.
//! 7. **Waves** — with a wave column and a respondent id that recurs across the first and last
//!    wave, every item gets a pre/post pair matched by id; otherwise waves are independent.
//!    `# wave sizes: assumed` and `# synthetic: true` lines before the header set those flags.
//!
//! Headers of the form "English / Español" give the item text in both languages.

use super::headers::*;
use super::instrument::{Choice, Design, Item, ItemType, Lang, Pair, Point, Scale, Text, Waves};
use super::labels::{fold, missing_kind, parse_number, FamilyKind};
use super::mapping::Mapping;
use super::table::{Column, Table};
use std::collections::{HashMap, HashSet};

/// Share of answered cells a label family must match to be chosen.
pub const FAMILY_SHARE: f64 = 0.8;
/// Share of answered cells that must be numbers for a numeric (or numeric-code) column; the
/// rest are reported as `not_a_number`.
pub const NUMERIC_SHARE: f64 = 0.9;
/// Most distinct values of a category column.
pub const MAX_CATEGORIES: usize = 30;
/// Most distinct values folded for label detection (more means an id or free text).
const MAX_LABEL_VALUES: usize = 5_000;

/// What a column's values look like.
enum Guess {
    Family(FamilyKind, Vec<bool>),
    Codes(i64, i64),
    Numeric,
    Multi(String, Vec<String>),
    Category(Vec<String>),
    Text,
}

/// The answered distinct values of a column: (raw, folded, count).
fn answered(table: &Table, c: usize) -> Vec<(&str, String, u64)> {
    let Some(dict) = table.dicts.get(c) else {
        return Vec::new();
    };
    if dict.values.len() > MAX_LABEL_VALUES {
        return Vec::new();
    }
    dict.values
        .iter()
        .zip(&dict.counts)
        .skip(1)
        .map(|(v, n)| (v.as_str(), fold(v), *n))
        .filter(|(_, f, _)| missing_kind(f).is_none())
        .collect()
}

fn guess(table: &Table, c: usize, header: &str) -> Guess {
    let Some(dict) = table.dicts.get(c) else {
        return Guess::Text;
    };
    let values = answered(table, c);
    if values.is_empty() {
        return if dict.values.len() > MAX_LABEL_VALUES {
            Guess::Text
        } else {
            Guess::Category(Vec::new())
        };
    }
    let total: u64 = values.iter().map(|v| v.2).sum();
    let comma = table.delimiter == ';';
    let numbers: Vec<Option<f64>> = values
        .iter()
        .map(|(v, _, _)| parse_number(v, comma))
        .collect();
    let numeric: u64 = values
        .iter()
        .zip(&numbers)
        .filter(|(_, n)| n.is_some())
        .map(|(v, _)| v.2)
        .sum();
    if numeric as f64 >= NUMERIC_SHARE * total as f64 {
        let nums: Vec<f64> = numbers.iter().flatten().copied().collect();
        let whole = nums.iter().all(|v| v.fract() == 0.0);
        let lo = nums.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = nums.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if whole && lo == 0.0 && hi == 1.0 {
            return Guess::Family(FamilyKind::YesNo, Vec::new());
        }
        if whole
            && lo >= 0.0
            && hi <= 10.0
            && hi - lo >= 2.0
            && !mentions(&fold(header), QUANTITY_WORDS)
        {
            return Guess::Codes(lo as i64, hi as i64);
        }
        return Guess::Numeric;
    }
    for family in FamilyKind::ALL {
        let mut used = vec![false; family.len()];
        let mut matched = 0;
        for (_, f, n) in &values {
            if let Some(p) = family.position(f) {
                matched += n;
                if let Some(u) = used.get_mut(p) {
                    *u = true;
                }
            }
        }
        if matched > 0 && matched as f64 >= FAMILY_SHARE * total as f64 {
            return Guess::Family(family, used);
        }
    }
    for sep in [";", ","] {
        if !values.iter().any(|(v, _, _)| v.contains(sep)) {
            continue;
        }
        let mut tokens: Vec<(String, usize)> = Vec::new();
        for (v, _, _) in &values {
            for t in v.split(sep).map(str::trim).filter(|t| !t.is_empty()) {
                match tokens.iter_mut().find(|(x, _)| fold(x) == fold(t)) {
                    Some((_, k)) => *k += 1,
                    None => tokens.push((t.to_string(), 1)),
                }
            }
        }
        if tokens.len() <= 40 && tokens.iter().any(|(_, k)| *k >= 2) {
            tokens.sort_by_key(|t| std::cmp::Reverse(t.1));
            return Guess::Multi(sep.to_string(), tokens.into_iter().map(|t| t.0).collect());
        }
    }
    let repeated = total >= 2 * values.len() as u64;
    if values.len() <= MAX_CATEGORIES && (repeated || mentions(&fold(header), GROUP_WORDS)) {
        let mut levels: Vec<(&str, u64)> = values.iter().map(|(v, _, n)| (*v, *n)).collect();
        levels.sort_by_key(|l| std::cmp::Reverse(l.1));
        return Guess::Category(levels.into_iter().map(|l| l.0.to_string()).collect());
    }
    Guess::Text
}

/// Proposes a mapping for `table`.
pub fn detect(table: &Table) -> Mapping {
    let mut m = Mapping::default();
    let mut ids = HashSet::new();
    let ncols = table.columns.len();
    let mut taken = vec![false; ncols];
    let meta = |key: &str| {
        table
            .metadata
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| fold(v))
    };
    m.instrument.synthetic =
        meta("synthetic").is_some_and(|v| ["true", "yes", "si", "1"].contains(&v.as_str()));
    if let Some((_, t)) = table.metadata.iter().find(|(k, _)| k == "title") {
        m.instrument.title = bilingual(t);
    }
    let sizes_assumed =
        meta("wave sizes").is_some_and(|v| v.starts_with("assumed") || v.starts_with("supuest"));

    // 1. Header roles.
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
        } else if IGNORED_HEADERS.contains(&f.as_str()) {
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
        taken[c] = true;
    }

    // 2. One column per choice.
    let mut c = 0;
    while c < ncols {
        let run_end = (c..ncols)
            .take_while(|&k| {
                let col = &table.columns[k];
                !taken[k]
                    && !col.sub.is_empty()
                    && col.question == table.columns[c].question
                    && is_choice_column(table, k)
            })
            .count();
        if run_end >= 2 {
            let cols: Vec<&Column> = table.columns[c..c + run_end].iter().collect();
            let text = bilingual(&cols[0].question);
            let id = unique(slug(text.get(super::instrument::Lang::En)), &mut ids);
            let choices = cols
                .iter()
                .map(|col| Choice {
                    id: slug(&col.sub),
                    label: bilingual(&col.sub),
                    aliases: vec![],
                    column: Some(col.key.clone()),
                })
                .collect();
            m.instrument.items.push(Item {
                id,
                column: None,
                text,
                kind: ItemType::MultiSelect,
                points: vec![],
                top: None,
                choices,
                separator: None,
                min: None,
                max: None,
            });
            for t in taken.iter_mut().skip(c).take(run_end) {
                *t = true;
            }
            c += run_end;
        } else {
            c += 1;
        }
    }

    // 3. Values.
    let mut guesses: Vec<(usize, Guess)> = Vec::new();
    let mut agree_used = vec![false; FamilyKind::Agree.len()];
    for (c, col) in table.columns.iter().enumerate() {
        if taken[c] {
            continue;
        }
        let g = guess(table, c, &col.header);
        if let Guess::Family(FamilyKind::Agree, used) = &g {
            for (a, u) in agree_used.iter_mut().zip(used) {
                *a |= *u;
            }
        }
        guesses.push((c, g));
    }
    let mut grid: HashMap<String, Vec<String>> = HashMap::new();
    let mut grid_order: Vec<String> = Vec::new();
    let mut marked: Vec<(String, String, bool, String, ItemType)> = Vec::new();
    let item_text = |c: usize| {
        let col = &table.columns[c];
        bilingual(if col.sub.is_empty() {
            &col.header
        } else {
            &col.sub
        })
    };
    let texts: Vec<String> = guesses
        .iter()
        .map(|(c, _)| item_text(*c).get(super::instrument::Lang::En).to_string())
        .collect();
    let bases = distinct_slugs(&texts);
    for ((c, g), base) in guesses.into_iter().zip(bases) {
        let col = &table.columns[c];
        let text = item_text(c);
        let base = if table.shape == super::table::Shape::Qualtrics {
            col.key.clone()
        } else {
            base
        };
        let mut item = Item {
            id: String::new(),
            column: Some(col.key.clone()),
            text,
            kind: ItemType::Text,
            points: vec![],
            top: None,
            choices: vec![],
            separator: None,
            min: None,
            max: None,
        };
        match g {
            Guess::Family(f, used) => {
                item.kind = match f {
                    FamilyKind::YesNo => ItemType::Binary,
                    FamilyKind::Change => ItemType::Change,
                    _ => ItemType::Likert,
                };
                item.points = FamilyKind::points(
                    f,
                    if f == FamilyKind::Agree {
                        &agree_used
                    } else {
                        &used
                    },
                );
            }
            Guess::Codes(lo, hi) => {
                item.kind = ItemType::Likert;
                item.points = (lo..=hi)
                    .map(|v| Point {
                        value: v as f64,
                        label: Text::new(&v.to_string(), &v.to_string()),
                        aliases: vec![],
                    })
                    .collect();
            }
            Guess::Numeric => item.kind = ItemType::Numeric,
            Guess::Multi(sep, tokens) => {
                item.kind = ItemType::MultiSelect;
                let mut cids = HashSet::new();
                item.choices = tokens
                    .iter()
                    .take(super::instrument::MAX_CHOICES)
                    .map(|t| Choice {
                        id: unique(slug(t), &mut cids),
                        label: bilingual(t),
                        aliases: vec![],
                        column: None,
                    })
                    .collect();
                item.separator = Some(sep);
            }
            Guess::Category(levels) => {
                item.kind = ItemType::Category;
                item.points = levels
                    .iter()
                    .enumerate()
                    .map(|(k, l)| Point {
                        value: k as f64,
                        label: Text::new(l, ""),
                        aliases: vec![],
                    })
                    .collect();
                if item.points.is_empty() {
                    item.kind = ItemType::Text;
                }
            }
            Guess::Text => {}
        }
        item.id = unique(base, &mut ids);
        if let Some((stem, readable, before)) = then_test_marker(&col.header) {
            marked.push((stem, readable, before, item.id.clone(), item.kind));
        } else if item.kind == ItemType::Likert && !col.sub.is_empty() {
            if !grid.contains_key(&col.question) {
                grid_order.push(col.question.clone());
            }
            grid.entry(col.question.clone())
                .or_default()
                .push(item.id.clone());
        }
        if item.kind == ItemType::Category && mentions(&fold(&col.header), GROUP_WORDS) {
            m.instrument.groups.push(item.id.clone());
        }
        m.instrument.items.push(item);
    }

    // 4. Then-test pairs.
    for (k, (stem, readable, before, id, kind)) in marked.iter().enumerate() {
        if !*before {
            continue;
        }
        let partner = marked
            .iter()
            .enumerate()
            .find(|(j, o)| *j != k && !o.2 && o.0 == *stem && o.4 == *kind);
        if let Some((_, now)) = partner {
            if matches!(
                kind,
                ItemType::Likert | ItemType::Binary | ItemType::Numeric | ItemType::Change
            ) {
                let pid = unique(
                    format!("shift_{}", slug(bilingual(readable).get(Lang::En))),
                    &mut ids,
                );
                m.instrument.pairs.push(Pair {
                    id: pid,
                    design: Design::ThenTest,
                    before: id.clone(),
                    after: now.3.clone(),
                    text: bilingual(readable),
                    from_wave: None,
                    to_wave: None,
                });
            }
        }
    }

    // 5. Scales from grids.
    for q in grid_order {
        if let Some(items) = grid.get(&q).filter(|v| v.len() >= 3) {
            let sid = unique(
                format!("{}_scale", slug(bilingual(&q).get(Lang::En))),
                &mut ids,
            );
            m.instrument.scales.push(Scale {
                id: sid,
                text: bilingual(&q),
                items: items.clone(),
                reversed: vec![],
            });
        }
    }

    // 7. Pre/post across waves when ids recur.
    if let (Some(w), Some(id_key)) = (&m.instrument.waves, &m.respondent_id) {
        if panel(table, &w.column, id_key, &w.order) {
            let items: Vec<String> = m
                .instrument
                .items
                .iter()
                .filter(|i| {
                    matches!(
                        i.kind,
                        ItemType::Likert | ItemType::Binary | ItemType::Numeric | ItemType::Change
                    )
                })
                .map(|i| i.id.clone())
                .collect();
            for i in items {
                let pid = unique(format!("prepost_{i}"), &mut ids);
                m.instrument.pairs.push(Pair {
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
    }
    m.summarize(table);
    m
}

/// True when each answered cell of the column is its own sub-header (or a yes-like mark).
fn is_choice_column(table: &Table, c: usize) -> bool {
    let (Some(col), Some(dict)) = (table.columns.get(c), table.dicts.get(c)) else {
        return false;
    };
    let sub = fold(&col.sub);
    let values: Vec<String> = dict
        .values
        .iter()
        .skip(1)
        .map(|v| fold(v))
        .filter(|f| missing_kind(f).is_none())
        .collect();
    values.len() <= 2
        && values.iter().any(|v| *v == sub || v == "1" || v == "x")
        && values
            .iter()
            .all(|v| *v == sub || ["1", "x", "0"].contains(&v.as_str()))
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
