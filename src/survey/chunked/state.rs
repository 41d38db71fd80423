//! The per-item and per-pair states of [`super::ChunkedReport`]: what one piece of the file
//! adds and what two pieces' states merge into. Counts merge exactly; numbers are kept as a
//! count per distinct value (exact, memory per distinct value, not per respondent); same-row
//! pairs of point items a count per distinct (before, after); other matched pairs keep their
//! values (16 bytes per complete pair).

use crate::error::Result;
use crate::stats::summary::{Merge, PointCounts};
use crate::survey::instrument::{Item, ItemType};
use crate::survey::issues::ColumnMissing;
use crate::survey::report::describe::{
    empty, finish as finish_item, numeric_item, point_item, PointIndex,
};
use crate::survey::report::{ItemResult, Share};
use std::collections::HashMap;

/// A numeric item's answers: count per distinct value (by its bits, so −0 and 0 stay apart
/// as `total_cmp` keeps them). Memory: 16 bytes (plus the map's overhead) per distinct value.
#[derive(Debug, Clone, Default)]
pub(crate) struct Values {
    counts: HashMap<u64, u64>,
}

impl Values {
    /// Adds one answer (NaN is no answer and is not counted).
    pub(crate) fn observe(&mut self, v: f64) {
        if !v.is_nan() {
            *self.counts.entry(v.to_bits()).or_insert(0) += 1;
        }
    }

    /// Answers counted.
    pub(crate) fn n(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Adds another piece's answers.
    pub(crate) fn merge(&mut self, other: &Values) {
        for (k, c) in &other.counts {
            *self.counts.entry(*k).or_insert(0) += c;
        }
    }

    /// Every answer, in ascending `total_cmp` order (what the in-memory report sorts its
    /// answers into): O(n) memory, at the end only.
    pub(crate) fn sorted(&self) -> Vec<f64> {
        let mut distinct: Vec<(f64, u64)> = self
            .counts
            .iter()
            .map(|(k, c)| (f64::from_bits(*k), *c))
            .collect();
        crate::sort::sort_by(&mut distinct, |a, b| a.0.total_cmp(&b.0));
        let mut out = Vec::with_capacity(self.n() as usize);
        for (v, c) in distinct {
            out.extend(std::iter::repeat(v).take(c as usize));
        }
        out
    }
}

/// One item's answers in one wave (or over all rows).
#[derive(Debug, Clone)]
pub(crate) enum ItemState {
    /// A point item: count per point.
    Points(PointCounts),
    /// A multi-select item: respondents who answered, and per choice how many of them chose
    /// it.
    Choices { answered: u64, chosen: Vec<u64> },
    /// A numeric item: count per distinct value.
    Numbers(Values),
}

impl ItemState {
    /// The empty state of `item`.
    pub(crate) fn new(item: &Item) -> Self {
        match item.kind {
            ItemType::MultiSelect => ItemState::Choices {
                answered: 0,
                chosen: vec![0; item.choices.len()],
            },
            ItemType::Numeric => ItemState::Numbers(Values::default()),
            _ => ItemState::Points(PointCounts::new(
                item.points.iter().map(|p| p.value).collect(),
            )),
        }
    }

    /// Adds the rows `rows` of a piece: `values` the item's column, `choices` its choice
    /// columns (multi-select).
    pub(crate) fn observe(
        &mut self,
        index: Option<&PointIndex>,
        values: &[f64],
        choices: &[Vec<f64>],
        rows: impl Iterator<Item = usize>,
    ) {
        match self {
            ItemState::Points(counts) => {
                for row in rows {
                    let Some(v) = values.get(row).copied().filter(|v| !v.is_nan()) else {
                        continue;
                    };
                    match index.and_then(|i| i.get(v)) {
                        Some(p) => counts.observe_point(p),
                        None => counts.observe(v),
                    }
                }
            }
            ItemState::Choices { answered, chosen } => {
                let first = choices.first().map(Vec::as_slice).unwrap_or(&[]);
                for row in rows {
                    if !first.get(row).is_some_and(|v| !v.is_nan()) {
                        continue;
                    }
                    *answered += 1;
                    for (c, col) in chosen.iter_mut().zip(choices) {
                        if col.get(row) == Some(&1.0) {
                            *c += 1;
                        }
                    }
                }
            }
            ItemState::Numbers(v) => {
                for row in rows {
                    v.observe(values.get(row).copied().unwrap_or(f64::NAN));
                }
            }
        }
    }

    /// Adds another piece's state of the same item.
    ///
    /// # Errors
    /// [`crate::Code::LengthMismatch`] for states of different shapes.
    pub(crate) fn merge(&mut self, other: &ItemState) -> Result<()> {
        match (self, other) {
            (ItemState::Points(a), ItemState::Points(b)) => a.merge(b),
            (
                ItemState::Choices { answered, chosen },
                ItemState::Choices {
                    answered: n,
                    chosen: c,
                },
            ) if chosen.len() == c.len() => {
                *answered += n;
                crate::stats::summary::add(chosen, c);
                Ok(())
            }
            (ItemState::Numbers(a), ItemState::Numbers(b)) => {
                a.merge(b);
                Ok(())
            }
            _ => Err(crate::stats::summary::shape("items")),
        }
    }

