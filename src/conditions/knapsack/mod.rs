//! Exact 0/1 knapsack with minimum-spend constraints: the solver behind
//! [`super::fund_within_budget`].
//!
//! Two exact methods: dynamic programming over cost (costs divided by their greatest common
//! divisor; only without minimum-spend groups and when items × capacity stays small), and
//! depth-first branch and bound with the smaller of the LP (fractional, Dantzig) bound and a
//! cardinality bound. Dynamic programming runs first when its table is tiny
//! ([`SMALL_DP_CELLS`]), branch and bound otherwise, and dynamic programming again (up to
//! [`MAX_DP_CELLS`]) if branch and bound reaches [`MAX_NODES`]. Only when both are out of reach
//! does the result say `optimal: false`, with an upper bound on the optimum — a best-found set is
//! never presented as optimal.

use crate::conditions::method::Method;
use crate::error::{Code, Error, Result};
use serde::Serialize;

mod search;
use search::{cardinality_tables, eps, Search};

/// Largest items × (capacity + 1) table solved by dynamic programming.
pub const MAX_DP_CELLS: u64 = 10_000_000;

/// Dynamic programming is tried first up to this many cells (it takes a few milliseconds).
pub const SMALL_DP_CELLS: u64 = 2_000_000;

/// Node limit of branch and bound (about 60 ms natively).
pub const MAX_NODES: u64 = 500_000;

/// A lower bound on the total cost of the selected members of a group (e.g. "at least 20% of the
/// budget to Mecca").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinSpend {
    /// Item indices in the group.
    pub members: Vec<usize>,
    /// The least the selected members must cost together.
    pub min_spend: u64,
    /// Groups with the same partition number are disjoint (e.g. all community groups); used to
    /// prune with the sum of their shortfalls.
    pub partition: usize,
}

/// A linear side constraint `lower ≤ Σ w_i x_i ≤ upper` over the items (weights may be
/// negative): e.g. "at most 30% of the awards to one region" is `Σ_{i∈G} 0.7 x_i −
/// Σ_{i∉G} 0.3 x_i ≤ 0`, "at most $200,000 to one organisation" is `Σ_{i∈G} c_i x_i ≤ 200,000`.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    /// (item index, weight); items not listed have weight 0.
    pub weights: Vec<(usize, f64)>,
    /// Least allowed total (`None`: no lower limit).
    pub lower: Option<f64>,
    /// Most allowed total (`None`: no upper limit).
    pub upper: Option<f64>,
}

/// Tolerance of the linear constraints (their weights are dollars or award counts).
const LINEAR_EPS: f64 = 1e-7;

/// The chosen items.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    /// `Method::DpOverCost` or `Method::BranchAndBound`.
    pub method: Method,
    /// Selected flag per item.
    pub selected: Vec<bool>,
    /// Total value of the selected items.
    pub value: f64,
    /// Total cost of the selected items (≤ budget).
    pub cost: u64,
    /// True when the selection is proven optimal.
    pub optimal: bool,
    /// An upper bound on the optimal value (equal to `value` when optimal).
    pub upper_bound: f64,
    /// Branch-and-bound nodes visited (0 for dynamic programming).
    pub nodes: u64,
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn dp(values: &[f64], costs: &[u64], budget: u64, g: u64, forced: &[bool]) -> Option<Selection> {
    let cap = usize::try_from(budget / g).ok()?;
    let items: Vec<(usize, f64, usize)> = values
        .iter()
        .zip(costs)
        .enumerate()
        .filter(|(i, (v, c))| **c > 0 && **v > 0.0 && !forced.get(*i).copied().unwrap_or(false))
        .filter_map(|(i, (v, c))| usize::try_from(c / g).ok().map(|c| (i, *v, c)))
        .collect();
    let words = cap / 64 + 1;
    let mut keep = vec![0u64; items.len().checked_mul(words)?];
    let mut best = vec![0.0f64; cap + 1];
    for (k, &(_, v, c)) in items.iter().enumerate() {
        if c > cap {
            continue;
        }
        for w in (c..=cap).rev() {
            let with = best.get(w - c).copied().unwrap_or(0.0) + v;
            if let Some(slot) = best.get_mut(w) {
                if with > *slot {
                    *slot = with;
                    if let Some(bits) = keep.get_mut(k * words + w / 64) {
                        *bits |= 1 << (w % 64);
                    }
                }
            }
        }
    }
    let top = best.get(cap).copied().unwrap_or(0.0);
    let e = eps(values);
    // The cheapest capacity that reaches the optimum: ties go to the cheaper set.
    let mut w = best.iter().position(|&b| b >= top - e).unwrap_or(cap);
    let mut selected = forced.to_vec();
    for (k, &(i, _, c)) in items.iter().enumerate().rev() {
        let bit = keep
            .get(k * words + w / 64)
            .is_some_and(|b| b >> (w % 64) & 1 == 1);
        if bit {
            if let Some(s) = selected.get_mut(i) {
                *s = true;
            }
            w -= c;
        }
    }
    let value: f64 = selected
        .iter()
        .zip(values)
        .filter(|(s, _)| **s)
        .map(|(_, v)| v)
        .sum();
    let cost: u64 = selected
        .iter()
        .zip(costs)
        .filter(|(s, _)| **s)
        .map(|(_, c)| c)
        .sum();
    Some(Selection {
        method: Method::DpOverCost,
        selected,
        value,
        cost,
        optimal: true,
        upper_bound: value,
        nodes: 0,
    })
}

