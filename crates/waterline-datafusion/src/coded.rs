//! Columns planned as codes that hold labels in some file.
//!
//! The plan reads an item by its codes (`wl_counts`, `wl_paired_shift`, `wl_scale`) when the
//! first file's head holds numbers only. A later file exported with labels instead ("Agree" where
//! the first had `4`: a district that ticked the other export option, a year exported from a new
//! form) would then count none of its answers — a smaller n, printed as if it were the page's.
//! The page reads each file by its own cells. So every column planned as codes is checked over
//! every file first: one aggregation counting, per column, the cells that are not empty and are
//! not numbers. A column with any is planned again as the page reads a label-written export —
//! every distinct text decoded by the page's importer ([`crate::categories`]), which reads codes
//! and labels alike — with its pairs and scales ([`crate::report::plan_survey_with`]).
//!
//! Cost: one more pass over the files, reading only the coded columns.

use crate::report::{column, Plan};
use datafusion::arrow::array::{Array, Int64Array};
use datafusion::arrow::datatypes::DataType;
use datafusion::functions_aggregate::expr_fn::sum;
use datafusion::logical_expr::{lit, try_cast, when, Expr};
use datafusion::prelude::DataFrame;
use std::collections::BTreeSet;

/// The columns the plan reads by code (its point items'; their pairs and scales use the same).
fn coded_columns(plan: &Plan) -> BTreeSet<String> {
    (plan.items.iter())
        .filter(|i| i.scale.is_some())
        .map(|i| i.column.clone())
        .collect()
}

/// Cells of `c` that are neither empty nor a number (Arrow's reading of a float).
fn not_numbers(c: &str) -> Result<Expr, String> {
    let text = column(c);
    let unread = text
        .clone()
        .is_not_null()
        .and(text.clone().not_eq(lit("")))
        .and(try_cast(text, DataType::Float64).is_null());
    let one = when(unread, lit(1i64)).otherwise(lit(0i64));
    Ok(sum(one.map_err(|e| e.to_string())?))
}

/// The columns planned as codes that hold, in some file, a cell that is not a number.
///
/// # Errors
/// DataFusion's, as text.
pub async fn labelled(df: &DataFrame, plan: &Plan) -> Result<BTreeSet<String>, String> {
    let columns: Vec<String> = coded_columns(plan).into_iter().collect();
    if columns.is_empty() {
        return Ok(BTreeSet::new());
    }
    let aggs = (columns.iter().enumerate())
        .map(|(k, c)| Ok(not_numbers(c)?.alias(format!("c{k}"))))
        .collect::<Result<Vec<_>, String>>()?;
    let batches = (df.clone().aggregate(vec![], aggs))
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    let mut out = BTreeSet::new();
    for b in &batches {
        for (k, c) in columns.iter().enumerate() {
            let n = b.column_by_name(&format!("c{k}"));
            let n = n.and_then(|a| a.as_any().downcast_ref::<Int64Array>().cloned());
            if n.is_some_and(|a| (0..a.len()).any(|r| !a.is_null(r) && a.value(r) > 0)) {
                out.insert(c.clone());
            }
        }
    }
    Ok(out)
}
