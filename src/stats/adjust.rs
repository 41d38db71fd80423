//! Adjusting p-values for multiple comparisons (many survey items tested at once).
//!
//! Matches R's `p.adjust` for the methods evaluators use: Holm (the default, as the domain
//! guide recommends), Benjamini–Hochberg, Bonferroni, Hochberg, Benjamini–Yekutieli and
//! Hommel. Note that statsmodels'
//! `multipletests` defaults to Holm–Šidák, not Holm: results named `"holm"` here match R.

use crate::error::{Code, Error, Result};
use crate::note::{Note, NoteCode};
use serde::{Deserialize, Serialize};

/// A p-value adjustment method, named as in R's `p.adjust`.
///
/// Serialized in lower case: `"holm"`, `"bh"`, `"bonferroni"`, `"hochberg"`, `"by"`,
/// `"hommel"`; R's spellings `"BH"` and `"fdr"` are accepted as aliases of `"bh"`, `"BY"` of
/// `"by"`, when decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AdjustMethod {
    /// Holm (1979) step-down: controls the family-wise error rate; uniformly more powerful than
    /// Bonferroni. The default.
    #[default]
    Holm,
    /// Benjamini & Hochberg (1995) step-up: controls the false discovery rate (R `"BH"`).
    #[serde(rename = "bh", alias = "BH", alias = "fdr")]
    #[cfg_attr(test, ts(rename = "bh"))]
    BenjaminiHochberg,
    /// Bonferroni: each p-value times the number of tests, capped at 1.
    Bonferroni,
    /// Hochberg (1988) step-up: controls the family-wise error rate under independence or
    /// positive dependence.
    Hochberg,
    /// Benjamini & Yekutieli (2001): BH times Σ 1/i, controls the false discovery rate under
    /// any dependence (R `"BY"`).
    #[serde(rename = "by", alias = "BY")]
    #[cfg_attr(test, ts(rename = "by"))]
    BenjaminiYekutieli,
    /// Hommel (1988): closed testing with Simes' tests, family-wise error rate; at least as
    /// powerful as Hochberg (R `"hommel"`). O(m²) time.
    Hommel,
}

impl AdjustMethod {
    /// The method's stable name as serialized, e.g. `"holm"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AdjustMethod::Holm => "holm",
            AdjustMethod::BenjaminiHochberg => "bh",
            AdjustMethod::Bonferroni => "bonferroni",
            AdjustMethod::Hochberg => "hochberg",
            AdjustMethod::BenjaminiYekutieli => "by",
            AdjustMethod::Hommel => "hommel",
        }
    }
}

/// Options of [`p_adjust`] as the bindings receive them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AdjustOptions {
    /// The adjustment method; default Holm.
    #[cfg_attr(test, ts(as = "Option<AdjustMethod>", optional))]
    pub method: AdjustMethod,
}

/// Adjusted p-values, in the order of the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AdjustedPValues {
    /// The method: `"holm"`, `"bh"`, `"bonferroni"`, `"hochberg"`, `"by"` or `"hommel"`.
    pub method: &'static str,
    /// Number of p-values given (including missing ones).
    pub n: usize,
    /// Number of p-values adjusted: the non-missing ones. This is the number of comparisons
    /// `m` in the formulas (as R's default `n = length(p)` after dropping `NA`).
    pub n_used: usize,
    /// Number of missing (NaN) p-values, passed through as `None`.
    pub n_missing: usize,
    /// Adjusted p-values in [0, 1], same order as the input; `None` where the input was NaN.
    pub adjusted: Vec<Option<f64>>,
    /// Notes for the reader, e.g. that missing p-values were left out of the count.
    pub warnings: Vec<Note>,
}

