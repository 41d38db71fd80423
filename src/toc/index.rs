//! Id lookup and index-based adjacency for a model, built once per analysis in O(size).
//!
//! `HashMap` is used only to resolve ids; every graph is `Vec<Vec<u32>>` over dense indices.

use super::model::{Model, Term};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (Firefox's and rustc's hash): a multiply-rotate over 8-byte words. Ids are short and
/// the data is the user's own, so speed matters and hash flooding does not; SipHash made id
/// lookups the slowest part of validating a 50,000-link model.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(dst) = w.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The kind of a thing with an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocKind"))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A phase.
    Phase,
    /// A goal.
    Goal,
    /// A component (strand).
    Component,
    /// An input (resource).
    Input,
    /// An activity.
    Activity,
    /// An output.
    Output,
    /// An outcome.
    Outcome,
    /// An impact.
    Impact,
    /// An assumption or external factor.
    Assumption,
    /// An indicator.
    Indicator,
}

impl Kind {
    /// The English noun with its article, e.g. "an activity".
    pub fn with_article(self) -> String {
        let noun = self.noun();
        let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {noun}")
    }

    /// The English noun, e.g. "activity".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Phase => "phase",
            Kind::Goal => "goal",
            Kind::Component => "component",
            Kind::Input => "input",
            Kind::Activity => "activity",
            Kind::Output => "output",
            Kind::Outcome => "outcome",
            Kind::Impact => "impact",
            Kind::Assumption => "assumption",
            Kind::Indicator => "indicator",
        }
    }
}

/// Logic-model columns, left to right.
pub(crate) const COLUMNS: usize = 7;

/// Column of a logic-model node: 0 inputs, 1 activities, 2 outputs, 3–5 short, intermediate
/// and long-term outcomes, 6 impacts.
pub(crate) fn column(kind: Kind, term: Option<Term>) -> usize {
    match (kind, term) {
        (Kind::Input, _) => 0,
        (Kind::Activity, _) => 1,
        (Kind::Output, _) => 2,
        (Kind::Outcome, Some(Term::Short)) => 3,
        (Kind::Outcome, Some(Term::Intermediate)) => 4,
        (Kind::Outcome, _) => 5,
        _ => 6,
    }
}

/// Every id of a model → (kind, position in its list). The first occurrence wins; later ones
/// are listed in `duplicates`.
pub(crate) struct Index<'a> {
    map: FxMap<&'a str, (Kind, u32)>,
    /// (id, kind of the first holder, kind of the duplicate, position of the duplicate).
    pub duplicates: Vec<(&'a str, Kind, Kind, u32)>,
}

