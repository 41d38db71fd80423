//! Subgroup tables under `--weight`, as the page's `report::weighted_sections::subgroup`: each
//! shown group's top-box share weighted, as a domain of the design built on the shown groups'
//! answers, with the Wilson interval on the group's Kish n_eff; suppression still decided on
//! the unweighted counts (the table the CLI already finished, [`crate::subgroup`]); the χ² test
//! stays on the unweighted counts, as on the page.
//!
//! One aggregation per group column, grouped by its cells as the unweighted one: `count(*)` and
//! `wl_weighted_counts` of every point item read by code. The cells are matched to the
//! group's levels by the same rule ([`crate::subgroup`]'s `levels`), each level's top-box
//! sums merged, and the page's `subgroup_from_sums` finishes the table. Label-written items
//! with a top box: per (group cell, item text) the weights' sums, each text decoded once. Tables
//! of items without a top box (category items) the page leaves unweighted: here they are
//! withheld (`subgroups/ITEM/GROUP`, `weights`).

use crate::categories::{resolve, Counted};
use crate::report::{column, Plan};
use crate::subgroup::{levels, Cells, PlannedGroup, SubgroupOut};
use crate::udaf::LEVEL;
use crate::weighted::WeightedCounts;
use crate::weighted_numbers::constant;
use datafusion::arrow::array::{Array, Int64Array, RecordBatch, StringArray};
use datafusion::functions_aggregate::expr_fn::count;
use datafusion::logical_expr::{lit, Expr};
use datafusion::prelude::DataFrame;
use std::collections::HashMap;
use waterline::stats::summary::{Merge, WeightedSums};
use waterline::survey::instrument::ItemType;
use waterline::survey::report::describe::top_values;
use waterline::survey::report::weighted_sections::subgroup_from_sums;

/// Per distinct group cell: its text, its rows and each planned item's weighted state.
type WeightedCells = Vec<(Option<String>, u64, Vec<Option<WeightedCounts>>)>;

fn read(batches: &[RecordBatch], plan: &Plan) -> WeightedCells {
    let mut out = Vec::new();
    for b in batches {
        let group = b.column_by_name("group");
        let group = group.and_then(|a| a.as_any().downcast_ref::<StringArray>());
        let rows = b.column_by_name("rows");
        let rows = rows.and_then(|a| a.as_any().downcast_ref::<Int64Array>());
        for r in 0..b.num_rows() {
            let text = group.and_then(|g| (!g.is_null(r)).then(|| g.value(r).to_string()));
            let n = rows.map_or(0, |a| a.value(r) as u64);
            let states = (0..plan.items.len())
                .map(|k| crate::weighted_report::decode(b, &format!("witem{k}"), r))
                .collect();
            out.push((text, n, states));
        }
    }
    out
}

/// Weights every subgroup table of `subgroups` whose item is a point item read by code with a
/// top box (the page's result then says `weighted`); the others are withheld after p-value
/// adjustment ([`withhold`]).
///
/// # Errors
/// DataFusion's, as text.
pub async fn weigh(
    df: &DataFrame,
    plan: &Plan,
    (weight, groups): (&str, &[PlannedGroup]),
    subgroups: &mut [SubgroupOut],
) -> Result<(), String> {
    let weighted = |s: &SubgroupOut| {
        plan.items.iter().position(|p| {
            p.item.id == s.item && p.scale.is_some() && !top_values(&p.item).is_empty()
        })
    };
    for g in groups {
        if !subgroups.iter().any(|s| s.group == g.item.id) {
            continue;
        }
        let mut aggs = vec![count(lit(1)).alias("rows")];
        aggs.extend(
            crate::weighted_report::aggregates(plan, weight)
                .into_iter()
                .filter(|e| matches!(e, Expr::Alias(a) if a.name.starts_with("witem"))),
        );
        let batches = df
            .clone()
            .aggregate(vec![column(&g.column).alias("group")], aggs)
            .map_err(|e| e.to_string())?
            .collect()
            .await
            .map_err(|e| e.to_string())?;
        let cells = read(&batches, plan);
        let plain: Cells = cells
            .iter()
            .map(|(t, n, _)| (t.clone(), *n, Vec::new()))
            .collect();
        let Some((labels, of, _)) = levels(g, &plain, &plan.first(&g.column, None)) else {
            continue;
        };
        for s in subgroups.iter_mut().filter(|s| s.group == g.item.id) {
            let Some(k) = weighted(s) else { continue };
            let mut sums = vec![WeightedSums::new(); labels.len()];
            for ((_, _, states), level) in cells.iter().zip(&of) {
                let (Some(l), Some(Some(state))) = (level, states.get(k)) else {
                    continue;
                };
                if let Some(x) = sums.get_mut(*l) {
                    x.merge(&state.top).map_err(|e| e.message)?;
                }
            }
            if let Some(page) = s.page.as_mut() {
                subgroup_from_sums(page, &sums, LEVEL);
                s.rows.clone_from(&page.rows);
            }
        }
        let level_of: HashMap<Option<String>, Option<usize>> =
            plain.iter().map(|c| c.0.clone()).zip(of).collect();
        labelled(df, plan, (weight, g), (&level_of, labels.len()), subgroups).await?;
    }
    Ok(())
}