/// Adjusts p-values for multiple comparisons, as R's `p.adjust(p, method)`.
///
/// Missing p-values (NaN — e.g. an item whose test could not be computed) are passed through as
/// `None` and are not counted among the `m` comparisons, exactly as R treats `NA`. Every other
/// value must lie in [0, 1].
///
/// # Formula
/// ```text
/// p(1) ≤ … ≤ p(m) the sorted non-missing p-values
/// bonferroni  p̃(i) = min(1, m p(i))
/// holm        p̃(i) = min(1, max_{j ≤ i} (m − j + 1) p(j))
/// hochberg    p̃(i) = min(1, min_{j ≥ i} (m − j + 1) p(j))
/// bh          p̃(i) = min(1, min_{j ≥ i} (m / j) p(j))
/// by          p̃(i) = min(1, min_{j ≥ i} (q m / j) p(j)),  q = Σ_{k ≤ m} 1/k
/// hommel      R's algorithm: for each subset size k = m − 1 … 2, q(i) = min(k p(i), min_j k p(j)/j
///             over the k − 1 largest), p̃ = running maximum; m = 2 is Hochberg (as R)
/// ```
///
/// # Errors
/// [`Code::ProbabilityOutOfRange`] for a p-value outside [0, 1] or infinite, naming its
/// `index` (0-based).
///
/// # Examples
/// Three survey items with raw p-values 0.01, 0.04 and 0.03:
/// ```
/// use waterline::stats::{p_adjust, AdjustMethod};
/// let r = p_adjust(&[0.01, 0.04, 0.03], AdjustMethod::Holm).unwrap();
/// let adj: Vec<f64> = r.adjusted.iter().map(|p| p.unwrap()).collect();
/// assert!((adj[0] - 0.03).abs() < 1e-15);  // 3 × 0.01
/// assert!((adj[1] - 0.06).abs() < 1e-15);  // max(2 × 0.03, 1 × 0.04)
/// assert!((adj[2] - 0.06).abs() < 1e-15);  // 2 × 0.03
/// ```
///
/// # References
/// Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scand. J.
/// Statist.* 6, 65–70. Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery
/// rate. *JRSS B* 57, 289–300. Hochberg, Y. (1988). A sharper Bonferroni procedure. *Biometrika*
/// 75, 800–802. Benjamini, Y. & Yekutieli, D. (2001). *Ann. Statist.* 29, 1165–1188. Hommel, G.
/// (1988). *Biometrika* 75, 383–386. Matches R's `p.adjust(p, method = c("holm", "BH",
/// "bonferroni", "hochberg", "BY", "hommel"))`.
///
/// Hommel's method takes time proportional to m²: more than [`MAX_HOMMEL`] p-values is a
/// [`Code::TooLarge`] error.
pub fn p_adjust(p: &[f64], method: AdjustMethod) -> Result<AdjustedPValues> {
    if method == AdjustMethod::Hommel {
        crate::stats::limits::at_most("hommelPValues", MAX_HOMMEL, p.len() as f64)?;
    }
    for (index, &value) in p.iter().enumerate() {
        if !value.is_nan() && !(0.0..=1.0).contains(&value) {
            return Err(Error::new(
                Code::ProbabilityOutOfRange,
                format!(
                    "p-value {index} must lie between 0 and 1, got {value}",
                    value = crate::error::num(value)
                ),
            )
            .with("index", index)
            .with("value", value));
        }
    }
    // Positions of the non-missing p-values, sorted by value (stable, as R's `order`).
    let mut order: Vec<usize> = (0..p.len())
        .filter(|&i| p.get(i).is_some_and(|v| !v.is_nan()))
        .collect();
    let value = |i: usize| p.get(i).copied().unwrap_or(f64::NAN);
    crate::sort::sort_order_by_value(&mut order, p);
    let m = order.len();
    let mf = m as f64;
    let mut adjusted: Vec<Option<f64>> = vec![None; p.len()];
    let mut set = |i: usize, v: f64| {
        if let Some(slot) = adjusted.get_mut(i) {
            *slot = Some(v.min(1.0));
        }
    };
    match method {
        AdjustMethod::Bonferroni => {
            for &i in &order {
                set(i, mf * value(i));
            }
        }
        AdjustMethod::Holm => {
            // Ascending: running maximum of (m − j + 1) p(j).
            let mut running = 0.0_f64;
            for (j, &i) in order.iter().enumerate() {
                running = running.max((m - j) as f64 * value(i));
                set(i, running);
            }
        }
        AdjustMethod::Hommel if m > 2 => {
            let sorted: Vec<f64> = order.iter().map(|&i| value(i)).collect();
            for (&i, v) in order.iter().zip(hommel(&sorted)) {
                set(i, v);
            }
        }
        AdjustMethod::Hochberg
        | AdjustMethod::Hommel
        | AdjustMethod::BenjaminiHochberg
        | AdjustMethod::BenjaminiYekutieli => {
            let q = if method == AdjustMethod::BenjaminiYekutieli {
                (1..=m).map(|k| 1.0 / k as f64).sum::<f64>()
            } else {
                1.0
            };
            // Descending: running minimum.
            let mut running = f64::INFINITY;
            for (j, &i) in order.iter().enumerate().rev() {
                let rank = (j + 1) as f64;
                let candidate = match method {
                    AdjustMethod::Hochberg | AdjustMethod::Hommel => (mf - rank + 1.0) * value(i),
                    _ => q * mf / rank * value(i),
                };
                running = running.min(candidate);
                set(i, running);
            }
        }
    }
    let n_missing = p.len() - m;
    let mut warnings = Vec::new();
    if n_missing > 0 {
        warnings.push(
            Note::warning(NoteCode::AdjustMissingPValues)
                .with("missing", n_missing)
                .with("used", m),
        );
    }
    Ok(AdjustedPValues {
        method: method.as_str(),
        n: p.len(),
        n_used: m,
        n_missing,
        adjusted,
        warnings,
    })
}

