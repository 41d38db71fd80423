//! Means (#19): the one-sample t-test and the Student and Welch two-sample t-tests with their
//! intervals (R `t.test`). NaN marks a missing answer and is dropped (`nExcluded`).

use crate::error::{Code, Error, Result};
use crate::stats::limits::magnitudes;
use crate::stats::student_t::{quantile, two_sided_p};
use serde::{Deserialize, Serialize};

/// The summary of one sample after dropping NaN: size, mean, variance (n − 1 divisor).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sample {
    /// Values used.
    pub n: usize,
    /// Values dropped (NaN).
    pub excluded: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample variance, divisor n − 1 (0 when n = 1).
    pub var: f64,
}

/// Summarises `x` (named `name` in errors): NaN dropped, infinities refused, at least `min`
/// values required. Two-pass mean and variance.
pub(crate) fn sample(name: &str, x: &[f64], min: usize) -> Result<Sample> {
    magnitudes(name, x)?;
    if let Some(i) = x.iter().position(|v| v.is_infinite()) {
        return Err(Error::new(
            Code::NotFinite,
            format!("{name} at index {i} is infinite; use NaN for a missing answer"),
        )
        .with("name", name)
        .with("index", i));
    }
    let used: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
    let n = used.len();
    if n < min {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!("{name} needs at least {min} values that are not missing, has {n}"),
        )
        .with("name", name)
        .with("n", n)
        .with("min", min));
    }
    let mean = used.iter().sum::<f64>() / n as f64;
    let ss: f64 = used.iter().map(|v| (v - mean) * (v - mean)).sum();
    let var = if n > 1 { ss / (n - 1) as f64 } else { 0.0 };
    Ok(Sample {
        n,
        excluded: x.len() - n,
        mean,
        var,
    })
}

/// The `sample_too_small` error of [`sample`] for a summary with fewer than `min` values.
fn enough(name: &str, s: Sample, min: usize) -> Result<()> {
    if s.n < min {
        return Err(Error::new(
            Code::SampleTooSmall,
            format!(
                "{name} needs at least {min} values that are not missing, has {}",
                s.n
            ),
        )
        .with("name", name)
        .with("n", s.n)
        .with("min", min));
    }
    Ok(())
}

/// The `no_variation` error: a t statistic with a zero standard error.
pub(crate) fn no_variation(what: &str) -> Error {
    Error::new(
        Code::NoVariation,
        format!("{what} has no variation: the standard error is 0 and t is undefined"),
    )
    .with("name", what)
}

/// Which t-test a [`TTest`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TTestMethod {
    /// One-sample t-test of the mean against `mu`.
    OneSample,
    /// Two-sample t-test with pooled variance (R `var.equal = TRUE`).
    Student,
    /// Welch's two-sample t-test with Satterthwaite's df (R's default).
    Welch,
}

/// Options of [`one_sample_t`] and [`two_sample_t`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TTestOptions {
    /// The null value: the mean (one sample) or the difference of means; default 0.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub mu: f64,
    /// Pool the variances (Student); default false (Welch). Ignored for one sample.
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub var_equal: bool,
    /// Confidence level; default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
}

impl Default for TTestOptions {
    fn default() -> Self {
        TTestOptions {
            mu: 0.0,
            var_equal: false,
            level: 0.95,
        }
    }
}

/// A two-sided t-test with the interval for the mean or the difference of means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TTest {
    /// The test.
    pub method: TTestMethod,
    /// Values used in x.
    pub n_x: usize,
    /// Values used in y (`null` for one sample).
    pub n_y: Option<usize>,
    /// Missing values (NaN) dropped, both samples.
    pub n_excluded: usize,
    /// Mean of x.
    pub mean_x: f64,
    /// Mean of y (`null` for one sample).
    pub mean_y: Option<f64>,
    /// The estimate: mean of x, or mean of x − mean of y.
    pub estimate: f64,
    /// The null value.
    pub mu: f64,
    /// Standard error of the estimate.
    pub se: f64,
    /// t = (estimate − mu) / se.
    pub t: f64,
    /// Degrees of freedom (Welch: not a whole number).
    pub df: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Lower bound of the interval for the estimate.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Confidence level.
    pub level: f64,
}

/// One-sample t-test of the mean of `x` against `options.mu` (R `t.test(x, mu = mu)`).
///
/// # Formula
/// ```text
/// se = s/√n, t = (x̄ − μ)/se, df = n − 1, p = 2 P(T_df > |t|), x̄ ± t_{df,(1+level)/2} se
/// ```
///
/// # Errors
/// [`Code::SampleTooSmall`] (fewer than 2 values), [`Code::NoVariation`] (all values equal),
/// [`Code::NotFinite`] (infinite value or mu), [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::stats::means::{one_sample_t, TTestOptions};
/// let t = one_sample_t(&[3.0, 4.0, 5.0, 4.0, 6.0], &TTestOptions { mu: 3.0, ..Default::default() }).unwrap();
/// assert!((t.t - 2.7456258919345777).abs() < 1e-12); // scipy ttest_1samp(x, 3)
/// ```
pub fn one_sample_t(x: &[f64], options: &TTestOptions) -> Result<TTest> {
    let mu = crate::error::finite("mu", options.mu)?;
    let level = crate::error::level(options.level)?;
    one_sample_from(sample("x", x, 2)?, mu, level)
}

