//! One proportion (#19): the common intervals beside Wilson's, and the exact binomial test
//! against any p0 (R `binom.test`).
//!
//! One export, [`proportion_interval`], takes the method as an option rather than one export per
//! method: every method answers the same question with the same result shape, so one entry
//! point keeps the boundary (and the statistics build) small and lets a page switch methods
//! with a select box.

use crate::error::{count, Code, Error, Result};
use crate::stats::dist::{binomial_cdf, binomial_pmf, z_two_sided};
use crate::stats::f_dist::f_quantile;
use crate::stats::proportion::wilson;
use serde::{Deserialize, Serialize};

/// An interval for one proportion, each named for its reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// Wilson score interval (R `prop.test(x, n, correct = FALSE)`). The default.
    #[default]
    Wilson,
    /// Wilson with continuity correction ½ (Newcombe 1998, method 4; R `prop.test(x, n)` —
    /// except that R drops the correction when |x − n·p0| < ½, i.e. x = n/2 with its default
    /// p0 = ½; here the correction is always ½).
    WilsonCc,
    /// Clopper–Pearson "exact" interval from beta quantiles (R `binom.test`).
    ClopperPearson,
    /// Agresti–Coull with the exact z (not 2), clipped to [0, 1] (statsmodels
    /// `proportion_confint(method = "agresti_coull")`).
    AgrestiCoull,
    /// Jeffreys: equal-tailed Beta(x + ½, n − x + ½) quantiles (statsmodels
    /// `proportion_confint(method = "jeffreys")`), with lower 0 at x = 0 and upper 1 at x = n as
    /// Brown, Cai & DasGupta (2001) and DescTools `BinomCI` (statsmodels leaves the ends, so its
    /// interval for 0 of n excludes 0).
    Jeffreys,
}

/// The alternative hypothesis of a test (R's `alternative`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TestAlternative {
    /// `"two_sided"` (R `"two.sided"`, accepted). The default.
    #[default]
    #[serde(alias = "two.sided")]
    TwoSided,
    /// The true value is below the null value.
    Less,
    /// The true value is above the null value.
    Greater,
}

/// Options of [`proportion_interval`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct IntervalOptions {
    /// Default `"wilson"`.
    #[cfg_attr(test, ts(as = "Option<IntervalMethod>", optional))]
    pub method: IntervalMethod,
    /// Confidence level in (0, 1); default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
}

impl Default for IntervalOptions {
    fn default() -> Self {
        IntervalOptions {
            method: IntervalMethod::Wilson,
            level: 0.95,
        }
    }
}

/// A proportion with an interval by the named method.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OneProportion {
    /// Successes.
    pub x: u64,
    /// Trials.
    pub n: u64,
    /// x / n, in [0, 1].
    pub estimate: f64,
    /// Lower bound, in [0, 1].
    pub lower: f64,
    /// Upper bound, in [0, 1].
    pub upper: f64,
    /// Confidence level.
    pub level: f64,
    /// The interval method.
    pub method: IntervalMethod,
}

/// Checks counts `0 ≤ x ≤ n`, `n ≥ 1`.
pub(crate) fn counts(x: f64, n: f64) -> Result<(u64, u64)> {
    let (x, n) = (count("x", x)?, count("n", n)?);
    if n == 0 {
        return Err(Error::new(Code::EmptySample, "n must be at least 1").with("n", n));
    }
    if x > n {
        return Err(Error::new(
            Code::CountExceedsTotal,
            format!("x ({x}) cannot exceed n ({n})"),
        )
        .with("x", x)
        .with("n", n));
    }
    Ok((x, n))
}

/// The quantile of Beta(a, b) at `p` ∈ (0, 1), through the F quantile:
/// X ~ Beta(a, b) ⇔ b X / (a (1 − X)) ~ F(2a, 2b), so q = a f / (a f + b) (R `qbeta`).
pub(crate) fn beta_quantile(p: f64, a: f64, b: f64) -> Result<f64> {
    let f = f_quantile(p, 2.0 * a, 2.0 * b)?;
    Ok(a * f / (a * f + b))
}

