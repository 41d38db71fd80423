//! Layout of the logic-model diagram: fixed columns by kind, dummy nodes on long links,
//! barycenter sweeps to keep crossings few, then coordinates and edge polylines. The page only
//! draws what this computes.

use super::index::{Index, Kind, LogicGraph, COLUMNS};
use super::method::Method;
use super::model::{Model, Text};
use serde::Serialize;

/// Node width in layout units (CSS pixels at scale 1).
pub const NODE_WIDTH: f64 = 200.0;
const GAP_X: f64 = 90.0;
const GAP_Y: f64 = 16.0;
const MARGIN: f64 = 24.0;
const LINE_HEIGHT: f64 = 16.0;
const PADDING: f64 = 10.0;
const CHARS_PER_LINE: usize = 28;
const DUMMY_HEIGHT: f64 = 4.0;
const FLAT_OFFSET: f64 = 24.0;
const MAX_SWEEPS: usize = 24;

/// A column of the logic model, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocColumnKey"))]
#[serde(rename_all = "snake_case")]
pub enum ColumnKey {
    /// Inputs (resources).
    Inputs,
    /// Activities.
    Activities,
    /// Outputs.
    Outputs,
    /// Short-term outcomes.
    ShortTerm,
    /// Intermediate outcomes.
    Intermediate,
    /// Long-term outcomes.
    LongTerm,
    /// Impact.
    Impact,
}

const KEYS: [ColumnKey; COLUMNS] = [
    ColumnKey::Inputs,
    ColumnKey::Activities,
    ColumnKey::Outputs,
    ColumnKey::ShortTerm,
    ColumnKey::Intermediate,
    ColumnKey::LongTerm,
    ColumnKey::Impact,
];

/// A column's position.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocLayoutColumn"))]
#[serde(rename_all = "camelCase")]
pub struct LayoutColumn {
    /// Which column (the page translates the key).
    pub key: ColumnKey,
    /// Left edge.
    pub x: f64,
    /// Width.
    pub width: f64,
}

/// A node box (top-left corner, size).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocLayoutNode"))]
#[serde(rename_all = "camelCase")]
pub struct LayoutNode {
    /// Element id.
    pub id: String,
    /// Element kind.
    pub kind: Kind,
    /// Its column.
    pub column: ColumnKey,
    /// Rank within the column, from the top.
    pub order: usize,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height (grows with the label: about 28 characters per 16-unit line).
    pub height: f64,
}

/// A point of an edge polyline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocPoint"))]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

/// How an edge runs between columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocEdgeRoute"))]
#[serde(rename_all = "snake_case")]
pub enum EdgeRoute {
    /// Left to right (the normal case).
    Forward,
    /// Right to left (an invalid link, drawn anyway).
    Backward,
    /// Within one column (outcome → outcome of the same term), drawn as an arc on the right.
    Flat,
}

/// A link drawn as a polyline from its source to its target (arrow at the last point).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocLayoutEdge"))]
#[serde(rename_all = "camelCase")]
pub struct LayoutEdge {
    /// Source id.
    pub from: String,
    /// Target id.
    pub to: String,
    /// Forward, backward or flat.
    pub route: EdgeRoute,
    /// Polyline points, source side first.
    pub points: Vec<Point>,
}

/// The result of [`layout`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocLayout"))]
#[serde(rename_all = "camelCase")]
pub struct Layout {
    /// `Method::LayeredBarycenter`.
    pub method: Method,
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Non-empty columns, left to right.
    pub columns: Vec<LayoutColumn>,
    /// Node boxes in model order (inputs, activities, outputs, outcomes, impacts).
    pub nodes: Vec<LayoutNode>,
    /// Edges in link order (links naming unknown elements are skipped).
    pub edges: Vec<LayoutEdge>,
    /// Edge crossings between adjacent columns in the final order.
    pub crossings: u64,
    /// Crossings in the initial (model) order.
    pub initial_crossings: u64,
    /// Barycenter sweeps run (one sweep = down then up).
    pub sweeps: usize,
    /// Dummy nodes inserted where links skip columns.
    pub n_dummies: usize,
    /// Links skipped because an end is not a logic-model element.
    pub n_skipped_links: usize,
}

/// The layered graph: real nodes first, then dummies.
struct Layers {
    layer: Vec<usize>,
    layers: Vec<Vec<u32>>,
    pos: Vec<usize>,
    down: Vec<Vec<u32>>,
    up: Vec<Vec<u32>>,
}

impl Layers {
    fn renumber(&mut self) {
        for list in &self.layers {
            for (i, &v) in list.iter().enumerate() {
                if let Some(p) = self.pos.get_mut(v as usize) {
                    *p = i;
                }
            }
        }
    }