/// Chooses items maximising total value with total cost ≤ `budget` and each group's selected
/// cost ≥ its `min_spend`. Exact: dynamic programming over cost ÷ gcd when there are no groups
/// and items × capacity ≤ [`MAX_DP_CELLS`], otherwise branch and bound with the LP bound
/// (`optimal: false` only if [`MAX_NODES`] is reached). Items of cost 0 and positive value are
/// always selected; among equally valuable sets the dynamic program prefers the cheaper.
///
/// # Formula
/// ```text
/// maximize Σ v_i x_i  subject to  Σ c_i x_i ≤ B,  Σ_{i∈G} c_i x_i ≥ L_G for every group G,
/// x_i ∈ {0, 1}
/// LP bound at depth k: Σ of the next items by v/c while they fit + the fitting fraction of the
/// first that does not
/// ```
///
/// # Errors
/// [`Code::LengthMismatch`] when values and costs differ in length, [`Code::NotFinite`] for a
/// non-finite value, [`Code::UnknownId`] for a group member out of range,
/// [`Code::InfeasibleConstraints`] when no selection meets every group's minimum.
///
/// # Examples
/// ```
/// use waterline::conditions::knapsack::solve;
/// // Budget $100,000: the two $50,000 proposals (70 + 65) beat the $90,000 one (80).
/// let s = solve(&[80.0, 70.0, 65.0], &[90_000, 50_000, 50_000], 100_000, &[]).unwrap();
/// assert_eq!(s.selected, vec![false, true, true]);
/// assert!(s.optimal);
/// ```
///
/// # References
/// Martello, S. & Toth, P. (1990). *Knapsack Problems*, ch. 2 (Dantzig bound, branch and bound,
/// dynamic programming).
pub fn solve(values: &[f64], costs: &[u64], budget: u64, groups: &[MinSpend]) -> Result<Selection> {
    solve_linear(values, costs, budget, groups, &[])
}