/// An interval for the proportion `x / n` by `options.method` at `options.level`.
///
/// # Formula
/// ```text
/// z = Φ⁻¹((1 + level)/2), α = 1 − level, p̂ = x/n
/// wilson_cc:        p± = p̂ ± ½/n; bound = (p± + z²/2n ± z √(p±(1 − p±)/n + z²/4n²)) / (1 + z²/n)
///                   (lower 0 when p− ≤ 0, upper 1 when p+ ≥ 1)
/// clopper_pearson:  [B⁻¹(α/2; x, n − x + 1), B⁻¹(1 − α/2; x + 1, n − x)], 0 at x = 0, 1 at x = n
/// agresti_coull:    ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z √(p̃(1 − p̃)/ñ), clipped to [0, 1]
/// jeffreys:         [B⁻¹(α/2; x + ½, n − x + ½), B⁻¹(1 − α/2; x + ½, n − x + ½)], 0 at x = 0, 1 at x = n
/// ```
///
/// # Errors
/// [`Code::InvalidCount`], [`Code::NotFinite`], [`Code::EmptySample`] (n = 0),
/// [`Code::CountExceedsTotal`], [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::stats::one_proportion::{proportion_interval, IntervalMethod, IntervalOptions};
/// let o = IntervalOptions { method: IntervalMethod::ClopperPearson, level: 0.95 };
/// let ci = proportion_interval(7.0, 20.0, &o).unwrap();
/// assert!((ci.lower - 0.1539092047845412).abs() < 1e-12); // statsmodels proportion_confint(7, 20, method="beta")
/// ```
///
/// # References
/// Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion. *Stat.
/// Med.* 17, 857–872. Brown, Cai & DasGupta (2001). Interval estimation for a binomial
/// proportion. *Statist. Sci.* 16, 101–133. Agresti & Coull (1998), *Amer. Statist.* 52, 119–126.
pub fn proportion_interval(x: f64, n: f64, options: &IntervalOptions) -> Result<OneProportion> {
    let (xi, ni) = counts(x, n)?;
    let level = options.level;
    let z = z_two_sided(level)?;
    let (x, n) = (xi as f64, ni as f64);
    let alpha = 1.0 - level;
    let (lower, upper) = match options.method {
        IntervalMethod::Wilson => {
            let w = wilson(x, n, level)?;
            (w.lower, w.upper)
        }
        IntervalMethod::WilsonCc => wilson_cc(x, n, z),
        IntervalMethod::ClopperPearson => clopper_pearson(xi, ni, alpha / 2.0, alpha / 2.0)?,
        IntervalMethod::AgrestiCoull => {
            let nt = n + z * z;
            let pt = (x + z * z / 2.0) / nt;
            let half = z * (pt * (1.0 - pt) / nt).sqrt();
            ((pt - half).max(0.0), (pt + half).min(1.0))
        }
        IntervalMethod::Jeffreys => {
            let (a, b) = (x + 0.5, n - x + 0.5);
            let lower = if xi == 0 {
                0.0
            } else {
                beta_quantile(alpha / 2.0, a, b)?
            };
            let upper = if xi == ni {
                1.0
            } else {
                beta_quantile(1.0 - alpha / 2.0, a, b)?
            };
            (lower, upper)
        }
    };
    Ok(OneProportion {
        x: xi,
        n: ni,
        estimate: x / n,
        lower,
        upper,
        level,
        method: options.method,
    })
}