impl<'a> Index<'a> {
    pub(crate) fn build(m: &'a Model) -> Index<'a> {
        let mut ix = Index {
            map: FxMap::default(),
            duplicates: Vec::new(),
        };
        let lists: [(Kind, Vec<&'a str>); 10] = [
            (
                Kind::Phase,
                m.phases.iter().map(|x| x.id.as_str()).collect(),
            ),
            (Kind::Goal, m.goals.iter().map(|x| x.id.as_str()).collect()),
            (
                Kind::Component,
                m.components.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Input,
                m.inputs.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Activity,
                m.activities.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Output,
                m.outputs.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Outcome,
                m.outcomes.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Impact,
                m.impacts.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Assumption,
                m.assumptions.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Indicator,
                m.indicators.iter().map(|x| x.id.as_str()).collect(),
            ),
        ];
        ix.map.reserve(lists.iter().map(|(_, l)| l.len()).sum());
        for (kind, ids) in lists {
            for (i, id) in ids.into_iter().enumerate() {
                match ix.map.get(id) {
                    Some(&(first, _)) => ix.duplicates.push((id, first, kind, i as u32)),
                    None => {
                        ix.map.insert(id, (kind, i as u32));
                    }
                }
            }
        }
        ix
    }

    /// Kind and position of `id`.
    pub(crate) fn get(&self, id: &str) -> Option<(Kind, u32)> {
        self.map.get(id).copied()
    }

    /// Position of `id` if it is a `kind`.
    pub(crate) fn of(&self, id: &str, kind: Kind) -> Option<u32> {
        match self.get(id) {
            Some((k, i)) if k == kind => Some(i),
            _ => None,
        }
    }
}

/// The logic-model nodes (inputs, activities, outputs, outcomes, impacts) numbered densely in
/// that order, with the links that join two of them.
pub(crate) struct LogicGraph<'a> {
    /// Node ids.
    pub ids: Vec<&'a str>,
    /// Node kinds.
    pub kinds: Vec<Kind>,
    /// Node columns (see [`column`]).
    pub columns: Vec<u8>,
    /// Position of each node in its model list.
    pub positions: Vec<u32>,
    /// Links between known nodes: (from, to, link position), in model order.
    pub edges: Vec<(u32, u32, u32)>,
    /// Link ends that name no logic-model element: (link position, `true` for the `to` end,
    /// the kind of what it names instead, `None` when the id does not exist).
    pub bad_ends: Vec<(u32, bool, Option<Kind>)>,
}

impl<'a> LogicGraph<'a> {
    pub(crate) fn build(m: &'a Model, ix: &Index<'a>) -> LogicGraph<'a> {
        let n = m.inputs.len()
            + m.activities.len()
            + m.outputs.len()
            + m.outcomes.len()
            + m.impacts.len();
        let mut g = LogicGraph {
            ids: Vec::with_capacity(n),
            kinds: Vec::with_capacity(n),
            columns: Vec::with_capacity(n),
            positions: Vec::with_capacity(n),
            edges: Vec::with_capacity(m.links.len()),
            bad_ends: Vec::new(),
        };
        let mut push = |id: &'a str, kind: Kind, term: Option<Term>, pos: usize| {
            g.ids.push(id);
            g.kinds.push(kind);
            g.columns.push(column(kind, term) as u8);
            g.positions.push(pos as u32);
        };
        m.inputs
            .iter()
            .enumerate()
            .for_each(|(i, x)| push(&x.id, Kind::Input, None, i));
        m.activities
            .iter()
            .enumerate()
            .for_each(|(i, x)| push(&x.id, Kind::Activity, None, i));
        m.outputs
            .iter()
            .enumerate()
            .for_each(|(i, x)| push(&x.id, Kind::Output, None, i));
        m.outcomes
            .iter()
            .enumerate()
            .for_each(|(i, x)| push(&x.id, Kind::Outcome, Some(x.term), i));
        m.impacts
            .iter()
            .enumerate()
            .for_each(|(i, x)| push(&x.id, Kind::Impact, None, i));
        let offsets = [
            (Kind::Input, 0),
            (Kind::Activity, m.inputs.len()),
            (Kind::Output, m.inputs.len() + m.activities.len()),
            (
                Kind::Outcome,
                m.inputs.len() + m.activities.len() + m.outputs.len(),
            ),
            (
                Kind::Impact,
                m.inputs.len() + m.activities.len() + m.outputs.len() + m.outcomes.len(),
            ),
        ];
        let node = |id: &str| -> Result<u32, Option<Kind>> {
            let (kind, pos) = ix.get(id).ok_or(None)?;
            let off = offsets
                .iter()
                .find(|(k, _)| *k == kind)
                .ok_or(Some(kind))?
                .1;
            Ok((off + pos as usize) as u32)
        };
        for (li, link) in m.links.iter().enumerate() {
            match (node(&link.from), node(&link.to)) {
                (Ok(a), Ok(b)) => g.edges.push((a, b, li as u32)),
                (a, b) => {
                    if let Err(k) = a {
                        g.bad_ends.push((li as u32, false, k));
                    }
                    if let Err(k) = b {
                        g.bad_ends.push((li as u32, true, k));
                    }
                }
            }
        }
        g
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Successor lists over the given edges.
    pub(crate) fn successors(&self, edges: &[(u32, u32, u32)]) -> Vec<Vec<u32>> {
        let mut succ = vec![Vec::new(); self.len()];
        for &(a, b, _) in edges {
            if let Some(list) = succ.get_mut(a as usize) {
                list.push(b);
            }
        }
        succ
    }
}

/// Successor lists of the goals' finish-to-start dependencies (prerequisite → dependent),
/// skipping dependencies on unknown goals.
pub(crate) fn goal_successors(m: &Model, ix: &Index<'_>) -> Vec<Vec<u32>> {
    let mut succ = vec![Vec::new(); m.goals.len()];
    for (g, goal) in m.goals.iter().enumerate() {
        if ix.of(&goal.id, Kind::Goal) != Some(g as u32) {
            continue; // a duplicate id: only the first holder takes part
        }
        for dep in &goal.depends_on {
            if let Some(p) = ix.of(&dep.goal, Kind::Goal) {
                if let Some(list) = succ.get_mut(p as usize) {
                    list.push(g as u32);
                }
            }
        }
    }
    succ
}
