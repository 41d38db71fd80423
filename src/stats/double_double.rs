//! Double-double arithmetic (a value as an unevaluated sum hi + lo of two doubles, about 30
//! significant digits), just enough to form the exponent of a far tail probability.
//!
//! A tail p = exp(y) with y ≈ −700 is only as accurate, relatively, as y is absolutely: a y
//! rounded to double (ε·|y| ≈ 8e-14) caps p at 8e-14 relative however good the series is.
//! Summing the large, cancelling terms of y (a ln x, x, ln Γ(a)) in double-double removes that
//! cap. Error-free transformations after Knuth (two-sum) and Dekker (1971, split product; no FMA:
//! `mul_add` is a software routine in wasm32); exp and ln by argument reduction, Taylor series and
//! one Newton step. Small on purpose: no general library is needed for three operations.

/// A double-double hi + lo with |lo| ≤ ulp(hi)/2.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Dd(pub f64, pub f64);

/// ln 2 as a double-double (mpmath, 50 digits).
const LN2: Dd = Dd(std::f64::consts::LN_2, 2.319_046_813_846_299_6e-17);

/// s + e = a + b exactly.
pub(crate) fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    Dd(s, (a - (s - bb)) + (b - bb))
}

/// Dekker's split: hi + lo = x with hi holding 26 bits (|x| < 1e300).
fn split(x: f64) -> (f64, f64) {
    let c = 134_217_729.0 * x;
    let hi = c - (c - x);
    (hi, x - hi)
}

/// p + e = a·b exactly (barring underflow).
pub(crate) fn two_prod(a: f64, b: f64) -> Dd {
    let p = a * b;
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    Dd(p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

impl Dd {
    pub(crate) fn from(x: f64) -> Dd {
        Dd(x, 0.0)
    }

    fn norm(hi: f64, lo: f64) -> Dd {
        let s = hi + lo;
        Dd(s, lo - (s - hi))
    }

    pub(crate) fn add(self, o: Dd) -> Dd {
        let s = two_sum(self.0, o.0);
        let t = two_sum(self.1, o.1);
        let u = Dd::norm(s.0, s.1 + t.0);
        Dd::norm(u.0, u.1 + t.1)
    }

    pub(crate) fn neg(self) -> Dd {
        Dd(-self.0, -self.1)
    }

    pub(crate) fn mul(self, o: Dd) -> Dd {
        let p = two_prod(self.0, o.0);
        Dd::norm(p.0, p.1 + (self.0 * o.1 + self.1 * o.0))
    }

    pub(crate) fn scale(self, k: f64) -> Dd {
        self.mul(Dd::from(k))
    }

    /// self / k for a double k ≠ 0 (one correction step).
    pub(crate) fn div(self, k: f64) -> Dd {
        let q = self.0 / k;
        let p = two_prod(q, k);
        Dd::norm(q, ((self.0 - p.0) - p.1 + self.1) / k)
    }
}

/// 1/k! for k = 0, …, 11 as double-doubles (mpmath, 50 digits).
const INV_FACTORIAL: [Dd; 12] = [
    Dd(1.0, 0.0),
    Dd(1.0, 0.0),
    Dd(0.5, 0.0),
    Dd(0.166_666_666_666_666_66, 9.251_858_538_542_97e-18),
    Dd(0.041_666_666_666_666_664, 2.312_964_634_635_742_7e-18),
    Dd(0.008_333_333_333_333_333, 1.156_482_317_317_871_4e-19),
    Dd(0.001_388_888_888_888_889, -5.300_543_954_373_577e-20),
    Dd(0.000_198_412_698_412_698_4, 1.720_955_829_342_070_5e-22),
    Dd(2.480_158_730_158_73e-5, 2.151_194_786_677_588_2e-23),
    Dd(2.755_731_922_398_589_3e-6, -1.858_393_274_046_472e-22),
    Dd(2.755_731_922_398_589e-7, 2.376_771_462_225_029_7e-23),
    Dd(2.505_210_838_544_172e-8, -1.448_814_070_935_912e-24),
];

/// e^x as a double-double for |x| ≤ 709.
fn exp(x: Dd) -> Dd {
    // x = k ln 2 + r, |r| ≤ ln 2 / 2; e^r = (e^(r/256))^256 with an 11-term Taylor series.
    let k = (x.0 / LN2.0).round();
    let r = x.add(LN2.scale(-k)).scale(1.0 / 256.0);
    // Horner on 1/k! as double-doubles: no division per term
    let mut sum = INV_FACTORIAL[11];
    for c in INV_FACTORIAL[..11].iter().rev() {
        sum = sum.mul(r).add(*c);
    }
    for _ in 0..8 {
        sum = sum.mul(sum);
    }
    let two_k = 2f64.powi(k as i32);
    Dd(sum.0 * two_k, sum.1 * two_k)
}

/// ln x as a double-double for a finite x > 0: one Newton step from the double ln (x scaled by
/// 2^±600 first beyond 1e±290, where e^(−ln x) would overflow).
pub(crate) fn ln(x: f64) -> Dd {
    if x < 1e-290 {
        return ln(x * 2f64.powi(600)).add(LN2.scale(-600.0));
    }
    if x > 1e290 {
        return ln(x * 2f64.powi(-600)).add(LN2.scale(600.0));
    }
    let l = x.ln();
    // ln x = l + ln(x e^(−l)) ≈ l + (x e^(−l) − 1); x e^(−l) − 1 is about 1e-16.
    let e = exp(Dd::from(-l));
    let m = two_prod(x, e.0);
    two_sum(l, (m.0 - 1.0) + (m.1 + x * e.1))
}

/// ln of a positive double-double: ln hi + lo/hi.
pub(crate) fn ln_dd(x: Dd) -> Dd {
    ln(x.0).add(Dd::from(x.1 / x.0))
}

/// exp(y) for a double-double y ≤ 709: e^hi (≤ 1 ulp) times e^lo = 1 + lo.
pub(crate) fn exp_value(y: Dd) -> f64 {
    y.0.exp() * (1.0 + y.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_and_exp_carry_about_thirty_digits() {
        // ln 10 = 2.302585092994045684017991454684364 (mpmath)
        let l = ln(10.0);
        assert_eq!(l.0, std::f64::consts::LN_10);
        assert!((l.1 - -2.170_756_223_382_249_4e-16).abs() < 1e-29, "{l:?}");
        let l2 = ln(2.0);
        assert_eq!(l2.0, LN2.0);
        assert!((l2.1 - LN2.1).abs() < 1e-29);
        // e^(ln 10) = 10 to 1e-29 relative
        let e = exp(l);
        assert!(((e.0 - 10.0) + e.1).abs() < 1e-28, "{e:?}");
        // ln(1e300) = 690.775527898213705257902196660513681 (mpmath; 1e300 as a double)
        let big = ln(1e300);
        assert_eq!(big.0, 690.775_527_898_213_7);
        assert!(
            (big.1 - 2.374_766_002_880_024_3e-14).abs() < 1e-24, // 1e-27 relative
            "{big:?}"
        );
        assert_eq!(exp_value(Dd::from(0.0)), 1.0);
        // the scaled ends: ln(5e-324) = −744.440072 (mpmath −744.4400719213812…)
        let tiny = ln(5e-324);
        assert!((tiny.0 - -744.440_071_921_381_3).abs() < 1e-12, "{tiny:?}");
        let huge = ln(1e308);
        assert!((huge.0 - 709.196_208_642_166).abs() < 1e-12, "{huge:?}");
    }
}