/// Most p-values Hommel's method adjusts (its time grows as m²).
pub const MAX_HOMMEL: f64 = 20_000.0;

/// Hommel's adjusted values of ascending p-values `p` (m ≥ 3), transcribing R's `p.adjust`:
/// ```text
/// q = pa = min(m p(i)/i)
/// for k = m − 1 down to 2:
///   q1 = min over j = 2..k of k p(m − k + j)/j
///   q(i) = min(k p(i), q1) for i ≤ m − k + 1;  q(i) = q(m − k + 1) for the rest
///   pa = max(pa, q)
/// result max(pa, p)
/// ```
fn hommel(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let start = (0..m)
        .map(|i| m as f64 * p[i] / (i + 1) as f64)
        .fold(f64::INFINITY, f64::min);
    let mut q = vec![start; m];
    let mut pa = q.clone();
    for k in (2..m).rev() {
        let kf = k as f64;
        // R's i2 = (m − k + 2):m (1-based), divided by 2:k.
        let q1 = (0..k - 1)
            .map(|j| kf * p[m - k + 1 + j] / (j + 2) as f64)
            .fold(f64::INFINITY, f64::min);
        for i in 0..=m - k {
            q[i] = (kf * p[i]).min(q1);
        }
        let fill = q[m - k];
        for v in &mut q[m - k + 1..] {
            *v = fill;
        }
        for (a, b) in pa.iter_mut().zip(&q) {
            *a = a.max(*b);
        }
    }
    pa.iter().zip(p).map(|(a, b)| a.max(*b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adjust(p: &[f64], method: AdjustMethod) -> Vec<Option<f64>> {
        p_adjust(p, method).unwrap().adjusted
    }

    #[test]
    fn out_of_range_p_value_names_its_index() {
        let e = p_adjust(&[0.2, 1.5], AdjustMethod::Holm).unwrap_err();
        assert_eq!(e.code, Code::ProbabilityOutOfRange);
        assert_eq!(e.details["index"], 1usize.into());
        let e = p_adjust(&[f64::INFINITY], AdjustMethod::Bonferroni).unwrap_err();
        assert_eq!(e.code, Code::ProbabilityOutOfRange);
    }

    #[test]
    fn missing_p_values_pass_through_and_do_not_count() {
        let r = p_adjust(&[0.01, f64::NAN, 0.02], AdjustMethod::Bonferroni).unwrap();
        assert_eq!(r.adjusted, vec![Some(0.02), None, Some(0.04)]);
        assert_eq!((r.n, r.n_used, r.n_missing), (3, 2, 1));
        assert_eq!(r.warnings.len(), 1);
        let w = &r.warnings[0];
        assert_eq!(w.code, NoteCode::AdjustMissingPValues);
        assert_eq!(w.param("missing"), Some(&1usize.into()));
        assert_eq!(w.param("used"), Some(&2usize.into()));
    }

    #[test]
    fn empty_input_gives_empty_output() {
        let r = p_adjust(&[], AdjustMethod::BenjaminiHochberg).unwrap();
        assert!(r.adjusted.is_empty());
    }

    #[test]
    fn one_p_value_is_unchanged_by_every_method() {
        for m in [
            AdjustMethod::Holm,
            AdjustMethod::BenjaminiHochberg,
            AdjustMethod::Bonferroni,
            AdjustMethod::Hochberg,
            AdjustMethod::BenjaminiYekutieli,
            AdjustMethod::Hommel,
        ] {
            assert_eq!(adjust(&[0.3], m), vec![Some(0.3)]);
        }
    }

    #[test]
    fn names_decode_with_r_aliases() {
        let m: AdjustMethod = serde_json::from_str("\"BH\"").unwrap();
        assert_eq!(m, AdjustMethod::BenjaminiHochberg);
        let m: AdjustMethod = serde_json::from_str("\"fdr\"").unwrap();
        assert_eq!(m.as_str(), "bh");
        assert!(serde_json::from_str::<AdjustMethod>("\"sidak\"").is_err());
    }
}
