//! McNemar's test for paired yes/no answers, with Newcombe's interval for the change in the
//! share saying yes.
//!
//! The change is always `after − before`. A pair with NaN on either side is a missing pair: it
//! is dropped and counted in `nExcluded`.

use crate::error::{count, Code, Error, Result};
use crate::note::{Note, NoteCode};
use crate::stats::dist::{binomial_cdf, chi_square_sf};
use crate::stats::method::Method;
use crate::stats::paired::{complete_pairs, LevelOptions};
use crate::stats::proportion::wilson;
use serde::{Deserialize, Serialize};

/// The paired yes/no table. Rows are *before*, columns *after*:
///
/// ```text
///                 after yes   after no
///   before yes        a           b
///   before no         c           d
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PairedTable {
    /// Yes before and yes after.
    pub a: u64,
    /// Yes before, no after (lost).
    pub b: u64,
    /// No before, yes after (gained).
    pub c: u64,
    /// No before and no after.
    pub d: u64,
}

/// The change in the share saying yes, `after − before`, with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PairedDifference {
    /// Share saying yes before, (a + b)/n.
    pub before: f64,
    /// Share saying yes after, (a + c)/n.
    pub after: f64,
    /// The simple difference `after − before` = (c − b)/n, in [−1, 1].
    pub estimate: f64,
    /// Lower bound, in [−1, 1].
    pub lower: f64,
    /// Upper bound, in [−1, 1].
    pub upper: f64,
    /// Confidence level.
    pub level: f64,
    /// `Method::NewcombePaired` (Newcombe 1998, method 10).
    pub method: Method,
}

/// Options of [`mcnemar`] (counts): the confidence level and, optionally, the concordant
/// counts `a` and `d`, which the interval for the change needs.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct McNemarOptions {
    /// Confidence level in (0, 1); default 0.95.
    #[cfg_attr(test, ts(as = "Option<f64>", optional))]
    pub level: f64,
    /// Pairs saying yes both times; with `d`, enables the interval.
    #[cfg_attr(test, ts(optional = nullable))]
    pub a: Option<f64>,
    /// Pairs saying no both times; with `a`, enables the interval.
    #[cfg_attr(test, ts(optional = nullable))]
    pub d: Option<f64>,
}

impl Default for McNemarOptions {
    fn default() -> Self {
        McNemarOptions {
            level: 0.95,
            a: None,
            d: None,
        }
    }
}

/// Result of [`mcnemar`] and [`mcnemar_pairs`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct McNemar {
    /// `"mcnemar"`.
    pub method: Method,
    /// Pairs given (`null` when only the discordant counts were given).
    pub n: Option<u64>,
    /// Complete pairs, a + b + c + d (`null` when only the discordant counts were given).
    pub n_used: Option<u64>,
    /// Pairs dropped because a value was missing (NaN); 0 for counts.
    pub n_excluded: u64,
    /// The full table, when known.
    pub table: Option<PairedTable>,
    /// Yes before, no after.
    pub b: u64,
    /// No before, yes after.
    pub c: u64,
    /// Discordant pairs, b + c.
    pub discordant: u64,
    /// The reported two-sided p-value: the exact (binomial) McNemar test, in [0, 1].
    pub p_value: f64,
    /// `Method::ExactBinomial`.
    pub p_value_method: Method,
    /// Asymptotic statistic (b − c)²/(b + c) without continuity correction.
    pub chi_square: f64,
    /// Its p-value (chi-square, 1 df).
    pub p_chi_square: f64,
    /// Asymptotic statistic (|b − c| − 1)²/(b + c) with continuity correction (R's default).
    pub chi_square_corrected: f64,
    /// Its p-value (chi-square, 1 df).
    pub p_chi_square_corrected: f64,
    /// Degrees of freedom of the chi-square statistics: 1.
    pub df: u32,
    /// The change in the share saying yes with Newcombe's interval, when the table is known.
    pub difference: Option<PairedDifference>,
    /// Notes for the reader.
    pub warnings: Vec<Note>,
}

