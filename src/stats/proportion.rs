//! Intervals for one proportion.

use crate::error::{count, Code, Error, Result};
use crate::stats::dist::z_two_sided;
use crate::stats::method::Method;
use serde::Serialize;

/// A proportion `x / n` with a confidence interval, naming the method that produced it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProportionInterval {
    /// Number of successes (e.g. parents who agree or strongly agree).
    pub x: u64,
    /// Number of trials (respondents who answered).
    pub n: u64,
    /// The observed share `x / n`, in [0, 1].
    pub estimate: f64,
    /// Lower bound of the interval, in [0, 1].
    pub lower: f64,
    /// Upper bound of the interval, in [0, 1].
    pub upper: f64,
    /// Confidence level, in (0, 1), e.g. 0.95.
    pub level: f64,
    /// The interval method: `"wilson"`.
    pub method: Method,
}

/// The Wilson score interval for a binomial proportion (without continuity correction).
///
/// Inputs are JavaScript numbers, so they are validated here: `x` and `n` must be whole numbers
/// with `0 ≤ x ≤ n` and `n ≥ 1`; `level` must lie strictly between 0 and 1.
///
/// # Formula
/// ```text
/// p̂ = x / n,  z = Φ⁻¹((1 + level) / 2),  c = z² / (2n)
/// lower, upper = (p̂ + c ∓ z √(p̂(1 − p̂)/n + c/(2n))) / (1 + 2c)
/// lower = 0 when x = 0, upper = 1 when x = n
/// ```
///
/// # Errors
/// [`Code::InvalidCount`] / [`Code::NotFinite`] for a count that is not a whole number ≥ 0,
/// [`Code::EmptySample`] when `n = 0`, [`Code::CountExceedsTotal`] when `x > n`,
/// [`Code::LevelOutOfRange`] when `level ∉ (0, 1)`.
///
/// # Examples
/// Seed 000: 89% of n = 113 parents are confident talking with their children's teachers.
/// ```
/// let ci = waterline::stats::wilson(101.0, 113.0, 0.95).unwrap();
/// assert_eq!(ci.method, "wilson");
/// assert!((ci.lower - 0.8235).abs() < 1e-4 && (ci.upper - 0.9382).abs() < 1e-4);
/// ```
///
/// # References
/// Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
/// *JASA* 22, 209–212. Matches R's `prop.test(x, n, correct = FALSE)$conf.int`.
pub fn wilson(x: f64, n: f64, level: f64) -> Result<ProportionInterval> {
    let x = count("x", x)?;
    let n = count("n", n)?;
    if n == 0 {
        return Err(Error::new(
            Code::EmptySample,
            "n must be at least 1: there is no share of zero respondents",
        )
        .with("n", n));
    }
    if x > n {
        return Err(Error::new(
            Code::CountExceedsTotal,
            format!("x ({x}) cannot exceed n ({n}): more people agree than answered"),
        )
        .with("x", x)
        .with("n", n));
    }
    let z = z_two_sided(level)?;
    let (lower, upper) = wilson_bounds(x as f64, n as f64, z);
    Ok(ProportionInterval {
        x,
        n,
        estimate: x as f64 / n as f64,
        lower,
        upper,
        level,
        method: Method::Wilson,
    })
}

/// Wilson score intervals for many `(x, n)` pairs at one `level`, for bulk work.
///
/// Returns `2k` numbers for `k` pairs: the `k` lower bounds, then the `k` upper bounds (so a
/// caller can take two halves without copying). Each pair is validated as in [`wilson`]; the
/// first invalid pair fails the whole call with its `index` in the error's details.
///
/// # Errors
/// [`Code::LengthMismatch`] when `x` and `n` differ in length, and every error of [`wilson`]
/// (with `index`).
///
/// # Examples
/// ```
/// let b = waterline::stats::proportion::wilson_many(&[101.0, 0.0], &[113.0, 10.0], 0.95).unwrap();
/// assert_eq!(b.len(), 4);
/// assert_eq!(b[1], 0.0); // x = 0: the lower bound is 0
/// ```
pub fn wilson_many(x: &[f64], n: &[f64], level: f64) -> Result<Vec<f64>> {
    if x.len() != n.len() {
        return Err(Error::new(
            Code::LengthMismatch,
            format!("x has {} values but n has {}", x.len(), n.len()),
        )
        .with("x", x.len())
        .with("n", n.len()));
    }
    let z = z_two_sided(level)?;
    let k = x.len();
    let mut out = vec![0.0; 2 * k];
    let (lowers, uppers) = out.split_at_mut(k);
    // One pass that checks and computes; the first invalid pair goes through `wilson`'s full
    // checks for its precise error.
    if let Err(i) = fill_wilson(x, n, z, lowers, uppers) {
        let e = wilson(x[i], n[i], level).err().unwrap_or_else(|| {
            Error::new(
                Code::Internal,
                "wilson_many: a pair failed the fast check only",
            )
        });
        return Err(e.with("index", i));
    }
    Ok(out)
}

