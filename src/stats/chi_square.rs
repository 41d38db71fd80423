//! The chi-square distribution: both tails accurate in relative terms, and the quantile, from
//! the regularized incomplete gamma ratios P(a, x) and Q(a, x) = 1 − P(a, x).
//!
//! P(X² ≤ x; ν) = P(ν/2, x/2). The front factor xᵃ e⁻ˣ / Γ(a) is formed as
//! exp(−a φ((x − a)/a)) √(a/2π) e^{−δ(a)} with φ(u) = u − ln(1 + u) computed without
//! cancellation and δ Stirling's remainder, so large a does not cost digits in a difference of
//! large logarithms (the remaining error grows like a φ · 1e-16, i.e. about 1e-13 relative
//! where the tail is near 1e-300). The series of P is summed when x < a + 1, Legendre's
//! continued fraction of Q otherwise (Numerical Recipes §6.2); the other tail is 1 minus it.
//!
//! # References
//! Press, W. H. et al. (2007). *Numerical Recipes*, 3rd ed., §6.2 (`gser`, `gcf`).
//! Temme, N. M. (1994). A set of algorithms for the incomplete gamma functions. *Probability in
//! the Engineering and Informational Sciences* 8, 291–307 (the φ form of the front factor).

use crate::error::{Code, Error, Result};
use crate::stats::double_double::{self as dd, Dd};
use crate::stats::incomplete_beta::{stirling_delta, DD_ABOVE};
use crate::stats::student_t::newton;

/// ln √(2π).
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;
/// ln √(2π) − [`LN_SQRT_2PI`] (mpmath, 50 digits).
const LN_SQRT_2PI_LO: f64 = -3.878_294_158_067_241_4e-17;

/// The largest degrees of freedom accepted: the series and continued fraction take about
/// 10 √(ν/2) terms near the centre, 0.2 ms per value at this bound.
pub const MAX_DF: f64 = 1e9;

/// Checks chi-square degrees of freedom: finite, above 0 and at most [`MAX_DF`].
pub(crate) fn check_df(df: f64) -> Result<f64> {
    if df.is_finite() && df > 0.0 && df <= MAX_DF {
        Ok(df)
    } else {
        Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "chi-square degrees of freedom must be above 0 and at most 1e9, got {df}",
                df = crate::error::num(df)
            ),
        )
        .with("name", "df")
        .with("value", df)
        .with("max", MAX_DF))
    }
}

/// φ(u) = u − ln(1 + u) ≥ 0 for u = (x − a)/a, given x and a (both > 0), without cancellation.
fn phi(x: f64, a: f64) -> f64 {
    let u = (x - a) / a;
    if u.abs() < 0.5 {
        // ln(1 + u) = 2 atanh(v), v = u/(2 + u); u − 2v = u v; φ = u v − 2 Σ v^(2k+1)/(2k+1).
        let v = u / (2.0 + u);
        let v2 = v * v;
        let mut power = v * v2;
        let mut sum = 0.0;
        let mut k = 3.0;
        while power.abs() > 1e-18 * (u * v).abs() {
            sum += power / k;
            power *= v2;
            k += 2.0;
        }
        u * v - 2.0 * sum
    } else if u > 0.0 {
        // u carries one rounding: φ errs by about ε u²/(1 + u), ε u at most.
        u - u.ln_1p()
    } else {
        let ratio = x / a;
        if ratio >= f64::MIN_POSITIVE {
            u - ratio.ln()
        } else {
            u - (x.ln() - a.ln())
        }
    }
}

/// ln(xᵃ e⁻ˣ / Γ(a)) for a, x > 0.
fn ln_front(a: f64, x: f64) -> f64 {
    if a >= 10.0 {
        return -a * phi(x, a) + 0.5 * a.ln() - LN_SQRT_2PI - stirling_delta(a);
    }
    ln_power_over_gamma(a, x) - x
}

/// ln(xᵃ / Γ(a)) for 0 < a < 10, x > 0.
fn ln_power_over_gamma(a: f64, x: f64) -> f64 {
    // Γ(a) = Γ(A) / (a (a + 1) ⋯ (A − 1)) with A ≥ 10.
    let (mut big, mut product) = (a, 1.0);
    while big < 10.0 {
        product *= big;
        big += 1.0;
    }
    let ln_gamma_big = (big - 0.5) * big.ln() - big + LN_SQRT_2PI + stirling_delta(big);
    a * x.ln() - ln_gamma_big + product.ln()
}