/// McNemar's test from the discordant counts `b` (yes → no) and `c` (no → yes).
///
/// The reported `pValue` is the exact test: under no change, b ~ Binomial(b + c, ½). The
/// asymptotic chi-square statistics with and without continuity correction are given too.
/// When `options.a` and `options.d` are both given, the change `after − before` in the share
/// saying yes is reported with Newcombe's paired interval (see [`newcombe_paired`]).
///
/// # Formula
/// ```text
/// exact:   p = min(1, 2 · P(X ≤ min(b, c))),  X ~ Binomial(b + c, 0.5);  p = 1 when b = c
/// χ²     = (b − c)² / (b + c)
/// χ²_cc  = (|b − c| − 1)² / (b + c)   (no correction when b = c, as R)
/// ```
/// When b + c = 0 nobody changed: p-values are 1 and statistics 0, with a warning (R returns
/// NaN for the chi-square forms).
///
/// # Errors
/// [`Code::InvalidCount`] / [`Code::NotFinite`] for counts that are not whole numbers ≥ 0,
/// [`Code::LevelOutOfRange`] for a bad level, [`Code::BadInput`] when only one of `a`, `d`
/// is given.
///
/// # Examples
/// 12 parents started going to district meetings, 3 stopped:
/// ```
/// use waterline::stats::{mcnemar, McNemarOptions};
/// let t = mcnemar(3.0, 12.0, &McNemarOptions::default()).unwrap();
/// assert!((t.p_value - 0.03515625).abs() < 1e-12); // R: binom.test(3, 15)$p.value
/// assert!((t.chi_square_corrected - 4.266666666666667).abs() < 1e-12);
/// ```
///
/// # References
/// McNemar, Q. (1947). Note on the sampling error of the difference between correlated
/// proportions or percentages. *Psychometrika* 12, 153–157. Matches R's
/// `binom.test(b, b + c)$p.value` and `mcnemar.test(m, correct = TRUE / FALSE)`.
pub fn mcnemar(b: f64, c: f64, options: &McNemarOptions) -> Result<McNemar> {
    let b = count("b", b)?;
    let c = count("c", c)?;
    crate::error::level(options.level)?;
    let table =
        match (options.a, options.d) {
            (Some(a), Some(d)) => Some(PairedTable {
                a: count("a", a)?,
                b,
                c,
                d: count("d", d)?,
            }),
            (None, None) => None,
            _ => return Err(Error::new(
                Code::BadInput,
                "give both concordant counts a (yes both times) and d (no both times), or neither",
            )),
        };
    mcnemar_core(b, c, table, 0, options.level)
}

/// McNemar's test from paired yes/no answers coded 1 (yes) and 0 (no); NaN marks a missing
/// answer and drops the pair. Builds the full table and reports the change in the share saying
/// yes with Newcombe's interval, as [`mcnemar`] with `a` and `d`.
///
/// # Errors
/// [`Code::LengthMismatch`], [`Code::NotFinite`] for an infinite value,
/// [`Code::CodeOutOfRange`] for a value other than 0, 1 or NaN (details: `name`, `index`,
/// `value`), [`Code::EmptySample`] when no complete pair is left,
/// [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::stats::{mcnemar_pairs, LevelOptions};
/// let before = [1.0, 0.0, 0.0, 1.0, 0.0, f64::NAN];
/// let after = [1.0, 1.0, 1.0, 0.0, 1.0, 1.0];
/// let t = mcnemar_pairs(&before, &after, &LevelOptions::default()).unwrap();
/// assert_eq!((t.b, t.c, t.n_excluded), (1, 3, 1));
/// assert_eq!(t.difference.unwrap().estimate, 0.4);
/// ```
///
/// # References
/// As [`mcnemar`] and [`newcombe_paired`].
pub fn mcnemar_pairs(before: &[f64], after: &[f64], options: &LevelOptions) -> Result<McNemar> {
    crate::error::level(options.level)?;
    let pairs = complete_pairs(before, after)?;
    let mut t = PairedTable {
        a: 0,
        b: 0,
        c: 0,
        d: 0,
    };
    for (i, &(b, a)) in pairs.pairs.iter().enumerate() {
        for (name, v) in [("before", b), ("after", a)] {
            if v != 0.0 && v != 1.0 {
                return Err(Error::new(
                    Code::CodeOutOfRange,
                    format!(
                        "{name} must be coded 1 (yes), 0 (no) or NaN (missing); found {v}",
                        v = crate::error::num(v)
                    ),
                )
                .with("name", name)
                .with("index", i)
                .with("value", v));
            }
        }
        match (b == 1.0, a == 1.0) {
            (true, true) => t.a += 1,
            (true, false) => t.b += 1,
            (false, true) => t.c += 1,
            (false, false) => t.d += 1,
        }
    }
    let mut result = mcnemar_core(t.b, t.c, Some(t), pairs.n_excluded as u64, options.level)?;
    result.n = Some(pairs.n as u64);
    Ok(result)
}