/// Whether `(x, n)` is a pair of whole counts with `0 ≤ x ≤ n`, `1 ≤ n < 9·10¹⁵` (the checks of
/// [`wilson`], without the error).
#[inline(always)]
fn valid_counts(x: f64, n: f64) -> bool {
    x >= 0.0 && n >= 1.0 && x <= n && x.trunc() == x && n.trunc() == n && n < 9.0e15
}

/// Writes the Wilson bounds of every pair (`x`, `n`, `lowers`, `uppers` equally long), or
/// returns the index of the first pair that fails [`valid_counts`]. In the wasm build the
/// leading pairs go through [`fill_wilson_simd`]; the rest (all of them natively) here.
fn fill_wilson(
    x: &[f64],
    n: &[f64],
    z: f64,
    lowers: &mut [f64],
    uppers: &mut [f64],
) -> std::result::Result<(), usize> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let done = fill_wilson_simd(x, n, z, lowers, uppers)?;
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    let done = 0;
    let rest = x[done..].iter().zip(&n[done..]);
    let out = lowers[done..].iter_mut().zip(&mut uppers[done..]);
    for (i, ((&xi, &ni), (lo, up))) in rest.zip(out).enumerate() {
        if !valid_counts(xi, ni) {
            return Err(done + i);
        }
        (*lo, *up) = wilson_bounds(xi, ni, z);
    }
    Ok(())
}

/// The bounds of the leading pairs, two at a time with WebAssembly SIMD: the same operations
/// in the same order as [`wilson_bounds`] (division and square root are correctly rounded in
/// both), so the bounds are bit for bit those of the scalar code. Returns how many pairs it
/// wrote (the even part), or the index of the first invalid pair.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn fill_wilson_simd(
    x: &[f64],
    n: &[f64],
    z: f64,
    lowers: &mut [f64],
    uppers: &mut [f64],
) -> std::result::Result<usize, usize> {
    use core::arch::wasm32::*;
    let k = x.len().min(n.len()).min(lowers.len()).min(uppers.len());
    let (zero, one, half_c, two) = (
        f64x2_splat(0.0),
        f64x2_splat(1.0),
        f64x2_splat(0.5),
        f64x2_splat(2.0),
    );
    let (zv, limit) = (f64x2_splat(z), f64x2_splat(9.0e15));
    for j in (0..k / 2).map(|i| 2 * i) {
        let xv = f64x2(x[j], x[j + 1]);
        let nv = f64x2(n[j], n[j + 1]);
        let valid = v128_and(
            v128_and(f64x2_ge(xv, zero), f64x2_ge(nv, one)),
            v128_and(
                v128_and(f64x2_le(xv, nv), f64x2_lt(nv, limit)),
                v128_and(f64x2_eq(f64x2_trunc(xv), xv), f64x2_eq(f64x2_trunc(nv), nv)),
            ),
        );
        if !i64x2_all_true(valid) {
            return Err(if valid_counts(x[j], n[j]) { j + 1 } else { j });
        }
        let inv_n = f64x2_div(one, nv);
        let p = f64x2_mul(xv, inv_n);
        let c = f64x2_mul(f64x2_mul(f64x2_mul(half_c, zv), zv), inv_n);
        let spread = f64x2_add(f64x2_mul(p, f64x2_sub(one, p)), f64x2_mul(half_c, c));
        let half = f64x2_mul(zv, f64x2_sqrt(f64x2_mul(spread, inv_n)));
        let inv_d = f64x2_div(one, f64x2_add(one, f64x2_mul(two, c)));
        let centre = f64x2_add(p, c);
        let lo = f64x2_mul(f64x2_sub(centre, half), inv_d);
        let up = f64x2_mul(f64x2_add(centre, half), inv_d);
        let lo = v128_bitselect(zero, lo, f64x2_eq(xv, zero));
        let up = v128_bitselect(one, up, f64x2_eq(xv, nv));
        let lo = f64x2_pmax(zero, f64x2_pmin(one, lo));
        let up = f64x2_pmax(zero, f64x2_pmin(one, up));
        lowers[j] = f64x2_extract_lane::<0>(lo);
        lowers[j + 1] = f64x2_extract_lane::<1>(lo);
        uppers[j] = f64x2_extract_lane::<0>(up);
        uppers[j + 1] = f64x2_extract_lane::<1>(up);
    }
    Ok(k / 2 * 2)
}

