//! Waves under `--weight`, as the page's report weights them: each item per wave is a weighted
//! item of the wave's rows (its `rows` the wave's), and the first-against-last-wave comparison
//! of an item with a top box (or a numeric item) becomes the weighted difference of the two
//! waves as domains of their design with a z test (`weighted_sections::wave_from_sums`), which
//! replaces the unweighted test in the p-value family; its sentence is the page's
//! `wave_sentence`. The comparisons the page leaves unweighted (category items: χ² only) are
//! withheld after p-value adjustment ([`crate::weighted_report::finish`]).
//!
//! Point items read by code: one aggregation by (`--by` group, wave) of their
//! `wl_weighted_counts`; numeric, category, label-written and multi-select items: their
//! aggregation by cell text grouped by wave too ([`crate::weighted_numbers`],
//! [`crate::weighted_categories`], [`crate::weighted_choices`]).

use crate::report::{column, GroupOut, Plan};
use crate::udaf::LEVEL;
use crate::waves::WaveOut;
use crate::weighted::WeightedCounts;
use crate::weighted_report::{decode, item_out, item_result};
use datafusion::arrow::array::{Array, Int64Array, StringArray};
use datafusion::logical_expr::Expr;
use datafusion::prelude::DataFrame;
use std::collections::HashMap;
use waterline::stats::summary::WeightedSums;
use waterline::survey::instrument::ItemType;
use waterline::survey::report::describe::top_values;
use waterline::survey::report::weighted_sections::wave_from_sums;
use waterline::text::Lang;

/// Re-estimates one wave comparison from the first and the last wave's weighted sums
/// (`share`: of the top-box indicator; else of a numeric item's values), as the page's
/// `weighted_sections::wave` does (no-op when withheld or without answers in a wave).
pub fn weigh(x: &mut WaveOut, (a, b): (&WeightedSums, &WeightedSums), share: bool) {
    let Some(page) = x.page.as_mut() else { return };
    if !page.notices.is_empty() || page.n_from == 0 || page.n_to == 0 {
        return;
    }
    wave_from_sums(page, (a, b), share, LEVEL);
    if page.weighted {
        x.test.clone_from(&page.test);
        x.weighted_difference.clone_from(&page.weighted_difference);
    }
}

/// Adds the per-wave weighted results of every point item read by code to each group, and
/// weights their wave comparisons.
///
/// # Errors
/// DataFusion's, as text.
pub async fn add(
    df: &DataFrame,
    plan: &Plan,
    (weight, by): (&str, Option<&str>),
    groups: &mut [GroupOut],
    lang: Lang,
) -> Result<(), String> {
    let Some(w) = &plan.waves else {
        return Ok(());
    };
    let mut keys: Vec<Expr> = by
        .map(|b| vec![column(b).alias("group")])
        .unwrap_or_default();
    keys.push(w.key.clone().alias("wave"));
    let aggs: Vec<Expr> = crate::weighted_report::aggregates(plan, weight)
        .into_iter()
        .filter(|e| matches!(e, Expr::Alias(a) if a.name.starts_with("witem")))
        .collect();
    if aggs.is_empty() {
        return Ok(());
    }
    let batches = df
        .clone()
        .aggregate(keys, aggs)
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    // Per (group, wave slot): each item's state.
    let mut at: HashMap<(Option<String>, usize), Vec<Option<WeightedCounts>>> = HashMap::new();
    for b in &batches {
        let group = b.column_by_name("group");
        let group = group.and_then(|a| a.as_any().downcast_ref::<StringArray>());
        let wave = b.column_by_name("wave");
        let Some(wave) = wave.and_then(|a| a.as_any().downcast_ref::<Int64Array>()) else {
            continue;
        };
        for r in 0..b.num_rows() {
            if wave.is_null(r) {
                continue;
            }
            let g = group.and_then(|g| (!g.is_null(r)).then(|| g.value(r).to_string()));
            let states = (0..plan.items.len())
                .map(|k| decode(b, &format!("witem{k}"), r))
                .collect();
            at.insert((g, wave.value(r) as usize), states);
        }
    }
    let n = w.waves.order.len();
    for g in groups.iter_mut() {
        for (k, p) in plan.items.iter().enumerate() {
            let Some(scale) = &p.scale else { continue };
            let per_wave: Vec<WeightedCounts> = (0..n)
                .map(|slot| {
                    at.get(&(g.group.clone(), slot))
                        .and_then(|s| s.get(k).cloned().flatten())
                        .unwrap_or_else(|| WeightedCounts::new(scale.len()))
                })
                .collect();
            for (slot, (s, label)) in per_wave.iter().zip(&w.waves.order).enumerate() {
                let rows = g.wave_rows.get(slot).copied().unwrap_or(0);
                let r = item_result(&p.item, &scale.values, s, (rows, Some(label)));
                g.items.push(item_out(&p.item, &r, lang));
            }
            let share = !top_values(&p.item).is_empty() && p.item.kind != ItemType::Numeric;
            if let (Some(a), Some(b), true) = (per_wave.first(), per_wave.last(), share) {
                for x in g.waves.iter_mut().filter(|x| x.item == p.item.id) {
                    weigh(x, (&a.top, &b.top), true);
                }
            }
        }
    }
    Ok(())
}
