//! The standard normal tail and the error function, accurate to a few ulp relative error in
//! both tails (far beyond statrs' normal tail, which is about 5e-11 relative out there).
//!
//! W. J. Cody's rational Chebyshev approximations (the `CALERF` of SPECFUN): erf on
//! [0, 0.46875], the scaled complement e^{x²} erfc(x) on (0.46875, 4] and, as an asymptotic
//! form in 1/x², beyond 4. The factor e^{−x²} is formed from a split of x so that rounding x²
//! does not cost the far tail its digits. Checked against mpmath at 50 digits
//! (`tests/data/normal_tail.csv`, made by `tests/data/t_tail_any_df.py`).
//!
//! # References
//! Cody, W. J. (1969). Rational Chebyshev approximations for the error function. *Mathematics
//! of Computation* 23, 631–637. SPECFUN `CALERF` (Netlib).

#![allow(clippy::excessive_precision)]

/// 1/√π.
const FRAC_1_SQRT_PI: f64 = 0.564_189_583_547_756_286_95;

/// Where Cody's first interval ends.
const SMALL: f64 = 0.468_75;

const A: [f64; 5] = [
    3.16112374387056560e0,
    1.13864154151050156e2,
    3.77485237685302021e2,
    3.20937758913846947e3,
    1.85777706184603153e-1,
];
const B: [f64; 4] = [
    2.36012909523441209e1,
    2.44024637934444173e2,
    1.28261652607737228e3,
    2.84423683343917062e3,
];
const C: [f64; 9] = [
    5.64188496988670089e-1,
    8.88314979438837594e0,
    6.61191906371416295e1,
    2.98635138197400131e2,
    8.81952221241769090e2,
    1.71204761263407058e3,
    2.05107837782607147e3,
    1.23033935479799725e3,
    2.15311535474403846e-8,
];
const D: [f64; 8] = [
    1.57449261107098347e1,
    1.17693950891312499e2,
    5.37181101862009858e2,
    1.62138957456669019e3,
    3.29079923573345963e3,
    4.36261909014324716e3,
    3.43936767414372164e3,
    1.23033935480374942e3,
];
const P: [f64; 6] = [
    3.05326634961232344e-1,
    3.60344899949804439e-1,
    1.25781726111229246e-1,
    1.60837851487422766e-2,
    6.58749161529837803e-4,
    1.63153871373020978e-2,
];
const Q: [f64; 5] = [
    2.56852019228982242e0,
    1.87295284992346047e0,
    5.27905102951428412e-1,
    6.05183413124413191e-2,
    2.33520497626869185e-3,
];

/// erf(x) for |x| ≤ 0.46875 (Cody's first interval).
fn erf_small(x: f64) -> f64 {
    let z = x * x;
    let mut num = A[4] * z;
    let mut den = z;
    for i in 0..3 {
        num = (num + A[i]) * z;
        den = (den + B[i]) * z;
    }
    x * (num + A[3]) / (den + B[3])
}

/// The scaled complement e^{x²} erfc(x) for x > 0.46875 (Cody's second and third intervals);
/// slowly varying, ≈ 1/(x √π) for large x.
fn erfcx_large(x: f64) -> f64 {
    if x <= 4.0 {
        let mut num = C[8] * x;
        let mut den = x;
        for i in 0..7 {
            num = (num + C[i]) * x;
            den = (den + D[i]) * x;
        }
        (num + C[7]) / (den + D[7])
    } else {
        let z = 1.0 / (x * x);
        let mut num = P[5] * z;
        let mut den = z;
        for i in 0..4 {
            num = (num + P[i]) * z;
            den = (den + Q[i]) * z;
        }
        let r = z * (num + P[4]) / (den + Q[4]);
        (FRAC_1_SQRT_PI - r) / x
    }
}

/// e^{−x²} for x ≥ 0 without the rounding of x²: x = h + l with h = ⌊16x⌋/16 (h² is exact),
/// x² = h² + (x − h)(x + h).
fn exp_minus_square(x: f64) -> f64 {
    let h = (16.0 * x).trunc() / 16.0;
    let rest = (x - h) * (x + h);
    (-h * h).exp() * (-rest).exp()
}

/// The error function erf(x), to a few ulp relative error.
pub(crate) fn erf(x: f64) -> f64 {
    let ax = x.abs();
    if ax <= SMALL {
        erf_small(x)
    } else if ax.is_nan() {
        f64::NAN
    } else if ax > 6.0 {
        // erfc(6) = 2e-17 is below half an ulp of 1.
        1.0f64.copysign(x)
    } else {
        (1.0 - erfcx_large(ax) * exp_minus_square(ax)).copysign(x)
    }
}