    /// Reorders layer `l` by the mean position of each node's neighbours in `adj`; nodes
    /// without neighbours keep their position as key.
    fn sort_layer(&mut self, l: usize, use_up: bool) {
        let Some(list) = self.layers.get(l) else {
            return;
        };
        let adj = if use_up { &self.up } else { &self.down };
        let mut keyed: Vec<(f64, u32)> = list
            .iter()
            .map(|&v| {
                let ns = adj.get(v as usize).map_or(&[][..], Vec::as_slice);
                let own = self.pos.get(v as usize).copied().unwrap_or(0) as f64;
                let key = if ns.is_empty() {
                    own
                } else {
                    ns.iter()
                        .map(|&w| self.pos.get(w as usize).copied().unwrap_or(0) as f64)
                        .sum::<f64>()
                        / ns.len() as f64
                };
                (key, v)
            })
            .collect();
        crate::sort::sort_by(&mut keyed, |a, b| a.0.total_cmp(&b.0));
        if let Some(list) = self.layers.get_mut(l) {
            *list = keyed.into_iter().map(|(_, v)| v).collect();
            for (i, &v) in list.iter().enumerate() {
                if let Some(p) = self.pos.get_mut(v as usize) {
                    *p = i;
                }
            }
        }
    }

    /// Crossings between all adjacent layers: O(E log V) with a Fenwick tree.
    fn crossings(&self) -> u64 {
        let mut total = 0u64;
        for list in &self.layers {
            let mut pairs: Vec<(usize, usize)> = Vec::new();
            for &v in list {
                let pv = self.pos.get(v as usize).copied().unwrap_or(0);
                for &w in self.down.get(v as usize).map_or(&[][..], Vec::as_slice) {
                    pairs.push((pv, self.pos.get(w as usize).copied().unwrap_or(0)));
                }
            }
            total += count_inversions(&mut pairs);
        }
        total
    }
}

/// Number of crossing pairs among straight segments `(upper position, lower position)`.
///
/// # Formula
///
/// Sort by (upper, lower); two segments cross when their lower ends are inverted. Counting the
/// inversions with a Fenwick tree is O(E log V) (Barth, Jünger & Mutzel 2002).
pub(crate) fn count_inversions(pairs: &mut [(usize, usize)]) -> u64 {
    crate::sort::sort_by(pairs, Ord::cmp);
    let size = pairs.iter().map(|p| p.1).max().map_or(0, |m| m + 1);
    let mut tree = vec![0u64; size + 1];
    let mut inversions = 0u64;
    for (seen, &(_, lower)) in pairs.iter().enumerate() {
        // Count earlier segments whose lower end is strictly greater.
        let mut i = lower + 1;
        let mut not_greater = 0u64;
        while i > 0 {
            not_greater += tree.get(i).copied().unwrap_or(0);
            i -= i & i.wrapping_neg();
        }
        inversions += seen as u64 - not_greater;
        let mut i = lower + 1;
        while i <= size {
            if let Some(t) = tree.get_mut(i) {
                *t += 1;
            }
            i += i & i.wrapping_neg();
        }
    }
    inversions
}

fn label_height(t: &Text) -> f64 {
    let chars = t.en.chars().count().max(t.es.chars().count());
    let lines = chars.div_ceil(CHARS_PER_LINE).max(1);
    2.0 * PADDING + lines as f64 * LINE_HEIGHT
}

