//! Subgroup tables: every scale and category item broken down by a group column (district, school, grade…),
//! as the page's report does (`waterline::survey::report::subgroup`). One DataFusion
//! aggregation per group column gives, per distinct cell of that column, `count(*)` and
//! `wl_counts` of every item; the cells are matched to the group item's points, the counts
//! summed into the core's group × point table (`RankSumTable`), and only then — after the final
//! merge, never per partition or per file — the page's own `subgroup::from_table`: small-cell
//! suppression (the core's `suppress`, with the page's `minCell`, default 10, and its
//! complementary rule) and the chi-square test over the shown groups; the page's sentence is
//! written after p-value adjustment ([`crate::sentences`]).
//!
//! Which columns are groups is decided on the head of the first file, as the page decides it (a
//! category column whose header names a community, school, district, grade…), or by
//! `--subgroup`. Their levels come from every file: the distinct answered cells of the
//! aggregation, run through the page's own rule (`detect::values::category`: at most 30
//! levels, most frequent first; equal counts in first-seen order, [`crate::first_seen`]), so that a level that only appears in a
//! later file is a group too. A column with more levels is no group (as on the page; listed in
//! `skipped`). A cell is a level's when it folds (as the page folds labels) to the same text;
//! an empty cell or a non-answer ("N/A", "prefer not to say") is "no group", counted missing.
//! When the codebook declares the group column, its points and codes are the levels instead.

use crate::report::{aggregates, column, Plan};
use datafusion::arrow::array::{
    Array, ArrayRef, Int64Array, ListArray, RecordBatch, StringArray, UInt64Array,
};
use datafusion::logical_expr::Expr;
use datafusion::prelude::DataFrame;
use serde::Serialize;
use std::sync::Arc;
use waterline::stats::summary::RankSumTable;
use waterline::survey::detect::values::{category, Guess};
use waterline::survey::headers::bilingual;
use waterline::survey::instrument::Point;
use waterline::survey::instrument::Text;
use waterline::survey::instrument::{Item, ItemType};
use waterline::survey::labels::{fold, missing_kind};
use waterline::survey::report::subgroup::{from_table, SubgroupResult, SubgroupRow};
use waterline::survey::report::ReportOptions;
use waterline::survey::Survey;
use waterline::text::Lang;

/// A group item and the column its cells are in.
#[derive(Debug, Clone)]
pub struct PlannedGroup {
    pub item: Item,
    pub column: String,
}

/// The chi-square test of independence over the shown groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChiOut {
    pub statistic: f64,
    pub df: f64,
    pub p_value: f64,
    /// Adjusted across the report's tests (`null` under `--by` or `--adjust none`).
    pub p_adjusted: Option<f64>,
    pub cramers_v: f64,
}

/// One item broken down by one group item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubgroupOut {
    pub item: String,
    pub group: String,
    pub text: String,
    pub group_text: String,
    /// The core's rows, in the group item's point order: `n`, `x`, share and Wilson bounds, or
    /// `suppressed: "small" | "complementary"` with no numbers.
    pub rows: Vec<SubgroupRow>,
    /// Answers in the shown groups (those entering the test).
    pub n_used: u64,
    /// Answers left out: missing item or group, or a hidden group.
    pub n_excluded: u64,
    pub min_cell: u64,
    pub chi_square: Option<ChiOut>,
    /// The page's sentence, written after p-value adjustment ([`crate::sentences`]).
    pub sentence: Option<String>,
    /// The page's result of the merged table (for the sentence).
    #[serde(skip)]
    pub page: Option<SubgroupResult>,
}

