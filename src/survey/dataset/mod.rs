//! Applying a mapping: the table's cells become numbers, item by item, stored column-wise
//! (`Vec<f64>` per item, `NaN` for missing — internal only, never returned to the page).
//!
//! Each column's distinct values are decoded once (label → point value, number → code), then
//! every row is a table lookup, so applying an edited mapping to 100,000 rows is linear and
//! allocation-free per cell. Every cell that is not a valid answer is either a counted missing
//! value ([`ColumnMissing`]) or an [`Issue`] naming line, column, value and count.

use super::instrument::{Item, ItemType, NonAnswerReason, Text};
use super::issues::{ColumnMissing, Issue};
use super::labels::{fold, missing_kind, parse_number};
use super::mapping::Mapping;
use super::table::Table;
use crate::error::{Code, Result};
use std::collections::HashMap;

mod multi;
use multi::{decode_choice_columns, decode_multi};

/// Most distinct problem values reported per column; the rest are summed into one issue.
pub const MAX_ISSUES_PER_COLUMN: usize = 20;
/// Wave index of a row without a (known) wave.
pub const NO_WAVE: u16 = u16::MAX;

/// The decoded data, column-wise.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Number of rows (respondents).
    pub rows: usize,
    /// Per item of the instrument, in order: one value per row, `NaN` when missing. Empty for
    /// multi-select and text items.
    pub values: Vec<Vec<f64>>,
    /// Per item: for multi-select items, per choice, one value per row: 1 chosen, 0 not
    /// chosen, `NaN` when the question was not answered. Empty for other items.
    pub choices: Vec<Vec<Vec<f64>>>,
    /// Per row: index of its wave in `waves.order`, or [`NO_WAVE`]. Empty without waves.
    pub wave: Vec<u16>,
    /// Per row: an integer standing for its respondent id (0 = no id). Empty without an id
    /// column.
    pub ids: Vec<u32>,
    /// Cells that could not be read, and file-level problems.
    pub issues: Vec<Issue>,
    /// Missing cells per item column.
    pub missing: Vec<ColumnMissing>,
    /// Rows of the file left out by the duplicate-id policy (not in `rows`).
    pub dropped_rows: u64,
    /// Per row: its survey weight (#19). Empty when the mapping declares no weights.
    pub weights: Vec<f64>,
    /// How the weights were obtained, with their Kish summary; `None` when unweighted.
    pub weighting: Option<super::weights::Weighting>,
}

/// Collects problem values of one column before they become issues.
struct Problems<'a> {
    table: &'a Table,
    column: usize,
    item: &'a str,
    found: Vec<(u32, Code, String)>,
}

impl<'a> Problems<'a> {
    fn new(table: &'a Table, column: usize, item: &'a str) -> Self {
        Problems {
            table,
            column,
            item,
            found: Vec::new(),
        }
    }

    fn push(&mut self, entry: usize, code: Code, message: String) {
        self.found.push((entry as u32, code, message));
    }

    /// Turns the problems into issues, with example lines from one pass over the column.
    fn finish(self, issues: &mut Vec<Issue>) {
        if self.found.is_empty() {
            return;
        }
        let table = self.table;
        let header = table
            .columns
            .get(self.column)
            .map(|c| c.header.clone())
            .unwrap_or_default();
        let dict = &table.dicts[self.column];
        let mut out: Vec<Issue> = Vec::new();
        let mut slot: HashMap<u32, usize> = HashMap::new();
        for (entry, code, message) in &self.found {
            let value = dict
                .values
                .get(*entry as usize)
                .cloned()
                .unwrap_or_default();
            let count = dict.counts.get(*entry as usize).copied().unwrap_or(0);
            if out.len() >= MAX_ISSUES_PER_COLUMN {
                if let Some(last) = out.last_mut() {
                    last.count += count;
                    last.value = None;
                    last.message = format!(
                        "{} more values in this column could not be read either",
                        last.count
                    );
                }
                continue;
            }
            let mut issue = Issue::new(*code, message.clone(), 0);
            issue.lines.clear();
            issue.count = count;
            issue.column = Some(header.clone());
            issue.item = Some(self.item.to_string());
            issue.value = Some(value);
            slot.insert(*entry, out.len());
            out.push(issue);
        }
        if let Some(cells) = table.cells.get(self.column) {
            for (row, e) in cells.iter().enumerate() {
                if let Some(issue) = slot.get(e).and_then(|&k| out.get_mut(k)) {
                    if issue.lines.len() < super::issues::MAX_EXAMPLE_LINES {
                        issue.lines.push(table.line(row as u32));
                    }
                }
            }
        }
        for issue in &mut out {
            issue.line = issue.lines.first().copied().unwrap_or(0);
        }
        issues.extend(out);
    }
}