    /// The item's descriptives (as [`crate::survey::report::describe::describe_all`] gives
    /// them): `considered` rows looked at, `wave` the wave's name.
    pub(crate) fn finish(
        &self,
        item: &Item,
        considered: u64,
        wave: Option<String>,
        level: f64,
    ) -> ItemResult {
        let mut r = empty(item);
        r.wave = wave;
        match self {
            ItemState::Points(counts) => point_item(item, counts, level, &mut r),
            ItemState::Choices { answered, chosen } => {
                r.n_used = *answered;
                r.distribution = item
                    .choices
                    .iter()
                    .zip(chosen)
                    .filter_map(|(c, k)| {
                        Share::new(c.id.clone(), c.label.clone(), *k, *answered, level)
                    })
                    .collect();
                crate::sort::sort_by_key(&mut r.distribution, |s| std::cmp::Reverse(s.count));
            }
            ItemState::Numbers(v) => {
                let present = v.sorted();
                r.n_used = present.len() as u64;
                numeric_item(item, &mut r, present, level);
            }
        }
        finish_item(item, &mut r, considered, level);
        r
    }
}

/// Exclusion counts of a pair: before missing, after missing, unmatched, no id.
pub(crate) type PairCounts = [u64; 4];

/// One pair's matched values so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct PairState {
    /// Same-row pairs of point items (yes/no, Likert, change), whose shift is a function of
    /// the before × after table: a count per distinct (before, after), instead of the values.
    pub table: Option<HashMap<(u64, u64), u64>>,
    /// Complete pairs' before values, in file order.
    pub before: Vec<f64>,
    /// Complete pairs' after values, in file order.
    pub after: Vec<f64>,
    /// Exclusions (same-row pairs; pairs across waves count at the end).
    pub counts: PairCounts,
    /// Across waves: per interned id, the before value of its last row in the first wave.
    pub from: HashMap<u32, f64>,
    /// Across waves: the rows of the second wave, in file order, as (interned id, after).
    pub to: Vec<(u32, f64)>,
}

impl PairState {
    /// A same-row pair's row: counted missing, or kept.
    pub(crate) fn tally(&mut self, x: f64, y: f64) {
        if x.is_nan() {
            self.counts[0] += 1;
        } else if y.is_nan() {
            self.counts[1] += 1;
        } else if let Some(t) = &mut self.table {
            *t.entry((x.to_bits(), y.to_bits())).or_insert(0) += 1;
        } else {
            self.before.push(x);
            self.after.push(y);
        }
    }

    /// The complete pairs' values: as kept, or expanded from the table (O(pairs) memory, at
    /// the end only; the order does not matter to a function of the table).
    fn values(&self) -> (Vec<f64>, Vec<f64>) {
        let (mut before, mut after) = (self.before.clone(), self.after.clone());
        if let Some(t) = &self.table {
            let mut cells: Vec<(&(u64, u64), &u64)> = t.iter().collect();
            crate::sort::sort_by(&mut cells, Ord::cmp);
            for ((x, y), c) in cells {
                before.extend(std::iter::repeat(f64::from_bits(*x)).take(*c as usize));
                after.extend(std::iter::repeat(f64::from_bits(*y)).take(*c as usize));
            }
        }
        (before, after)
    }

    /// Adds a later piece's state; `ids` maps the other's interned ids onto this one's.
    pub(crate) fn merge(&mut self, other: &PairState, ids: &[u32]) {
        if let (Some(a), Some(b)) = (&mut self.table, &other.table) {
            for (k, c) in b {
                *a.entry(*k).or_insert(0) += c;
            }
        }
        self.before.extend_from_slice(&other.before);
        self.after.extend_from_slice(&other.after);
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
        let map = |id: u32| ids.get(id as usize).copied().unwrap_or(0);
        for (id, v) in &other.from {
            self.from.insert(map(*id), *v);
        }
        self.to
            .extend(other.to.iter().map(|(id, v)| (map(*id), *v)));
    }

    /// Matches the rows of two waves as the in-memory report does: each second-wave row with
    /// the first-wave row of its id; returns the matched values and the exclusion counts.
    pub(crate) fn matched(&self) -> (Vec<f64>, Vec<f64>, PairCounts) {
        if self.from.is_empty() && self.to.is_empty() {
            let (before, after) = self.values();
            return (before, after, self.counts);
        }
        let mut st = PairState {
            counts: self.counts,
            ..PairState::default()
        };
        let mut used = 0u64;
        for (id, y) in &self.to {
            match self.from.get(id) {
                Some(x) => {
                    used += 1;
                    st.tally(*x, *y);
                }
                None => st.counts[2] += 1,
            }
        }
        st.counts[2] += (self.from.len() as u64).saturating_sub(used);
        (st.before, st.after, st.counts)
    }
}

/// The text of an interned id (a scan: called once, for the error's `details.id`).
pub(crate) fn id_text(index: &HashMap<Box<str>, u32>, id: u32) -> Option<String> {
    index
        .iter()
        .find(|(_, i)| **i == id)
        .map(|(t, _)| t.to_string())
}

/// Adds a piece's missing-answer counts.
pub(crate) fn add_missing(total: &mut Vec<ColumnMissing>, missing: &[ColumnMissing]) {
    for m in missing {
        match total.iter_mut().find(|x| x.item == m.item) {
            Some(x) => {
                x.blank += m.blank;
                x.not_applicable += m.not_applicable;
                x.declined += m.declined;
                x.dont_know += m.dont_know;
                x.invalid += m.invalid;
                x.total += m.total;
            }
            None => total.push(m.clone()),
        }
    }
}
