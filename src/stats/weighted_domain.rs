//! Weighted estimates in domains (#19): the weighted mean or share of one group of a design —
//! a wave, a subgroup — and the difference between two groups, with linearisation standard
//! errors, as R's `survey` computes them for a design of weights alone.
//!
//! The design is `svydesign(ids = ~1, weights = ~w, data = d)` built on the respondents who
//! enter the comparison (the two waves' answers to the item; the shown groups' answers to the
//! item). A domain's estimate is `svyby(~y, ~group, design, svymean)`: every respondent is its
//! own PSU and the with-replacement factor is n/(n − 1) with n the rows of the WHOLE design,
//! not of the domain (R keeps the design's sample size when it subsets):
//!
//! ```text
//! ȳ_d   = Σ_d wᵢyᵢ / Σ_d wᵢ
//! V(ȳ_d) = n/(n − 1) · Σ_d wᵢ²(yᵢ − ȳ_d)² / (Σ_d wᵢ)²            n = rows of the design
//! ```
//!
//! Two disjoint domains have influence functions that are never non-zero on the same row
//! and each sums to zero, so their covariance is 0 and the difference of two domain means has
//! V(ȳ_b − ȳ_a) = V(ȳ_a) + V(ȳ_b) (R `svycontrast(svyby(..., covmat = TRUE), c(-1, 1))`).
//! The test is the Wald z = (ȳ_b − ȳ_a)/SE with a two-sided normal p-value, the interval
//! (ȳ_b − ȳ_a) ± z·SE.
//!
//! Each domain's `deff` is its variance over the with-replacement simple random sampling
//! variance of its own n⁺ (svyvar on the domain / n⁺); `nEff` and `deffKish` are the domain's
//! own Kish figures.
//!
//! # References
//! Lumley, T. (2010). *Complex Surveys*, §2.2 and §2.5 (domains); R `survey::svyby`,
//! `survey::svycontrast`.

use crate::error::{Code, Error, Result};
use crate::stats::dist::z_two_sided;
use crate::stats::normal::upper_tail;
use crate::stats::summary::WeightedSums;
use crate::stats::weighted::{
    from_parts, mean_interval, share_interval, ShareInterval, WeightedMean,
};
use serde::Serialize;

/// Reference of the domain estimates and their difference.
pub const SVYBY_REF: &str = "Lumley (2010), Complex Surveys §2.5; R svycontrast(svyby(~y, \
~group, svydesign(ids = ~1, weights = ~w), svymean, covmat = TRUE), c(-1, 1)), Wald z";

/// The weighted difference between two domains (`to − from`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WeightedDifference {
    /// The first domain's weighted mean or share (domain SE).
    pub from: WeightedMean,
    /// The second domain's weighted mean or share.
    pub to: WeightedMean,
    /// `to.estimate − from.estimate`.
    pub difference: f64,
    /// √(SE_from² + SE_to²).
    pub se: f64,
    /// difference − z·SE.
    pub lower: f64,
    /// difference + z·SE.
    pub upper: f64,
    /// Wald statistic difference / SE (`null` when SE is 0).
    pub z: Option<f64>,
    /// Two-sided normal p-value (`null` when SE is 0).
    pub p_value: Option<f64>,
    /// Confidence level.
    pub level: f64,
    /// Reference.
    pub reference: &'static str,
}

/// A domain's weighted mean (normal interval) in a design of `n_design` rows.
///
/// # Errors
/// [`Code::EmptySample`], [`Code::InvalidWeight`] (every weight 0), [`Code::LevelOutOfRange`],
/// [`Code::ParameterOutOfRange`] when the domain has more rows than the design.
pub fn domain_mean(s: &WeightedSums, n_design: u64, level: f64) -> Result<WeightedMean> {
    mean_interval(domain(s, n_design, level)?, level)
}

/// A domain's weighted share of 0/1 values with the chosen interval (the Wilson bounds on the
/// domain's Kish n_eff; Korn–Graubard on the domain's design-based effective size).
///
/// # Errors
/// Those of [`domain_mean`]; [`Code::ValueOutOfRange`] when a value was not 0 or 1.
pub fn domain_share(
    s: &WeightedSums,
    n_design: u64,
    level: f64,
    interval: ShareInterval,
) -> Result<WeightedMean> {
    if s.non_binary > 0 {
        return Err(Error::new(
            Code::ValueOutOfRange,
            "a value is not 0 or 1: a share counts yes (1) and no (0)",
        )
        .with("count", s.non_binary));
    }
    share_interval(domain(s, n_design, level)?, level, interval)
}