/// A label in both languages as a bilingual form writes its cells: "Female / Mujer" and
/// "Female | Mujer" (the separators `headers::bilingual` splits); none when one side is empty.
fn both_sides(label: &Text) -> Vec<String> {
    if label.en.trim().is_empty() || label.es.trim().is_empty() {
        return vec![];
    }
    [" / ", " | "]
        .iter()
        .map(|sep| format!("{}{sep}{}", label.en, label.es))
        .collect()
}

/// A bilingual cell ("Female / Mujer") for a point declared in one language only (English
/// "Female", no Spanish — as mappings saved before the example's form was bilingual are): the
/// half in the point's language must match its label exactly and the point must have no label
/// in the other language. Two such points would be ambiguous: none is chosen.
fn one_sided(item: &Item, cell: &str) -> Option<f64> {
    one_sided_of(item.points.iter().map(|p| (&p.label, p.value)), cell)
}

/// [`one_sided`] over any labelled values (the points of a scale, the choices of a question).
fn one_sided_of<'a, T: Copy>(labels: impl Iterator<Item = (&'a Text, T)>, cell: &str) -> Option<T> {
    let (a, b) = [" / ", " | "].iter().find_map(|sep| cell.split_once(sep))?;
    let (a, b) = (fold(a), fold(b));
    let blank = |t: &str| t.trim().is_empty();
    let mut hits = labels.filter(|(label, _)| {
        (blank(&label.es) && !a.is_empty() && fold(&label.en) == a)
            || (blank(&label.en) && !b.is_empty() && fold(&label.es) == b)
    });
    let first = hits.next()?;
    hits.next().is_none().then_some(first.1)
}

fn label_map(item: &Item) -> HashMap<String, f64> {
    let mut map = HashMap::new();
    for p in &item.points {
        let sides = both_sides(&p.label);
        for name in [&p.label.en, &p.label.es]
            .into_iter()
            .chain(&p.aliases)
            .chain(&sides)
        {
            let f = fold(name);
            if !f.is_empty() {
                map.entry(f).or_insert(p.value);
            }
        }
    }
    map
}

/// "5 - Strongly agree", "5. Strongly agree", "5 = Strongly agree", "(5) Strongly agree".
fn prefixed(folded: &str, map: &HashMap<String, f64>) -> Option<f64> {
    let rest = folded.trim_start_matches('(');
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let label = rest
        .get(digits..)?
        .trim_start_matches([')', '.', '-', '=', ' ']);
    map.get(label).copied()
}

/// The declared non-answer a cell is (its text, or the same number), if any.
fn non_answer(item: &Item, cell: &str, number: Option<f64>) -> Option<NonAnswerReason> {
    item.non_answers
        .iter()
        .find(|na| {
            na.code.trim() == cell.trim()
                || number.is_some_and(|x| parse_number(&na.code, false) == Some(x))
        })
        .map(|na| na.reason)
}

fn column_missing(table: &Table, column: usize, item: &str) -> ColumnMissing {
    ColumnMissing {
        column: table
            .columns
            .get(column)
            .map(|c| c.header.clone())
            .unwrap_or_default(),
        item: item.to_string(),
        ..Default::default()
    }
}

/// Decodes each distinct value of one column into a code (`NaN` = missing or invalid).
fn decode_column(
    table: &Table,
    c: usize,
    item: &Item,
    issues: &mut Vec<Issue>,
    miss: &mut ColumnMissing,
) -> Vec<f64> {
    let dict = &table.dicts[c];
    let comma = table.delimiter == ';';
    let map = label_map(item);
    let has_codes = item.points.iter().any(|p| p.code.is_some());
    let mut problems = Problems::new(table, c, &item.id);
    let mut codes = vec![f64::NAN; dict.values.len()];
    for (k, (v, &n)) in dict.values.iter().zip(&dict.counts).enumerate() {
        if n == 0 {
            continue;
        }
        let f = fold(v);
        if let Some(why) = missing_kind(&f) {
            miss.add(why, n);
            continue;
        }
        let number = parse_number(v, comma);
        if let Some(na) = non_answer(item, v, number) {
            miss.add(na.missing(), n);
            continue;
        }
        let code = if item.kind == ItemType::Numeric {
            match number {
                Some(x)
                    if item.min.is_some_and(|lo| x < lo) || item.max.is_some_and(|hi| x > hi) =>
                {
                    problems.push(
                        k,
                        Code::ValueOutOfRange,
                        format!(
                            "{x} is outside the range {}–{} of item \"{}\"; counted as missing",
                            item.min.map_or("".into(), |v| v.to_string()),
                            item.max.map_or("".into(), |v| v.to_string()),
                            item.id
                        ),
                    );
                    None
                }
                Some(x) => Some(x),
                None => {
                    problems.push(k, Code::NotANumber, format!("\"{v}\" is not a number; item \"{}\" is numeric, so it counts as missing", item.id));
                    None
                }
            }
        } else if let Some(&x) = map.get(&f) {
            Some(x)
        } else if let Some(x) = one_sided(item, v) {
            Some(x)
        } else if let Some(x) = number {
            match item.points.iter().find(|p| p.code == Some(x)) {
                Some(p) => Some(p.value),
                None if has_codes => {
                    let codes: Vec<String> = item
                        .points
                        .iter()
                        .map(|p| p.code.unwrap_or(p.value).to_string())
                        .collect();
                    problems.push(k, Code::CodeOutOfRange, format!("the code {x} is not a point of item \"{}\" (codes: {}); counted as missing", item.id, codes.join(", ")));
                    None
                }
                None => {
                    problems.push(k, Code::UnknownLabel, format!("\"{v}\" is a bare number, not a label of item \"{}\" (its scale declares no codes); declare the codes or it counts as missing", item.id));
                    None
                }
            }
        } else if let Some(x) = prefixed(&f, &map) {
            Some(x)
        } else {
            problems.push(k, Code::UnknownLabel, format!("\"{v}\" is not a label of item \"{}\"; add it as an alias of a point in the mapping, or it counts as missing", item.id));
            None
        };
        match code {
            Some(x) => codes[k] = x,
            None => miss.invalid += n,
        }
    }
    miss.total += miss.invalid;
    problems.finish(issues);
    codes
}

