//! The precision policy: tolerances that tests against reference values use, in one place.
//!
//! Reference values come from R (Debian's `r-base-core`), scipy/statsmodels or mpmath; each
//! fixture in `tests/data/` names the command that produced it.

/// Relative tolerance for closed-form results matched against R (e.g. the Wilson interval).
pub const CLOSED_FORM: f64 = 1e-10;

/// Relative tolerance for results that go through an iterative special function.
pub const SPECIAL_FUNCTION: f64 = 1e-8;

/// True when `actual` is within `rel` relative error of `expected` (absolute when `expected`
/// is 0).
pub fn close(actual: f64, expected: f64, rel: f64) -> bool {
    if actual == expected {
        return true;
    }
    let scale = expected.abs().max(f64::MIN_POSITIVE);
    if expected == 0.0 {
        actual.abs() <= rel
    } else {
        (actual - expected).abs() / scale <= rel
    }
}

/// Asserts [`close`], printing both values and the tolerance when it fails. For tests.
#[track_caller]
pub fn assert_close(actual: f64, expected: f64, rel: f64) {
    assert!(
        close(actual, expected, rel),
        "expected {expected:e}, got {actual:e} (relative error {:e} > {rel:e})",
        ((actual - expected) / expected).abs()
    );
}

/// Relative tolerance for Student t tail probabilities and quantiles matched against mpmath.
pub const T_TAIL: f64 = 1e-12;

/// Relative tolerance for sample sizes and power matched against R's `power.*.test`.
pub const POWER: f64 = 1e-6;

/// Relative tolerance for distribution tails (cdf, survival function) matched against mpmath at
/// 60 digits, wherever the value is a tail probability: met for the normal, chi-square, F and
/// binomial (their exponents, a ln x − x − ln Γ(a) and a ln x + b ln y − ln B(a, b), are summed
/// in double-double: rounded to double, an exponent of −700 alone costs ε·700 ≈ 8e-14). For
/// Student t the measured bound is 1e-14 + 4ε(|ln p| + √df) (worst measured 3e-14, at df 10⁴
/// and t = −2, in its own large-df path). `tests/stats_distribution.rs` applies both.
pub const FAR_TAIL: f64 = 1e-14;

/// Relative tolerance for results of an iterative fit (McDonald's omega's minres loadings)
/// matched against a reference fitted by another optimizer: each stops at its own tolerance.
pub const ITERATIVE: f64 = 1e-6;