/// [`solve`] with further [`Linear`] side constraints (award counts, maximum shares, caps per
/// organisation), still exact: branch and bound prunes a branch only when some constraint can
/// no longer hold (the taken total plus every remaining positive, or negative, weight misses
/// its limit). With linear constraints items of cost 0 are searched like the others rather
/// than always taken, since taking one may break a cap.
///
/// # Errors
/// Those of [`solve`]; [`Code::NotFinite`] for a non-finite weight or limit.
pub fn solve_linear(
    values: &[f64],
    costs: &[u64],
    budget: u64,
    groups: &[MinSpend],
    linear: &[Linear],
) -> Result<Selection> {
    if values.len() != costs.len() {
        return Err(Error::new(
            Code::LengthMismatch,
            format!("{} values but {} costs", values.len(), costs.len()),
        ));
    }
    for v in values {
        crate::error::finite("value", *v)?;
    }
    let n = values.len();
    for g in groups {
        if let Some(&bad) = g.members.iter().find(|&&m| m >= n) {
            return Err(Error::new(
                Code::UnknownId,
                format!("group member {bad} is out of range"),
            )
            .with("index", bad));
        }
    }
    for l in linear {
        for &(m, w) in &l.weights {
            if m >= n {
                return Err(Error::new(
                    Code::UnknownId,
                    format!("constraint member {m} is out of range"),
                )
                .with("index", m));
            }
            crate::error::finite("weight", w)?;
        }
        for x in l.lower.iter().chain(&l.upper) {
            crate::error::finite("limit", *x)?;
        }
    }
    // Free items with positive value are always taken (unless a linear constraint may cap them).
    let forced: Vec<bool> = values
        .iter()
        .zip(costs)
        .map(|(v, c)| *c == 0 && *v > 0.0 && linear.is_empty())
        .collect();
    let common = costs
        .iter()
        .filter(|&&c| c > 0)
        .fold(0, |a, &c| gcd(a, c))
        .max(1);
    let cells = (n as u64).saturating_mul(budget / common + 1);
    let dp_ok = groups.is_empty() && linear.is_empty() && cells <= MAX_DP_CELLS;
    if dp_ok && cells <= SMALL_DP_CELLS {
        if let Some(s) = dp(values, costs, budget, common, &forced) {
            return Ok(s);
        }
    }
    let mut items: Vec<(usize, f64, u64)> = (0..n)
        .filter(|&i| {
            !forced.get(i).copied().unwrap_or(true)
                && (!linear.is_empty() || costs.get(i).is_some_and(|&c| c > 0))
        })
        .map(|i| {
            (
                i,
                values.get(i).copied().unwrap_or(0.0),
                costs.get(i).copied().unwrap_or(0),
            )
        })
        .collect();
    crate::sort::sort_by(&mut items, |a, b| {
        ratio(b.1, b.2)
            .total_cmp(&ratio(a.1, a.2))
            .then(a.0.cmp(&b.0))
    });
    let positive = items.iter().take_while(|x| x.1 > 0.0).count();
    let mut prefix_cost = vec![0u64];
    let mut prefix_value = vec![0.0];
    for &(_, v, c) in items.iter().take(positive) {
        prefix_cost.push(prefix_cost.last().copied().unwrap_or(0).saturating_add(c));
        prefix_value.push(prefix_value.last().copied().unwrap_or(0.0) + v);
    }
    let mut position = vec![usize::MAX; n];
    for (k, &(i, _, _)) in items.iter().enumerate() {
        if let Some(p) = position.get_mut(i) {
            *p = k;
        }
    }
    let mut item_groups = vec![Vec::new(); items.len()];
    let mut suffix = vec![vec![0u64; items.len() + 1]; groups.len()];
    for (g, group) in groups.iter().enumerate() {
        for &m in &group.members {
            match position.get(m).copied() {
                Some(k) if k != usize::MAX => {
                    if let Some(list) = item_groups.get_mut(k) {
                        list.push(g);
                    }
                    if let Some(s) = suffix.get_mut(g).and_then(|s| s.get_mut(k)) {
                        *s += costs.get(m).copied().unwrap_or(0);
                    }
                }
                _ => {}
            }
        }
        if let Some(s) = suffix.get_mut(g) {
            for k in (0..items.len()).rev() {
                let next = s.get(k + 1).copied().unwrap_or(0);
                if let Some(x) = s.get_mut(k) {
                    *x = x.saturating_add(next);
                }
            }
        }
    }
    let (item_linear, linear_up, linear_down) = linear_tables(linear, &position, items.len());
    let (card_start, card_cost, card_value) = cardinality_tables(&items, positive);
    let partitions = groups.iter().map(|g| g.partition + 1).max().unwrap_or(0);
    let mut search = Search {
        items,
        prefix_cost,
        prefix_value,
        positive,
        groups,
        item_groups,
        suffix,
        per_partition: vec![0; partitions],
        card_start,
        card_cost,
        card_value,
        budget,
        eps: eps(values),
        nodes: 0,
        aborted: false,
        best: None,
        taken: Vec::new(),
        spend: vec![0; groups.len()],
        linear,
        item_linear,
        linear_up,
        linear_down,
        linear_sum: vec![0.0; linear.len()],
    };
    search.taken = vec![false; search.items.len()];
    let root_bound = search.bound(0, budget);
    search.dfs(0, 0.0, 0);
    let Some((value, cost, taken)) = search.best.take() else {
        let message = if search.aborted {
            "no selection meeting every minimum share was found within the search limit"
        } else {
            "no selection of proposals meets every minimum share within the budget"
        };
        return Err(Error::new(Code::InfeasibleConstraints, message));
    };
    let mut selected = forced.clone();
    for (k, &(i, _, _)) in search.items.iter().enumerate() {
        if taken.get(k) == Some(&true) {
            if let Some(s) = selected.get_mut(i) {
                *s = true;
            }
        }
    }
    if search.aborted && dp_ok {
        if let Some(s) = dp(values, costs, budget, common, &forced) {
            return Ok(Selection {
                nodes: search.nodes,
                ..s
            });
        }
    }
    let free: f64 = forced
        .iter()
        .zip(values)
        .filter(|(f, _)| **f)
        .map(|(_, v)| v)
        .sum();
    Ok(Selection {
        method: Method::BranchAndBound,
        selected,
        value: value + free,
        cost,
        optimal: !search.aborted,
        upper_bound: if search.aborted {
            root_bound.max(value) + free
        } else {
            value + free
        },
        nodes: search.nodes,
    })
}