/// Wilson's interval with continuity correction ½ (R `prop.test`'s formula with YATES = ½).
fn wilson_cc(x: f64, n: f64, z: f64) -> (f64, f64) {
    let p = x / n;
    let c = z * z / (2.0 * n);
    let bound = |pc: f64, sign: f64| {
        (pc + c + sign * z * (pc * (1.0 - pc) / n + c / (2.0 * n)).sqrt()) / (1.0 + 2.0 * c)
    };
    let (lo, hi) = (p - 0.5 / n, p + 0.5 / n);
    let lower = if lo <= 0.0 { 0.0 } else { bound(lo, -1.0) };
    let upper = if hi >= 1.0 { 1.0 } else { bound(hi, 1.0) };
    (lower.max(0.0), upper.min(1.0))
}

/// Clopper–Pearson bounds with `below` probability in the lower tail and `above` in the upper
/// (0 means that side is open: bound 0 or 1).
fn clopper_pearson(x: u64, n: u64, below: f64, above: f64) -> Result<(f64, f64)> {
    let (xf, nf) = (x as f64, n as f64);
    let lower = if x == 0 || below == 0.0 {
        0.0
    } else {
        beta_quantile(below, xf, nf - xf + 1.0)?
    };
    let upper = if x == n || above == 0.0 {
        1.0
    } else {
        beta_quantile(1.0 - above, xf + 1.0, nf - xf)?
    };
    Ok((lower, upper))
}

/// Options of [`binom_test`].
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct BinomTestOptions {
    /// The null proportion in [0, 1]; default 0.5.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub p0: f64,
    /// Default two-sided.
    #[cfg_attr(test, ts(as = "Option<TestAlternative>", optional))]
    pub alternative: TestAlternative,
    /// Confidence level of the Clopper–Pearson interval; default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
}

impl Default for BinomTestOptions {
    fn default() -> Self {
        BinomTestOptions {
            p0: 0.5,
            alternative: TestAlternative::TwoSided,
            level: 0.95,
        }
    }
}

/// Result of [`binom_test`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BinomTest {
    /// Successes.
    pub x: u64,
    /// Trials.
    pub n: u64,
    /// x / n.
    pub estimate: f64,
    /// The null proportion.
    pub p0: f64,
    /// The alternative.
    pub alternative: TestAlternative,
    /// Exact p-value in [0, 1].
    pub p_value: f64,
    /// Clopper–Pearson bound (0 for `less`).
    pub lower: f64,
    /// Clopper–Pearson bound (1 for `greater`).
    pub upper: f64,
    /// Confidence level.
    pub level: f64,
}

/// The exact binomial test of x successes in n trials against p0 (R `binom.test(x, n, p0)`).
///
/// # Formula
/// ```text
/// less: P(X ≤ x)   greater: P(X ≥ x)   X ~ Binomial(n, p0)
/// two_sided (R's rule): the sum of P(X = k) over every k with P(X = k) ≤ P(X = x)·(1 + 10⁻⁷);
///   1 when x = n p0
/// interval: Clopper–Pearson at `level` (one-sided for one-sided tests)
/// ```
///
/// # Errors
/// As [`proportion_interval`], and [`Code::ProbabilityOutOfRange`] when p0 ∉ [0, 1].
///
/// # Examples
/// ```
/// use waterline::stats::one_proportion::{binom_test, BinomTestOptions};
/// let o = BinomTestOptions { p0: 0.3, ..Default::default() };
/// let t = binom_test(12.0, 25.0, &o).unwrap();
/// assert!((t.p_value - 0.07748701398212521).abs() < 1e-12); // scipy binomtest(12, 25, 0.3)
/// ```
///
/// # References
/// Clopper & Pearson (1934). *Biometrika* 26, 404–413. Matches R's `binom.test`.
pub fn binom_test(x: f64, n: f64, options: &BinomTestOptions) -> Result<BinomTest> {
    let (xi, ni) = counts(x, n)?;
    let level = crate::error::level(options.level)?;
    let p0 = options.p0;
    if !(0.0..=1.0).contains(&p0) {
        return Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!(
                "p0 must lie in [0, 1], got {p0}",
                p0 = crate::error::num(p0)
            ),
        )
        .with("p0", p0));
    }
    let alpha = 1.0 - level;
    let (p_value, (lower, upper)) = match options.alternative {
        TestAlternative::Less => (
            binomial_cdf(xi, ni, p0)?,
            clopper_pearson(xi, ni, 0.0, alpha)?,
        ),
        TestAlternative::Greater => (at_least(xi, ni, p0)?, clopper_pearson(xi, ni, alpha, 0.0)?),
        TestAlternative::TwoSided => (
            two_sided(xi, ni, p0)?,
            clopper_pearson(xi, ni, alpha / 2.0, alpha / 2.0)?,
        ),
    };
    Ok(BinomTest {
        x: xi,
        n: ni,
        estimate: xi as f64 / ni as f64,
        p0,
        alternative: options.alternative,
        p_value: p_value.clamp(0.0, 1.0),
        lower,
        upper,
        level,
    })
}

