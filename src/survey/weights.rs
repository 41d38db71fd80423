//! Survey weights (#19): a weight column the user declares in the mapping, or raking to
//! known margins the user enters (community, gender, age band).
//!
//! A column is a weight only when the user names it ([`super::Mapping::weight`]); detection
//! never proposes one. Every weight must be a finite number ≥ 0 and their sum positive; a
//! blank or unreadable weight is an error naming the file line, column and value, never a
//! guessed 1.
//!
//! Raking is iterative proportional fitting (Deming & Stephan 1940), as R
//! `survey::rake(design, sample.margins, population.margins, control = list(maxit, epsilon))`:
//! each margin in turn, the weights of every category are scaled so that their sum equals the
//! category's target; sweeps repeat until every category total is within `tolerance` × the
//! total of its target, or [`Code::NotConverged`] after `maxIterations` sweeps. The base
//! weights are the declared weight column, else 1.

use super::mapping::Mapping;
use super::table::Table;
use crate::error::{Code, Error, Result};
use crate::stats::weighted::SVYMEAN_REF;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Default convergence tolerance of raking (largest category gap over the total).
pub const RAKE_TOLERANCE: f64 = 1e-6;
/// Default cap on raking sweeps.
pub const RAKE_MAX_ITERATIONS: u32 = 100;
/// Most raking sweeps a user may ask for.
pub const RAKE_ITERATION_LIMIT: u32 = 10_000;

/// Whether margins are population shares (each margin sums to 1) or counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyMarginScale"))]
#[serde(rename_all = "snake_case")]
pub enum MarginScale {
    /// Shares of the population, each margin summing to 1; weights keep the base total.
    #[default]
    Shares,
    /// Population counts; every margin must have the same total; weights sum to it.
    Counts,
}

/// One known margin: a column and the target of each of its categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyMargin"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Margin {
    /// Column key.
    pub column: String,
    /// Target per category, keyed by the cell value exactly as the file writes it.
    pub targets: BTreeMap<String, f64>,
}

/// Raking to known margins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyRaking"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Raking {
    /// The margins, raked in this order.
    pub margins: Vec<Margin>,
    /// Shares (default) or counts.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<MarginScale>", optional))]
    pub scale: MarginScale,
    /// Convergence tolerance in (0, 0.1]; default 1e-6.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub tolerance: Option<f64>,
    /// Sweep cap from 1 to 10,000; default 100.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub max_iterations: Option<u32>,
}

/// How the report's weights were obtained, with their Kish summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SurveyWeighting"))]
#[serde(rename_all = "camelCase")]
pub struct Weighting {
    /// The declared weight column, if any (the raking's base weights when raked).
    pub column: Option<String>,
    /// True when the weights were raked to margins.
    pub raked: bool,
    /// Raking sweeps used (0 without raking).
    pub iterations: u32,
    /// Largest remaining category gap over the total after raking (0 without raking).
    pub max_gap: f64,
    /// Respondents (rows analysed).
    pub n: usize,
    /// Σw.
    pub sum_weights: f64,
    /// Kish effective sample size (Σw)²/Σw² of the whole file.
    pub n_eff: f64,
    /// Kish design effect of the weights, n⁺/n_eff.
    pub deff_kish: f64,
    /// Reference of the weighted estimators.
    pub reference: &'static str,
}

fn weight_error(table: &Table, column: &str, row: usize, value: &str, why: &str) -> Error {
    Error::new(
        Code::InvalidWeight,
        format!(
            "line {}: the weight \"{value}\" in column \"{column}\" {why}",
            table.line(row as u32)
        ),
    )
    .with("line", table.line(row as u32) as f64)
    .with("column", column)
    .with("value", value)
}

/// The declared weight column's values, one per row.
///
/// # Errors
/// [`Code::InvalidWeight`] (with `line`, `column`, `value`) for a blank, non-numeric,
/// negative or infinite weight, or when every weight is 0.
fn column_weights(table: &Table, key: &str) -> Result<Vec<f64>> {
    let c = table.column(key).ok_or_else(|| {
        Error::new(Code::UnknownColumn, format!("no column \"{key}\"")).with("column", key)
    })?;
    let (dict, cells) = (&table.dicts[c], &table.cells[c]);
    let parsed: Vec<Option<f64>> = dict
        .values
        .iter()
        .map(|v| super::labels::parse_number(v, false))
        .collect();
    let mut out = Vec::with_capacity(cells.len());
    for (row, &e) in cells.iter().enumerate() {
        let text = dict.values.get(e as usize).map_or("", String::as_str);
        let w = match parsed.get(e as usize).copied().flatten() {
            _ if e == 0 => return Err(weight_error(table, key, row, "", "is missing")),
            Some(w) if w.is_finite() && w >= 0.0 => w,
            Some(_) => {
                return Err(weight_error(
                    table,
                    key,
                    row,
                    text,
                    "is negative or infinite",
                ))
            }
            None => return Err(weight_error(table, key, row, text, "is not a number")),
        };
        out.push(w);
    }
    if !out.iter().any(|&w| w > 0.0) {
        return Err(Error::new(
            Code::InvalidWeight,
            format!("every weight in column \"{key}\" is 0: they must have a positive sum"),
        )
        .with("column", key));
    }
    Ok(out)
}