/// xᵃ e⁻ˣ / Γ(a) for a, x > 0, its exponent a ln x − x − ln Γ(a) summed in double-double
/// ([`dd`]): rounded to double, an exponent near −700 alone costs ε·700 ≈ 8e-14 relative, and
/// the terms (each up to a·ln x) cancel. Fronts below e⁻⁷⁶⁰ underflow anyway: for them, the
/// double exponent.
fn front(a: f64, x: f64) -> f64 {
    let rough = ln_front(a, x);
    // ln Γ(a) = ln Γ(A) − ln(a (a + 1) ⋯ (A − 1)), A ≥ 10, Stirling's series for ln Γ(A).
    let (mut big, mut product) = (a, 1.0);
    while big < 10.0 {
        product *= big;
        big += 1.0;
    }
    if rough < -760.0 {
        return rough.exp();
    }
    // the double exponent errs by about ε·(its terms' size): small enough below DD_ABOVE
    // (for a < 10 and x < 700, e⁻ˣ is its own factor and ln Γ(a) is about ln Γ(10) ≈ 13)
    let size = if a >= 10.0 {
        -rough
    } else if x < 700.0 {
        (a * x.ln()).abs()
    } else {
        x
    };
    if size <= DD_ABOVE {
        // e⁻ˣ apart for small a
        return if a < 10.0 && x < 700.0 {
            (-x).exp() * ln_power_over_gamma(a, x).exp()
        } else {
            rough.exp()
        };
    }
    let ln_gamma = dd::ln(big)
        .scale(big - 0.5)
        .add(Dd::from(-big))
        .add(Dd(LN_SQRT_2PI, LN_SQRT_2PI_LO))
        .add(Dd::from(stirling_delta(big)))
        .add(dd::ln(product).neg());
    let y = dd::ln(x).scale(a).add(Dd::from(-x)).add(ln_gamma.neg());
    dd::exp_value(y)
}

/// `(P(a, x), Q(a, x))`, the regularized lower and upper incomplete gamma ratios, for a > 0
/// and x ≥ 0 (x = ∞ gives (1, 0)); the smaller one (or both, when near ½) to about 1e-14
/// relative error.
pub(crate) fn gamma_tails(a: f64, x: f64) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if x == f64::INFINITY {
        return (1.0, 0.0);
    }
    let front = front(a, x);
    if front == 0.0 {
        return if x < a { (0.0, 1.0) } else { (1.0, 0.0) };
    }
    let limit = 10.0 * a.sqrt() + 2000.0;
    if x < a + 1.0 {
        // P = front Σ xⁿ / (a (a + 1) ⋯ (a + n)).
        let (mut term, mut sum, mut n) = (1.0 / a, 1.0 / a, 0.0);
        while n < limit {
            n += 1.0;
            term *= x / (a + n);
            sum += term;
            if term < sum * 1e-17 {
                break;
            }
        }
        let lower = (front * sum).min(1.0);
        if lower > 0.5 && x < 1.0 && a < 0.5 {
            // 1 − P would cancel (Q ≈ 5e-4 at a = 5e-4, x = 0.25 lost 3.7e-12)
            let upper = upper_small_a(a, x);
            return (1.0 - upper, upper);
        }
        if lower <= 0.5 || x < 1.0 {
            return (lower, 1.0 - lower);
        }
        // 1 − P would lose the digits of a small Q: the continued fraction converges here.
        let upper = (front * upper_fraction(a, x, limit)).min(1.0);
        (1.0 - upper, upper)
    } else {
        let upper = (front * upper_fraction(a, x, limit)).min(1.0);
        (1.0 - upper, upper)
    }
}