/// P(X ≥ k) for X ~ Binomial(n, p), without cancellation: P(Y ≤ n − k), Y ~ Binomial(n, 1 − p).
fn at_least(k: u64, n: u64, p: f64) -> Result<f64> {
    if k == 0 {
        return Ok(1.0);
    }
    if k > n {
        return Ok(0.0);
    }
    binomial_cdf(n - k, n, 1.0 - p)
}

/// R's two-sided binomial p-value. The probabilities are non-increasing from ⌈m⌉ up and
/// non-decreasing up to ⌊m⌋ (the mode lies in between), so the count of R's `y` is found by
/// bisection.
fn two_sided(x: u64, n: u64, p: f64) -> Result<f64> {
    let m = n as f64 * p;
    let xf = x as f64;
    if xf == m {
        return Ok(1.0);
    }
    let d = binomial_pmf(x, n, p)? * (1.0 + 1e-7);
    let small = |k: u64| binomial_pmf(k, n, p).map(|v| v <= d);
    if xf < m {
        // First k in [⌈m⌉, n] with pmf ≤ d; y = n − k + 1 values from there on.
        let (mut lo, mut hi) = (m.ceil() as u64, n + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if small(mid)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        // R: pbinom(x) + P(X > n − y) = P(X ≤ x) + P(X ≥ lo).
        let tail = if lo > n { 0.0 } else { at_least(lo, n, p)? };
        Ok(binomial_cdf(x, n, p)? + tail)
    } else {
        // Count k in [0, ⌊m⌋] with pmf ≤ d: the first k with pmf > d.
        let (mut lo, mut hi) = (0u64, m.floor() as u64 + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if small(mid)? {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // R: pbinom(y − 1) + P(X ≥ x), y = lo.
        let below = if lo == 0 {
            0.0
        } else {
            binomial_cdf(lo - 1, n, p)?
        };
        Ok(below + at_least(x, n, p)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_are_documented_values() {
        let o = IntervalOptions {
            method: IntervalMethod::ClopperPearson,
            level: 0.95,
        };
        let ci = proportion_interval(0.0, 10.0, &o).unwrap();
        assert_eq!(ci.lower, 0.0);
        // x = 0: upper = 1 − (α/2)^(1/n).
        assert!((ci.upper - (1.0 - 0.025f64.powf(0.1))).abs() < 1e-13);
        let ci = proportion_interval(1.0, 1.0, &o).unwrap();
        assert_eq!(ci.upper, 1.0);
        assert_eq!(
            proportion_interval(0.0, 0.0, &o).unwrap_err().code,
            Code::EmptySample
        );
        let t = binom_test(5.0, 10.0, &BinomTestOptions::default()).unwrap();
        assert_eq!(t.p_value, 1.0);
        let bad = BinomTestOptions {
            p0: 1.5,
            ..Default::default()
        };
        assert_eq!(
            binom_test(1.0, 2.0, &bad).unwrap_err().code,
            Code::ProbabilityOutOfRange
        );
    }
}
