//! Multi-item scales of label-written items (a Google Forms grid: "Agree" in the cells): the
//! page's scale result (mean, sd, Cronbach's alpha, McDonald's omega, notes, sentence) through
//! `wl_scale`, whose cells are the items' point values. Each item's distinct texts are known
//! from the counted pass ([`crate::categories::count_all`]) and decoded once by the page's
//! importer; a `CASE` gives each cell its point's value (null for no answer, a non-answer or an
//! unknown label: the row is then incomplete, the page's listwise rule), so the scale state
//! merges across files and partitions as for coded items ([`crate::scales`]). A scale mixing
//! label-written and coded items reads the coded ones by their codes in the same `wl_scale`.
//! One more pass over the files, only when there are such scales.

use crate::categories::{Counted, Decoder, PlannedCategory};
use crate::report::{column, GroupOut, Plan};
use crate::scales::{out, result_at, PlannedScale, WlScale};
use datafusion::arrow::array::{Array, StringArray};
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{lit, when, AggregateUDF, Expr};
use datafusion::prelude::DataFrame;
use std::collections::{BTreeSet, HashMap};
use waterline::survey::instrument::Scale;
use waterline::survey::report::ReportOptions;
use waterline::text::Lang;

/// A cell's point value as text (`CASE column WHEN text THEN value … END`).
fn values_of(decoder: &Decoder, c: &PlannedCategory, rows: &Counted) -> Result<Expr, String> {
    let texts: Vec<String> = rows
        .iter()
        .map(|(_, _, t, _)| t.clone())
        .filter(|t| !t.trim().is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let values = decoder.values(&c.item, &c.column, &texts)?;
    let mut case: Option<datafusion::logical_expr::conditional_expressions::CaseBuilder> = None;
    for (t, v) in texts.iter().zip(&values) {
        if v.is_nan() {
            continue;
        }
        let (cond, then) = (column(&c.column).eq(lit(t.as_str())), lit(v.to_string()));
        case = Some(match case {
            None => when(cond, then),
            Some(mut b) => b.when(cond, then),
        });
    }
    match case {
        Some(mut b) => b
            .otherwise(lit(ScalarValue::Utf8(None)))
            .map_err(|e| e.to_string()),
        None => Ok(lit(ScalarValue::Utf8(None))),
    }
}

/// The `wl_scale` literal of an item written as its point values: `value=value`, flipped
/// (lowest + highest − value) when the scale reverses the item, as the page flips it.
fn literal(c: &PlannedCategory, reversed: bool) -> String {
    let values: Vec<f64> = c.item.points.iter().map(|p| p.value).collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| format!("{v}={}", if reversed { lo + hi - v } else { *v }))
        .collect::<Vec<_>>()
        .join(",")
}

/// Adds the page's result of every scale of `plan.label_scales` to each group (`by`: the
/// grouping column), and takes them off `skipped`; under a weight column (its header), each
/// re-estimated with the weights ([`crate::weighted_report`]).
///
/// # Errors
/// DataFusion's and the decoder's, as text.
pub async fn add(
    df: &DataFrame,
    plan: &Plan,
    counted: &HashMap<String, Counted>,
    by: Option<&str>,
    groups: &mut [GroupOut],
    (lang, skipped, weight): (Lang, &mut Vec<(String, &'static str)>, Option<&str>),
) -> Result<(), String> {
    let Some(decoder) = &plan.decoder else {
        return Ok(());
    };
    if plan.label_scales.is_empty() {
        return Ok(());
    }
    let wl = AggregateUDF::from(WlScale::default());
    let mut planned: Vec<PlannedScale> = Vec::new();
    let mut aggs = Vec::new();
    for s in &plan.label_scales {
        let mut args = Vec::new();
        let mut literals = Vec::new();
        for id in &s.items {
            let reversed = s.reversed.contains(id);
            // A coded item (a scale mixing both kinds) is read by its codes, as `wl_scale`
            // reads any coded item ([`crate::scales`]).
            let coded = plan.items.iter().find(|i| &i.item.id == id);
            if let Some((i, scale)) = coded.and_then(|i| Some((i, i.scale.as_ref()?))) {
                args.push(column(&i.column));
                literals.push(crate::scales::item_literal(&i.item, scale, reversed));
                continue;
            }
            let Some(c) = plan.categories.iter().find(|c| &c.item.id == id) else {
                continue;
            };
            let rows = counted.get(&c.column).map(Vec::as_slice).unwrap_or(&[]);
            args.push(values_of(decoder, c, &rows.to_vec())?);
            literals.push(literal(c, reversed));
        }
        let literal = literals.join(";");
        if let Some(w) = weight {
            let k = planned.len();
            aggs.push(crate::weighted_report::scale_state(&args, w, &literal, k));
        }
        args.push(lit(literal.clone()));
        aggs.push(wl.call(args).alias(format!("s{}", planned.len())));
        planned.push(PlannedScale {
            scale: s.clone(),
            columns: Vec::new(),
            literal,
        });
    }
    let keys: Vec<Expr> = by
        .map(|b| vec![column(b).alias("group")])
        .unwrap_or_default();
    let batches = df
        .clone()
        .aggregate(keys, aggs)
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    let options = ReportOptions::default();
    for b in &batches {
        let group = b.column_by_name("group");
        let group = group.and_then(|g| g.as_any().downcast_ref::<StringArray>());
        for row in 0..b.num_rows() {
            let text = group.and_then(|g| (!g.is_null(row)).then(|| g.value(row).to_string()));
            let Some(g) = groups.iter_mut().find(|g| by.is_none() || g.group == text) else {
                continue;
            };
            for (k, p) in planned.iter().enumerate() {
                let Some(col) = b.column_by_name(&format!("s{k}")) else {
                    continue;
                };
                let Some(mut r) = result_at(p, col.as_ref(), row, &options) else {
                    continue;
                };
                if weight.is_some() && !crate::weighted_report::weigh_scale(&mut r, b, k, row) {
                    continue; // never printed unweighted under weights
                }
                g.scales.push(out(p, &r, lang));
            }
        }
    }
    let order = |id: &str| plan.scale_order.iter().position(|x| x == id);
    for g in groups.iter_mut() {
        g.scales.sort_by_key(|s| order(&s.scale));
    }
    skipped.retain(|(id, why)| {
        !(*why == "scale_items" && plan.label_scales.iter().any(|s| &s.id == id))
    });
    Ok(())
}

/// The instrument's reported scales whose items are label-written point items, or some of them
/// and the others point items read by code (a scale mixing both).
pub fn plan(
    ins_scales: &[Scale],
    categories: &[PlannedCategory],
    coded: &[crate::report::PlannedItem],
) -> Vec<Scale> {
    let labels = |id: &String| {
        categories.iter().any(|c| {
            &c.item.id == id && c.item.kind != waterline::survey::instrument::ItemType::Category
        })
    };
    let by_code = |id: &String| (coded.iter()).any(|i| &i.item.id == id && i.scale.is_some());
    ins_scales
        .iter()
        .filter(|s| s.items.iter().any(labels))
        .filter(|s| s.items.iter().all(|id| labels(id) || by_code(id)))
        .cloned()
        .collect()
}
