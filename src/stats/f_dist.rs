//! The F distribution's quantile, for the Feldt interval of Cronbach's alpha: Newton's method
//! on the regularized incomplete beta function of [`crate::stats::incomplete_beta`].

use crate::error::{Code, Error, Result};
use crate::stats::double_double::{self as dd, Dd};
use crate::stats::incomplete_beta::{beta_reg_tails, front, front_dd, ln_beta};
use crate::stats::student_t::{check_df, newton};

/// The quantile of the F distribution with `df1` and `df2` degrees of freedom: the f with
/// P(F ≤ f) = `p`.
///
/// # Formula
/// ```text
/// P(F ≤ f) = I_x(df1/2, df2/2),  x = df1 f / (df1 f + df2); solved for ln f by Newton's method
/// ```
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] when `p ∉ (0, 1)`; [`Code::ParameterOutOfRange`] for bad
/// degrees of freedom.
///
/// # Examples
/// ```
/// let f = waterline::stats::student_t::f_quantile(0.975, 112.0, 224.0).unwrap();
/// assert!((f - 1.3680027515956148).abs() < 1e-12); // R: qf(0.975, 112, 224)
/// ```
///
/// # References
/// Matches R's `qf(p, df1, df2)`.
pub fn f_quantile(p: f64, df1: f64, df2: f64) -> Result<f64> {
    if !(p.is_finite() && p > 0.0 && p < 1.0) {
        return Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!(
                "a probability strictly between 0 and 1 is required, got {p}",
                p = crate::error::num(p)
            ),
        )
        .with("p", p));
    }
    let df1 = check_df("df1", df1)?;
    let df2 = check_df("df2", df2)?;
    let (a, b) = (0.5 * df1, 0.5 * df2);
    let ln_b = ln_beta(a, b);
    let lower_side = p <= 0.5;
    let target = if lower_side { p.ln() } else { (-p).ln_1p() };
    let u = newton(0.0, f64::NEG_INFINITY, f64::INFINITY, |u| {
        let (ln_x, ln_y) = log_xy(u + (df1 / df2).ln());
        // d I / d ln f = xᵃ yᵇ / B(a, b).
        let slope = front((a, b), (ln_x, ln_y), ln_b);
        let (lower, upper) = beta_reg_tails((a, b), (ln_x.exp(), ln_y.exp()), slope);
        if lower_side {
            (lower.ln() - target, slope / lower)
        } else {
            (target - upper.ln(), slope / upper)
        }
    });
    Ok(u.exp())
}

/// `(ln x, ln y)` for x = df1 f / (df1 f + df2), y = 1 − x, from z = ln(df1 f / df2), without
/// cancellation.
fn log_xy(z: f64) -> (f64, f64) {
    if z <= 0.0 {
        let l = z.exp().ln_1p();
        (z - l, -l)
    } else {
        let l = (-z).exp().ln_1p();
        (-l, -z - l)
    }
}

/// `(P(F ≤ f), P(F > f))` with `df1` and `df2` degrees of freedom (checked by the caller), each
/// to about 1e-14 relative error where it is the smaller tail; f ≤ 0 gives (0, 1), f = ∞ (1, 0).
///
/// # Formula
/// ```text
/// P(F ≤ f) = I_x(df1/2, df2/2),  x = df1 f / (df1 f + df2)   (x and 1 − x from logarithms)
/// ```
pub(crate) fn tails(f: f64, df1: f64, df2: f64) -> (f64, f64) {
    if f <= 0.0 {
        return (0.0, 1.0);
    }
    if f == f64::INFINITY {
        return (1.0, 0.0);
    }
    let (a, b) = (0.5 * df1, 0.5 * df2);
    let z = f.ln() + df1.ln() - df2.ln();
    let (ln_x, ln_y) = log_xy(z);
    // w = df1 f / df2 in double-double; x = w/(1 + w), y = 1/(1 + w)
    let w = dd::two_prod(df1, f).div(df2);
    let front = if w.0 > 1e-290 && w.0 < 1e290 {
        let ln_xy = || {
            let ln_1pw = dd::ln_dd(dd::two_sum(1.0, w.0).add(Dd::from(w.1)));
            (dd::ln_dd(w).add(ln_1pw.neg()), ln_1pw.neg())
        };
        front_dd((a, b), (ln_x, ln_y, ln_beta(a, b)), ln_xy)
    } else {
        front((a, b), (ln_x, ln_y), ln_beta(a, b))
    };
    beta_reg_tails((a, b), (ln_x.exp(), ln_y.exp()), front)
}

/// The upper quantile of F: the f with P(F > f) = `p`, through 1/F(df1, df2) ~ F(df2, df1).
///
/// # Errors
/// As [`f_quantile`].
pub fn f_upper_quantile(p: f64, df1: f64, df2: f64) -> Result<f64> {
    Ok(1.0 / f_quantile(p, df2, df1)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::student_t::quantile;

    #[test]
    fn f_quantile_inverts_through_the_t_square() {
        // F(1, df) = T², so qf(1 − 2p, 1, df) = qt(1 − p, df)².
        let q = quantile(0.975, 12.0).unwrap();
        let f = f_quantile(0.95, 1.0, 12.0).unwrap();
        assert!(((f - q * q) / f).abs() < 1e-12, "{f} vs {}", q * q);
        assert_eq!(
            f_quantile(0.5, 3.0, 0.0).unwrap_err().code,
            Code::ParameterOutOfRange
        );
    }
}
