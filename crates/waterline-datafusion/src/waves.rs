//! Waves (the same survey given at several times, a wave column such as "Year" or "Wave"): the
//! page's items per wave and its first-against-last-wave comparison per item.
//!
//! Which column holds the waves is the page's decision on the first file's head; their order is
//! the page's detection (`Survey::from_bytes`) run on a table holding each distinct wave text of
//! every file once, so that a wave only a later file has (a file per year) is a wave too. A
//! row's wave is the wave its text folds to (the page's rule); the aggregation is grouped by a
//! `CASE` on the wave column that gives each row its wave's index, so every summary is merged
//! per wave like any group. The per-wave counts are finished by the page's
//! `describe::point_item` (items) and `waves::compare_one` (the comparison: two proportions
//! with Newcombe's interval, Mann–Whitney with the tie table, or the chi-square of wave ×
//! point), whose sentence is written after p-value adjustment ([`crate::sentences`]).
//!
//! Numeric items are compared by the page's Mann–Whitney on their answers ([`crate::numbers`]).

use crate::finish::{counts_at, point_out};
use crate::report::{aggregates, column, GroupOut, Plan};
use datafusion::arrow::array::{Array, Int64Array, RecordBatch, StringArray};
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{lit, when, Expr};
use datafusion::prelude::DataFrame;
use serde::Serialize;
use std::collections::HashMap;
use waterline::note::Note;
use waterline::stats::summary::{PointCounts, RankSumTable};
use waterline::stats::ProportionInterval;
use waterline::survey::instrument::{Item, Waves};
use waterline::survey::labels::fold;
use waterline::survey::report::{waves, ReportOptions, TestSummary, WaveResult};
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;

/// The survey's waves over every file.
#[derive(Debug, Clone)]
pub struct PlannedWaves {
    /// The instrument's waves, their order found over every file.
    pub waves: Waves,
    /// The wave column's header.
    pub column: String,
    /// A row's wave index (`Int64`, null for no wave).
    pub key: Expr,
}

/// One item's first-against-last-wave comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WaveOut {
    pub item: String,
    pub text: String,
    pub from: String,
    pub to: String,
    pub n_from: u64,
    pub n_to: u64,
    /// Top-box share in the first and the last wave (Wilson).
    pub share_from: Option<ProportionInterval>,
    pub share_to: Option<ProportionInterval>,
    /// The page's test summary (`pAdjusted` across the report).
    pub test: Option<TestSummary>,
    pub warnings: Vec<Note>,
    pub notices: Vec<Note>,
    /// The page's sentence, written after p-value adjustment.
    pub sentence: Option<String>,
    /// Under `--weight`: the weighted difference of the two waves (its z test is `test`;
    /// [`crate::weighted_waves`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_difference: Option<waterline::stats::weighted_domain::WeightedDifference>,
    #[serde(skip)]
    pub page: Option<WaveResult>,
}

impl WaveOut {
    /// The page's comparison `r` as the CLI prints it (its sentence is written after p-value
    /// adjustment, [`crate::sentences`]).
    pub fn from_page(r: WaveResult, lang: Lang) -> WaveOut {
        WaveOut {
            item: r.item.clone(),
            text: r.text.get(lang).to_string(),
            from: r.from.clone(),
            to: r.to.clone(),
            n_from: r.n_from,
            n_to: r.n_to,
            share_from: r.share_from.clone(),
            share_to: r.share_to.clone(),
            test: r.test.clone(),
            warnings: r.warnings.clone(),
            notices: r.notices.clone(),
            sentence: None,
            weighted_difference: None,
            page: Some(r),
        }
    }
}

/// The survey's waves found over every file (`None` without a wave column).
///
/// # Errors
/// DataFusion's, as text.
pub async fn plan(df: &DataFrame, survey: &Survey) -> Result<Option<PlannedWaves>, String> {
    let Some(w) = &survey.mapping().instrument.waves else {
        return Ok(None);
    };
    let headers: Vec<String> = survey
        .table()
        .columns
        .iter()
        .map(|c| c.header.clone())
        .collect();
    let Some(at) = survey
        .table()
        .columns
        .iter()
        .position(|c| c.key == w.column || c.header == w.column)
    else {
        return Ok(None);
    };
    let column = headers[at].clone();
    let cells = crate::categories::count_cells(df, None, None, &column).await?;
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut csv = headers.iter().map(|h| q(h)).collect::<Vec<_>>().join(",") + "\n";
    for (_, _, t, _) in cells.iter().filter(|c| !c.2.trim().is_empty()) {
        let mut row = vec![String::new(); headers.len()];
        row[at] = q(t);
        csv += &(row.join(",") + "\n");
    }
    // The page's detection of the wave order, on every wave text; no waves when it finds none
    // there (more than 12 distinct waves over all files: the page reading them all would not
    // make the column waves either).
    let order = match Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()) {
        Ok(s) => match &s.mapping().instrument.waves {
            Some(found) => found.order.clone(),
            None => return Ok(None),
        },
        Err(_) => w.order.clone(),
    };
    let folded: Vec<String> = order.iter().map(|o| fold(o)).collect();
    let mut case: Option<datafusion::logical_expr::conditional_expressions::CaseBuilder> = None;
    for (_, _, t, _) in &cells {
        let Some(k) = folded.iter().position(|o| *o == fold(t)) else {
            continue;
        };
        let (c, v) = (column_expr(&column).eq(lit(t.as_str())), lit(k as i64));
        case = Some(match case {
            None => when(c, v),
            Some(mut b) => b.when(c, v),
        });
    }
    let key = match case {
        Some(mut b) => b
            .otherwise(lit(ScalarValue::Int64(None)))
            .map_err(|e| e.to_string())?,
        None => lit(ScalarValue::Int64(None)),
    };
    Ok(Some(PlannedWaves {
        waves: Waves { order, ..w.clone() },
        column,
        key,
    }))
}