/// e^{x²} erfc(x) for x ≥ 0 (the tail divided by its Gaussian factor; finite for every x).
pub(crate) fn erfcx(x: f64) -> f64 {
    if x <= SMALL {
        (1.0 - erf_small(x)) * (x * x).exp()
    } else {
        erfcx_large(x)
    }
}

/// The standard normal upper tail P(Z > x) = erfc(x/√2)/2, to about 1e-15 relative error in
/// both tails; ±∞ give 0 and 1, NaN gives NaN.
///
/// For x > 0 the factor e^{−x²/2} is formed from x itself (not from the rounded x/√2), so
/// the far tail keeps its digits: P(Z > 37) = 5.7e-300 to 1e-15.
pub(crate) fn upper_tail(x: f64) -> f64 {
    let u = x * std::f64::consts::FRAC_1_SQRT_2;
    let au = u.abs();
    if au <= SMALL {
        return 0.5 - 0.5 * erf_small(u);
    }
    if x.is_nan() {
        return f64::NAN;
    }
    let ax = x.abs();
    // e^{−x²/2} with x = h + l, h = ⌊8x⌋/8: h²/2 is exact.
    let tail = if ax < 38.6 {
        let h = (8.0 * ax).trunc() / 8.0;
        let rest = 0.5 * (ax - h) * (ax + h);
        0.5 * erfcx_large(au) * (-0.5 * h * h).exp() * (-rest).exp()
    } else {
        0.0
    };
    if x < 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The standard normal quantile Φ⁻¹(p) for p strictly inside (0, 1) (0 and 1 give ∓∞, NaN
/// gives NaN), to about 1e-15 relative error: Abramowitz & Stegun 26.2.23 as the start, then
/// Newton's method on ln Φ(x) = ln p with the accurate tail [`upper_tail`] (the lower tail for
/// p < ½, the upper for p > ½; symmetric).
///
/// # References
/// Abramowitz, M. & Stegun, I. A. (1964). *Handbook of Mathematical Functions*, 26.2.23.
pub(crate) fn quantile(p: f64) -> f64 {
    if p.is_nan() {
        return f64::NAN;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p > 0.5 {
        return -lower_quantile(1.0 - p, (-p).ln_1p());
    }
    lower_quantile(p, p.ln())
}

/// Φ⁻¹(p) for p ≤ ½ given ln p (exact even when 1 − p was rounded by the caller: the root
/// solves ln Φ(x) = `ln_p`).
fn lower_quantile(p: f64, ln_p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    let t = (-2.0 * ln_p).sqrt();
    let start = -(t
        - (2.515_517 + t * (0.802_853 + t * 0.010_328))
            / (1.0 + t * (1.432_788 + t * (0.189_269 + t * 0.001_308))));
    crate::stats::student_t::newton(start.min(0.0), f64::NEG_INFINITY, 0.0, |x| {
        let lower = upper_tail(-x);
        // φ(x) / Φ(x), the derivative of ln Φ.
        let density = (-0.5 * x * x).exp() * 0.398_942_280_401_432_7;
        (lower.ln() - ln_p, density / lower)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_points_and_limits() {
        assert_eq!(upper_tail(0.0), 0.5);
        assert_eq!(upper_tail(f64::INFINITY), 0.0);
        assert_eq!(upper_tail(f64::NEG_INFINITY), 1.0);
        assert!(upper_tail(f64::NAN).is_nan());
        assert_eq!(erf(0.0), 0.0);
        assert_eq!(erf(-30.0), -1.0);
        assert_eq!(erfcx(0.0), 1.0);
        // erf is odd; P(Z > −x) = 1 − P(Z > x); erfcx is continuous across Cody's intervals.
        for x in [0.1, 0.4, 0.5, 1.0, 3.9, 4.1, 10.0] {
            assert_eq!(erf(-x), -erf(x));
            assert!((upper_tail(-x) - (1.0 - upper_tail(x))).abs() < 1e-16);
        }
        for edge in [SMALL, 4.0] {
            let (below, above) = (erfcx(edge * (1.0 - 1e-15)), erfcx(edge * (1.0 + 1e-15)));
            assert!((below / above - 1.0).abs() < 1e-14, "{edge}");
        }
    }
}