/// The group items of a survey: `wanted` (item ids or column headers) when given, else the
/// instrument's groups; each a declared category item with a column.
///
/// # Errors
/// A wanted name that is not a declared category item of the first file's head.
pub fn plan_groups(survey: &Survey, wanted: &[String]) -> Result<Vec<PlannedGroup>, String> {
    let ins = &survey.mapping().instrument;
    let header = |key: &str| {
        survey
            .table()
            .columns
            .iter()
            .find(|c| c.key == key || c.header == key)
            .map(|c| c.header.clone())
    };
    let usable = |i: &Item| i.kind == ItemType::Category && i.declared() && !i.points.is_empty();
    let mut out: Vec<PlannedGroup> = Vec::new();
    let names: Vec<String> = if wanted.is_empty() {
        ins.groups.clone()
    } else {
        wanted.to_vec()
    };
    for name in &names {
        let found = ins.items.iter().find(|i| {
            i.id == *name || i.column.as_deref().and_then(header).as_deref() == Some(name.as_str())
        });
        let Some(item) = found.filter(|i| usable(i)) else {
            if wanted.is_empty() {
                continue;
            }
            return Err(format!(
                "--subgroup {name}: not a column with text levels (a category) in the first file's head"
            ));
        };
        let Some(col) = item.column.as_deref().and_then(header) else {
            continue;
        };
        if !out.iter().any(|g| g.item.id == item.id) {
            out.push(PlannedGroup {
                item: item.clone(),
                column: col,
            });
        }
    }
    Ok(out)
}

/// The point of a declared group item a cell is, if any: its English or Spanish label or an
/// alias (folded), or its numeric code.
pub fn point_of(item: &Item, cell: &str) -> Option<usize> {
    let f = fold(cell);
    if f.is_empty() {
        return None;
    }
    let by_label = item.points.iter().position(|p| {
        [&p.label.en, &p.label.es]
            .into_iter()
            .chain(&p.aliases)
            .any(|l| fold(l) == f)
    });
    by_label.or_else(|| {
        let x: f64 = cell.trim().parse().ok()?;
        item.points.iter().position(|p| p.code == Some(x))
    })
}

/// A group's levels (labels in point order), the level of each distinct cell, and whether
/// some levels of equal count are in text order because their first-seen order is not known
/// ([`crate::first_seen`]).
pub(crate) type Levels = (Vec<Text>, Vec<Option<usize>>, bool);

/// The levels of a group over all files and the level of each distinct cell (`first`: the
/// column's texts in first-seen order, [`crate::plan::Plan::first`]); `None` when the column
/// has too many levels to be a group.
pub(crate) fn levels(g: &PlannedGroup, cells: &Cells, first: &[String]) -> Option<Levels> {
    if g.item.confirmed {
        let labels = g.item.points.iter().map(|p| p.label.clone()).collect();
        let of = cells
            .iter()
            .map(|c| c.0.as_deref().and_then(|t| point_of(&g.item, t)))
            .collect();
        return Some((labels, of, false));
    }
    let mut answered: Vec<(&str, String, u64)> = cells
        .iter()
        .filter_map(|(t, n, _)| Some((t.as_deref()?, fold(t.as_deref()?), *n)))
        .filter(|(_, f, n)| !f.is_empty() && missing_kind(f).is_none() && *n > 0)
        .collect();
    let guessed = crate::first_seen::sort(&mut answered, first);
    let Guess::Category(names) = category(&answered, &g.column) else {
        return None;
    };
    if names.is_empty() {
        return None;
    }
    let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
    let labels = names
        .iter()
        .map(|l| {
            let t = bilingual(l);
            if !t.en.is_empty() && !t.es.is_empty() {
                t
            } else {
                Text::new(l, "")
            }
        })
        .collect();
    let of = cells
        .iter()
        .map(|c| {
            let f = fold(c.0.as_deref()?);
            folded.iter().position(|x| *x == f)
        })
        .collect();
    Some((labels, of, guessed))
}

/// The scale items a breakdown covers (category items are broken down by
/// [`category_tables`]).
fn breakdown_plan(plan: &Plan) -> Plan {
    Plan {
        title: plan.title.clone(),
        items: plan
            .items
            .iter()
            .filter(|i| {
                i.scale.is_some()
                    && matches!(
                        i.item.kind,
                        ItemType::Likert | ItemType::Binary | ItemType::Change
                    )
            })
            .cloned()
            .collect(),
        ..Plan::default()
    }
}

/// Per distinct group cell: its text, its rows and each item's counts (point order).
pub(crate) type Cells = Vec<(Option<String>, u64, Vec<Vec<u64>>)>;

