//! Paired yes/no answers (#19): the mid-p McNemar test and the Wald intervals for the change,
//! beside the exact test and Newcombe's interval of [`crate::stats::mcnemar`].
//!
//! The table and the direction are those of McNemar here: rows before, columns after, the
//! change is `after − before` = (c − b)/n.

use crate::error::{count, Code, Error, Result};
use crate::stats::dist::{binomial_cdf, binomial_pmf, z_two_sided};
use crate::stats::mcnemar::{newcombe_paired, PairedTable};
use crate::stats::paired::LevelOptions;
use crate::stats::two_by_two::EstimateInterval;
use serde::Serialize;

/// Result of [`paired_proportions`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PairedProportions {
    /// The table.
    pub table: PairedTable,
    /// Pairs, a + b + c + d.
    pub n: u64,
    /// Exact McNemar p-value, min(1, 2 P(X ≤ min(b, c))), X ~ Binomial(b + c, ½).
    pub p_exact: f64,
    /// Mid-p McNemar p-value: the exact one minus P(X = min(b, c)).
    pub p_mid: f64,
    /// (c − b)/n with the Wald interval, clipped to [−1, 1].
    pub wald: EstimateInterval,
    /// With the Wald interval with continuity correction 1/n.
    pub wald_corrected: EstimateInterval,
    /// With Newcombe's interval (method 10), as `mcnemar`.
    pub newcombe: EstimateInterval,
    /// Confidence level.
    pub level: f64,
}

/// Tests and intervals for the change in a paired yes/no share from the full table.
///
/// # Formula
/// ```text
/// X ~ Binomial(b + c, ½), k = min(b, c)
/// p_mid = 2 [P(X ≤ k) − ½ P(X = k)]   (capped at 1; 1 when b + c = 0)
/// D = (c − b)/n, se = √((b + c) − (c − b)²/n) / n
/// wald: D ± z se;  wald_corrected: D ± (z se + 1/n)
/// ```
/// With b + c = 0 the Wald intervals have zero width (a known failing of Wald; prefer
/// Newcombe's).
///
/// # Errors
/// [`Code::InvalidCount`] / [`Code::NotFinite`] for a count, [`Code::EmptySample`] when
/// n = 0, [`Code::LevelOutOfRange`].
///
/// # Examples
/// ```
/// use waterline::stats::{paired_binary::paired_proportions, LevelOptions};
/// let r = paired_proportions(20.0, 3.0, 12.0, 15.0, &LevelOptions::default()).unwrap();
/// assert!((r.p_mid - 0.021270751953125).abs() < 1e-14);
/// ```
///
/// # References
/// Fagerland, M. W., Lydersen, S. & Laake, P. (2013). The McNemar test for binary matched-pairs
/// data: mid-p and asymptotic are better than exact conditional. *BMC Med. Res. Methodol.* 13,
/// 91. Fagerland, Lydersen & Laake (2014). Recommended tests and confidence intervals for
/// paired binomial proportions. *Stat. Med.* 33, 2850–2875 (Wald and Wald with correction).
pub fn paired_proportions(
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    options: &LevelOptions,
) -> Result<PairedProportions> {
    let table = PairedTable {
        a: count("a", a)?,
        b: count("b", b)?,
        c: count("c", c)?,
        d: count("d", d)?,
    };
    let z = z_two_sided(options.level)?;
    let n = table.a + table.b + table.c + table.d;
    if n == 0 {
        return Err(Error::new(Code::EmptySample, "the paired table is empty").with("n", n));
    }
    let m = table.b + table.c;
    let k = table.b.min(table.c);
    let below = binomial_cdf(k, m, 0.5)?;
    let at = binomial_pmf(k, m, 0.5)?;
    let p_exact = (2.0 * below).min(1.0);
    let p_mid = (2.0 * (below - 0.5 * at)).min(1.0);
    let (nf, bf, cf) = (n as f64, table.b as f64, table.c as f64);
    let diff = (cf - bf) / nf;
    let se = ((bf + cf) - (cf - bf) * (cf - bf) / nf).max(0.0).sqrt() / nf;
    let clip = |h: f64| EstimateInterval {
        estimate: diff,
        lower: (diff - h).max(-1.0),
        upper: (diff + h).min(1.0),
    };
    let nc = newcombe_paired(&table, options.level)?;
    Ok(PairedProportions {
        table,
        n,
        p_exact,
        p_mid,
        wald: clip(z * se),
        wald_corrected: clip(z * se + 1.0 / nf),
        newcombe: EstimateInterval {
            estimate: nc.estimate,
            lower: nc.lower,
            upper: nc.upper,
        },
        level: options.level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_change_and_empty_table() {
        let o = LevelOptions::default();
        let r = paired_proportions(5.0, 0.0, 0.0, 5.0, &o).unwrap();
        assert_eq!((r.p_exact, r.p_mid), (1.0, 1.0));
        assert_eq!(r.wald.lower, 0.0);
        assert_eq!(
            paired_proportions(0.0, 0.0, 0.0, 0.0, &o).unwrap_err().code,
            Code::EmptySample
        );
        // b = c: mid-p is 1 exactly as the exact test.
        let r = paired_proportions(1.0, 4.0, 4.0, 1.0, &o).unwrap();
        assert!((r.p_mid - 1.0).abs() < 1e-12);
    }
}
