//! The machinery shared by the power designs: checked options, normal-approximation designs,
//! rounding a sample size up, and Brent's root finder.

use super::{Alternative, Power, PowerOptions, SampleSize};
use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::dist::normal_quantile;
use crate::stats::method::Method;
use crate::stats::noncentral_t::{noncentral_t_cdf, phi};
use crate::stats::student_t::quantile as t_quantile;

/// Largest n the sample-size search considers.
pub(super) const MAX_N: f64 = 1e15; // its messages say "1e15"

pub(super) fn out_of_range(name: &str, value: f64, rule: &str) -> Error {
    Error::new(
        Code::ParameterOutOfRange,
        format!(
            "{name} must be {rule}, got {value}",
            value = crate::error::num(value)
        ),
    )
    .with("name", name)
    .with("value", value)
}

pub(super) fn probability(name: &str, value: f64, closed: bool) -> Result<f64> {
    let ok = if closed {
        (0.0..=1.0).contains(&value)
    } else {
        value > 0.0 && value < 1.0
    };
    if ok {
        Ok(value)
    } else {
        let rule = if closed {
            "between 0 and 1"
        } else {
            "strictly between 0 and 1"
        };
        Err(Error::new(
            Code::ProbabilityOutOfRange,
            format!(
                "{name} must be {rule}, got {value}",
                value = crate::error::num(value)
            ),
        )
        .with("name", name)
        .with("value", value))
    }
}

/// Checked options: α, the number of tails and whether `strict` applies.
pub(super) struct Test {
    pub(super) alpha: f64,
    pub(super) tails: f64,
    pub(super) strict: bool,
    pub(super) alternative: Alternative,
}

impl Test {
    pub(super) fn new(options: &PowerOptions) -> Result<Test> {
        let alpha = probability("alpha", options.alpha, false)?;
        let two = options.alternative == Alternative::TwoSided;
        Ok(Test {
            alpha,
            tails: if two { 2.0 } else { 1.0 },
            strict: options.strict && two,
            alternative: options.alternative,
        })
    }

    /// The upper critical normal value z with P(Z > z) = α / tails.
    pub(super) fn z(&self) -> Result<f64> {
        Ok(-normal_quantile(self.alpha / self.tails)?)
    }

    /// Power of a t-test with `nu` degrees of freedom whose statistic follows the noncentral t
    /// with noncentrality `ncp` under the alternative (R's `power.t.test`): P(T' > t crit), plus
    /// the lower tail P(T' < −t crit) when strict. Shared by the paired and two-sample designs.
    pub(super) fn noncentral_t_power(&self, nu: f64, ncp: f64) -> f64 {
        // A critical value beyond f64 (tiny nu) rejects nothing.
        let crit = t_quantile(self.alpha / self.tails, nu)
            .map(|q| -q)
            .unwrap_or(f64::INFINITY);
        let upper = noncentral_t_cdf(crit, nu, ncp, false).unwrap_or(0.0);
        if self.strict {
            upper + noncentral_t_cdf(-crit, nu, ncp, true).unwrap_or(0.0)
        } else {
            upper
        }
    }

    pub(super) fn power(&self, method: Method, unit: &'static str, n: f64, power: f64) -> Power {
        Power {
            method,
            unit,
            n,
            power,
            alpha: self.alpha,
            alternative: self.alternative,
            strict: self.strict,
        }
    }
}

/// A test whose statistic is approximately normal: with n units, the power is
/// Φ((√n d − z σ₀)/σ₁) (+ Φ((−√n d − z σ₀)/σ₁) when strict).
pub(super) struct NormalDesign {
    pub(super) d: f64,
    pub(super) null_sd: f64,
    pub(super) alt_sd: f64,
}

impl NormalDesign {
    pub(super) fn power(&self, n: f64, z: f64, strict: bool) -> f64 {
        let shift = n.sqrt() * self.d;
        let main = phi((shift - z * self.null_sd) / self.alt_sd);
        if strict {
            main + phi((-shift - z * self.null_sd) / self.alt_sd)
        } else {
            main
        }
    }

