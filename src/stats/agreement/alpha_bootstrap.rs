//! The seeded bootstrap interval of Krippendorff's alpha: units resampled, percentile bounds.

use super::krippendorff::{disagreement, frequencies, Units};
use super::{AlphaBootstrap, AlphaMetric, KrippendorffAlpha, KrippendorffOptions, MAX_RESAMPLES};
use crate::error::{level as check_level, Code, Error, Result};
use crate::stats::krippendorff_alpha;
use crate::stats::prng::Xoshiro256StarStar;

/// Krippendorff's alpha ([`krippendorff_alpha`]) with a seeded percentile bootstrap interval.
///
/// # Convention
/// The pairable units (rated at least twice) are resampled with replacement, as many as there
/// are, `resamples` times from xoshiro256** seeded with `seed` (unit `below(n)` by Lemire's
/// method); alpha is recomputed on each resample (ordinal midranks included), resamples with no
/// variation are left out and counted (`undefined`), and the bounds are the (1 − level)/2 and
/// (1 + level)/2 quantiles of the rest (type 7). This is the plain nonparametric bootstrap over
/// units, not Hayes & Krippendorff's (2007) resampling of pairable values.
///
/// # Errors
/// Those of [`krippendorff_alpha`], [`Code::LevelOutOfRange`] for a level outside (0, 1) and
/// [`Code::TooLarge`] for more than [`MAX_RESAMPLES`] resamples.
///
/// # References
/// Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 13. Checked against
/// the same resampling in Python, `tests/data/stats_agreement.py`.
pub fn krippendorff_alpha_interval(
    ratings: &[Option<f64>],
    n_units: usize,
    n_raters: usize,
    options: &KrippendorffOptions,
) -> Result<KrippendorffAlpha> {
    let level = check_level(options.level)?;
    let resamples = options.resamples as usize;
    if resamples > MAX_RESAMPLES {
        return Err(Error::new(
            Code::TooLarge,
            format!("at most {MAX_RESAMPLES} bootstrap resamples"),
        )
        .with("limit", MAX_RESAMPLES)
        .with("actual", resamples));
    }
    let mut out = krippendorff_alpha(ratings, n_units, n_raters, options.metric)?;
    if resamples == 0 {
        return Ok(out);
    }
    let units = Units::of(ratings, n_raters);
    let count = units.ends.len();
    let mut rng = Xoshiro256StarStar::seed_from_u64(u64::from(options.seed));
    let mut alphas = match options.metric {
        AlphaMetric::Interval | AlphaMetric::Ordinal => {
            squared_alphas(&units, options.metric, resamples, &mut rng)
        }
        _ => {
            let mut alphas = Vec::with_capacity(resamples);
            let mut draw = Units {
                values: Vec::with_capacity(units.values.len()),
                ends: Vec::with_capacity(count),
            };
            for _ in 0..resamples {
                draw.values.clear();
                draw.ends.clear();
                for _ in 0..count {
                    let k = rng.below(count as u64) as usize;
                    draw.values.extend_from_slice(units.unit(k));
                    draw.ends.push(draw.values.len());
                }
                if let Some((d_o, d_e)) = disagreement(&draw, options.metric) {
                    alphas.push(1.0 - d_o / d_e);
                }
            }
            alphas
        }
    };
    crate::sort::sort_floats(&mut alphas);
    let tail = (1.0 - level) / 2.0;
    let enough = alphas.len() >= 2;
    out.bootstrap = Some(AlphaBootstrap {
        convention: "units_percentile",
        level,
        resamples,
        undefined: resamples - alphas.len(),
        seed: options.seed,
        lower: enough.then(|| quantile7(&alphas, tail)),
        upper: enough.then(|| quantile7(&alphas, 1.0 - tail)),
    });
    Ok(out)
}

/// Bootstrap alphas at the interval or ordinal level in O(n) per resample, with the same draws
/// as the general path: each value is replaced by the index of its distinct value, so that a
/// resample's midranks follow from its counts without sorting (a round of 10,000 proposals).
fn squared_alphas(
    units: &Units,
    metric: AlphaMetric,
    resamples: usize,
    rng: &mut Xoshiro256StarStar,
) -> Vec<f64> {
    let distinct: Vec<f64> = frequencies(&units.values).iter().map(|f| f.0).collect();
    let idx: Vec<usize> = units
        .values
        .iter()
        .map(|x| distinct.partition_point(|v| v.total_cmp(x).is_lt()))
        .collect();
    let count = units.ends.len();
    let span = |k: usize| {
        let start = if k == 0 { 0 } else { units.ends[k - 1] };
        idx.get(start..units.ends[k]).unwrap_or_default()
    };
    let (mut n_c, mut score) = (vec![0usize; distinct.len()], distinct.clone());
    let mut picks = vec![0usize; count];
    let mut alphas = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        n_c.fill(0);
        for pick in picks.iter_mut() {
            *pick = rng.below(count as u64) as usize;
            for &c in span(*pick) {
                n_c[c] += 1;
            }
        }
        if n_c.iter().filter(|&&c| c > 0).count() < 2 {
            continue;
        }
        if metric == AlphaMetric::Ordinal {
            let mut below = 0usize;
            for (s, &c) in score.iter_mut().zip(&n_c) {
                *s = below as f64 + c as f64 / 2.0;
                below += c;
            }
        }
        let n: usize = n_c.iter().sum();
        let nf = n as f64;
        let mean = n_c
            .iter()
            .zip(&score)
            .map(|(&c, s)| c as f64 * s)
            .sum::<f64>()
            / nf;
        let total: f64 = n_c
            .iter()
            .zip(&score)
            .map(|(&c, s)| c as f64 * (s - mean).powi(2))
            .sum();
        let mut observed = 0.0;
        for &k in &picks {
            let u = span(k);
            let m = u.len() as f64;
            let mu = u.iter().map(|&c| score[c]).sum::<f64>() / m;
            let ss: f64 = u.iter().map(|&c| (score[c] - mu).powi(2)).sum();
            observed += 2.0 * m * ss / (m - 1.0);
        }
        let d_e = 2.0 * nf * total / (nf * (nf - 1.0));
        if d_e > 0.0 {
            alphas.push(1.0 - (observed / nf) / d_e);
        }
    }
    alphas
}

/// The `p` quantile of sorted `x` by linear interpolation (R type 7, numpy `linear`).
fn quantile7(x: &[f64], p: f64) -> f64 {
    let h = (x.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let a = x.get(lo).copied().unwrap_or(f64::NAN);
    let b = x.get(lo + 1).copied().unwrap_or(a);
    a + (h - lo as f64) * (b - a)
}
