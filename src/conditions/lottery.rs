//! The lottery band of Heyard, Ott, Salanti & Egger (2022): rank by expected rank, draw the
//! funding line at the expected rank of the last fundable proposal, and put in the band every
//! proposal whose rank interval contains the line; those clearly above are funded, the band is
//! ordered by a seeded draw.
//!
//! The definition follows the R package ERforResearch (`plot_er_distributions`, inner
//! interval): band if `lower ≤ line ≤ upper` or `ER = line`; accepted if `upper < line`;
//! rejected otherwise. Here the expected rank and the interval come from the bootstrap over
//! reviewers ([`super::ranking`]) instead of a Bayesian posterior, and "fundable" is set by the
//! budget: the number of best proposals by expected rank whose requests fit it together.

use super::prng::Xoshiro256StarStar;
use serde::Serialize;

/// Where the lottery rule puts a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BandGroup {
    /// Its whole rank interval is above (better than) the funding line: funded.
    Accepted,
    /// Its rank interval contains the funding line: decided by the draw.
    Band,
    /// Its rank interval is below the line: not funded.
    Rejected,
}

/// The band of one round.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Positions sorted by expected rank (ties: better score, then position).
    pub order: Vec<usize>,
    /// How many of the best by expected rank fit the budget together (the fundable number).
    pub line_position: usize,
    /// The expected rank of the last fundable proposal; `None` when none fits.
    pub funding_line_at: Option<f64>,
    /// Group per position.
    pub groups: Vec<BandGroup>,
}

/// Splits proposals into accepted, band and rejected.
///
/// `er[k]`, `lower[k]`, `upper[k]`: expected rank and rank interval of position k (non-finite:
/// never scored in a resample, rejected); `score[k]` breaks ties in expected rank; `cost[k]`
/// dollars.
///
/// # Formula
/// ```text
/// order by ER; n_f = max { j : Σ_{i ≤ j} cost_(i) ≤ B };  FL = ER_(n_f)
/// band: lower ≤ FL ≤ upper or ER = FL;  accepted: upper < FL;  rejected: otherwise
/// ```
///
/// # References
/// Heyard, R., Ott, M., Salanti, G. & Egger, M. (2022). Rethinking the funding line at the
/// Swiss National Science Foundation: Bayesian ranking and lottery. *Statistics and Public
/// Policy* 9(1), 110–121.
pub fn band(
    er: &[f64],
    lower: &[f64],
    upper: &[f64],
    score: &[f64],
    cost: &[u64],
    budget: u64,
) -> Band {
    let n = er.len();
    let get = |x: &[f64], k: usize| x.get(k).copied().unwrap_or(f64::INFINITY);
    let mut order: Vec<usize> = (0..n).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        get(er, a)
            .total_cmp(&get(er, b))
            .then(get(score, b).total_cmp(&get(score, a)))
            .then(a.cmp(&b))
    });
    let mut spent = 0u64;
    let mut line_position = 0usize;
    for &k in &order {
        let c = cost.get(k).copied().unwrap_or(0);
        if !get(er, k).is_finite() || spent.saturating_add(c) > budget {
            break;
        }
        spent += c;
        line_position += 1;
    }
    let funding_line_at = line_position
        .checked_sub(1)
        .and_then(|j| order.get(j))
        .map(|&k| get(er, k));
    let groups = (0..n)
        .map(|k| {
            let Some(fl) = funding_line_at else {
                return BandGroup::Rejected;
            };
            let (e, lo, hi) = (get(er, k), get(lower, k), get(upper, k));
            if !e.is_finite() {
                BandGroup::Rejected
            } else if (lo <= fl && fl <= hi) || e == fl {
                BandGroup::Band
            } else if lo < fl && hi < fl {
                BandGroup::Accepted
            } else {
                BandGroup::Rejected
            }
        })
        .collect();
    Band {
        order,
        line_position,
        funding_line_at,
        groups,
    }
}

/// The draw: a uniformly random order of `members` (Fisher–Yates, xoshiro256** seeded
/// through SplitMix64 with `seed`, Lemire's unbiased bounded integers), reproducible from the
/// seed on every machine.
///
/// # Formula
/// ```text
/// for i = m−1 down to 1: j = below(i + 1); swap(a[i], a[j])
/// ```
///
/// # Examples
/// ```
/// use waterline::conditions::lottery::draw;
/// assert_eq!(draw(&[10, 11, 12, 13], 7), draw(&[10, 11, 12, 13], 7));
/// let mut d = draw(&[10, 11, 12, 13], 7);
/// d.sort();
/// assert_eq!(d, vec![10, 11, 12, 13]);
/// ```
pub fn draw(members: &[usize], seed: u64) -> Vec<usize> {
    let mut a = members.to_vec();
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    for i in (1..a.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        a.swap(i, j);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_follows_the_er_for_research_rule() {
        // Five proposals of $10 each, budget $30: the line is at the third ER (3.0).
        let er = [1.2, 2.5, 3.0, 3.6, 4.9];
        let lo = [1.0, 1.0, 2.0, 3.0, 4.0];
        let hi = [2.0, 4.0, 4.0, 4.0, 5.0];
        let b = band(&er, &lo, &hi, &[0.0; 5], &[10; 5], 30);
        assert_eq!(b.line_position, 3);
        assert_eq!(b.funding_line_at, Some(3.0));
        use BandGroup::*;
        assert_eq!(b.groups, vec![Accepted, Band, Band, Band, Rejected]);
        let none = band(&er, &lo, &hi, &[0.0; 5], &[10; 5], 5);
        assert_eq!(none.funding_line_at, None);
        assert!(none.groups.iter().all(|g| *g == Rejected));
    }

    #[test]
    fn draw_is_a_permutation_reproducible_from_its_seed() {
        let m: Vec<usize> = (0..20).collect();
        assert_eq!(draw(&m, 42), draw(&m, 42));
        assert_ne!(draw(&m, 42), draw(&m, 43));
        let mut d = draw(&m, 42);
        d.sort_unstable();
        assert_eq!(d, m);
        assert!(draw(&[], 1).is_empty());
    }
}
