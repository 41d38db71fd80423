//! Same-row pairs counted by text (numeric items, label-written scales) under `--weight`: the
//! page's unweighted shift ([`crate::pairs`]) plus its weighted change, as the page's
//! `report::weighted::shift`: the weighted mean of after − before (the values for numeric
//! items, the before item's top-box indicator otherwise) over the rows answering both.
//!
//! One aggregation per pair, by (`--by` group, before text, after text): `wl_weights` of its
//! rows. The page's importer decodes each distinct text once; the rows of one pair of texts
//! add the sums of their constant difference ([`crate::weighted_numbers::constant`]).

use crate::report::{column, GroupOut, Plan};
use crate::weighted::{WKind, WeightCheck, WlWeighted};
use crate::weighted_numbers::constant;
use crate::weighted_report::{decode, weight_shift};
use datafusion::arrow::array::{Array, RecordBatch, StringArray};
use datafusion::logical_expr::{AggregateUDF, Expr};
use datafusion::prelude::DataFrame;
use waterline::stats::summary::{Merge, WeightedSums};
use waterline::survey::instrument::ItemType;
use waterline::survey::report::describe::top_values;

type Cells = Vec<(Option<String>, String, String, WeightCheck)>;

fn text_at(b: &RecordBatch, name: &str, row: usize) -> Option<String> {
    let a = b.column_by_name(name)?;
    let a = a.as_any().downcast_ref::<StringArray>()?;
    (!a.is_null(row)).then(|| a.value(row).to_string())
}

async fn cells(
    df: &DataFrame,
    (before, after): (&str, &str),
    (weight, by): (&str, Option<&str>),
) -> Result<Cells, String> {
    let check = AggregateUDF::from(WlWeighted::new(WKind::Weights));
    let mut keys: Vec<Expr> = by
        .map(|b| vec![column(b).alias("group")])
        .unwrap_or_default();
    keys.extend([column(before).alias("b"), column(after).alias("a")]);
    let batches = df
        .clone()
        .aggregate(keys, vec![check.call(vec![column(weight)]).alias("w")])
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    let mut out: Cells = Vec::new();
    for b in &batches {
        for row in 0..b.num_rows() {
            let group = by.and_then(|_| text_at(b, "group", row));
            let (x, y) = (text_at(b, "b", row), text_at(b, "a", row));
            if let Some(c) = decode::<WeightCheck>(b, "w", row) {
                out.push((group, x.unwrap_or_default(), y.unwrap_or_default(), c));
            }
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    Ok(out)
}

/// Adds the weighted change to every same-row pair counted by text in each group.
///
/// # Errors
/// DataFusion's and the decoder's, as text.
pub async fn add(
    df: &DataFrame,
    plan: &Plan,
    (weight, by): (&str, Option<&str>),
    groups: &mut [GroupOut],
) -> Result<(), String> {
    let Some(decoder) = &plan.decoder else {
        return Ok(());
    };
    for p in &plan.numeric_pairs {
        let cells = cells(df, (&p.before_column, &p.after_column), (weight, by)).await?;
        let a: Vec<&str> = cells.iter().map(|c| c.1.as_str()).collect();
        let b: Vec<&str> = cells.iter().map(|c| c.2.as_str()).collect();
        let xs = decoder.row_values(&p.before, &p.before_column, &a)?;
        let ys = decoder.row_values(&p.after, &p.after_column, &b)?;
        let top = top_values(&p.before);
        let map = |v: f64| {
            if p.before.kind == ItemType::Numeric {
                v
            } else {
                f64::from(u8::from(top.contains(&v)))
            }
        };
        for g in groups.iter_mut() {
            let mut sums = WeightedSums::new();
            for ((group, _, _, w), (x, y)) in cells.iter().zip(xs.iter().zip(&ys)) {
                if (by.is_some() && *group != g.group) || x.is_nan() || y.is_nan() {
                    continue;
                }
                sums.merge(&constant(map(*y) - map(*x), &w.sums))
                    .map_err(|e| e.message)?;
            }
            for s in g.shifts.iter_mut().filter(|s| s.pair == p.pair.id) {
                weight_shift(s, &sums);
            }
        }
    }
    Ok(())
}