/// Checks the raking options; returns (tolerance, cap).
fn check_raking(r: &Raking) -> Result<(f64, u32)> {
    if r.margins.is_empty() {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            "raking needs at least one margin",
        ));
    }
    check_limits(r.tolerance, r.max_iterations)
}

/// Checks the tolerance and the sweep cap (defaults filled in).
fn check_limits(tolerance: Option<f64>, max_iterations: Option<u32>) -> Result<(f64, u32)> {
    let tol = tolerance.unwrap_or(RAKE_TOLERANCE);
    let cap = max_iterations.unwrap_or(RAKE_MAX_ITERATIONS);
    if !(tol > 0.0 && tol <= 0.1) {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            "the raking tolerance must be above 0 and at most 0.1",
        )
        .with("tolerance", tol));
    }
    if cap == 0 || cap > RAKE_ITERATION_LIMIT {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            "maxIterations must be between 1 and 10,000",
        )
        .with("maxIterations", cap as f64));
    }
    Ok((tol, cap))
}

/// The category index of every row for one margin, and its targets in category order.
fn margin_cells(
    table: &Table,
    m: &Margin,
    base_total: f64,
    scale: MarginScale,
) -> Result<(Vec<usize>, Vec<f64>)> {
    let c = table.column(&m.column).ok_or_else(|| {
        Error::new(Code::UnknownColumn, format!("no column \"{}\"", m.column))
            .with("column", m.column.as_str())
    })?;
    let dict = &table.dicts[c];
    let values: Vec<&str> = table.cells[c]
        .iter()
        .map(|&e| dict.values.get(e as usize).map_or("", String::as_str))
        .collect();
    margin_index(m, &values, base_total, scale, |row| {
        ("line", table.line(row as u32) as f64)
    })
}

/// The category index of each of `values` (one per row) in margin `m`, and its targets in
/// category order (shares scaled to `base_total`). `at(row)` names a row in errors.
fn margin_index(
    m: &Margin,
    values: &[&str],
    base_total: f64,
    scale: MarginScale,
    at: impl Fn(usize) -> (&'static str, f64),
) -> Result<(Vec<usize>, Vec<f64>)> {
    let keys: Vec<&String> = m.targets.keys().collect();
    let mut targets: Vec<f64> = m.targets.values().copied().collect();
    if let Some((k, v)) = m
        .targets
        .iter()
        .find(|(_, v)| !(v.is_finite() && **v >= 0.0))
    {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "the target of \"{k}\" in \"{}\" must be a number of 0 or more",
                m.column
            ),
        )
        .with("column", m.column.as_str())
        .with("category", k.as_str())
        .with("value", *v));
    }
    let sum: f64 = targets.iter().sum();
    if scale == MarginScale::Shares {
        if (sum - 1.0).abs() > 1e-3 {
            return Err(Error::new(
                Code::ParameterOutOfRange,
                format!("the shares of \"{}\" add up to {sum}, not 1", m.column),
            )
            .with("column", m.column.as_str())
            .with("sum", sum));
        }
        targets.iter_mut().for_each(|t| *t *= base_total / sum);
    }
    let mut cats = Vec::with_capacity(values.len());
    for (row, value) in values.iter().enumerate() {
        let Some(k) = keys.iter().position(|k| k.as_str() == *value) else {
            let (name, place) = at(row);
            return Err(Error::new(
                Code::UnknownLabel,
                format!(
                    "{name} {place}: \"{value}\" in \"{}\" has no target: give every category a target",
                    m.column
                ),
            )
            .with(name, place)
            .with("column", m.column.as_str())
            .with("value", *value));
        };
        cats.push(k);
    }
    for (k, key) in keys.iter().enumerate() {
        if targets[k] > 0.0 && !cats.contains(&k) {
            return Err(Error::new(
                Code::ParameterOutOfRange,
                format!(
                    "no respondent is in \"{key}\" of \"{}\": its target cannot be met",
                    m.column
                ),
            )
            .with("column", m.column.as_str())
            .with("category", key.as_str()));
        }
    }
    Ok((cats, targets))
}

