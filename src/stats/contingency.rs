//! Chi-square tests: independence in an r×c table (with Cramér's V) and goodness of fit
//! against given probabilities.

use crate::error::{count, Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::dist::chi_square_sf;
use crate::stats::method::Method;
use serde::{Deserialize, Serialize};

/// Options of [`chi_square`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ChiSquareOptions {
    /// Yates' continuity correction, applied to 2×2 tables only (default `false`, as
    /// `chisq.test(m, correct = FALSE)`); ignored with a warning for larger tables.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub correct: bool,
}

/// Result of [`chi_square`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChiSquareTest {
    /// `Method::ChiSquareIndependence`.
    pub method: Method,
    /// Whether Yates' correction was applied.
    pub correct: bool,
    /// Total count of the table.
    pub n: u64,
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub columns: usize,
    /// Pearson's X² statistic.
    pub statistic: f64,
    /// Degrees of freedom, (rows − 1)(columns − 1).
    pub df: f64,
    /// p-value P(χ²_df > X²), in [0, 1].
    pub p_value: f64,
    /// Expected counts row total × column total / n, in the shape of the table.
    pub expected: Vec<Vec<f64>>,
    /// The smallest expected count.
    pub min_expected: f64,
    /// How many cells have an expected count below 5.
    pub cells_below_5: usize,
    /// Cramér's V = √(X²/(n·(min(r, c) − 1))), from the uncorrected X², in [0, 1].
    pub cramers_v: f64,
    /// Bias-corrected Cramér's V (Bergsma 2013), in [0, 1]; `null` when n ≤ 1 or the corrected
    /// table dimension is degenerate.
    pub cramers_v_corrected: Option<f64>,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// Checks a count and names its cell.
fn cell(value: f64, row: usize, column: usize) -> Result<u64> {
    count("count", value).map_err(|e| e.with("row", row).with("column", column))
}

/// `chi_square_small_expected`: `below` of `cells` cells (or categories) have an expected count
/// under 5, the smallest being `smallest` (Cochran 1954's rule of thumb).
pub(crate) fn small_expected(below: usize, cells: usize, smallest: f64) -> Note {
    Note::warning(NoteCode::ChiSquareSmallExpected)
        .with("below", below)
        .with("cells", cells)
        .with("smallest", smallest)
}