/// (ζ(k) − 1)/k for k = 2, 3, …, 31 (mpmath, 40 digits): ln Γ(1 + a) = −ln(1 + a) + (1 − γ)a
/// + Σ (−a)ᵏ (ζ(k) − 1)/k, for |a| < 1; 30 terms reach 1e-17 at a = 0.5.
const LGAMMA1P: [f64; 30] = [
    0.322_467_033_424_113_2,
    0.067_352_301_053_198_1,
    0.020_580_808_427_784_546,
    0.007_385_551_028_673_986,
    0.002_890_510_330_741_523_4,
    0.001_192_753_911_703_261,
    0.000_509_669_524_743_042_5,
    0.000_223_154_758_453_579_39,
    9.945_751_278_180_853e-5,
    4.492_623_673_813_314e-5,
    2.050_721_277_567_069e-5,
    9.439_488_275_268_397e-6,
    4.374_866_789_907_488e-6,
    2.039_215_753_801_366e-6,
    9.551_412_130_407_42e-7,
    4.492_469_198_764_566e-7,
    2.120_718_480_555_466_5e-7,
    1.004_322_482_396_809_9e-7,
    4.769_810_169_363_980_4e-8,
    2.271_109_460_894_316_4e-8,
    1.083_865_921_489_695_5e-8,
    5.183_475_041_970_047e-9,
    2.483_674_543_802_478_5e-9,
    1.192_140_140_586_091_2e-9,
    5.731_367_241_678_862e-10,
    2.759_522_885_124_233_4e-10,
    1.330_476_437_424_449e-10,
    6.422_964_563_838_1e-11,
    3.104_424_774_732_227_6e-11,
    1.502_138_408_075_414_2e-11,
];

/// ln Γ(1 + a) for 0 < a < 0.5, to a few ulps relative (the series above).
fn ln_gamma_1p(a: f64) -> f64 {
    let series = LGAMMA1P.iter().rev().fold(0.0, |acc, c| c - a * acc);
    -a.ln_1p() + a * (0.422_784_335_098_467_13 + a * series)
}

/// Q(a, x) for a < 0.5 and x < 1, where P is near 1, without forming 1 − P (the form of
/// DiDonato & Morris 1986, §3): with u = xᵃ/Γ(1 + a) and S = Σₙ₌₁ (−x)ⁿ/(n!(a + n)) < 0,
/// Q = (1 − u) − u a S = −expm1(a ln x − ln Γ(1 + a)) − u a S, a sum of two positive terms.
fn upper_small_a(a: f64, x: f64) -> f64 {
    let e = a * x.ln() - ln_gamma_1p(a);
    let (mut term, mut sum, mut n) = (1.0, 0.0, 0.0);
    while n < 100.0 {
        n += 1.0;
        term *= -x / n;
        let t = term / (a + n);
        sum += t;
        if t.abs() <= 1e-17 * sum.abs() {
            break;
        }
    }
    -e.exp_m1() - e.exp() * a * sum
}

