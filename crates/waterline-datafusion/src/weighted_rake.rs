//! Raking to known margins under `--rake FILE.json` (the page's `mapping.raking`: `{"margins":
//! [{"column": "District", "targets": {"Fresno": 0.4, …}}, …], "scale": "shares" | "counts",
//! "tolerance": 1e-6, "maxIterations": 100}`), on top of `--weight` or of a weight of 1 per row.
//!
//! Raking is iterative proportional fitting: every row's final weight is its base weight times
//! one factor per joint cell of the margins' categories (each sweep multiplies a row's weight by
//! the factor of its category in each margin). So one aggregation gives the base weights' sums
//! per joint cell (`wl_weights`, which also checks every base weight); the page's own
//! `weights::rake_columns` rakes that small table, a cell as one row weighing its sum (its
//! errors: a category without a target, a target no respondent can meet, shares that do not add
//! up to 1, no convergence); and each row's raked weight is its base weight times its cell's
//! factor, a column `__wl_weight` that every weighted aggregate then reads as the weight. The
//! factors are products of the same sweeps as the page's row by row, so the weights agree to
//! rounding (~1e-15 relative).

use crate::report::column;
use crate::weighted::{WKind, WeightCheck, WlWeighted};
use crate::weighted_report::{coded, decode};
use datafusion::arrow::array::{Array, StringArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::functions::expr_fn::coalesce;
use datafusion::logical_expr::{cast, lit, when, AggregateUDF, Expr};
use datafusion::prelude::DataFrame;
use std::collections::BTreeMap;
use waterline::error::{Code, Error};
use waterline::survey::weights::{rake_columns, RakeOptions, Raking};
use waterline::survey::Survey;

/// The column every weighted aggregate reads when the weights are raked.
pub const RAKED: &str = "__wl_weight";

/// What raking adds to the report's weighting summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Raked {
    /// The declared base weight column (`None`: 1 per row).
    pub column: Option<String>,
    /// Sweeps used.
    pub iterations: u32,
    /// Largest remaining category gap over the total.
    pub max_gap: f64,
}

fn header(survey: &Survey, name: &str) -> Result<String, String> {
    (survey.table().columns.iter())
        .find(|c| c.key == name || c.header == name)
        .map(|c| c.header.clone())
        .ok_or_else(|| {
            coded(
                &Error::new(Code::UnknownColumn, format!("no column \"{name}\""))
                    .with("column", name),
            )
        })
}

/// Rakes the weights (`weight`: the declared column's header, `json`: the raking); returns the
/// table with the raked weight column, the column to weight by, and what raking did. Without
/// `json`, everything unchanged.
///
/// # Errors
/// The raking's JSON, the page's coded errors of raking and of the base weights, DataFusion's.
pub async fn rake(
    df: DataFrame,
    survey: &Survey,
    weight: Option<String>,
    json: Option<&str>,
) -> Result<(DataFrame, Option<String>, Option<Raked>), String> {
    let Some(json) = json else {
        return Ok((df, weight, None));
    };
    let r: Raking = serde_json::from_str(json).map_err(|e| format!("--rake: {e}"))?;
    if r.margins.is_empty() {
        return Err(coded(&Error::new(
            Code::ParameterOutOfRange,
            "raking needs at least one margin",
        )));
    }
    let cols = (r.margins.iter())
        .map(|m| header(survey, &m.column))
        .collect::<Result<Vec<_>, _>>()?;
    let cell = |c: &str| coalesce(vec![column(c), lit("")]);
    let base = weight.as_deref().map_or(lit("1"), column);
    let keys: Vec<Expr> = (cols.iter().enumerate())
        .map(|(k, c)| cell(c).alias(format!("m{k}")))
        .collect();
    let check = AggregateUDF::from(WlWeighted::new(WKind::Weights));
    let batches = df
        .clone()
        .aggregate(keys, vec![check.call(vec![base.clone()]).alias("w")])
        .map_err(|e| e.to_string())?
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    // The joint cells: each margin's category, the base weights' sums.
    let mut cells: Vec<(Vec<String>, WeightCheck)> = Vec::new();
    for b in &batches {
        for row in 0..b.num_rows() {
            let text = |k: usize| {
                let a = b.column_by_name(&format!("m{k}"))?;
                let a = a.as_any().downcast_ref::<StringArray>()?;
                Some(a.value(row).to_string())
            };
            let values: Vec<String> = (0..cols.len())
                .map(|k| text(k).unwrap_or_default())
                .collect();
            if let Some(c) = decode::<WeightCheck>(b, "w", row) {
                cells.push((values, c));
            }
        }
    }
    cells.sort_by(|a, b| a.0.cmp(&b.0));
    let mut all = WeightCheck::default();
    for (_, c) in &cells {
        waterline::stats::summary::Merge::merge(&mut all, c).map_err(|e| coded(&e))?;
    }
    crate::weighted_report::weighting(&all, weight.as_deref().unwrap_or("1"))?;
    let columns: Vec<Vec<String>> = (0..cols.len())
        .map(|k| cells.iter().map(|(v, _)| v[k].clone()).collect())
        .collect();
    let margins: Vec<BTreeMap<String, f64>> = r.margins.iter().map(|m| m.targets.clone()).collect();
    let options = RakeOptions {
        weights: Some(cells.iter().map(|(_, c)| c.sums.sw).collect()),
        scale: r.scale,
        tolerance: r.tolerance,
        max_iterations: r.max_iterations,
    };
    let raked = rake_columns(&columns, &margins, &options).map_err(|e| coded(&e))?;
    // Each row's factor: its cell's raked weight over its base weights' sum.
    let mut case: Option<datafusion::logical_expr::conditional_expressions::CaseBuilder> = None;
    for ((values, c), w) in cells.iter().zip(&raked.weights) {
        let factor = if c.sums.sw > 0.0 { w / c.sums.sw } else { 0.0 };
        let cond = (cols.iter().zip(values))
            .map(|(col, v)| cell(col).eq(lit(v.as_str())))
            .reduce(Expr::and)
            .unwrap_or(lit(true));
        case = Some(match case {
            None => when(cond, lit(factor)),
            Some(mut b) => b.when(cond, lit(factor)),
        });
    }
    let factor = match case {
        Some(mut b) => b
            .otherwise(lit(ScalarValue::Float64(None)))
            .map_err(|e| e.to_string())?,
        None => lit(ScalarValue::Float64(None)),
    };
    let weight_expr = cast(cast(base, DataType::Float64) * factor, DataType::Utf8);
    let df = df
        .with_column(RAKED, weight_expr)
        .map_err(|e| e.to_string())?;
    let info = Raked {
        column: weight,
        iterations: raked.iterations,
        max_gap: raked.max_gap,
    };
    Ok((df, Some(RAKED.to_string()), Some(info)))
}