/// Lays out the logic-model diagram (see the module doc).
///
/// Columns: inputs, activities, outputs, short-term, intermediate and long-term outcomes,
/// impact; empty columns are dropped. A link that skips columns gets one dummy node per
/// skipped column, so it bends around boxes and takes part in crossing reduction. Ordering
/// within columns: model order, then alternating down and up barycenter sweeps (Sugiyama,
/// Tagawa & Toda 1981), keeping the order with the fewest crossings; stops after two sweeps
/// without improvement or 24 sweeps. Vertical positions: stacked, then relaxed toward
/// the mean of neighbours' centres without reordering.
///
/// O(sweeps · (V + E) log V). Never fails: links naming unknown elements are skipped.
///
/// # Examples
///
/// ```
/// let m = waterline::toc::example_pass_model()?;
/// let l = waterline::toc::layout(&m);
/// assert_eq!(l.columns.len(), 7); // PASS has inputs through impact
/// assert!(l.crossings <= l.initial_crossings);
/// # Ok::<(), waterline::Error>(())
/// ```
pub fn layout(m: &Model) -> Layout {
    let ix = Index::build(m);
    let g = LogicGraph::build(m, &ix);
    let n = g.len();
    let titles: Vec<&Text> = m
        .inputs
        .iter()
        .map(|x| &x.title)
        .chain(m.activities.iter().map(|x| &x.title))
        .chain(m.outputs.iter().map(|x| &x.title))
        .chain(m.outcomes.iter().map(|x| &x.title))
        .chain(m.impacts.iter().map(|x| &x.title))
        .collect();
    // Compress empty columns.
    let mut used = [false; COLUMNS];
    for &c in &g.columns {
        if let Some(u) = used.get_mut(c as usize) {
            *u = true;
        }
    }
    let mut layer_of_column = [0usize; COLUMNS];
    let mut keys = Vec::new();
    for (c, &u) in used.iter().enumerate() {
        if u {
            if let (Some(l), Some(&k)) = (layer_of_column.get_mut(c), KEYS.get(c)) {
                *l = keys.len();
                keys.push(k);
            }
        }
    }
    let mut ls = Layers {
        layer: g
            .columns
            .iter()
            .map(|&c| layer_of_column.get(c as usize).copied().unwrap_or(0))
            .collect(),
        layers: vec![Vec::new(); keys.len()],
        pos: Vec::new(),
        down: vec![Vec::new(); n],
        up: vec![Vec::new(); n],
    };
    for v in 0..n {
        if let Some(list) = ls.layers.get_mut(ls.layer.get(v).copied().unwrap_or(0)) {
            list.push(v as u32);
        }
    }
    // Edge chains through dummies: (link's from, to, route, chain of nodes upper → lower).
    let mut chains: Vec<(u32, u32, EdgeRoute, Vec<u32>)> = Vec::with_capacity(g.edges.len());
    for &(a, b, _) in &g.edges {
        let (la, lb) = (
            ls.layer.get(a as usize).copied().unwrap_or(0),
            ls.layer.get(b as usize).copied().unwrap_or(0),
        );
        if la == lb {
            chains.push((a, b, EdgeRoute::Flat, vec![a, b]));
            continue;
        }
        let (route, lo, hi) = if la < lb {
            (EdgeRoute::Forward, a, b)
        } else {
            (EdgeRoute::Backward, b, a)
        };
        let (l_lo, l_hi) = (la.min(lb), la.max(lb));
        let mut chain = vec![lo];
        for l in l_lo + 1..l_hi {
            let d = ls.layer.len() as u32;
            ls.layer.push(l);
            ls.down.push(Vec::new());
            ls.up.push(Vec::new());
            if let Some(list) = ls.layers.get_mut(l) {
                list.push(d);
            }
            chain.push(d);
        }
        chain.push(hi);
        for w in chain.windows(2) {
            if let [u, v] = *w {
                if let Some(d) = ls.down.get_mut(u as usize) {
                    d.push(v);
                }
                if let Some(up) = ls.up.get_mut(v as usize) {
                    up.push(u);
                }
            }
        }
        chains.push((a, b, route, chain));
    }
    let total = ls.layer.len();
    ls.pos = vec![0; total];
    ls.renumber();
    let initial = ls.crossings();
    let (mut best, mut best_layers) = (initial, ls.layers.clone());
    let mut sweeps = 0;
    let mut stale = 0;
    while sweeps < MAX_SWEEPS && best > 0 && stale < 2 {
        sweeps += 1;
        for l in 1..ls.layers.len() {
            ls.sort_layer(l, true);
        }
        for l in (0..ls.layers.len().saturating_sub(1)).rev() {
            ls.sort_layer(l, false);
        }
        let c = ls.crossings();
        if c < best {
            best = c;
            best_layers = ls.layers.clone();
            stale = 0;
        } else {
            stale += 1;
        }
    }
    ls.layers = best_layers;
    ls.renumber();
    // Sizes and coordinates.
    let mut height = vec![DUMMY_HEIGHT; total];
    for (h, t) in height.iter_mut().zip(&titles) {
        *h = label_height(t);
    }
    let col_x = |l: usize| MARGIN + l as f64 * (NODE_WIDTH + GAP_X);
    let mut y = vec![0.0; total];
    place(&ls, &height, &mut y);
    let max_bottom = (0..total)
        .map(|v| y.get(v).copied().unwrap_or(0.0) + height.get(v).copied().unwrap_or(0.0))
        .fold(0.0, f64::max);
    let center = |v: usize| -> Point {
        let l = ls.layer.get(v).copied().unwrap_or(0);
        let h = height.get(v).copied().unwrap_or(0.0);
        Point {
            x: col_x(l) + NODE_WIDTH / 2.0,
            y: y.get(v).copied().unwrap_or(0.0) + h / 2.0,
        }
    };
    let nodes = (0..n)
        .map(|v| {
            let l = ls.layer.get(v).copied().unwrap_or(0);
            LayoutNode {
                id: g.ids.get(v).map_or(String::new(), |s| s.to_string()),
                kind: g.kinds.get(v).copied().unwrap_or(Kind::Activity),
                column: keys.get(l).copied().unwrap_or(ColumnKey::Activities),
                order: ls.pos.get(v).copied().unwrap_or(0),
                x: col_x(l),
                y: y.get(v).copied().unwrap_or(0.0),
                width: NODE_WIDTH,
                height: height.get(v).copied().unwrap_or(0.0),
            }
        })
        .collect();
    let half = NODE_WIDTH / 2.0;
    let edges = chains
        .into_iter()
        .map(|(a, b, route, chain)| {
            let mut points: Vec<Point> = Vec::with_capacity(chain.len() + 2);
            match route {
                EdgeRoute::Flat => {
                    let (pa, pb) = (center(a as usize), center(b as usize));
                    let x = pa.x + half + FLAT_OFFSET;
                    points.extend([
                        Point {
                            x: pa.x + half,
                            y: pa.y,
                        },
                        Point { x, y: pa.y },
                        Point { x, y: pb.y },
                        Point {
                            x: pb.x + half,
                            y: pb.y,
                        },
                    ]);
                }
                _ => {
                    let len = chain.len();
                    for (i, &v) in chain.iter().enumerate() {
                        let c = center(v as usize);
                        if i == 0 {
                            points.push(Point {
                                x: c.x + half,
                                y: c.y,
                            });
                        } else if i + 1 == len {
                            points.push(Point {
                                x: c.x - half,
                                y: c.y,
                            });
                        } else {
                            points.push(c);
                        }
                    }
                    if route == EdgeRoute::Backward {
                        points.reverse();
                    }
                }
            }
            LayoutEdge {
                from: g
                    .ids
                    .get(a as usize)
                    .map_or(String::new(), |s| s.to_string()),
                to: g
                    .ids
                    .get(b as usize)
                    .map_or(String::new(), |s| s.to_string()),
                route,
                points,
            }
        })
        .collect();
    let n_cols = keys.len();
    Layout {
        method: Method::LayeredBarycenter,
        width: if n_cols == 0 {
            0.0
        } else {
            col_x(n_cols - 1) + NODE_WIDTH + MARGIN + FLAT_OFFSET
        },
        height: max_bottom + MARGIN,
        columns: keys
            .iter()
            .enumerate()
            .map(|(l, &key)| LayoutColumn {
                key,
                x: col_x(l),
                width: NODE_WIDTH,
            })
            .collect(),
        nodes,
        edges,
        crossings: best,
        initial_crossings: initial,
        sweeps,
        n_dummies: total - n,
        n_skipped_links: m.links.len() - g.edges.len(),
    }
}