/// The Wilson bounds for valid `x ≤ n`, `n ≥ 1` and critical value `z` (R's `prop.test` form,
/// rearranged to two divisions and one square root:
/// `p̂(1 − p̂)/n + c/(2n) = (p̂(1 − p̂) + c/2) / n`).
#[inline(always)]
fn wilson_bounds(x: f64, n: f64, z: f64) -> (f64, f64) {
    let inv_n = 1.0 / n;
    let p = x * inv_n;
    let c = 0.5 * z * z * inv_n;
    let half = z * ((p * (1.0 - p) + 0.5 * c) * inv_n).sqrt();
    let inv_d = 1.0 / (1.0 + 2.0 * c);
    let lower = if x == 0.0 {
        0.0
    } else {
        (p + c - half) * inv_d
    };
    let upper = if x == n { 1.0 } else { (p + c + half) * inv_d };
    (lower.clamp(0.0, 1.0), upper.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_counts() {
        assert_eq!(
            wilson(5.0, 4.0, 0.95).unwrap_err().code,
            Code::CountExceedsTotal
        );
        assert_eq!(wilson(0.0, 0.0, 0.95).unwrap_err().code, Code::EmptySample);
        assert_eq!(
            wilson(-1.0, 4.0, 0.95).unwrap_err().code,
            Code::InvalidCount
        );
        assert_eq!(
            wilson(f64::NAN, 4.0, 0.95).unwrap_err().code,
            Code::NotFinite
        );
        assert_eq!(
            wilson(1.0, 4.0, 1.0).unwrap_err().code,
            Code::LevelOutOfRange
        );
        assert_eq!(
            wilson(1.0, 4.0, 0.0).unwrap_err().code,
            Code::LevelOutOfRange
        );
    }

    #[test]
    fn many_agrees_with_one_at_a_time_and_names_the_bad_index() {
        let b = wilson_many(&[101.0, 5.0, 0.0], &[113.0, 9.0, 3.0], 0.9).unwrap();
        for (i, (x, n)) in [(101.0, 113.0), (5.0, 9.0), (0.0, 3.0)]
            .into_iter()
            .enumerate()
        {
            let one = wilson(x, n, 0.9).unwrap();
            assert_eq!((b[i], b[3 + i]), (one.lower, one.upper));
        }
        let e = wilson_many(&[1.0, 7.0], &[2.0, 6.0], 0.95).unwrap_err();
        assert_eq!(e.code, Code::CountExceedsTotal);
        assert_eq!(e.details["index"], crate::error::Detail::Number(1.0));
        let e = wilson_many(&[1.0], &[2.0, 6.0], 0.95).unwrap_err();
        assert_eq!(e.code, Code::LengthMismatch);
    }

    #[test]
    fn extremes_touch_the_bounds() {
        let none = wilson(0.0, 10.0, 0.95).unwrap();
        assert_eq!(none.lower, 0.0);
        let all = wilson(10.0, 10.0, 0.95).unwrap();
        assert_eq!(all.upper, 1.0);
    }
}
