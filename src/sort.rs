//! A shared stable sort (issue 21, size): `slice::sort_by` is instantiated once
//! per element type and comparison closure (driftsort: about 4.5 KB of wasm each); this sorts
//! a permutation of indices with a `dyn` comparison (one instantiation) and applies it. Used
//! where sorting is not hot (detection, codebooks, mappings). The statistics order positions by
//! value with [`sort_order_by_value`] (no `dyn`: ranks are hot) and sort numbers with
//! [`sort_floats`] through it, so `pkg/stats/` holds one instantiation of the standard sort
//! instead of three (issue 19, size).

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by `key`, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts the positions `order` stably by `values[i]` in [`f64::total_cmp`] order (R's `order`
/// with ties kept in place); a position outside `values` sorts as NaN.
#[inline(never)]
pub fn sort_order_by_value(order: &mut [usize], values: &[f64]) {
    let key = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    order.sort_by(|&a, &b| key(a).total_cmp(&key(b)));
}

/// Sorts `v` ascending in [`f64::total_cmp`] order, like `v.sort_by(f64::total_cmp)` (values
/// equal in that order are the same bits, so the result is identical), through
/// [`sort_order_by_value`]: one more allocation, for sorts that are not hot.
pub fn sort_floats(v: &mut [f64]) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_order_by_value(&mut order, v);
    let sorted: Vec<f64> = order.iter().filter_map(|&i| v.get(i).copied()).collect();
    for (slot, x) in v.iter_mut().zip(sorted) {
        *slot = x;
    }
}

#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Puts `v[order[k]]` at `k` for every `k`, following each cycle once (`order` is consumed).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..v.len() {
        let mut at = start;
        while order[at] != at {
            let next = order[at];
            order[at] = at;
            if next == start {
                break;
            }
            v.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_std_stable_sort() {
        let mut seed = 7u64;
        for n in 0..200 {
            let mut a: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut b = a.clone();
            let mut c = a.clone();
            a.sort_by_key(|x| x.0);
            super::sort_by(&mut b, |x, y| x.0.cmp(&y.0));
            super::sort_by_key(&mut c, |x| x.0);
            assert_eq!(a, b);
            assert_eq!(a, c);
        }
    }

    #[test]
    fn floats_and_orders_match_std_total_order() {
        let mut seed = 3u64;
        for n in 0..300 {
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    match seed >> 61 {
                        0 => f64::NAN,
                        1 => -0.0,
                        2 => 0.0,
                        _ => ((seed >> 40) % 7) as f64 - 3.0,
                    }
                })
                .collect();
            let (mut a, mut b) = (v.clone(), v.clone());
            a.sort_by(f64::total_cmp);
            super::sort_floats(&mut b);
            let bits = |x: &[f64]| x.iter().map(|y| y.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&a), bits(&b));
            let mut o1: Vec<usize> = (0..n).collect();
            let mut o2 = o1.clone();
            o1.sort_by(|&i, &j| v[i].total_cmp(&v[j]));
            super::sort_order_by_value(&mut o2, &v);
            assert_eq!(o1, o2);
        }
    }
}