/// Legendre's continued fraction Q(a, x) / front (Lentz's method), at most `limit` terms.
fn upper_fraction(a: f64, x: f64, limit: f64) -> f64 {
    // Q = front / (x + 1 − a − 1(1 − a)/(x + 3 − a − 2(2 − a)/(x + 5 − a − ⋯))), Lentz.
    let tiny = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    let mut i = 0.0;
    while i < limit {
        i += 1.0;
        let an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// `(P(X² ≤ x), P(X² > x))` with `df` degrees of freedom; x ≤ 0 gives (0, 1), x = ∞ (1, 0).
/// The caller checks df ([`check_df`]) and that x is not NaN.
pub(crate) fn tails(x: f64, df: f64) -> (f64, f64) {
    gamma_tails(0.5 * df, 0.5 * x)
}

/// The chi-square quantile: the x with P(X² ≤ x) = `p` (or P(X² > x) = `p` when `upper`),
/// for p strictly inside (0, 1), by Newton's method on ln x (relative error about 1e-14); 0
/// when the quantile is below the smallest double (tiny p with df below 1).
/// The caller checks p and df.
///
/// # Formula
/// ```text
/// start: Wilson–Hilferty x₀ = ν (1 − 2/(9ν) + z √(2/(9ν)))³, or the small-x tail
///        x₀ = 2 (p a Γ(a))^(1/a) when that is below;  a = ν/2
/// d P / d ln x = (x/2)ᵃ e^(−x/2) / Γ(a)
/// ```
pub(crate) fn quantile(p: f64, df: f64, upper: bool) -> f64 {
    if p > 0.5 {
        // Solve on the other tail, whose probability 1 − p is exact (Sterbenz): ln P near 0
        // would hide the digits of a small 1 − P.
        return quantile(1.0 - p, df, !upper);
    }
    let a = 0.5 * df;
    let z = crate::stats::normal::quantile(p);
    let z = if upper { -z } else { z };
    let k = 2.0 / (9.0 * df);
    let wh = df * (1.0 - k + z * k.sqrt()).max(0.01).powi(3);
    // P(a, x/2) ≈ (x/2)ᵃ / Γ(a + 1) for small x.
    let ln_small = std::f64::consts::LN_2 + (p.ln() + ln_gamma_plus_one(a)) / a;
    if !upper && ln_small < -745.0 {
        // Below the smallest double (the small-x form is exact to many digits there).
        return 0.0;
    }
    let small = ln_small.exp();
    let start = if !upper && p < 0.5 && small < wh {
        small
    } else {
        wh
    };
    let target = p.ln();
    // g(ln x), increasing, with its derivative.
    let g = |x: f64| {
        let (lo, hi) = tails(x, df);
        let slope = front(a, 0.5 * x);
        if upper {
            // −ln Q is increasing in x.
            (target - hi.ln(), slope / hi)
        } else {
            (lo.ln() - target, slope / lo)
        }
    };
    let mut x = newton(start.ln(), f64::NEG_INFINITY, f64::INFINITY, |u| g(u.exp())).exp();
    // An ulp of ln x is several ulps of x, and ln P rounds to ε·|ln P| (8e-14 relative near
    // 1e-300): finish with Newton steps on x itself, on P − p (dP/d ln x = the front).
    for _ in 0..3 {
        let (lo, hi) = tails(x, df);
        let slope = front(a, 0.5 * x);
        let step = if upper { p - hi } else { lo - p } / slope * x;
        if !(step.is_finite() && step.abs() < 1e-10 * x) {
            break;
        }
        x -= step;
        if step.abs() <= f64::EPSILON * x {
            break;
        }
    }
    x
}

/// ln Γ(a + 1) for a > 0.
fn ln_gamma_plus_one(a: f64) -> f64 {
    // ln Γ(a + 1) = a ln x − x − ln front(a, x) + ln a at x = 1 … use the front directly.
    -ln_front(a, 1.0) - 1.0 + a.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        // ν = 2: P(X² > x) = e^(−x/2).
        for x in [1e-10, 0.5, 2.0, 30.0, 1000.0] {
            let (lo, hi) = tails(x, 2.0);
            assert!((hi / (-0.5 * x).exp() - 1.0).abs() < 5e-15, "{x}: {hi}");
            assert!((lo / -(-0.5 * x).exp_m1() - 1.0).abs() < 5e-15, "{x}: {lo}");
        }
        assert_eq!(tails(0.0, 3.0), (0.0, 1.0));
        assert_eq!(tails(-1.0, 3.0), (0.0, 1.0));
        assert_eq!(tails(f64::INFINITY, 3.0), (1.0, 0.0));
        // Γ(a + 1) at a = 4: 24.
        assert!((ln_gamma_plus_one(4.0) - 24f64.ln()).abs() < 1e-14);
        assert!((ln_gamma_plus_one(0.5) - (0.5 * std::f64::consts::PI.sqrt()).ln()).abs() < 1e-14);
    }

    #[test]
    fn quantile_inverts_the_tails() {
        for df in [0.1, 1.0, 2.0, 5.5, 30.0, 1e3, 1e6] {
            for p in [1e-300, 1e-20, 1e-5, 0.05, 0.5, 0.9] {
                let x = quantile(p, df, false);
                if x == 0.0 {
                    assert!(df <= 1.0 && p <= 1e-20, "df {df} p {p}");
                    continue;
                }
                let back = tails(x, df).0;
                // One ulp of x moves a tail by about |ν/2 − x/2| ε relative.
                let ulp = 4e-16 * (x + df);
                assert!(
                    (back / p - 1.0).abs() < 1e-13 + ulp,
                    "df {df} p {p}: {x} {back}"
                );
                let x = quantile(p, df, true);
                let back = tails(x, df).1;
                assert!(
                    (back / p - 1.0).abs() < 1e-13 + 4e-16 * (x + df),
                    "df {df} upper {p}: {x} {back}"
                );
            }
        }
        assert!(check_df(0.0).is_err() && check_df(2e9).is_err() && check_df(f64::NAN).is_err());
    }
}