/// Pearson's chi-square test of independence on an r×c table of counts, with expected counts,
/// a warning when any is below 5, and Cramér's V (plain and bias-corrected).
///
/// `table[i][j]` is the count in row i, column j; rows must all have the same length.
///
/// # Formula
/// ```text
/// E_ij = R_i C_j / n,  X² = Σ (|O_ij − E_ij| − Y)² / E_ij,  df = (r − 1)(c − 1)
/// Y = min(0.5, |O_11 − E_11|) for a 2×2 table with correct = true, else 0
/// V = √(X²/(n (k − 1))),  k = min(r, c)   (X² without Yates)
/// corrected (Bergsma): φ̃² = max(0, X²/n − (r−1)(c−1)/(n−1)),
///   r̃ = r − (r−1)²/(n−1),  c̃ = c − (c−1)²/(n−1),  Ṽ = √(φ̃² / min(r̃ − 1, c̃ − 1))
/// ```
///
/// # Errors
/// [`Code::SampleTooSmall`] with fewer than 2 rows or 2 columns, [`Code::LengthMismatch`] for
/// ragged rows (details: `row`), [`Code::InvalidCount`] / [`Code::NotFinite`] for a cell that
/// is not a whole number ≥ 0 (details: `row`, `column`, 0-based), [`Code::EmptySample`] when a
/// row or column totals zero (details: `rows`, `columns`, 0-based lists) — remove it first.
///
/// # Examples
/// Residence (rows) by attending Lunadas (columns):
/// ```
/// use waterline::stats::{chi_square, ChiSquareOptions};
/// let table = vec![vec![20.0, 23.0], vec![12.0, 8.0], vec![9.0, 9.0]];
/// let r = chi_square(&table, &ChiSquareOptions::default()).unwrap();
/// assert_eq!(r.df, 2.0);
/// assert!(r.p_value > 0.05 && r.cramers_v < 0.2);
/// ```
///
/// # References
/// Pearson, K. (1900). *Philosophical Magazine* 50, 157–175. Cramér, H. (1946). *Mathematical
/// Methods of Statistics*. Bergsma, W. (2013). A bias-correction for Cramér's V and Tschuprow's
/// T. *Journal of the Korean Statistical Society* 42, 323–328. Matches R's
/// `chisq.test(m, correct = FALSE / TRUE)`.
pub fn chi_square(table: &[Vec<f64>], options: &ChiSquareOptions) -> Result<ChiSquareTest> {
    let rows = table.len();
    let columns = table.first().map(Vec::len).unwrap_or(0);
    if rows < 2 || columns < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("a chi-square test of independence needs at least 2 rows and 2 columns, got {rows}×{columns}"),
        )
        .with("rows", rows)
        .with("columns", columns));
    }
    let mut counts = Vec::with_capacity(rows);
    for (i, row) in table.iter().enumerate() {
        if row.len() != columns {
            return Err(Error::new(
                Code::LengthMismatch,
                format!("row {i} has {} cells but row 0 has {columns}", row.len()),
            )
            .with("row", i)
            .with("cells", row.len())
            .with("expected", columns));
        }
        let r: Vec<u64> = row
            .iter()
            .enumerate()
            .map(|(j, v)| cell(*v, i, j))
            .collect::<Result<_>>()?;
        counts.push(r);
    }
    let row_totals: Vec<f64> = counts
        .iter()
        .map(|r| r.iter().map(|&v| v as f64).sum())
        .collect();
    let col_totals: Vec<f64> = (0..columns)
        .map(|j| {
            counts
                .iter()
                .map(|r| r.get(j).copied().unwrap_or(0) as f64)
                .sum()
        })
        .collect();
    let empty_rows: Vec<usize> = (0..rows)
        .filter(|&i| row_totals.get(i) == Some(&0.0))
        .collect();
    let empty_cols: Vec<usize> = (0..columns)
        .filter(|&j| col_totals.get(j) == Some(&0.0))
        .collect();
    if !empty_rows.is_empty() || !empty_cols.is_empty() {
        let list = |what: &str, v: &[usize]| match v {
            [] => None,
            [one] => Some(format!("{what} {one}")),
            many => Some(format!("{what}s {many:?}")),
        };
        let named: Vec<String> = [list("row", &empty_rows), list("column", &empty_cols)]
            .into_iter()
            .flatten()
            .collect();
        return Err(Error::new(
            Code::EmptySample,
            format!(
                "{} (0-based) of the table total zero: remove them before testing",
                named.join(" and ")
            ),
        )
        .with("rows", empty_rows)
        .with("columns", empty_cols));
    }
    let n: f64 = row_totals.iter().sum();
    let mut warnings = Vec::new();
    let two_by_two = rows == 2 && columns == 2;
    if options.correct && !two_by_two {
        warnings.push(Note::warning(NoteCode::ChiSquareYatesNot2x2));
    }
    let expected: Vec<Vec<f64>> = row_totals
        .iter()
        .map(|r| col_totals.iter().map(|c| r * c / n).collect())
        .collect();
    let observed =
        |i: usize, j: usize| counts.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0) as f64;
    let yates = if options.correct && two_by_two {
        let e = expected
            .first()
            .and_then(|r| r.first())
            .copied()
            .unwrap_or(0.0);
        (0.5f64).min((observed(0, 0) - e).abs())
    } else {
        0.0
    };
    let (mut statistic, mut plain) = (0.0, 0.0);
    for (i, row) in expected.iter().enumerate() {
        for (j, e) in row.iter().enumerate() {
            let dev = (observed(i, j) - e).abs();
            statistic += (dev - yates).powi(2) / e;
            plain += dev * dev / e;
        }
    }
    let min_expected = expected
        .iter()
        .flatten()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let cells_below_5 = expected.iter().flatten().filter(|e| **e < 5.0).count();
    if cells_below_5 > 0 {
        warnings.push(small_expected(cells_below_5, rows * columns, min_expected));
    }
    let df = ((rows - 1) * (columns - 1)) as f64;
    let (rf, cf) = (rows as f64, columns as f64);
    let k = rf.min(cf);
    let cramers_v = (plain / (n * (k - 1.0))).sqrt().min(1.0);
    let cramers_v_corrected = if n > 1.0 {
        let phi2 = (plain / n - (rf - 1.0) * (cf - 1.0) / (n - 1.0)).max(0.0);
        let r_t = rf - (rf - 1.0).powi(2) / (n - 1.0);
        let c_t = cf - (cf - 1.0).powi(2) / (n - 1.0);
        let denom = (r_t - 1.0).min(c_t - 1.0);
        if denom > 0.0 {
            Some((phi2 / denom).sqrt().min(1.0))
        } else {
            None
        }
    } else {
        None
    };
    Ok(ChiSquareTest {
        method: Method::ChiSquareIndependence,
        correct: options.correct && two_by_two,
        n: n as u64,
        rows,
        columns,
        statistic,
        df,
        p_value: chi_square_sf(statistic, df)?,
        expected,
        min_expected,
        cells_below_5,
        cramers_v,
        cramers_v_corrected,
        warnings,
    })
}

