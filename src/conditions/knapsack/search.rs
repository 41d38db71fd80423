//! Depth-first branch and bound for [`super::solve_linear`]: the LP (Dantzig) and cardinality
//! bounds, minimum-spend groups and linear side constraints checked as items are taken.

use super::{Linear, MinSpend, LINEAR_EPS, MAX_NODES};

/// Most positive-valued items for which the cardinality tables are built (they hold n²/2 entries).
pub(super) const MAX_CARDINALITY_ITEMS: usize = 1000;

/// For each position k of the ratio order, over the positive items at positions ≥ k: prefix
/// sums of their costs sorted ascending and of their values sorted descending (each row starts
/// with 0). Returns (row starts, costs, values).
pub(super) fn cardinality_tables(
    items: &[(usize, f64, u64)],
    positive: usize,
) -> (Vec<usize>, Vec<u64>, Vec<f64>) {
    if positive > MAX_CARDINALITY_ITEMS {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let mut rows: Vec<(Vec<u64>, Vec<f64>)> = Vec::with_capacity(positive + 1);
    let (mut costs, mut values): (Vec<u64>, Vec<f64>) = (Vec::new(), Vec::new());
    rows.push((vec![0], vec![0.0]));
    for &(_, v, c) in items.iter().take(positive).rev() {
        let at = costs.partition_point(|&x| x < c);
        costs.insert(at, c);
        let at = values.partition_point(|&x| x > v);
        values.insert(at, v);
        let mut cp = Vec::with_capacity(costs.len() + 1);
        let mut vp = Vec::with_capacity(values.len() + 1);
        let (mut sc, mut sv) = (0u64, 0.0);
        cp.push(0);
        vp.push(0.0);
        for (c, v) in costs.iter().zip(&values) {
            sc = sc.saturating_add(*c);
            sv += v;
            cp.push(sc);
            vp.push(sv);
        }
        rows.push((cp, vp));
    }
    rows.reverse();
    let mut start = Vec::with_capacity(rows.len() + 1);
    let (mut cost_table, mut value_table) = (Vec::new(), Vec::new());
    for (cp, vp) in rows {
        start.push(cost_table.len());
        cost_table.extend(cp);
        value_table.extend(vp);
    }
    start.push(cost_table.len());
    (start, cost_table, value_table)
}

/// Tolerance for comparing sums of values.
pub(super) fn eps(values: &[f64]) -> f64 {
    1e-9 * values.iter().map(|v| v.abs()).sum::<f64>().max(1.0)
}

pub(super) struct Search<'a> {
    /// Items with positive cost, sorted by value / cost, best first: (item, value, cost).
    pub(super) items: Vec<(usize, f64, u64)>,
    /// Prefix sums of cost and value over `items`, up to `positive` (items with value > 0).
    pub(super) prefix_cost: Vec<u64>,
    pub(super) prefix_value: Vec<f64>,
    pub(super) positive: usize,
    pub(super) groups: &'a [MinSpend],
    /// Groups of each sorted position.
    pub(super) item_groups: Vec<Vec<usize>>,
    /// suffix[g][k]: cost of the members of g at sorted positions ≥ k.
    pub(super) suffix: Vec<Vec<u64>>,
    /// Scratch: shortfall per partition.
    pub(super) per_partition: Vec<u64>,
    /// Cardinality bound tables (see [`cardinality_tables`]); empty when too large.
    pub(super) card_start: Vec<usize>,
    pub(super) card_cost: Vec<u64>,
    pub(super) card_value: Vec<f64>,
    pub(super) budget: u64,
    pub(super) eps: f64,
    pub(super) nodes: u64,
    pub(super) aborted: bool,
    pub(super) best: Option<(f64, u64, Vec<bool>)>,
    pub(super) taken: Vec<bool>,
    pub(super) spend: Vec<u64>,
    pub(super) linear: &'a [Linear],
    /// (constraint, weight) of each sorted position.
    pub(super) item_linear: Vec<Vec<(usize, f64)>>,
    /// Per constraint: sums of the positive and of the negative weights at positions ≥ k.
    pub(super) linear_up: Vec<Vec<f64>>,
    pub(super) linear_down: Vec<Vec<f64>>,
    /// Per constraint: the weighted total of the taken items.
    pub(super) linear_sum: Vec<f64>,
}