/// [`one_sample_t`] from a summary of the sample (at least 2 values), `mu` and `level` checked.
pub(crate) fn one_sample_from(s: Sample, mu: f64, level: f64) -> Result<TTest> {
    enough("x", s, 2)?;
    let se = (s.var / s.n as f64).sqrt();
    let df = (s.n - 1) as f64;
    finish(
        TTestMethod::OneSample,
        (s, None),
        (s.mean, se, df),
        mu,
        level,
    )
}

/// Two-sample t-test of mean(x) − mean(y) against `options.mu`: Welch's by default, Student's
/// with `varEqual` (R `t.test(x, y, var.equal = …)`).
///
/// # Formula
/// ```text
/// Student: s²ₚ = ((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2), se = sₚ √(1/n₁ + 1/n₂), df = n₁+n₂−2
/// Welch:   se = √(s₁²/n₁ + s₂²/n₂), df = se⁴ / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))
/// ```
///
/// # Errors
/// As [`one_sample_t`]; Student's test needs n₁ + n₂ ≥ 3 and each group ≥ 1 value, Welch's
/// each group ≥ 2.
///
/// # Examples
/// ```
/// use waterline::stats::means::{two_sample_t, TTestOptions};
/// let t = two_sample_t(&[5.0, 6.0, 7.0, 9.0], &[3.0, 4.0, 6.0], &TTestOptions::default()).unwrap();
/// assert!((t.df - 4.733990147783252).abs() < 1e-12); // scipy ttest_ind(equal_var=False).df
/// ```
pub fn two_sample_t(x: &[f64], y: &[f64], options: &TTestOptions) -> Result<TTest> {
    // mu and level first, as before the split: their errors come before the data's.
    crate::error::finite("mu", options.mu)?;
    crate::error::level(options.level)?;
    let min = if options.var_equal { 1 } else { 2 };
    two_sample_from(sample("x", x, min)?, sample("y", y, min)?, options)
}

/// [`two_sample_t`] from summaries of the two samples (each of at least 1 value for Student's
/// test, 2 for Welch's).
pub(crate) fn two_sample_from(a: Sample, b: Sample, options: &TTestOptions) -> Result<TTest> {
    let mu = crate::error::finite("mu", options.mu)?;
    let level = crate::error::level(options.level)?;
    let min = if options.var_equal { 1 } else { 2 };
    enough("x", a, min)?;
    enough("y", b, min)?;
    let (n1, n2) = (a.n as f64, b.n as f64);
    let (method, se, df) = if options.var_equal {
        let df = n1 + n2 - 2.0;
        if df < 1.0 {
            return Err(Error::new(
                Code::SampleTooSmall,
                "Student's t-test needs at least 3 values in all",
            )
            .with("n", a.n + b.n)
            .with("min", 3usize));
        }
        let pooled = ((n1 - 1.0) * a.var + (n2 - 1.0) * b.var) / df;
        (
            TTestMethod::Student,
            (pooled * (1.0 / n1 + 1.0 / n2)).sqrt(),
            df,
        )
    } else {
        let (v1, v2) = (a.var / n1, b.var / n2);
        let se2 = v1 + v2;
        let df = se2 * se2 / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
        (TTestMethod::Welch, se2.sqrt(), df)
    };
    finish(method, (a, Some(b)), (a.mean - b.mean, se, df), mu, level)
}

/// The statistic, p-value and interval from `(estimate, se, df)`.
fn finish(
    method: TTestMethod,
    (a, b): (Sample, Option<Sample>),
    (estimate, se, df): (f64, f64, f64),
    mu: f64,
    level: f64,
) -> Result<TTest> {
    if !(se > 0.0 && df.is_finite()) {
        return Err(no_variation(if b.is_some() { "x and y" } else { "x" }));
    }
    let t = (estimate - mu) / se;
    let p_value = two_sided_p(t, df)?;
    let q = quantile(0.5 + level / 2.0, df)?;
    Ok(TTest {
        method,
        n_x: a.n,
        n_y: b.map(|b| b.n),
        n_excluded: a.excluded + b.map_or(0, |b| b.excluded),
        mean_x: a.mean,
        mean_y: b.map(|b| b.mean),
        estimate,
        mu,
        se,
        t,
        df,
        p_value,
        lower: estimate - q * se,
        upper: estimate + q * se,
        level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases_are_coded_errors() {
        let o = TTestOptions::default();
        assert_eq!(
            one_sample_t(&[1.0], &o).unwrap_err().code,
            Code::SampleTooSmall
        );
        assert_eq!(
            one_sample_t(&[2.0, 2.0, f64::NAN], &o).unwrap_err().code,
            Code::NoVariation
        );
        assert_eq!(
            two_sample_t(&[1.0, 1.0], &[2.0, 2.0], &o).unwrap_err().code,
            Code::NoVariation
        );
        assert_eq!(
            two_sample_t(&[1.0], &[2.0, 3.0], &o).unwrap_err().code,
            Code::SampleTooSmall
        );
        let student = TTestOptions {
            var_equal: true,
            ..o
        };
        // One value in a group is enough for the pooled test.
        let t = two_sample_t(&[1.0], &[2.0, 3.0, 5.0], &student).unwrap();
        assert_eq!(t.df, 2.0);
        assert_eq!(
            one_sample_t(&[1.0, f64::INFINITY], &o).unwrap_err().code,
            Code::NotFinite
        );
    }
}