    pub(super) fn sample_size(
        &self,
        method: Method,
        unit: &'static str,
        target: f64,
        test: &Test,
    ) -> Result<SampleSize> {
        let z = test.z()?;
        let floor = self.power(0.0, z, test.strict);
        if target <= floor {
            return Err(Error::new(
                Code::ParameterOutOfRange,
                format!(
                    "a power of {target} is reached without any data ({floor}): ask for more",
                    target = crate::error::num(target),
                    floor = crate::error::num(floor)
                ),
            )
            .with("power", target)
            .with("minimum", floor));
        }
        let n_exact = if test.strict {
            solve(|n| self.power(n, z, true) - target, 0.0, MAX_N)?
        } else {
            let zb = normal_quantile(target)?;
            let root = (z * self.null_sd + zb * self.alt_sd) / self.d;
            root * root
        };
        finish(method, unit, n_exact, 1.0, target, test, |n| {
            self.power(n, z, test.strict)
        })
    }
}

/// Packs a sample size: rounds up (to at least `min_n`) and reports the power reached.
pub(super) fn finish(
    method: Method,
    unit: &'static str,
    n_exact: f64,
    min_n: f64,
    target: f64,
    test: &Test,
    power: impl Fn(f64) -> f64,
) -> Result<SampleSize> {
    if !(n_exact.is_finite() && n_exact <= MAX_N) {
        return Err(Error::new(
            Code::TooLarge,
            "the design needs more than 1e15 units: the difference is too small to detect",
        )
        .with("nExact", n_exact));
    }
    let mut warnings = Vec::new();
    if n_exact < min_n {
        warnings.push(
            Note::warning(NoteCode::PowerBelowMinimum)
                .with("min", min_n)
                .with("unit", unit)
                .with("nExact", n_exact),
        );
    }
    let n = n_exact.ceil().max(min_n);
    Ok(SampleSize {
        method,
        unit,
        n: n as u64,
        n_exact,
        power: target,
        achieved_power: power(n),
        alpha: test.alpha,
        alternative: test.alternative,
        strict: test.strict,
        warnings,
    })
}

/// Brent's method for an increasing `f` with f(lo) < 0, extending `hi` by factors of 100 up
/// to [`MAX_N`] until f(hi) ≥ 0; n to about 1e-13 relative.
pub(super) fn solve(f: impl Fn(f64) -> f64, lo: f64, hi: f64) -> Result<f64> {
    let (mut a, mut b) = (lo, hi.min(MAX_N));
    let (mut fa, mut fb) = (f(a), f(b));
    while fb < 0.0 && b < MAX_N {
        (a, fa) = (b, fb);
        b = (b * 100.0).min(MAX_N);
        fb = f(b);
    }
    if fb < 0.0 {
        return Err(Error::new(
            Code::TooLarge,
            "the target power needs more than 1e15 units: the difference is too small to detect",
        ));
    }
    if fa >= 0.0 {
        return Ok(a);
    }
    let (mut c, mut fc) = (a, fa);
    let (mut d, mut e) = (b - a, b - a);
    for _ in 0..300 {
        if (fb > 0.0) == (fc > 0.0) {
            (c, fc) = (a, fa);
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            (a, fa) = (b, fb);
            (b, fb) = (c, fc);
            (c, fc) = (a, fa);
        }
        let tol = 4.0 * f64::EPSILON * b.abs() + 1e-300;
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            break;
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * m * s, 1.0 - s)
            } else {
                let (q0, r) = (fa / fc, fb / fc);
                (
                    s * (2.0 * m * q0 * (q0 - r) - (b - a) * (r - 1.0)),
                    (q0 - 1.0) * (r - 1.0) * (s - 1.0),
                )
            };
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        (a, fa) = (b, fb);
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b);
    }
    Ok(b)
}
