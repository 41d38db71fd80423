//! A shared stable sort (issue 21, size): `slice::sort_by` is instantiated once
//! per element type and comparison closure (driftsort: about 4.5 KB of wasm each); this sorts
//! a permutation of indices with a `dyn` comparison (one instantiation) and applies it. Used
//! where sorting is not hot (detection, codebooks, mappings); the statistics sort directly.

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
}