/// Iterative proportional fitting of `weights` to the margins: `cats[m][row]` is the row's
/// category in margin `m`, `targets[m][k]` that category's target total (every margin with
/// the same total). Returns the sweeps used and the largest remaining gap over the total.
///
/// # Errors
/// [`Code::NotConverged`] (with `iterations` and `maxGap`) when the gap is still above
/// `tolerance` after `cap` sweeps.
pub fn ipf(
    weights: &mut [f64],
    cats: &[Vec<usize>],
    targets: &[Vec<f64>],
    tolerance: f64,
    cap: u32,
) -> Result<(u32, f64)> {
    let total: f64 = targets.first().map_or(0.0, |t| t.iter().sum());
    let gap = |w: &[f64]| -> f64 {
        let mut worst = 0.0_f64;
        for (c, t) in cats.iter().zip(targets) {
            let mut sums = vec![0.0; t.len()];
            for (&k, &wi) in c.iter().zip(w) {
                sums[k] += wi;
            }
            for (s, t) in sums.iter().zip(t) {
                worst = worst.max((s - t).abs() / total);
            }
        }
        worst
    };
    let mut worst = f64::INFINITY;
    for it in 1..=cap {
        for (c, t) in cats.iter().zip(targets) {
            let mut sums = vec![0.0; t.len()];
            for (&k, &wi) in c.iter().zip(weights.iter()) {
                sums[k] += wi;
            }
            let factor: Vec<f64> = sums
                .iter()
                .zip(t)
                .map(|(s, t)| if *s > 0.0 { t / s } else { 0.0 })
                .collect();
            for (&k, wi) in c.iter().zip(weights.iter_mut()) {
                *wi *= factor[k];
            }
        }
        worst = gap(weights);
        if worst <= tolerance {
            return Ok((it, worst));
        }
    }
    Err(Error::new(
        Code::NotConverged,
        format!("raking did not converge in {cap} sweeps (largest gap {worst:.2e} of the total)"),
    )
    .with("iterations", cap as f64)
    .with("maxGap", worst))
}

/// The weights of the mapping, one per row of `table`, with their summary; `None` when the
/// mapping declares neither a weight column nor raking.
///
/// # Errors
/// Those of the weight column ([`Code::InvalidWeight`]) and of raking
/// ([`Code::ParameterOutOfRange`], [`Code::UnknownLabel`], [`Code::NotConverged`]).
pub fn weights(table: &Table, mapping: &Mapping) -> Result<Option<(Vec<f64>, Weighting)>> {
    if mapping.weight.is_none() && mapping.raking.is_none() {
        return Ok(None);
    }
    let mut w = match &mapping.weight {
        Some(k) => column_weights(table, k)?,
        None => vec![1.0; table.rows()],
    };
    let (mut iterations, mut max_gap) = (0, 0.0);
    if let Some(r) = &mapping.raking {
        let (tol, cap) = check_raking(r)?;
        let base: f64 = w.iter().sum();
        let mut cats = Vec::new();
        let mut targets = Vec::new();
        for m in &r.margins {
            let (c, t) = margin_cells(table, m, base, r.scale)?;
            cats.push(c);
            targets.push(t);
        }
        (iterations, max_gap) = fit(&mut w, &cats, &targets, tol, cap)?;
    }
    let (sw, n_eff, deff_kish) = kish(&w);
    if sw <= 0.0 || !sw.is_finite() {
        return Err(Error::new(Code::InvalidWeight, "the weights sum to 0"));
    }
    let summary = Weighting {
        column: mapping.weight.clone(),
        raked: mapping.raking.is_some(),
        iterations,
        max_gap,
        n: w.len(),
        sum_weights: sw,
        n_eff,
        deff_kish,
        reference: SVYMEAN_REF,
    };
    Ok(Some((w, summary)))
}

/// Options of [`rake_columns`]; every field has a default.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "RakeOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RakeOptions {
    /// Base weights, one per row (≥ 0, positive sum); default 1 each.
    #[cfg_attr(test, ts(optional = nullable))]
    pub weights: Option<Vec<f64>>,
    /// Shares (default: each margin sums to 1) or counts.
    #[cfg_attr(test, ts(as = "Option<MarginScale>", optional))]
    pub scale: MarginScale,
    /// Convergence tolerance in (0, 0.1]; default 1e-6.
    #[cfg_attr(test, ts(optional = nullable))]
    pub tolerance: Option<f64>,
    /// Sweep cap from 1 to 10,000; default 100.
    #[cfg_attr(test, ts(optional = nullable))]
    pub max_iterations: Option<u32>,
}