/// Result of [`chi_square_gof`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GoodnessOfFit {
    /// `Method::ChiSquareGof`.
    pub method: Method,
    /// Total count.
    pub n: u64,
    /// Number of categories.
    pub categories: usize,
    /// Pearson's X² statistic.
    pub statistic: f64,
    /// Degrees of freedom, categories − 1.
    pub df: f64,
    /// p-value P(χ²_df > X²), in [0, 1].
    pub p_value: f64,
    /// Expected counts n·p_i.
    pub expected: Vec<f64>,
    /// The smallest expected count.
    pub min_expected: f64,
    /// How many categories have an expected count below 5.
    pub cells_below_5: usize,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// Chi-square goodness of fit of `observed` counts against `probabilities` (e.g. does the
/// survey's residence mix match the district's?).
///
/// # Formula
/// ```text
/// E_i = n p_i,  X² = Σ (O_i − E_i)² / E_i,  df = k − 1
/// ```
///
/// # Errors
/// [`Code::SampleTooSmall`] with fewer than 2 categories, [`Code::LengthMismatch`] when the
/// arrays differ in length, [`Code::InvalidCount`] / [`Code::NotFinite`] for a count that is
/// not a whole number ≥ 0 (details: `index`), [`Code::ProbabilityOutOfRange`] for a
/// probability that is not in (0, 1] (details: `index`) or probabilities that do not sum to 1
/// within 1.5e-8 (R's tolerance), [`Code::EmptySample`] when all counts are zero.
///
/// # Examples
/// ```
/// use waterline::stats::chi_square_gof;
/// let r = chi_square_gof(&[38.0, 18.0, 16.0, 14.0], &[0.25, 0.25, 0.25, 0.25]).unwrap();
/// assert_eq!(r.df, 3.0);
/// assert!(r.p_value < 0.01);
/// ```
///
/// # References
/// Pearson (1900). Matches R's `chisq.test(x, p = probabilities)`.
pub fn chi_square_gof(observed: &[f64], probabilities: &[f64]) -> Result<GoodnessOfFit> {
    let k = observed.len();
    if probabilities.len() != k {
        return Err(Error::new(
            Code::LengthMismatch,
            format!(
                "{k} observed counts but {} probabilities",
                probabilities.len()
            ),
        )
        .with("observed", k)
        .with("probabilities", probabilities.len()));
    }
    if k < 2 {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("a goodness-of-fit test needs at least 2 categories, got {k}"),
        )
        .with("categories", k));
    }
    let counts: Vec<u64> = observed
        .iter()
        .enumerate()
        .map(|(i, v)| count("observed", *v).map_err(|e| e.with("index", i)))
        .collect::<Result<_>>()?;
    for (i, p) in probabilities.iter().enumerate() {
        if !(p.is_finite() && *p > 0.0 && *p <= 1.0) {
            return Err(Error::new(
                Code::ProbabilityOutOfRange,
                format!("probability {i} must be above 0 and at most 1, got {p}; drop categories that cannot occur", p = crate::error::num(*p)),
            )
            .with("index", i)
            .with("value", *p));
        }
    }
    let total_p: f64 = probabilities.iter().sum();
    if (total_p - 1.0).abs() > f64::EPSILON.sqrt() {
        return Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!(
                "the probabilities must sum to 1, they sum to {total_p}",
                total_p = crate::error::num(total_p)
            ),
        )
        .with("sum", total_p));
    }
    let n: f64 = counts.iter().map(|&c| c as f64).sum();
    if n == 0.0 {
        return Err(Error::new(
            Code::EmptySample,
            "all observed counts are zero",
        ));
    }
    let expected: Vec<f64> = probabilities.iter().map(|p| n * p).collect();
    let statistic: f64 = counts
        .iter()
        .zip(&expected)
        .map(|(&o, e)| (o as f64 - e).powi(2) / e)
        .sum();
    let min_expected = expected.iter().copied().fold(f64::INFINITY, f64::min);
    let cells_below_5 = expected.iter().filter(|e| **e < 5.0).count();
    let mut warnings = Vec::new();
    if cells_below_5 > 0 {
        warnings.push(small_expected(cells_below_5, k, min_expected));
    }
    let df = (k - 1) as f64;
    Ok(GoodnessOfFit {
        method: Method::ChiSquareGof,
        n: n as u64,
        categories: k,
        statistic,
        df,
        p_value: chi_square_sf(statistic, df)?,
        expected,
        min_expected,
        cells_below_5,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_rows_and_columns_are_named() {
        let t = vec![vec![1.0, 0.0, 2.0], vec![0.0, 0.0, 0.0]];
        let e = chi_square(&t, &ChiSquareOptions::default()).unwrap_err();
        assert_eq!(e.code, Code::EmptySample);
        assert!(e.message.contains("row 1 and column 1"), "{}", e.message);
    }

    #[test]
    fn ragged_and_tiny_tables_are_rejected() {
        let o = ChiSquareOptions::default();
        assert_eq!(
            chi_square(&[vec![1.0, 2.0], vec![3.0]], &o)
                .unwrap_err()
                .code,
            Code::LengthMismatch
        );
        assert_eq!(
            chi_square(&[vec![1.0, 2.0]], &o).unwrap_err().code,
            Code::SampleTooSmall
        );
        assert_eq!(
            chi_square(&[vec![1.0, 2.5], vec![1.0, 2.0]], &o)
                .unwrap_err()
                .code,
            Code::InvalidCount
        );
    }

    #[test]
    fn gof_checks_probabilities() {
        assert_eq!(
            chi_square_gof(&[1.0, 2.0], &[0.5, 0.6]).unwrap_err().code,
            Code::ProbabilityOutOfRange
        );
        assert_eq!(
            chi_square_gof(&[1.0, 2.0], &[1.0, 0.0]).unwrap_err().code,
            Code::ProbabilityOutOfRange
        );
        assert_eq!(
            chi_square_gof(&[1.0], &[1.0]).unwrap_err().code,
            Code::SampleTooSmall
        );
    }
}