fn mcnemar_core(
    b: u64,
    c: u64,
    table: Option<PairedTable>,
    n_excluded: u64,
    level: f64,
) -> Result<McNemar> {
    let mut warnings = Vec::new();
    let discordant = b.checked_add(c).ok_or_else(|| too_large("b + c"))?;
    let (p_exact, chi, p_chi, chi_cc, p_chi_cc) = if discordant == 0 {
        warnings.push(Note::warning(NoteCode::McnemarNoChange));
        (1.0, 0.0, 1.0, 0.0, 1.0)
    } else {
        let p_exact = if b == c {
            1.0
        } else {
            (2.0 * binomial_cdf(b.min(c), discordant, 0.5)?).min(1.0)
        };
        let diff = b.abs_diff(c) as f64;
        let total = discordant as f64;
        let chi = diff * diff / total;
        let cc = if b == c {
            0.0
        } else {
            (diff - 1.0) * (diff - 1.0) / total
        };
        (
            p_exact,
            chi,
            chi_square_sf(chi, 1.0)?,
            cc,
            chi_square_sf(cc, 1.0)?,
        )
    };
    let n_used = match table {
        Some(t) => Some(
            t.a.checked_add(discordant)
                .and_then(|s| s.checked_add(t.d))
                .ok_or_else(|| too_large("a + b + c + d"))?,
        ),
        None => None,
    };
    let difference = match table {
        Some(t) if n_used.unwrap_or(0) > 0 => Some(newcombe_paired(&t, level)?),
        Some(_) => {
            warnings.push(Note::warning(NoteCode::McnemarEmptyTable));
            None
        }
        None => None,
    };
    Ok(McNemar {
        method: Method::Mcnemar,
        n: n_used.map(|n| n + n_excluded),
        n_used,
        n_excluded,
        table,
        b,
        c,
        discordant,
        p_value: p_exact,
        p_value_method: Method::ExactBinomial,
        chi_square: chi,
        p_chi_square: p_chi,
        chi_square_corrected: chi_cc,
        p_chi_square_corrected: p_chi_cc,
        df: 1,
        difference,
        warnings,
    })
}

fn too_large(what: &str) -> Error {
    Error::new(Code::TooLarge, format!("{what} is too large to count")).with("what", what)
}