/// Raked weights with their Kish summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "RakeResult"))]
#[serde(rename_all = "camelCase")]
pub struct RakeResult {
    /// One weight per row.
    pub weights: Vec<f64>,
    /// Sweeps used.
    pub iterations: u32,
    /// Largest remaining category gap over the total.
    pub max_gap: f64,
    /// Σw.
    pub sum_weights: f64,
    /// Kish effective sample size (Σw)²/Σw².
    pub n_eff: f64,
    /// Kish design effect n⁺/n_eff.
    pub deff_kish: f64,
}

/// Rakes rows described by `columns` (column `i` holds each row's category, `margins[i]` the
/// target of each category) as [`weights`] does for a mapping, without a survey: R
/// `survey::rake`. Errors name the margin by its position (`column`) and the row (`row`, from 0).
///
/// # Errors
/// [`Code::LengthMismatch`] (columns, margins or base weights of different lengths),
/// [`Code::EmptySample`], [`Code::InvalidWeight`] (with `index`), and those of raking.
pub fn rake_columns(
    columns: &[Vec<String>],
    margins: &[BTreeMap<String, f64>],
    o: &RakeOptions,
) -> Result<RakeResult> {
    let n = columns.first().map_or(0, Vec::len);
    if columns.len() != margins.len() || columns.iter().any(|c| c.len() != n) {
        return Err(Error::new(
            Code::LengthMismatch,
            "give one margin per column, and one category per row in every column",
        )
        .with("columns", columns.len())
        .with("margins", margins.len()));
    }
    if n == 0 {
        return Err(Error::new(Code::EmptySample, "no rows to rake"));
    }
    let mut w = match &o.weights {
        Some(b) if b.len() != n => {
            return Err(
                Error::new(Code::LengthMismatch, "give one base weight per row")
                    .with("weights", b.len())
                    .with("rows", n),
            )
        }
        Some(b) => {
            if let Some(i) = b.iter().position(|x| !(x.is_finite() && *x >= 0.0)) {
                return Err(Error::new(
                    Code::InvalidWeight,
                    "base weights must be finite numbers of 0 or more",
                )
                .with("index", i));
            }
            b.clone()
        }
        None => vec![1.0; n],
    };
    let (tol, cap) = check_limits(o.tolerance, o.max_iterations)?;
    let base: f64 = w.iter().sum();
    if base <= 0.0 || !base.is_finite() {
        return Err(Error::new(Code::InvalidWeight, "the base weights sum to 0"));
    }
    let mut cats = Vec::new();
    let mut targets = Vec::new();
    for (i, (col, t)) in columns.iter().zip(margins).enumerate() {
        let m = Margin {
            column: i.to_string(),
            targets: t.clone(),
        };
        let values: Vec<&str> = col.iter().map(String::as_str).collect();
        let (c, t) = margin_index(&m, &values, base, o.scale, |row| ("row", row as f64))?;
        cats.push(c);
        targets.push(t);
    }
    let (iterations, max_gap) = fit(&mut w, &cats, &targets, tol, cap)?;
    let (sum_weights, n_eff, deff_kish) = kish(&w);
    Ok(RakeResult {
        weights: w,
        iterations,
        max_gap,
        sum_weights,
        n_eff,
        deff_kish,
    })
}

/// Σw, Kish n_eff and Kish deff of `w`.
fn kish(w: &[f64]) -> (f64, f64, f64) {
    let sw: f64 = w.iter().sum();
    let sw2: f64 = w.iter().map(|x| x * x).sum();
    let positive = w.iter().filter(|&&x| x > 0.0).count() as f64;
    let n_eff = sw * sw / sw2;
    (sw, n_eff, positive / n_eff)
}

/// Checks that every margin has the same total, then fits.
fn fit(
    w: &mut [f64],
    cats: &[Vec<usize>],
    targets: &[Vec<f64>],
    tol: f64,
    cap: u32,
) -> Result<(u32, f64)> {
    let totals: Vec<f64> = targets.iter().map(|t| t.iter().sum()).collect();
    if totals
        .iter()
        .any(|t| (t - totals[0]).abs() > 1e-9 * totals[0].max(1.0))
    {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            "the margins' counts must add up to the same population total",
        ));
    }
    ipf(w, cats, targets, tol, cap)
}

#[cfg(test)]
#[path = "weights_tests.rs"]
mod tests;