/// The difference `to − from` of two disjoint domains of one design (their rows together
/// are the design: n = from.n + to.n), as shares (`share`: Wilson-on-Kish bounds for each
/// domain) or means.
///
/// # Errors
/// Those of [`domain_mean`] / [`domain_share`] for either domain.
pub fn domain_difference(
    from: &WeightedSums,
    to: &WeightedSums,
    share: bool,
    level: f64,
) -> Result<WeightedDifference> {
    let n = from.n + to.n;
    let one = |s: &WeightedSums| {
        if share {
            domain_share(s, n, level, ShareInterval::WilsonKish)
        } else {
            domain_mean(s, n, level)
        }
    };
    let (a, b) = (one(from)?, one(to)?);
    let z = z_two_sided(level)?;
    let difference = b.estimate - a.estimate;
    let se = a.se.hypot(b.se);
    let stat = (se > 0.0).then(|| difference / se);
    Ok(WeightedDifference {
        difference,
        se,
        lower: difference - z * se,
        upper: difference + z * se,
        z: stat,
        p_value: stat.map(|t| (2.0 * upper_tail(t.abs())).min(1.0)),
        level,
        reference: SVYBY_REF,
        from: a,
        to: b,
    })
}

/// The domain's estimate with its SE under a design of `n_design` rows; bounds at the
/// estimate.
fn domain(s: &WeightedSums, n_design: u64, level: f64) -> Result<WeightedMean> {
    if n_design < s.n {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            "a domain cannot have more rows than its design",
        )
        .with("domain", s.n)
        .with("design", n_design));
    }
    let mut parts = s.parts();
    parts.n = n_design as usize;
    let mut m = from_parts(&parts, level)?;
    m.n = s.n;
    m.reference = SVYBY_REF;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(y: &[f64], w: &[f64]) -> WeightedSums {
        let mut s = WeightedSums::new();
        for (y, w) in y.iter().zip(w) {
            s.observe(*y, *w).unwrap();
        }
        s
    }

    #[test]
    fn a_domain_that_is_the_whole_design_is_svymean() {
        let (y, w) = ([1.0, 0.0, 1.0, 1.0, 0.0], [1.0, 2.0, 0.5, 1.5, 3.0]);
        let whole = crate::stats::weighted::weighted_mean(&y, &w, 0.95).unwrap();
        let d = domain_mean(&sums(&y, &w), 5, 0.95).unwrap();
        assert!((whole.se - d.se).abs() < 1e-15);
        assert_eq!(d.n, 5);
    }

    #[test]
    fn the_design_size_scales_the_domain_variance() {
        let (y, w) = ([1.0, 0.0, 1.0], [1.0, 2.0, 0.5]);
        let s = sums(&y, &w);
        let own = domain_mean(&s, 3, 0.95).unwrap();
        let big = domain_mean(&s, 9, 0.95).unwrap();
        // n/(n − 1): 3/2 against 9/8.
        let ratio = (big.se / own.se).powi(2);
        assert!((ratio - (9.0 / 8.0) / (3.0 / 2.0)).abs() < 1e-14);
        assert_eq!(
            domain_mean(&s, 2, 0.95).unwrap_err().code,
            Code::ParameterOutOfRange
        );
    }

    #[test]
    fn equal_groups_differ_by_nothing() {
        let (y, w) = ([1.0, 0.0, 1.0, 0.0], [1.0, 1.0, 2.0, 2.0]);
        let s = sums(&y, &w);
        let d = domain_difference(&s, &s, true, 0.95).unwrap();
        assert_eq!(d.difference, 0.0);
        assert_eq!(d.p_value, Some(1.0));
        let c = sums(&[1.0, 1.0], &[1.0, 2.0]);
        let d = domain_difference(&c, &c, false, 0.95).unwrap();
        assert_eq!((d.se, d.z, d.p_value), (0.0, None, None));
    }
}