/// Newcombe's hybrid score interval for the paired change `after − before` in the share
/// saying yes (Newcombe 1998, paired data, method 10).
///
/// Wilson intervals (l₁, u₁) for p_after = (a + c)/n and (l₂, u₂) for p_before = (a + b)/n
/// are combined with the correlation φ of the pairs, corrected for continuity as Newcombe
/// specifies.
///
/// # Formula
/// ```text
/// θ = p_after − p_before = (c − b)/n
/// A = (a+b)(c+d)(a+c)(b+d),  B = ad − bc
/// φ = 0 if A = 0;  else C/√A with C = B − n/2 if B > n/2,  0 if 0 ≤ B ≤ n/2,  B if B < 0
/// lower = θ − √((p_after − l₁)² − 2φ(p_after − l₁)(u₂ − p_before) + (u₂ − p_before)²)
/// upper = θ + √((p_before − l₂)² − 2φ(p_before − l₂)(u₁ − p_after) + (u₁ − p_after)²)
/// ```
///
/// # Errors
/// [`Code::EmptySample`] when n = 0, [`Code::LevelOutOfRange`], [`Code::TooLarge`] when the
/// counts overflow.
///
/// # Examples
/// Worked example of Altman et al. (2000), *Statistics with Confidence*, Table 6.2
/// (a = 14, b = 5, c = 0, d = 22; the published interval for p₁ − p₂ is 0.011 to 0.226, so the
/// change after − before is −0.226 to −0.011):
/// ```
/// use waterline::stats::{newcombe_paired, PairedTable};
/// let t = PairedTable { a: 14, b: 5, c: 0, d: 22 };
/// let d = newcombe_paired(&t, 0.95).unwrap();
/// assert_eq!((d.lower * 1000.0).round(), -226.0);
/// assert_eq!((d.upper * 1000.0).round(), -11.0);
/// ```
///
/// # References
/// Newcombe, R. G. (1998). Improved confidence intervals for the difference between binomial
/// proportions based on paired data. *Statistics in Medicine* 17, 2635–2650 (method 10).
pub fn newcombe_paired(table: &PairedTable, level: f64) -> Result<PairedDifference> {
    let PairedTable { a, b, c, d } = *table;
    let n = a
        .checked_add(b)
        .and_then(|s| s.checked_add(c))
        .and_then(|s| s.checked_add(d))
        .ok_or_else(|| too_large("a + b + c + d"))?;
    let after_ci = wilson((a + c) as f64, n as f64, level)?;
    let before_ci = wilson((a + b) as f64, n as f64, level)?;
    let (p1, l1, u1) = (after_ci.estimate, after_ci.lower, after_ci.upper);
    let (p2, l2, u2) = (before_ci.estimate, before_ci.lower, before_ci.upper);
    let (af, bf, cf, df, nf) = (a as f64, b as f64, c as f64, d as f64, n as f64);
    let margins = (af + bf) * (cf + df) * (af + cf) * (bf + df);
    let phi = if margins > 0.0 {
        let big_b = af * df - bf * cf;
        let corrected = if big_b > nf / 2.0 {
            big_b - nf / 2.0
        } else if big_b >= 0.0 {
            0.0
        } else {
            big_b
        };
        (corrected / margins.sqrt()).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let theta = (cf - bf) / nf;
    let down = |x: f64, y: f64| (x * x - 2.0 * phi * x * y + y * y).max(0.0).sqrt();
    let lower = theta - down(p1 - l1, u2 - p2);
    let upper = theta + down(p2 - l2, u1 - p1);
    Ok(PairedDifference {
        before: p2,
        after: p1,
        estimate: theta,
        lower: lower.max(-1.0).min(theta),
        upper: upper.min(1.0).max(theta),
        level,
        method: Method::NewcombePaired,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mcnemar_without_discordant_pairs_is_p_one() {
        let t = mcnemar(0.0, 0.0, &McNemarOptions::default()).unwrap();
        assert_eq!(t.p_value, 1.0);
        assert_eq!(t.p_chi_square_corrected, 1.0);
        assert_eq!(t.warnings.len(), 1);
        assert_eq!(t.warnings[0].code, NoteCode::McnemarNoChange);
    }

    #[test]
    fn mcnemar_pairs_rejects_other_codes() {
        let e = mcnemar_pairs(&[1.0, 2.0], &[0.0, 1.0], &LevelOptions::default()).unwrap_err();
        assert_eq!(e.code, Code::CodeOutOfRange);
    }
}