impl Search<'_> {
    /// LP bound on the value obtainable from positions k.. with `room` left.
    pub(super) fn bound(&self, k: usize, room: u64) -> f64 {
        if k >= self.positive {
            return 0.0;
        }
        let base_c = self.prefix_cost.get(k).copied().unwrap_or(0);
        let base_v = self.prefix_value.get(k).copied().unwrap_or(0.0);
        // Largest j in [k, positive] with prefix_cost[j] − base_c ≤ room.
        let slice = self.prefix_cost.get(k..=self.positive).unwrap_or(&[]);
        let j = k + slice.partition_point(|&c| c - base_c <= room) - 1;
        let used = self.prefix_cost.get(j).copied().unwrap_or(0) - base_c;
        let mut b = self.prefix_value.get(j).copied().unwrap_or(0.0) - base_v;
        if let Some(&(_, v, c)) = self.items.get(j).filter(|_| j < self.positive) {
            b += v * (room - used) as f64 / c as f64;
        }
        b.min(self.cardinality_bound(k, room))
    }

    /// No completion from position k can hold more items than the cheapest remaining ones that
    /// fit in `room`, so its value is at most the sum of that many of the largest remaining
    /// values. Tight where the LP bound is weak: many equal scores.
    fn cardinality_bound(&self, k: usize, room: u64) -> f64 {
        let (Some(&start), Some(&end)) = (self.card_start.get(k), self.card_start.get(k + 1))
        else {
            return f64::INFINITY;
        };
        let costs = self.card_cost.get(start..end).unwrap_or(&[]);
        let j = costs.partition_point(|&c| c <= room);
        match j.checked_sub(1) {
            Some(j) => self
                .card_value
                .get(start + j)
                .copied()
                .unwrap_or(f64::INFINITY),
            None => f64::INFINITY,
        }
    }

    /// Whether every linear constraint can still hold by choosing among positions ≥ k.
    fn linear_later(&self, k: usize) -> bool {
        self.linear.iter().enumerate().all(|(c, l)| {
            let sum = self.linear_sum.get(c).copied().unwrap_or(0.0);
            let up = self.linear_up.get(c).and_then(|u| u.get(k)).copied();
            let down = self.linear_down.get(c).and_then(|u| u.get(k)).copied();
            let low_ok = l
                .lower
                .map_or(true, |lo| sum + up.unwrap_or(0.0) >= lo - LINEAR_EPS);
            let high_ok = l
                .upper
                .map_or(true, |hi| sum + down.unwrap_or(0.0) <= hi + LINEAR_EPS);
            low_ok && high_ok
        })
    }

    fn feasible_later(&mut self, k: usize, cost: u64) -> bool {
        if !self.linear_later(k) {
            return false;
        }
        let room = self.budget - cost;
        let mut per_partition = std::mem::take(&mut self.per_partition);
        per_partition.iter_mut().for_each(|x| *x = 0);
        let ok = self.check_groups(k, room, &mut per_partition);
        self.per_partition = per_partition;
        ok
    }

    fn check_groups(&self, k: usize, room: u64, per_partition: &mut [u64]) -> bool {
        for (g, group) in self.groups.iter().enumerate() {
            let deficit = group
                .min_spend
                .saturating_sub(self.spend.get(g).copied().unwrap_or(0));
            if deficit == 0 {
                continue;
            }
            let left = self
                .suffix
                .get(g)
                .and_then(|s| s.get(k))
                .copied()
                .unwrap_or(0);
            if left < deficit || deficit > room {
                return false;
            }
            if let Some(x) = per_partition.get_mut(group.partition) {
                *x = x.saturating_add(deficit);
                if *x > room {
                    return false;
                }
            }
        }
        true
    }

    pub(super) fn dfs(&mut self, k: usize, value: f64, cost: u64) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.aborted = true;
            return;
        }
        if !self.feasible_later(k, cost) {
            return;
        }
        if let Some((best, _, _)) = &self.best {
            if value + self.bound(k, self.budget - cost) <= best + self.eps {
                return;
            }
        }
        let Some(&(_, v, c)) = self.items.get(k) else {
            let better = self
                .best
                .as_ref()
                .map_or(true, |(b, _, _)| value > b + self.eps);
            if better {
                self.best = Some((value, cost, self.taken.clone()));
            }
            return;
        };
        if cost + c <= self.budget {
            self.set(k, true, c);
            self.dfs(k + 1, value + v, cost + c);
            self.set(k, false, c);
            if self.aborted {
                return;
            }
        }
        self.dfs(k + 1, value, cost);
    }

    fn set(&mut self, k: usize, on: bool, c: u64) {
        if let Some(t) = self.taken.get_mut(k) {
            *t = on;
        }
        for &g in self.item_groups.get(k).map_or(&[][..], |x| x.as_slice()) {
            if let Some(s) = self.spend.get_mut(g) {
                *s = if on { *s + c } else { *s - c };
            }
        }
        for &(l, w) in self.item_linear.get(k).map_or(&[][..], |x| x.as_slice()) {
            if let Some(s) = self.linear_sum.get_mut(l) {
                *s += if on { w } else { -w };
            }
        }
    }
}