fn read_cells(batches: &[RecordBatch], items: usize) -> Cells {
    let mut out = Vec::new();
    for b in batches {
        let at = |name: &str| b.column_by_name(name).map(Arc::clone);
        let group = at("group");
        let group = group
            .as_ref()
            .and_then(|a| a.as_any().downcast_ref::<StringArray>());
        let rows = at("rows");
        let rows = rows
            .as_ref()
            .and_then(|a| a.as_any().downcast_ref::<Int64Array>());
        let lists: Vec<Option<ArrayRef>> = (0..items).map(|k| at(&format!("item{k}"))).collect();
        for r in 0..b.num_rows() {
            let text = group.and_then(|g| (!g.is_null(r)).then(|| g.value(r).to_string()));
            let n = rows.map_or(0, |a| a.value(r) as u64);
            let counts = lists
                .iter()
                .map(|l| {
                    l.as_ref()
                        .and_then(|l| l.as_any().downcast_ref::<ListArray>())
                        .filter(|l| !l.is_null(r))
                        .and_then(|l| {
                            let v = l.value(r);
                            let v = v.as_any().downcast_ref::<UInt64Array>()?;
                            Some(v.values().to_vec())
                        })
                        .unwrap_or_default()
                })
                .collect();
            out.push((text, n, counts));
        }
    }
    out
}

/// Every scale and category item of `plan` broken down by every group, over the whole table
/// `df`, per group in the instrument's item order (the page's).
///
/// # Errors
/// DataFusion's, as text.
pub async fn subgroups(
    df: &DataFrame,
    plan: &Plan,
    groups: &[PlannedGroup],
    min_cell: u64,
    level: f64,
    lang: Lang,
    skipped: &mut Vec<(String, &'static str)>,
) -> Result<Vec<SubgroupOut>, String> {
    let items = breakdown_plan(plan);
    let mut out = Vec::new();
    if items.items.is_empty() && plan.categories.is_empty() {
        return Ok(out);
    }
    // Category items (but the group items) are counted by distinct text in the same pass.
    let cats: Vec<&crate::categories::PlannedCategory> = plan
        .categories
        .iter()
        .filter(|c| !groups.iter().any(|x| x.item.id == c.item.id))
        .collect();
    let columns: Vec<String> = cats.iter().map(|c| c.column.clone()).collect();
    for g in groups {
        let by: Vec<Expr> = vec![column(&g.column).alias("group")];
        let mut aggs = aggregates(&items);
        aggs.extend(crate::categories::texts_of(&columns));
        let batches = df
            .clone()
            .aggregate(by, aggs)
            .map_err(|e| e.to_string())?
            .collect()
            .await
            .map_err(|e| e.to_string())?;
        let cells = read_cells(&batches, items.items.len());
        let seen = crate::duplicates::seen(plan, &g.column, None);
        let first = plan.first(&g.column, None);
        let Some((labels, of, guessed)) =
            crate::duplicates::levels(g, &cells, seen.as_ref(), &first)
        else {
            skipped.push((g.item.id.clone(), "subgroup_levels"));
            continue;
        };
        if guessed {
            skipped.push((g.item.id.clone(), "subgroup_ties"));
        }
        let total: u64 = cells.iter().map(|c| c.1).sum();
        let first = out.len();
        for (k, p) in items.items.iter().enumerate() {
            let values: Vec<f64> = p.item.points.iter().map(|x| x.value).collect();
            let mut t = RankSumTable::new(values.clone(), labels.len());
            for ((_, _, counts), gi) in cells.iter().zip(&of) {
                let Some(gi) = gi else { continue };
                let row = gi * values.len();
                for (j, c) in counts.get(k).into_iter().flatten().enumerate() {
                    if let Some(cell) = t.cells.get_mut(row + j) {
                        *cell += c;
                    }
                }
            }
            let answered: u64 = t.cells.iter().sum();
            let missing = total - answered;
            let at = Finish {
                labels: &labels,
                min_cell,
                level,
                lang,
            };
            out.push(at.finish(g, &p.item, &t, missing));
        }
        let at = Finish {
            labels: &labels,
            min_cell,
            level,
            lang,
        };
        let mut counted = std::collections::HashMap::new();
        crate::categories::read_texts(&batches, &columns, &mut counted);
        category_tables(plan, (g, &cats), &counted, (&cells, &of), &at, &mut out)?;
        // The page's order: per group, the items in the instrument's order.
        let order = |id: &str| plan.order.iter().position(|x| x == id);
        out[first..].sort_by_key(|s| order(&s.item));
    }
    Ok(out)
}

/// Every category item of `cats` broken down by the group `g`, whose levels are `of` for each
/// distinct group cell of `cells`: `counted` holds each item's rows per (group cell, item
/// cell), from `wl_texts` in the group's one aggregation, decoded as the item's
/// ([`crate::categories::resolve`]).
fn category_tables(
    plan: &Plan,
    (g, cats): (&PlannedGroup, &[&crate::categories::PlannedCategory]),
    counted: &std::collections::HashMap<String, crate::categories::Counted>,
    (cells, of): (&Cells, &[Option<usize>]),
    at: &Finish<'_>,
    out: &mut Vec<SubgroupOut>,
) -> Result<(), String> {
    let Some(decoder) = &plan.decoder else {
        return Ok(());
    };
    let level_of: std::collections::HashMap<Option<&str>, Option<usize>> = cells
        .iter()
        .zip(of)
        .map(|(c, l)| (c.0.as_deref(), *l))
        .collect();
    let total: u64 = cells.iter().map(|c| c.1).sum();
    for c in cats {
        let Some(rows) = counted.get(&c.column) else {
            continue;
        };
        let seen = crate::duplicates::seen(plan, &c.column, None);
        let first = plan.first(&c.column, None);
        let resolved = crate::categories::resolve(decoder, c, rows, seen.as_ref(), &first)?;
        let Some(((item, points), _)) = resolved else {
            continue;
        };
        if !item.declared() {
            continue;
        }
        let k = item.points.len();
        let mut t = RankSumTable::new(
            item.points.iter().map(|p| p.value).collect(),
            at.labels.len(),
        );
        for ((group, _, _, n), p) in rows.iter().zip(&points) {
            let gi = level_of.get(&group.as_deref()).copied().flatten();
            if let (Some(gi), Some(p)) = (gi, p) {
                if let Some(cell) = t.cells.get_mut(gi * k + p) {
                    *cell += n;
                }
            }
        }
        let answered: u64 = t.cells.iter().sum();
        out.push(at.finish(g, &item, &t, total - answered));
    }
    Ok(())
}

struct Finish<'a> {
    labels: &'a [Text],
    min_cell: u64,
    level: f64,
    lang: Lang,
}