fn column_expr(name: &str) -> Expr {
    column(name)
}

/// Per group and wave: the aggregation's batch and row, and the wave's rows.
type Slots = HashMap<(Option<String>, usize), (usize, usize, u64)>;

fn slots(batches: &[RecordBatch]) -> Slots {
    let mut out = HashMap::new();
    for (bi, b) in batches.iter().enumerate() {
        let group = b.column_by_name("group");
        let group = group.and_then(|g| g.as_any().downcast_ref::<StringArray>());
        let wave = b.column_by_name("wave");
        let wave = wave.and_then(|w| w.as_any().downcast_ref::<Int64Array>());
        let rows = b.column_by_name("rows");
        let rows = rows.and_then(|r| r.as_any().downcast_ref::<Int64Array>());
        let (Some(wave), Some(rows)) = (wave, rows) else {
            continue;
        };
        for r in 0..b.num_rows() {
            if wave.is_null(r) {
                continue;
            }
            let g = group.and_then(|g| (!g.is_null(r)).then(|| g.value(r).to_string()));
            out.insert((g, wave.value(r) as usize), (bi, r, rows.value(r) as u64));
        }
    }
    out
}

/// Replaces each group's items by the page's per-wave items and adds the wave comparisons of
/// the plan's point items (numeric and category items are added by [`crate::numbers::add`] and
/// [`crate::categories::add`]).
///
/// # Errors
/// DataFusion's, as text.
pub async fn items(
    df: &DataFrame,
    plan: &Plan,
    by: Option<&str>,
    groups: &mut [GroupOut],
    lang: Lang,
) -> Result<(), String> {
    let Some(w) = &plan.waves else {
        return Ok(());
    };
    let only = Plan {
        items: plan.items.clone(),
        ..Plan::default()
    };
    let mut keys: Vec<Expr> = by
        .map(|b| vec![column(b).alias("group")])
        .unwrap_or_default();
    keys.push(w.key.clone().alias("wave"));
    let batches = df
        .clone()
        .aggregate(keys, aggregates(&only))
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    let at = slots(&batches);
    let n = w.waves.order.len();
    for g in groups.iter_mut() {
        g.items.clear();
        g.wave_rows = (0..n)
            .map(|k| at.get(&(g.group.clone(), k)).map_or(0, |s| s.2))
            .collect();
        for (k, p) in plan.items.iter().enumerate() {
            let col = |slot: usize| {
                let (bi, r, rows) = *at.get(&(g.group.clone(), slot))?;
                let c = batches
                    .get(bi)?
                    .column_by_name(&format!("item{k}"))?
                    .clone();
                Some((c, r, rows))
            };
            // Numeric items: [`crate::numbers`].
            let Some(scale) = &p.scale else {
                continue;
            };
            let per_wave: Vec<PointCounts> = (0..n)
                .map(|slot| {
                    col(slot)
                        .and_then(|(c, r, _)| counts_at(&scale.values, c.as_ref(), r))
                        .unwrap_or_else(|| PointCounts::new(scale.values.clone()))
                })
                .collect();
            finish_item(g, &p.item, &per_wave, w, lang);
        }
    }
    Ok(())
}

/// A point (or category) item's per-wave results from its counts per wave, and its
/// first-against-last-wave comparison (with two waves or more), into the group.
pub fn finish_item(
    g: &mut GroupOut,
    item: &Item,
    per_wave: &[PointCounts],
    w: &PlannedWaves,
    lang: Lang,
) {
    for (k, (counts, label)) in per_wave.iter().zip(&w.waves.order).enumerate() {
        let rows = g.wave_rows.get(k).copied().unwrap_or(0);
        g.items
            .push(point_out(item, counts, rows, Some(label), lang));
    }
    let (Some(first), Some(last)) = (per_wave.first(), per_wave.last()) else {
        return;
    };
    if per_wave.len() < 2 {
        return;
    }
    let values: Vec<f64> = item.points.iter().map(|p| p.value).collect();
    let mut t = RankSumTable::new(values, 2);
    let k = item.points.len();
    for (j, c) in first.counts.iter().enumerate() {
        t.cells[j] += c;
    }
    for (j, c) in last.counts.iter().enumerate() {
        t.cells[k + j] += c;
    }
    let n = (first.n(), last.n());
    let r = waves::compare_one(item, &w.waves, n, Some(&t), None, &ReportOptions::default());
    g.waves.push(WaveOut::from_page(r, lang));
}

/// The page's order: items in the instrument's order (per wave, in the waves' order), wave
/// comparisons in the instrument's order.
pub fn sort(plan: &Plan, groups: &mut [GroupOut]) {
    let order = |id: &str| plan.order.iter().position(|x| x == id);
    let wave = |w: &Option<String>| {
        let waves = plan.waves.as_ref().map(|p| &p.waves.order);
        w.as_ref().and_then(|w| waves?.iter().position(|o| o == w))
    };
    for g in groups.iter_mut() {
        g.items.sort_by_key(|i| (order(&i.item), wave(&i.wave)));
        g.waves.sort_by_key(|x| order(&x.item));
    }
}
