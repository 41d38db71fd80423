//! The regularized incomplete beta function Iₓ(a, b), computed to about 1e-14 relative error in
//! both tails, for the Student t and F distributions.
//!
//! statrs' `beta_reg` takes only `x` and forms `1 − x` itself, which loses the small tail when
//! `x` is close to 1, and its `ln_beta` is a difference of three large `ln_gamma` values. Here
//! the caller passes `x`, `y = 1 − x` and their logarithms computed without cancellation, and
//! ln B(a, b) is formed from Stirling's series with the large terms cancelled analytically.
//!
//! Private to the statistics layer: the public entry points are in [`crate::stats::student_t`].

use crate::stats::double_double::{self as dd, Dd};

/// ln(2π) / 2.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// Smallest magnitude allowed in Lentz's algorithm, to avoid division by zero.
const TINY: f64 = 1e-300;

/// Relative change of the continued fraction below which it has converged (about 2 ulp).
const CONVERGED: f64 = 1e-15;

/// Most continued-fraction terms; never reached for the parameters used (see the tests).
const MAX_TERMS: f64 = 5000.0;

/// Stirling's remainder δ(z) = ln Γ(z) − ((z − ½) ln z − z + ½ ln 2π), for z ≥ 10.
///
/// The series is truncated after the z⁻¹³ term; the first omitted term is below 3e-17.
pub(crate) fn stirling_delta(z: f64) -> f64 {
    let r = 1.0 / z;
    let r2 = r * r;
    r * (1.0 / 12.0
        - r2 * (1.0 / 360.0
            - r2 * (1.0 / 1260.0
                - r2 * (1.0 / 1680.0
                    - r2 * (1.0 / 1188.0 - r2 * (691.0 / 360_360.0 - r2 / 156.0))))))
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0, to about 1e-15 absolute error
/// when the result is of moderate size.
///
/// # Formula
/// ```text
/// raise a and b to ≥ 10 with B(a, b) = B(a + 1, b) (a + b)/a = B(a, b + 1) (a + b)/b, then
/// ln B = ½ ln 2π − ½ ln(a + b) − (a − ½) log1p(b/a) − (b − ½) log1p(a/b) + δ(a) + δ(b) − δ(a + b)
/// ```
pub(crate) fn ln_beta(a: f64, b: f64) -> f64 {
    if b == 0.5 {
        return ln_beta_half(a);
    }
    if a == 0.5 {
        return ln_beta_half(b);
    }
    let (mut a, mut b) = (a, b);
    let mut log_sum = 0.0;
    let mut product = 1.0;
    while a < 10.0 {
        product *= (a + b) / a;
        a += 1.0;
        if product > 1e250 {
            log_sum += product.ln();
            product = 1.0;
        }
    }
    while b < 10.0 {
        product *= (a + b) / b;
        b += 1.0;
        if product > 1e250 {
            log_sum += product.ln();
            product = 1.0;
        }
    }
    log_sum += product.ln();
    let s = a + b;
    LN_SQRT_2PI - 0.5 * s.ln() - (a - 0.5) * (b / a).ln_1p() - (b - 0.5) * (a / b).ln_1p()
        + stirling_delta(a)
        + stirling_delta(b)
        - stirling_delta(s)
        + log_sum
}

/// ln √π.
const LN_SQRT_PI: f64 = 0.572_364_942_924_700_1;

/// ln B(a, ½) = ln √π + ln Γ(a) − ln Γ(a + ½): the normalizing constant of Student's t with
/// 2a degrees of freedom. Cheaper than the general case and as accurate.
///
/// # Formula
/// ```text
/// raise a to A ≥ 10 with Γ(a) = Γ(A) / Π(a + k), then
/// ln Γ(A) − ln Γ(A + ½) = −½ ln A − A log1p(1/(2A)) + ½ + δ(A) − δ(A + ½)
/// ```
fn ln_beta_half(a: f64) -> f64 {
    let mut big = a;
    let (mut num, mut den) = (1.0_f64, 1.0_f64);
    while big < 10.0 {
        num *= big + 0.5;
        den *= big;
        big += 1.0;
    }
    let shift = num / den;
    let ln_shift = if shift.is_finite() {
        shift.ln()
    } else {
        num.ln() - den.ln()
    };
    LN_SQRT_PI + ln_shift - 0.5 * big.ln() - big * (0.5 / big).ln_1p() + 0.5 + stirling_delta(big)
        - stirling_delta(big + 0.5)
}

/// Continued fraction of Iₓ(a, b) (Numerical Recipes' `betacf`); converges quickly for
/// x < (a + 1)/(a + b + 2). Returns 1/F for F = 1 + d₁/(1 + d₂/(1 + …)).
///
/// Evaluated by the forward (Wallis) recurrence with the partial numerators' denominators
/// multiplied through, renormalized once per pair of terms: one division per pair instead of
/// six for Lentz's method, which remains the fallback if the recurrence ever overflows.
#[inline(always)]
fn continued_fraction(a: f64, b: f64, x: f64, y: f64) -> f64 {
    let qab = a + b;
    // State (Â_{n−2}, Â_{n−1}, B̂_{n−2}, B̂_{n−1}); one term num/den maps it by
    // Â_n = den Â_{n−1} + num den_{n−1} Â_{n−2}, the same for B̂; F = Â/B̂.
    #[inline(always)]
    fn step(
        (a2, a1, b2, b1): (f64, f64, f64, f64),
        num: f64,
        den_prev: f64,
        den: f64,
    ) -> (f64, f64, f64, f64) {
        let k = num * den_prev;
        (a1, den * a1 + k * a2, b1, den * b1 + k * b2)
    }
    // First term d₁ = −(a + b) x / (a + 1): Â₁ = (a + 1) − (a + b) x, formed as
    // (1 − b) + (a + b) y when x > ½ to keep its digits when x is close to 1.
    let first = if x > 0.5 {
        (1.0 - b) + qab * y
    } else {
        (a + 1.0) - qab * x
    };
    let mut st = (1.0, first, 1.0, a + 1.0);
    let mut den_prev = a + 1.0;
    let (mut a_prev, mut b_prev) = (1.0, 1.0);
    let mut m = 0.0;
    while m < MAX_TERMS {
        m += 1.0;
        let m2 = 2.0 * m;
        let den_even = (a + m2 - 1.0) * (a + m2);
        let den_odd = (a + m2) * (a + m2 + 1.0);
        st = step(st, m * (b - m) * x, den_prev, den_even);
        st = step(st, -(a + m) * (qab + m) * x, den_even, den_odd);
        den_prev = den_odd;
        let (a2, a1, b2, b1) = st;
        // Converged when A_n/B_n and A_{n−2}/B_{n−2} agree: compared by cross-multiplying, so
        // that a division (a long-latency operation) is needed only to rescale.
        let (p, q) = (a1 * b_prev, a_prev * b1);
        if (p - q).abs() <= CONVERGED * p.abs() {
            break;
        }
        if !(1e-100..=1e100).contains(&b1.abs()) {
            // Also catches an overflow to ∞ or NaN, for which Lentz's method takes over.
            if !(b1.is_finite() && a1.is_finite() && b1 != 0.0) {
                return continued_fraction_lentz(a, b, x);
            }
            let inv = 1.0 / b1;
            st = (a2 * inv, a1 * inv, b2 * inv, 1.0);
        }
        (a_prev, b_prev) = (st.1, st.3);
    }
    let h = st.3 / st.1;
    if h.is_finite() {
        h
    } else {
        continued_fraction_lentz(a, b, x)
    }
}

/// The same continued fraction by the modified Lentz method (Numerical Recipes §5.2).
fn continued_fraction_lentz(a: f64, b: f64, x: f64) -> f64 {
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    let mut m = 0.0;
    while m < MAX_TERMS {
        m += 1.0;
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() <= CONVERGED {
            break;
        }
    }
    h
}

/// Both tails of the regularized incomplete beta: `(Iₓ(a, b), 1 − Iₓ(a, b))`, each to about
/// 1e-14 relative error (with this default choice of continued fraction, the tail computed
/// directly is the smaller or near-smaller one; the other is at least ~0.1 when formed by
/// subtraction).
///
/// The caller supplies `x`, `y = 1 − x` (each computed without cancellation) and
/// `front = xᵃ yᵇ / B(a, b)`, best formed in logarithms (see [`front`]); bulk callers reuse
/// ln B(a, b). Requires a, b > 0.
///
/// # Formula
/// ```text
/// Iₓ(a, b) = front / a · CF(a, b, x)          when x < (a + 1)/(a + b + 2)
///          = 1 − front / b · CF(b, a, y)      otherwise
/// ```
#[inline(always)]
pub(crate) fn beta_reg_tails(ab: (f64, f64), xy: (f64, f64), front: f64) -> (f64, f64) {
    let (a, b) = ab;
    beta_reg_tails_by(ab, xy, front, xy.0 < (a + 1.0) / (a + b + 2.0))
}

/// [`beta_reg_tails`] with the caller choosing the continued fraction: on x for Iₓ(a, b)
/// (`lower_cf`, right for the lower tail) or on y for I_y(b, a) = 1 − Iₓ(a, b). Both converge
/// for every x; the caller must keep the subtracted tail from being tiny.
#[inline(always)]
pub(crate) fn beta_reg_tails_by(
    (a, b): (f64, f64),
    (x, y): (f64, f64),
    front: f64,
    lower_cf: bool,
) -> (f64, f64) {
    if lower_cf {
        let lower = (front * continued_fraction(a, b, x, y) / a).clamp(0.0, 1.0);
        (lower, 1.0 - lower)
    } else {
        let upper = (front * continued_fraction(b, a, y, x) / b).clamp(0.0, 1.0);
        (1.0 - upper, upper)
    }
}

/// ln √(2π) − [`LN_SQRT_2PI`] (mpmath, 50 digits).
const LN_SQRT_2PI_LO: f64 = -3.878_294_158_067_241_4e-17;

/// ln B(a, b) as a double-double, for [`front_dd`]: after raising a and b to ≥ 10 as in
/// [`ln_beta`], ½ ln 2π + (a − ½) ln a + (b − ½) ln b − (s − ½) ln s + δ(a) + δ(b) − δ(s),
/// s = a + b, with the large terms' cancellation exact in double-double.
pub(crate) fn ln_beta_dd(a: f64, b: f64) -> Dd {
    let (mut a, mut b) = (a, b);
    let mut log_sum = Dd::from(0.0);
    let mut product = 1.0;
    while a < 10.0 || b < 10.0 {
        if a < 10.0 {
            product *= (a + b) / a;
            a += 1.0;
        } else {
            product *= (a + b) / b;
            b += 1.0;
        }
        if product > 1e250 {
            log_sum = log_sum.add(dd::ln(product));
            product = 1.0;
        }
    }
    log_sum = log_sum.add(dd::ln(product));
    let s = dd::two_sum(a, b);
    Dd(LN_SQRT_2PI, LN_SQRT_2PI_LO)
        .add(dd::ln(a).scale(a - 0.5))
        .add(dd::ln(b).scale(b - 0.5))
        .add(dd::ln_dd(s).mul(s.add(Dd::from(-0.5))).neg())
        .add(Dd::from(
            stirling_delta(a) + stirling_delta(b) - stirling_delta(s.0),
        ))
        .add(log_sum)
}

/// xᵃ yᵇ / B(a, b) with its exponent a ln x + b ln y − ln B(a, b) summed in double-double:
/// rounded to double, the exponent errs by about ε·(|a ln x| + |b ln y| + |ln B|), 8e-14 near
/// p = 1e-300 or with df in the hundreds. Double-double costs about 10 µs a value in wasm (15×
/// the double path), so it is used only where those terms exceed [`DD_ABOVE`] (and the front
/// does not underflow). `(ln_x, ln_y, ln_b)` are the double logarithms; `ln_xy` gives ln x and
/// ln y as double-doubles.
pub(crate) fn front_dd(
    (a, b): (f64, f64),
    (ln_x, ln_y, ln_b): (f64, f64, f64),
    ln_xy: impl FnOnce() -> (Dd, Dd),
) -> f64 {
    let rough = a * ln_x + b * ln_y - ln_b;
    let size = (a * ln_x).abs() + (b * ln_y).abs() + ln_b.abs();
    if rough.is_nan() || rough <= -760.0 || size <= DD_ABOVE {
        return rough.exp();
    }
    let (ln_x, ln_y) = ln_xy();
    dd::exp_value(
        ln_x.scale(a)
            .add(ln_y.scale(b))
            .add(ln_beta_dd_cached(a, b).neg()),
    )
}

thread_local! {
    /// The last (a, b) and its ln B: a bulk F evaluation has one (a, b) for every value.
    static LAST_LN_BETA: std::cell::Cell<(f64, f64, Dd)> =
        const { std::cell::Cell::new((f64::NAN, f64::NAN, Dd(0.0, 0.0))) };
}

/// [`ln_beta_dd`] remembering the last arguments (four double-double logarithms saved).
fn ln_beta_dd_cached(a: f64, b: f64) -> Dd {
    LAST_LN_BETA.with(|last| {
        let (la, lb, v) = last.get();
        if la == a && lb == b {
            return v;
        }
        let v = ln_beta_dd(a, b);
        last.set((a, b, v));
        v
    })
}

/// Exponents whose terms sum (in magnitude) to at most this are formed in double: the rounding
/// then costs at most a few ε·10, below 1e-14 (measured in `tests/stats_distribution.rs`).
pub(crate) const DD_ABOVE: f64 = 10.0;

/// xᵃ yᵇ / B(a, b) from ln x, ln y and ln B(a, b) (−∞ logarithms give 0).
pub(crate) fn front((a, b): (f64, f64), (ln_x, ln_y): (f64, f64), ln_b: f64) -> f64 {
    if ln_x == f64::NEG_INFINITY || ln_y == f64::NEG_INFINITY {
        return 0.0;
    }
    (a * ln_x + b * ln_y - ln_b).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_beta_matches_closed_forms() {
        // B(1, 1) = 1, B(2, 3) = 1/12, B(1/2, 1/2) = π, B(5, 1/2) = 256/315.
        // Absolute error a few 1e-16: a relative error of the same size in Iₓ.
        assert!(ln_beta(1.0, 1.0).abs() < 4e-15);
        assert!((ln_beta(2.0, 3.0) - (1.0_f64 / 12.0).ln()).abs() < 4e-15);
        assert!((ln_beta(0.5, 0.5) - std::f64::consts::PI.ln()).abs() < 4e-15);
        assert!((ln_beta(5.0, 0.5) - (256.0_f64 / 315.0).ln()).abs() < 4e-15);
    }

    #[test]
    fn ln_beta_survives_extreme_arguments() {
        // B(a, b) ≈ 1/a for tiny a.
        assert!((ln_beta(1e-300, 1.0) - 300.0 * 10f64.ln()).abs() < 1e-12);
        assert!(ln_beta(1e8, 0.5).is_finite());
    }

    #[test]
    fn tails_of_a_uniform_are_x_and_one_minus_x() {
        let f = front((1.0, 1.0), (0.3f64.ln(), 0.7f64.ln()), 0.0);
        let (lo, hi) = beta_reg_tails((1.0, 1.0), (0.3, 0.7), f);
        assert!((lo - 0.3).abs() < 1e-15 && (hi - 0.7).abs() < 1e-15);
        let f = front((2.0, 3.0), (f64::NEG_INFINITY, 0.0), ln_beta(2.0, 3.0));
        assert_eq!(beta_reg_tails((2.0, 3.0), (0.0, 1.0), f), (0.0, 1.0));
        let f = front((2.0, 3.0), (0.0, f64::NEG_INFINITY), ln_beta(2.0, 3.0));
        assert_eq!(beta_reg_tails((2.0, 3.0), (1.0, 0.0), f), (1.0, 0.0));
    }
}
