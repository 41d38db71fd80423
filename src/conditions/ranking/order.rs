//! Competition ranks in linear time (#20): a stable LSD radix sort of the scores' total-order
//! keys replaces the comparison sort that dominated each bootstrap resample. The ranks are the
//! same, bit for bit, as sorting by `f64::total_cmp` (descending, stable) and giving tied
//! scores (`==`, so `-0.0` ties `0.0`) the better rank.

/// Scratch buffers of [`Ranker::rank`], reused across resamples.
#[derive(Debug, Default)]
pub(super) struct Ranker {
    keys: Vec<(u64, u32)>,
    tmp: Vec<(u64, u32)>,
}

/// Key whose ascending order is the descending `total_cmp` order of `x`.
fn desc_key(x: f64) -> u64 {
    let b = x.to_bits();
    let asc = if b >> 63 == 1 { !b } else { b | (1 << 63) };
    !asc
}

/// The score back from its [`desc_key`].
fn value_of(key: u64) -> f64 {
    let asc = !key;
    f64::from_bits(if asc >> 63 == 1 {
        asc & !(1 << 63)
    } else {
        !asc
    })
}

/// Stable sort of `v` by key: eight passes of one byte each, skipping a byte all keys share.
fn radix_sort(v: &mut Vec<(u64, u32)>, tmp: &mut Vec<(u64, u32)>) {
    let n = v.len();
    if n < 64 {
        v.sort_by_key(|&(k, _)| k);
        return;
    }
    let mut counts = [[0usize; 256]; 8];
    for &(k, _) in v.iter() {
        for (d, c) in counts.iter_mut().enumerate() {
            c[((k >> (8 * d)) & 0xff) as usize] += 1;
        }
    }
    tmp.clear();
    tmp.resize(n, (0, 0));
    for (d, c) in counts.iter_mut().enumerate() {
        if c.contains(&n) {
            continue;
        }
        let mut start = 0;
        for x in c.iter_mut() {
            let here = *x;
            *x = start;
            start += here;
        }
        for &(k, i) in v.iter() {
            let slot = &mut c[((k >> (8 * d)) & 0xff) as usize];
            tmp[*slot] = (k, i);
            *slot += 1;
        }
        std::mem::swap(v, tmp);
    }
}

impl Ranker {
    /// Competition ranks (1 + the number of better scores; ties share the better rank) of the
    /// scored entries: calls `f(index, rank)` for each, best first.
    pub(super) fn rank(&mut self, scores: &[Option<f64>], mut f: impl FnMut(usize, usize)) {
        self.keys.clear();
        self.keys.extend(
            scores
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.map(|s| (desc_key(s), i as u32))),
        );
        radix_sort(&mut self.keys, &mut self.tmp);
        let mut prev = (f64::NAN, 0usize);
        for (pos, &(k, i)) in self.keys.iter().enumerate() {
            let s = value_of(k);
            let rank = if s == prev.0 { prev.1 } else { pos + 1 };
            prev = (s, rank);
            f(i as usize, rank);
        }
    }

    /// [`Ranker::rank`] into a vector in round order (`None` for unscored entries).
    pub(super) fn ranks(&mut self, scores: &[Option<f64>]) -> Vec<Option<usize>> {
        let mut out = vec![None; scores.len()];
        self.rank(scores, |i, r| {
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(r);
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::prng::Xoshiro256StarStar;

    /// The comparison sort this module replaces, kept as the reference.
    fn by_sort(scores: &[Option<f64>]) -> Vec<Option<usize>> {
        let key = |i: usize| scores[i].unwrap_or(f64::NEG_INFINITY);
        let mut order: Vec<usize> = (0..scores.len()).filter(|&i| scores[i].is_some()).collect();
        order.sort_by(|&a, &b| key(b).total_cmp(&key(a)));
        let mut out = vec![None; scores.len()];
        let mut prev = (f64::NAN, 0usize);
        for (pos, &i) in order.iter().enumerate() {
            let s = key(i);
            let rank = if s == prev.0 { prev.1 } else { pos + 1 };
            prev = (s, rank);
            out[i] = Some(rank);
        }
        out
    }

    #[test]
    fn keys_round_trip_and_order_as_total_cmp() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            3.0,
            100.0,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for &a in &xs {
            assert_eq!(value_of(desc_key(a)).to_bits(), a.to_bits());
            for &b in &xs {
                assert_eq!(desc_key(a).cmp(&desc_key(b)), b.total_cmp(&a), "{a} {b}");
            }
        }
    }

    #[test]
    fn radix_ranks_equal_the_comparison_sort() {
        let mut rng = Xoshiro256StarStar::seed_from_u64(5);
        let special = [0.0, -0.0, 50.0, 100.0, f64::NAN, -1.0, 1e-300];
        for n in [0usize, 1, 5, 63, 64, 65, 300, 5000] {
            for levels in [3u64, 40, 1 << 40] {
                let scores: Vec<Option<f64>> = (0..n)
                    .map(|_| match rng.below(20) {
                        0 => None,
                        1 => Some(special[rng.below(special.len() as u64) as usize]),
                        _ => Some(rng.below(levels) as f64 * 100.0 / levels as f64),
                    })
                    .collect();
                assert_eq!(Ranker::default().ranks(&scores), by_sort(&scores), "{n}");
            }
        }
    }
}