/// The subgroup tables of label-written items with a top box (the page weights them too): per
/// (group cell, item text) the weights' sums, each text decoded once into its point by the
/// page's importer, the top-box indicator's constant sums merged per level.
async fn labelled(
    df: &DataFrame,
    plan: &Plan,
    (weight, g): (&str, &PlannedGroup),
    (level_of, levels): (&HashMap<Option<String>, Option<usize>>, usize),
    subgroups: &mut [SubgroupOut],
) -> Result<(), String> {
    let Some(decoder) = &plan.decoder else {
        return Ok(());
    };
    for s in subgroups.iter_mut().filter(|s| s.group == g.item.id) {
        let Some(c) = (plan.categories.iter())
            .find(|c| c.item.id == s.item && c.item.kind != ItemType::Category)
        else {
            continue;
        };
        let top = top_values(&c.item);
        if top.is_empty() {
            continue;
        }
        let cells =
            crate::weighted_numbers::texts(df, &c.column, (weight, Some(&g.column)), None).await?;
        let rows: Counted = (cells.iter())
            .map(|(group, _, text, w)| (group.clone(), None, text.clone(), w.sums.n))
            .collect();
        let seen = crate::duplicates::seen(plan, &c.column, None);
        let first = plan.first(&c.column, None);
        let Some(((item, points), _)) = resolve(decoder, c, &rows, seen.as_ref(), &first)? else {
            continue;
        };
        let mut sums = vec![WeightedSums::new(); levels];
        for ((group, _, _, w), p) in cells.iter().zip(&points) {
            let level = level_of.get(group).copied().flatten();
            let value = p.and_then(|p| item.points.get(p)).map(|p| p.value);
            let (Some(l), Some(v)) = (level, value) else {
                continue;
            };
            let one = constant(f64::from(u8::from(top.contains(&v))), &w.sums);
            if let Some(x) = sums.get_mut(l) {
                x.merge(&one).map_err(|e| e.message)?;
            }
        }
        if let Some(page) = s.page.as_mut() {
            subgroup_from_sums(page, &sums, LEVEL);
            s.rows.clone_from(&page.rows);
        }
    }
    Ok(())
}

/// Withholds the subgroup tables not weighted (`subgroups/ITEM/GROUP`, `weights`), after
/// p-value adjustment: their χ² tests, unweighted on the page too, stay in the family.
pub fn withhold(subgroups: &mut Vec<SubgroupOut>, skipped: &mut Vec<(String, &'static str)>) {
    let weighted = |s: &SubgroupOut| s.page.as_ref().is_some_and(|p| p.weighted);
    for s in subgroups.iter().filter(|s| !weighted(s)) {
        skipped.push((format!("subgroups/{}/{}", s.item, s.group), "weights"));
    }
    subgroups.retain(weighted);
}
