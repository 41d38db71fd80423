//! Student's t tails for many degrees of freedom, where the continued fraction of the
//! incomplete beta function needs ever more terms and loses digits (5e-11 at df = 10⁶, a p of
//! 1 instead of 1.5e-23 at t = 10, df = 10²⁰, NaN at df = 10³⁰⁸).
//!
//! The tail P(|T| ≥ s) = I_x(df/2, ½) goes through DiDonato & Morris's asymptotic expansion of
//! I_x(a, b) for large a and b ≤ 1 (`BGRAT` of TOMS 708, the algorithm behind R's `pbeta`) in
//! terms of the incomplete gamma ratio Q(½, z) = erfc(√z), computed with Cody's erfc
//! ([`crate::stats::normal`]). As df → ∞, z → s²/2 and the tail becomes the normal tail
//! erfc(s/√2); from df = 10³⁰ on it *is* the normal tail to double precision (the difference
//! is of order s⁴/df, below 1e-22 wherever the tail is representable), and is computed as such.
//!
//! # References
//! DiDonato, A. R. & Morris, A. H. (1992). Algorithm 708: Significant digit computation of the
//! incomplete beta function ratios. *ACM TOMS* 18, 360–373 (`BGRAT`, equations 9.1–9.3).

use crate::stats::incomplete_beta::stirling_delta;
use crate::stats::normal;

/// From this many degrees of freedom on, the tail beyond the centre is computed here.
/// Measured against mpmath (`tests/data/t_tail_any_df.csv`): the continued fraction is within
/// 1e-13 up to df = 10³ and the expansion within 1e-14 from df = 30 on.
pub(crate) const FROM_DF: f64 = 1000.0;

/// From this many degrees of freedom on, Student's t is the standard normal to double
/// precision.
const NORMAL_FROM_DF: f64 = 1e30;

/// Most terms of the expansion (TOMS 708 uses 30; from df = 10³ on it needs fewer than 10).
const TERMS: usize = 30;

/// √π.
const SQRT_PI: f64 = 1.772_453_850_905_516;

/// `(P(|T| ≥ s), P(|T| < s))` for s > 0 (finite) and df ≥ [`FROM_DF`], or `None` where the
/// caller's continued fraction is the better tool: near the centre (s ≤ `central_below`, where
/// the central part is computed directly) and far out (y = s²/(df + s²) > ¼, where the
/// expansion does not apply) unless the tail is known to underflow there.
pub(crate) fn tails(s: f64, df: f64, central_below: f64) -> Option<(f64, f64)> {
    if df >= NORMAL_FROM_DF {
        let p = 2.0 * normal::upper_tail(s);
        let central = if p < 0.5 {
            1.0 - p
        } else {
            normal::erf(s * std::f64::consts::FRAC_1_SQRT_2)
        };
        return Some((p, central));
    }
    let q = s * s / df;
    if s <= central_below {
        return None;
    }
    if q > 1.0 / 3.0 || q.is_nan() {
        // The tail is below xᵃ √(a/π) (x = 1/(1 + q), a = df/2): 0 once that underflows.
        let a = 0.5 * df;
        let ln_bound = -a * q.ln_1p() + 0.5 * a.ln();
        return (ln_bound < -800.0).then_some((0.0, 1.0));
    }
    let p = two_sided(0.5 * df, -q.ln_1p());
    Some((p, 1.0 - p))
}

/// I_x(a, ½) for a ≥ 15 and ln x ∈ [−ln(4/3), 0): `BGRAT` with b = ½.
///
/// # Formula
/// ```text
/// ν = a − ¼,  z = −ν ln x,  Q(½, z) = erfc(√z),  r = √z e^{−z} / √π
/// I_x(a, ½) = Γ(a + ½) / (Γ(a) √ν) · r · (Q/r + Σₙ dₙ Jₙ)       (D&M 9.2–9.3, n ≤ 30)
/// ```
/// The factor Γ(a + ½)/(Γ(a) √ν) = 1 + O(a⁻²) is formed in logarithms from Stirling's series.
fn two_sided(a: f64, ln_x: f64) -> f64 {
    let (b, bm1) = (0.5, -0.5);
    let nu = a - 0.25;
    let z = -nu * ln_x;
    if z <= 0.0 {
        return 1.0;
    }
    let root = z.sqrt();
    let scaled = normal::erfcx(root);
    let base = scaled * (-z).exp();
    if base == 0.0 {
        return 0.0;
    }
    // Q(½, z)/r.
    let q_r = SQRT_PI * scaled / root;
    // ln[Γ(a + ½) / (Γ(a) √ν)] = −½ log1p(−1/(4a)) + (a log1p(1/(2a)) − ½) − δ(a) + δ(a + ½).
    let ln_ratio = -0.5 * (-0.25 / a).ln_1p() + (a * (0.5 / a).ln_1p() - 0.5) - stirling_delta(a)
        + stirling_delta(a + 0.5);
    let v = 0.25 / (nu * nu);
    let t2 = 0.25 * ln_x * ln_x;
    let (mut j, mut sum) = (q_r, q_r);
    let (mut t, mut cn, mut n2) = (1.0, 1.0, 0.0);
    let (mut c, mut d) = ([0.0; TERMS], [0.0; TERMS]);
    for n in 1..=TERMS {
        let bp2n = b + n2;
        j = (bp2n * (bp2n + 1.0) * j + (z + bp2n + 1.0) * t) * v;
        n2 += 2.0;
        t *= t2;
        cn /= n2 * (n2 + 1.0);
        c[n - 1] = cn;
        let mut s = 0.0;
        let mut coef = b - n as f64;
        for i in 1..n {
            s += coef * c[i - 1] * d[n - 1 - i];
            coef += b;
        }
        d[n - 1] = bm1 * cn + s / n as f64;
        let dj = d[n - 1] * j;
        sum += dj;
        if dj.abs() <= 1e-17 * sum {
            break;
        }
    }
    (ln_ratio.exp() * base * (sum / q_r)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_normal_limit_is_reached() {
        // t = 2: 2 P(Z > 2) = 0.0455002638963584144 (mpmath).
        let (p, c) = tails(2.0, 1e300, 2.3).unwrap();
        assert!((p / 0.045_500_263_896_358_41 - 1.0).abs() < 1e-15, "{p}");
        assert!((c - (1.0 - p)).abs() < 1e-16);
        let (p, c) = tails(1e-5, 1e300, 2.3).unwrap();
        // erf(s/√2) = 2φ(0) s (1 − s²/6 + …).
        let exact = 0.797_884_560_802_865_4 * 1e-5 * (1.0 - 1e-10 / 6.0);
        assert!((c / exact - 1.0).abs() < 1e-15, "{c}");
        assert!(p < 1.0);
    }
}