fn expand(table: &Table, c: usize, codes: &[f64]) -> Vec<f64> {
    table.cells.get(c).map_or_else(Vec::new, |cells| {
        cells
            .iter()
            .map(|&i| codes.get(i as usize).copied().unwrap_or(f64::NAN))
            .collect()
    })
}

impl Dataset {
    /// Applies `mapping` to `table`.
    ///
    /// # Errors
    /// Those of [`Mapping::validate`]. Problems in cells are never errors: they are returned
    /// in [`Dataset::issues`] and counted in [`Dataset::missing`].
    pub fn build(table: &Table, mapping: &Mapping) -> Result<Dataset> {
        mapping.validate(table)?;
        // Qualtrics previews, tests and spam are not responses: no analysis sees them.
        if let Some((keep, issues)) = super::not_responses::find(table) {
            let mut d = Self::build(&table.keep_rows(&keep), mapping)?;
            d.issues.extend(issues);
            return Ok(d);
        }
        let id_col = mapping
            .respondent_id
            .as_deref()
            .and_then(|k| table.column(k));
        let dup = id_col.map(|c| super::duplicates::find(table, mapping, c));
        let mut d = match dup.as_ref().and_then(|d| d.keep.as_deref()) {
            // The policy leaves rows out: every analysis sees only the kept ones.
            Some(keep) => Self::build_rows(&table.keep_rows(keep), mapping, id_col)?,
            None => Self::build_rows(table, mapping, id_col)?,
        };
        if let Some(dup) = dup {
            d.issues.extend(dup.issues);
            d.dropped_rows = dup.dropped;
        }
        Ok(d)
    }

    fn build_rows(table: &Table, mapping: &Mapping, id_col: Option<usize>) -> Result<Dataset> {
        let ins = &mapping.instrument;
        let mut d = Dataset {
            rows: table.rows(),
            issues: table.issues.clone(),
            ..Default::default()
        };
        let mut wave_issues = Vec::new();
        d.decode_waves(table, ins, &mut wave_issues);
        for item in &ins.items {
            let col = item.column.as_deref().and_then(|k| table.column(k));
            let mut miss = column_missing(table, col.unwrap_or(usize::MAX), &item.id);
            let (values, choices) = match (item.kind, col) {
                (ItemType::Text, _) => (Vec::new(), Vec::new()),
                (ItemType::MultiSelect, Some(c)) => (
                    Vec::new(),
                    decode_multi(table, c, item, &mut d.issues, &mut miss),
                ),
                (ItemType::MultiSelect, None) => {
                    miss.column = item.text.get(super::instrument::Lang::En).to_string();
                    (Vec::new(), decode_choice_columns(table, item, &mut miss))
                }
                (_, Some(c)) if !item.wave_scales.is_empty() && !d.wave.is_empty() => {
                    let values = d.decode_by_wave(table, c, item, ins, &mut miss);
                    (values, Vec::new())
                }
                (_, Some(c)) => {
                    let codes = decode_column(table, c, item, &mut d.issues, &mut miss);
                    (expand(table, c, &codes), Vec::new())
                }
                (_, None) => (vec![f64::NAN; table.rows()], Vec::new()),
            };
            if item.kind != ItemType::Text {
                d.missing.push(miss);
            }
            d.values.push(values);
            d.choices.push(choices);
        }
        d.issues.extend(wave_issues);
        if let Some((w, summary)) = super::weights::weights(table, mapping)? {
            d.weights = w;
            d.weighting = Some(summary);
        }
        if let Some(c) = id_col {
            d.ids = table.cells.get(c).cloned().unwrap_or_default();
        }
        Ok(d)
    }