impl Finish<'_> {
    /// The page's breakdown of the merged table (`subgroup::from_table`: suppression after
    /// the last merge, the shown rows' sizes, the chi-square test), as the CLI prints it.
    fn finish(&self, g: &PlannedGroup, item: &Item, t: &RankSumTable, missing: u64) -> SubgroupOut {
        let mut t = t.clone();
        t.missing = missing;
        t.unknown = 0;
        let options = ReportOptions {
            min_cell: self.min_cell,
            level: self.level,
            ..ReportOptions::default()
        };
        let r = from_table(item, &group_item(&g.item, self.labels), &t, &options);
        let lang = self.lang;
        SubgroupOut {
            item: item.id.clone(),
            group: g.item.id.clone(),
            text: item.text.get(lang).to_string(),
            group_text: g.item.text.get(lang).to_string(),
            rows: r.rows.clone(),
            n_used: r.n_used,
            n_excluded: r.n_excluded,
            min_cell: self.min_cell,
            chi_square: r.chi_square.as_ref().map(|c| ChiOut {
                statistic: c.statistic,
                df: c.df,
                p_value: c.p_value,
                p_adjusted: None,
                cramers_v: c.cramers_v,
            }),
            sentence: None,
            page: Some(r),
        }
    }
}

/// The group item with the levels found over all files as its points (the page's table has a
/// row per point of the group item).
pub(crate) fn group_item(item: &Item, labels: &[Text]) -> Item {
    let mut g = item.clone();
    let same =
        g.points.len() == labels.len() && g.points.iter().zip(labels).all(|(p, l)| p.label == *l);
    if !same {
        g.points = labels
            .iter()
            .enumerate()
            .map(|(k, l)| Point {
                // 0, 1, …: the values (and keys) the page's detection gives its categories.
                value: k as f64,
                code: None,
                label: l.clone(),
                aliases: Vec::new(),
            })
            .collect();
    }
    g
}
