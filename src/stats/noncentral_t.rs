//! The noncentral Student t distribution function, for the power of t-tests.
//!
//! Follows R's `pnt` (Lenth's AS 243 with the corrections R has accumulated), with the central
//! pieces — P(|T| < t) and ln B(½, df/2) — from the accurate [`crate::stats::student_t`].

use crate::error::{Code, Error, Result};
use crate::stats::student_t::{check_df, tails, TNorm};
use std::f64::consts::LN_2;

/// √(2/π).
const SQRT_2_OVER_PI: f64 = 0.797_884_560_802_865_4;

/// Standard normal distribution function Φ(x), for any x (±∞ included), to about 1e-15
/// relative error in both tails (R's `pnorm(x)`): the engine's one normal tail,
/// [`crate::stats::normal::upper_tail`].
pub(crate) fn phi(x: f64) -> f64 {
    crate::stats::normal::upper_tail(-x)
}

/// P(T ≤ t) (`lower = true`) or P(T > t) for the noncentral t with `df` degrees of freedom and
/// noncentrality `ncp`.
///
/// Accurate to about 1e-12 absolute (the series stops when its error bound is below 1e-12, as
/// R's); results below that are not meaningful in relative terms.
///
/// # Formula
/// ```text
/// t ≥ 0: P(T ≤ t) = Φ(−δ) + Σ_j [p_j I_x(j + ½, df/2) + q_j I_x(j + 1, df/2)],
///        x = t²/(t² + df), p_j = e^(−δ²/2) (δ²/2)^j / (2 j!), q_j = δ e^(−δ²/2) (δ²/2)^j / (√2 Γ(j + 3/2))
/// t < 0: P(T ≤ t) = 1 − P(T' ≤ −t) for T' with noncentrality −δ
/// df > 4·10⁵ or |δ| > 37.62: Abramowitz & Stegun 26.7.10, a normal approximation
/// ```
///
/// # Errors
/// [`Code::NotFinite`] for a NaN `t` or non-finite `ncp`; [`Code::ParameterOutOfRange`] for a
/// bad `df`.
///
/// # Examples
/// The power of a paired t-test with 20 pairs, effect 0.5 SD, α = 0.05 two-sided:
/// ```
/// use waterline::stats::{noncentral_t::noncentral_t_cdf, student_t::quantile};
/// let crit = -quantile(0.025, 19.0).unwrap();
/// let power = noncentral_t_cdf(crit, 19.0, 20f64.sqrt() * 0.5, false).unwrap();
/// assert!((power - 0.56448289667866192).abs() < 1e-12); // R: power.t.test(20, 0.5, type = "paired")$power
/// ```
///
/// # References
/// Lenth, R. V. (1989). Algorithm AS 243: Cumulative distribution function of the non-central
/// t distribution. *Applied Statistics* 38, 185–189. Matches R's `pt(t, df, ncp, lower.tail)`.
pub fn noncentral_t_cdf(t: f64, df: f64, ncp: f64, lower: bool) -> Result<f64> {
    if t.is_nan() {
        return Err(Error::new(Code::NotFinite, "t is NaN, not a number").with("value", t));
    }
    if !ncp.is_finite() {
        return Err(Error::new(
            Code::NotFinite,
            format!(
                "the noncentrality must be a finite number, got {ncp}",
                ncp = crate::error::num(ncp)
            ),
        )
        .with("ncp", ncp));
    }
    let df = check_df("df", df)?;
    if ncp == 0.0 {
        let upper = crate::stats::student_t::sf(t, df)?;
        return Ok(if lower {
            crate::stats::student_t::cdf(t, df)?
        } else {
            upper
        });
    }
    if t.is_infinite() {
        return Ok(if (t > 0.0) == lower { 1.0 } else { 0.0 });
    }
    let (tt, del, negdel) = if t >= 0.0 {
        (t, ncp, false)
    } else {
        // P(T ≤ t) ≤ Φ(−ncp): negligible far out.
        if ncp > 40.0 && !lower {
            return Ok(1.0);
        }
        if ncp > 40.0 {
            return Ok(0.0);
        }
        (-t, -ncp, true)
    };
    // The sum below gives P(T ≤ tt) for noncentrality del; flip back for t < 0.
    let lower_of_sum = lower != negdel;
    if df > 4e5 || del * del > 2.0 * LN_2 * 1021.0 {
        let s = 1.0 / (4.0 * df);
        let z = (tt * (1.0 - s) - del) / (1.0 + tt * tt * 2.0 * s).sqrt();
        return Ok(if lower_of_sum { phi(z) } else { phi(-z) });
    }
    let mut tnc = 0.0;
    if tt > 0.0 {
        let lambda = del * del;
        let mut p = 0.5 * (-0.5 * lambda).exp();
        if p == 0.0 {
            return Ok(if lower_of_sum { 0.0 } else { 1.0 });
        }
        let mut q = SQRT_2_OVER_PI * p * del;
        let mut s = 0.5 - p;
        if s < 1e-7 {
            s = -0.5 * (-0.5 * lambda).exp_m1();
        }
        let mut a = 0.5;
        let b = 0.5 * df;
        let t2 = tt * tt;
        if !t2.is_finite() {
            return Ok(if lower_of_sum { 1.0 } else { 0.0 });
        }
        // x = t²/(t² + df) and rxb = (df/(t² + df))^b, each without cancellation.
        let x = t2 / (t2 + df);
        let rxb = (df / (t2 + df)).powf(b);
        let norm = TNorm::new(df);
        let albeta = norm.ln_b;
        let mut xodd = tails(tt, &norm).1;
        let mut godd = 2.0 * rxb * (a * x.ln() - albeta).exp();
        let bx = b * x;
        let mut xeven = if bx < f64::EPSILON { bx } else { 1.0 - rxb };
        let mut geven = bx * rxb;
        tnc = p * xodd + q * xeven;
        for it in 1..=1000 {
            let it = f64::from(it);
            a += 1.0;
            xodd -= godd;
            xeven -= geven;
            godd *= x * (a + b - 1.0) / a;
            geven *= x * (a + b - 0.5) / (a + 0.5);
            p *= lambda / (2.0 * it);
            q *= lambda / (2.0 * it + 1.0);
            tnc += p * xodd + q * xeven;
            s -= p;
            if s < -1e-10 || (s <= 0.0 && it > 1.0) {
                break;
            }
            let bound = 2.0 * s * (xodd - godd);
            if bound.abs() < 1e-12 {
                break;
            }
        }
    }
    tnc += phi(-del);
    let tnc = tnc.clamp(0.0, 1.0);
    Ok(if lower_of_sum { tnc } else { 1.0 - tnc })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_noncentrality_is_the_central_t() {
        let c = noncentral_t_cdf(1.3, 7.0, 0.0, true).unwrap();
        assert_eq!(c, crate::stats::student_t::cdf(1.3, 7.0).unwrap());
    }

    #[test]
    fn tails_add_to_one_and_limits_hold() {
        for (t, df, ncp) in [
            (2.0, 10.0, 1.5),
            (-1.0, 3.5, 0.7),
            (0.0, 5.0, -2.0),
            (3.0, 1e6, 2.0),
        ] {
            let lo = noncentral_t_cdf(t, df, ncp, true).unwrap();
            let hi = noncentral_t_cdf(t, df, ncp, false).unwrap();
            assert!((lo + hi - 1.0).abs() < 1e-14, "{t} {df} {ncp}");
        }
        assert_eq!(
            noncentral_t_cdf(f64::INFINITY, 5.0, 1.0, true).unwrap(),
            1.0
        );
        assert_eq!(
            noncentral_t_cdf(f64::NEG_INFINITY, 5.0, 1.0, true).unwrap(),
            0.0
        );
        // P(T ≤ 0) = Φ(−ncp).
        let at0 = noncentral_t_cdf(0.0, 5.0, 1.0, true).unwrap();
        assert!((at0 - phi(-1.0)).abs() < 1e-15);
    }

    #[test]
    fn phi_matches_r_pnorm() {
        // Fixture from `Rscript tests/data/scale_power.R`; phi is private, so it is read here.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/scale_pnorm.csv");
        let text = std::fs::read_to_string(path).unwrap();
        let rows: Vec<Vec<f64>> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
            .collect();
        assert!(rows.len() > 15);
        for r in rows {
            // 1e-13: erfc's argument x/√2 is rounded, which costs x²·1e-16 in relative terms.
            crate::stats::prec::assert_close(phi(r[0]), r[1], 1e-13);
        }
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert_eq!(
            noncentral_t_cdf(f64::NAN, 5.0, 1.0, true).unwrap_err().code,
            Code::NotFinite
        );
        assert_eq!(
            noncentral_t_cdf(1.0, 5.0, f64::NAN, true).unwrap_err().code,
            Code::NotFinite
        );
        assert_eq!(
            noncentral_t_cdf(1.0, 0.0, 1.0, true).unwrap_err().code,
            Code::ParameterOutOfRange
        );
    }
}