/// Value per dollar; free items first when valuable, last otherwise.
fn ratio(v: f64, c: u64) -> f64 {
    match (c, v > 0.0) {
        (0, true) => f64::INFINITY,
        (0, false) => f64::NEG_INFINITY,
        _ => v / c as f64,
    }
}

/// Per sorted position its (constraint, weight) pairs; per constraint the suffix sums of the
/// positive and of the negative weights (length positions + 1).
#[allow(clippy::type_complexity)]
fn linear_tables(
    linear: &[Linear],
    position: &[usize],
    len: usize,
) -> (Vec<Vec<(usize, f64)>>, Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let mut item_linear = vec![Vec::new(); len];
    let mut up = vec![vec![0.0; len + 1]; linear.len()];
    let mut down = vec![vec![0.0; len + 1]; linear.len()];
    for (c, l) in linear.iter().enumerate() {
        for &(m, w) in &l.weights {
            let Some(&k) = position.get(m).filter(|&&k| k != usize::MAX) else {
                continue;
            };
            if let Some(list) = item_linear.get_mut(k) {
                list.push((c, w));
            }
            let target = if w > 0.0 {
                up.get_mut(c)
            } else {
                down.get_mut(c)
            };
            if let Some(x) = target.and_then(|t| t.get_mut(k)) {
                *x += w;
            }
        }
        for table in [up.get_mut(c), down.get_mut(c)].into_iter().flatten() {
            for k in (0..len).rev() {
                let next = table.get(k + 1).copied().unwrap_or(0.0);
                if let Some(x) = table.get_mut(k) {
                    *x += next;
                }
            }
        }
    }
    (item_linear, up, down)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_scores_fund_as_many_as_fit() {
        // Ten proposals with the same score: the cheapest that fit, proven optimal.
        let values = [60.0; 10];
        let costs = [91, 17, 45, 33, 78, 12, 56, 29, 64, 40];
        let s = solve(&values, &costs, 150, &[]).unwrap();
        assert!(s.optimal);
        assert_eq!(s.value, 300.0); // 12 + 17 + 29 + 33 + 40 = 131 ≤ 150, six would cost 176
    }

    #[test]
    fn free_items_are_always_taken_and_groups_are_met() {
        let s = solve(&[5.0, 50.0, 40.0, 1.0], &[0, 100, 90, 80], 190, &[]).unwrap();
        assert_eq!(s.selected, vec![true, true, true, false]);
        let group = MinSpend {
            members: vec![3],
            min_spend: 80,
            partition: 0,
        };
        let s = solve(&[5.0, 50.0, 40.0, 1.0], &[0, 100, 90, 80], 190, &[group]).unwrap();
        assert_eq!(s.selected, vec![true, true, false, true]);
        let impossible = MinSpend {
            members: vec![3],
            min_spend: 81,
            partition: 0,
        };
        let e = solve(&[1.0; 4], &[0, 100, 90, 80], 180, &[impossible]).unwrap_err();
        assert_eq!(e.code, Code::InfeasibleConstraints);
    }

    #[test]
    fn cardinality_tables_hold_suffix_prefix_sums() {
        let items = [(0, 9.0, 5), (1, 4.0, 2), (2, 8.0, 7)];
        let (start, cost, value) = cardinality_tables(&items, 3);
        assert_eq!(start, vec![0, 4, 7, 9, 10]);
        assert_eq!(&cost[0..4], &[0, 2, 7, 14]);
        assert_eq!(&value[0..4], &[0.0, 9.0, 17.0, 21.0]);
        assert_eq!(gcd(25_000, 15_000), 5_000);
    }
}