/// Vertical placement: stack each column, then relax toward neighbours' centres a few times,
/// keeping order and gaps.
fn place(ls: &Layers, height: &[f64], y: &mut [f64]) {
    let h = |v: u32| height.get(v as usize).copied().unwrap_or(0.0);
    for list in &ls.layers {
        let mut top = MARGIN;
        for &v in list {
            if let Some(slot) = y.get_mut(v as usize) {
                *slot = top;
            }
            top += h(v) + GAP_Y;
        }
    }
    for _ in 0..4 {
        for list in &ls.layers {
            // Desired centres: mean of neighbours' centres, else the current centre.
            let desired: Vec<f64> = list
                .iter()
                .map(|&v| {
                    let ns: Vec<u32> = ls
                        .up
                        .get(v as usize)
                        .into_iter()
                        .chain(ls.down.get(v as usize))
                        .flatten()
                        .copied()
                        .collect();
                    let own = y.get(v as usize).copied().unwrap_or(0.0) + h(v) / 2.0;
                    if ns.is_empty() {
                        own
                    } else {
                        ns.iter()
                            .map(|&w| y.get(w as usize).copied().unwrap_or(0.0) + h(w) / 2.0)
                            .sum::<f64>()
                            / ns.len() as f64
                    }
                })
                .collect();
            // Place in order at the desired top, pushed down to keep gaps.
            let mut top = MARGIN;
            for (&v, &c) in list.iter().zip(&desired) {
                let t = (c - h(v) / 2.0).max(top);
                if let Some(slot) = y.get_mut(v as usize) {
                    *slot = t;
                }
                top = t + h(v) + GAP_Y;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::index::column;
    use super::*;

    #[test]
    fn inversions_count_crossing_segments() {
        // Two segments crossing: (0 → 1) and (1 → 0).
        assert_eq!(count_inversions(&mut [(0, 1), (1, 0)]), 1);
        // Shared endpoints do not cross.
        assert_eq!(count_inversions(&mut [(0, 0), (0, 1), (1, 1)]), 0);
        // Complete reversal of 4: 6 crossings.
        assert_eq!(count_inversions(&mut [(0, 3), (1, 2), (2, 1), (3, 0)]), 6);
        assert_eq!(count_inversions(&mut []), 0);
    }

    #[test]
    fn column_of_each_kind() {
        assert_eq!(column(Kind::Input, None), 0);
        assert_eq!(column(Kind::Impact, None), 6);
    }
}