    /// Reads the wave of every row (issues for values that are not waves go to `issues`).
    fn decode_waves(
        &mut self,
        table: &Table,
        ins: &super::instrument::Instrument,
        issues: &mut Vec<Issue>,
    ) {
        if let Some(w) = &ins.waves {
            if let Some(c) = table.column(&w.column) {
                let order: Vec<String> = w.order.iter().map(|v| fold(v)).collect();
                let dict = &table.dicts[c];
                let mut problems = Problems::new(table, c, "waves");
                let codes: Vec<u16> = dict.values.iter().enumerate().map(|(k, v)| {
                let f = fold(v);
                match order.iter().position(|o| *o == f) {
                    Some(i) => i as u16,
                    None => {
                        if missing_kind(&f).is_none() && dict.counts.get(k).is_some_and(|n| *n > 0) {
                            problems.push(k, Code::UnknownLabel, format!("\"{v}\" is not one of the waves ({}); these rows are left out of wave comparisons", w.order.join(", ")));
                        }
                        NO_WAVE
                    }
                }
            }).collect();
                problems.finish(issues);
                self.wave = table.cells.get(c).map_or_else(Vec::new, |cells| {
                    cells
                        .iter()
                        .map(|&i| codes.get(i as usize).copied().unwrap_or(NO_WAVE))
                        .collect()
                });
            }
        }
    }

    /// Decodes an item whose waves used other wording: each row by its wave's scale. Issues
    /// and missing counts come from one pass with every wave's labels, so a label that is
    /// valid in its wave is not reported.
    fn decode_by_wave(
        &mut self,
        table: &Table,
        c: usize,
        item: &Item,
        ins: &super::instrument::Instrument,
        miss: &mut ColumnMissing,
    ) -> Vec<f64> {
        let mut merged = item.clone();
        for ws in &item.wave_scales {
            for p in &ws.points {
                if let Some(q) = merged.points.iter_mut().find(|q| q.value == p.value) {
                    q.aliases.extend([p.label.en.clone(), p.label.es.clone()]);
                    q.aliases.extend(p.aliases.iter().cloned());
                }
            }
        }
        let common = decode_column(
            table,
            c,
            item,
            &mut Vec::new(),
            &mut ColumnMissing::default(),
        );
        decode_column(table, c, &merged, &mut self.issues, miss);
        let order = ins
            .waves
            .as_ref()
            .map(|w| w.order.clone())
            .unwrap_or_default();
        let per_wave: Vec<Option<Vec<f64>>> = order
            .iter()
            .map(|w| {
                item.wave_scales.iter().find(|s| s.wave == *w).map(|s| {
                    let own = Item {
                        points: s.points.clone(),
                        wave_scales: Vec::new(),
                        ..item.clone()
                    };
                    decode_column(
                        table,
                        c,
                        &own,
                        &mut Vec::new(),
                        &mut ColumnMissing::default(),
                    )
                })
            })
            .collect();
        let cells = table.cells.get(c).map(Vec::as_slice).unwrap_or(&[]);
        cells
            .iter()
            .enumerate()
            .map(|(row, &i)| {
                let w = self.wave.get(row).copied().unwrap_or(NO_WAVE) as usize;
                let codes = per_wave.get(w).and_then(Option::as_ref).unwrap_or(&common);
                codes.get(i as usize).copied().unwrap_or(f64::NAN)
            })
            .collect()
    }
}

#[cfg(test)]
mod one_sided_tests {
    use super::*;

    fn item(points: serde_json::Value) -> Item {
        serde_json::from_value(serde_json::json!({
            "id": "gender", "column": "Gender", "type": "category", "text": {"en": "Gender"},
            "points": points
        }))
        .expect("a category item")
    }

    #[test]
    fn a_bilingual_cell_matches_a_point_declared_in_english_only() {
        let it = item(serde_json::json!([
            {"value": 1, "label": {"en": "Female"}},
            {"value": 2, "label": {"en": "Male"}}
        ]));
        assert_eq!(one_sided(&it, "Female / Mujer"), Some(1.0));
        assert_eq!(one_sided(&it, "Male | Hombre"), Some(2.0));
        assert_eq!(one_sided(&it, "Other / Otro"), None);
        assert_eq!(one_sided(&it, "Female"), None);
    }

    #[test]
    fn a_point_with_both_labels_is_not_matched_by_half_a_cell() {
        let it =
            item(serde_json::json!([{"value": 1, "label": {"en": "Female", "es": "Femenino"}}]));
        assert_eq!(one_sided(&it, "Female / Mujer"), None);
    }
}
