//! Validation: every rule of [`Rule`] checked in one linear pass over the model.

use super::finding::{Finding, Rule, Severity};
use super::graph::{cycle_name, toposort};
use super::index::{Index, Kind, LogicGraph};
use super::method::Method;
use super::model::{Model, Term, CONDITION_IDS};
use serde::Serialize;

#[path = "validate_goals.rs"]
mod goals;
use goals::goals;

/// The result of [`validate`].
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocValidation"))]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    /// `Method::TocRulesV1`: the rule set of [`Rule`].
    pub method: Method,
    /// True when there is no error (warnings allowed).
    pub valid: bool,
    /// Number of error findings.
    pub errors: usize,
    /// Number of warning findings.
    pub warnings: usize,
    /// Logic-model elements (inputs, activities, outputs, outcomes, impacts).
    pub n_elements: usize,
    /// "Leads to" links.
    pub n_links: usize,
    /// Goals.
    pub n_goals: usize,
    /// Goal dependencies.
    pub n_dependencies: usize,
    /// The findings: errors first, then warnings, each in the order they were checked.
    pub findings: Vec<Finding>,
}

/// Checks a model against every rule of [`Rule`] (except the two schedule-only ones).
///
/// Never fails: problems in the model are findings. O(size of the model): ids resolve through
/// one hash map, graphs are index-based, cycles are named only when Kahn's sort leaves nodes.
///
/// # Examples
///
/// ```
/// use waterline::toc::{example_pass_model, validate};
/// let report = validate(&example_pass_model()?);
/// assert!(report.valid);
/// assert_eq!(report.n_goals, 8);
/// # Ok::<(), waterline::Error>(())
/// ```
pub fn validate(m: &Model) -> Validation {
    validate_for(m, &CONDITION_IDS)
}

/// As [`validate`], with the systems-change conditions an outcome may name taken from the
/// rubric the funder uses (its condition ids, e.g. an edited rubric's) instead of
/// [`CONDITION_IDS`]: `unknown_condition` flags any other id.
pub fn validate_for(m: &Model, conditions: &[&str]) -> Validation {
    let ix = Index::build(m);
    let mut out = Vec::new();
    ids(m, &ix, &mut out);
    let graph = LogicGraph::build(m, &ix);
    references(m, &ix, &graph, &mut out);
    goals(m, &ix, &mut out);
    let valid_edges = links(m, &graph, &mut out);
    reachability(&graph, &valid_edges, &mut out);
    indicators(m, &ix, conditions, &mut out);
    super::events::check(m, &ix, &mut out);
    crate::sort::sort_by_key(&mut out, |f| f.severity); // stable: keeps rule order within a severity
    let errors = out.iter().filter(|f| f.severity == Severity::Error).count();
    Validation {
        method: Method::TocRulesV1,
        valid: errors == 0,
        errors,
        warnings: out.len() - errors,
        n_elements: graph.len(),
        n_links: m.links.len(),
        n_goals: m.goals.len(),
        n_dependencies: m.goals.iter().map(|g| g.depends_on.len()).sum(),
        findings: out,
    }
}

fn ids(m: &Model, ix: &Index<'_>, out: &mut Vec<Finding>) {
    let all = m
        .phases
        .iter()
        .map(|x| (&x.id, Kind::Phase))
        .chain(m.goals.iter().map(|x| (&x.id, Kind::Goal)))
        .chain(m.components.iter().map(|x| (&x.id, Kind::Component)))
        .chain(m.inputs.iter().map(|x| (&x.id, Kind::Input)))
        .chain(m.activities.iter().map(|x| (&x.id, Kind::Activity)))
        .chain(m.outputs.iter().map(|x| (&x.id, Kind::Output)))
        .chain(m.outcomes.iter().map(|x| (&x.id, Kind::Outcome)))
        .chain(m.impacts.iter().map(|x| (&x.id, Kind::Impact)))
        .chain(m.assumptions.iter().map(|x| (&x.id, Kind::Assumption)))
        .chain(m.indicators.iter().map(|x| (&x.id, Kind::Indicator)));
    for (id, kind) in all {
        if id.trim().is_empty() {
            out.push(Finding::new(
                Rule::EmptyId,
                format!(
                    "{} has an empty id; give it a short unique id such as \"g1\"",
                    kind.with_article()
                ),
                &[id],
            ));
        }
    }
    for &(id, first, dup, _) in &ix.duplicates {
        out.push(Finding::new(
            Rule::DuplicateId,
            format!(
                "the id \"{id}\" is used by {} and again by {}; ids must be unique across the model",
                first.with_article(),
                dup.with_article()
            ),
            &[id],
        ));
    }
}

/// Checks that `target` names something of one of `kinds`.
fn expect(
    ix: &Index<'_>,
    owner: (&str, Kind),
    field: &str,
    target: &str,
    kinds: &[Kind],
    out: &mut Vec<Finding>,
) {
    let (owner_id, owner_kind) = owner;
    let want = || {
        kinds
            .iter()
            .map(|k| k.with_article())
            .collect::<Vec<_>>()
            .join(" or ")
    };
    match ix.get(target) {
        None => out.push(Finding::new(
            Rule::UnknownReference,
            format!(
                "{} {owner_id}: {field} names \"{target}\", which does not exist (expected {})",
                owner_kind.noun(),
                want()
            ),
            &[owner_id, target],
        )),
        Some((k, _)) if !kinds.contains(&k) => out.push(Finding::new(
            Rule::WrongReferenceKind,
            format!(
                "{} {owner_id}: {field} names {target}, which is {} (expected {})",
                owner_kind.noun(),
                k.with_article(),
                want()
            ),
            &[owner_id, target],
        )),
        Some(_) => {}
    }
}

fn references(m: &Model, ix: &Index<'_>, graph: &LogicGraph<'_>, out: &mut Vec<Finding>) {
    let comp = [Kind::Component];
    for g in &m.goals {
        let owner = (g.id.as_str(), Kind::Goal);
        if let Some(p) = &g.phase {
            expect(ix, owner, "phase", p, &[Kind::Phase], out);
        }
        for d in &g.depends_on {
            expect(ix, owner, "dependsOn", &d.goal, &[Kind::Goal], out);
        }
    }
    for a in &m.activities {
        let owner = (a.id.as_str(), Kind::Activity);
        if let Some(g) = &a.goal {
            expect(ix, owner, "goal", g, &[Kind::Goal], out);
        }
    }
    let components = m
        .inputs
        .iter()
        .map(|x| (&x.id, Kind::Input, &x.component))
        .chain(
            m.activities
                .iter()
                .map(|x| (&x.id, Kind::Activity, &x.component)),
        )
        .chain(
            m.outputs
                .iter()
                .map(|x| (&x.id, Kind::Output, &x.component)),
        )
        .chain(
            m.outcomes
                .iter()
                .map(|x| (&x.id, Kind::Outcome, &x.component)),
        )
        .chain(
            m.impacts
                .iter()
                .map(|x| (&x.id, Kind::Impact, &x.component)),
        );
    for (id, kind, c) in components {
        if let Some(c) = c {
            expect(ix, (id, kind), "component", c, &comp, out);
        }
    }
    for &(li, is_to, kind) in &graph.bad_ends {
        let Some(l) = m.links.get(li as usize) else {
            continue;
        };
        let (field, target) = if is_to {
            ("link to", &l.to)
        } else {
            ("link from", &l.from)
        };
        out.push(match kind {
            None => Finding::new(
                Rule::UnknownReference,
                format!("the link {} → {} names \"{target}\", which does not exist", l.from, l.to),
                &[&l.from, &l.to],
            ),
            Some(k) => Finding::new(
                Rule::WrongReferenceKind,
                format!(
                    "the link {} → {}: {field} {target} is {}; links join inputs, activities, outputs, outcomes and impacts",
                    l.from, l.to, k.with_article()
                ),
                &[&l.from, &l.to],
            ),
        });
    }
    for a in &m.assumptions {
        for about in &a.about {
            if ix.get(about).is_none() {
                out.push(Finding::new(
                    Rule::UnknownReference,
                    format!(
                        "assumption {}: about names \"{about}\", which does not exist",
                        a.id
                    ),
                    &[&a.id, about],
                ));
            }
        }
    }
    for i in &m.indicators {
        expect(
            ix,
            (&i.id, Kind::Indicator),
            "of",
            &i.of,
            &[Kind::Output, Kind::Outcome],
            out,
        );
    }
}

/// Checks link kinds, duplicates and cycles; returns the links fit for reachability.
fn links(m: &Model, g: &LogicGraph<'_>, out: &mut Vec<Finding>) -> Vec<(u32, u32, u32)> {
    let terms: Vec<Option<Term>> = (0..g.len())
        .map(|v| match g.kinds.get(v) {
            Some(Kind::Outcome) => g
                .positions
                .get(v)
                .and_then(|&p| m.outcomes.get(p as usize))
                .map(|o| o.term),
            _ => None,
        })
        .collect();
    let mut valid = Vec::with_capacity(g.edges.len());
    let mut seen: super::index::FxMap<(u32, u32), ()> = super::index::FxMap::default();
    seen.reserve(g.edges.len());
    for &(a, b, li) in &g.edges {
        let (Some(&ka), Some(&kb)) = (g.kinds.get(a as usize), g.kinds.get(b as usize)) else {
            continue;
        };
        let (ta, tb) = (
            terms.get(a as usize).copied().flatten(),
            terms.get(b as usize).copied().flatten(),
        );
        let ok = match (ka, kb) {
            (Kind::Input, Kind::Activity) => true,
            (Kind::Activity, Kind::Output | Kind::Outcome) => true,
            (Kind::Output, Kind::Outcome) => true,
            (Kind::Outcome, Kind::Outcome) => tb >= ta,
            (Kind::Outcome, Kind::Impact) => true,
            _ => false,
        };
        let (ida, idb) = (
            g.ids.get(a as usize).copied().unwrap_or(""),
            g.ids.get(b as usize).copied().unwrap_or(""),
        );
        if !ok {
            let why = if ka == Kind::Outcome && kb == Kind::Outcome {
                "an outcome cannot lead to an outcome of an earlier term".to_string()
            } else {
                format!("{} cannot lead to {}", ka.with_article(), kb.with_article())
            };
            out.push(Finding::new(
                Rule::InvalidLink,
                format!("link {ida} → {idb}: {why}; links run inputs → activities → outputs → outcomes (short → intermediate → long) → impact"),
                &[ida, idb],
            ));
            continue;
        }
        if seen.insert((a, b), ()).is_some() {
            out.push(Finding::new(
                Rule::DuplicateLink,
                format!(
                    "the link {ida} → {idb} appears more than once (link #{})",
                    li + 1
                ),
                &[ida, idb],
            ));
            continue;
        }
        valid.push((a, b, li));
    }
    if let Err(cycles) = toposort(&g.successors(&valid)) {
        for c in cycles {
            let names: Vec<&str> = c
                .iter()
                .filter_map(|&v| g.ids.get(v as usize).copied())
                .collect();
            out.push(Finding::new(
                Rule::LinkCycle,
                format!(
                    "outcomes lead to each other in a cycle: {}; remove one of these links",
                    cycle_name(&names)
                ),
                &names,
            ));
        }
    }
    valid
}

/// Outcomes no activity reaches, and activities that reach no outcome (two BFS passes).
fn reachability(g: &LogicGraph<'_>, edges: &[(u32, u32, u32)], out: &mut Vec<Finding>) {
    let n = g.len();
    let succ = g.successors(edges);
    let mut pred = vec![Vec::new(); n];
    for &(a, b, _) in edges {
        if let Some(l) = pred.get_mut(b as usize) {
            l.push(a);
        }
    }
    let bfs = |adj: &[Vec<u32>], from: Kind| -> Vec<bool> {
        let mut seen = vec![false; n];
        let mut queue: Vec<u32> = (0..n as u32)
            .filter(|&v| g.kinds.get(v as usize) == Some(&from))
            .collect();
        for &v in &queue {
            if let Some(s) = seen.get_mut(v as usize) {
                *s = true;
            }
        }
        let mut head = 0;
        while let Some(&v) = queue.get(head) {
            head += 1;
            for &w in adj.get(v as usize).map_or(&[][..], Vec::as_slice) {
                if let Some(s) = seen.get_mut(w as usize) {
                    if !*s {
                        *s = true;
                        queue.push(w);
                    }
                }
            }
        }
        seen
    };
    let from_activities = bfs(&succ, Kind::Activity);
    let to_outcomes = bfs(&pred, Kind::Outcome);
    for v in 0..n {
        let (Some(&kind), Some(&id)) = (g.kinds.get(v), g.ids.get(v)) else {
            continue;
        };
        if kind == Kind::Outcome && from_activities.get(v) == Some(&false) {
            out.push(Finding::new(
                Rule::OutcomeUnreached,
                format!("no activity leads to outcome {id}, directly or through outputs; link an activity or output to it"),
                &[id],
            ));
        }
        if kind == Kind::Activity && to_outcomes.get(v) == Some(&false) {
            let why = if succ.get(v).is_some_and(|l| l.is_empty()) {
                "has no links"
            } else {
                "has no path to any outcome"
            };
            out.push(Finding::new(
                Rule::ActivityLeadsNowhere,
                format!("activity {id} {why}; link it to an output or outcome"),
                &[id],
            ));
        }
    }
}

fn indicators(m: &Model, ix: &Index<'_>, conditions: &[&str], out: &mut Vec<Finding>) {
    let mut measured = vec![false; m.outcomes.len()];
    for i in &m.indicators {
        if let Some(o) = ix.of(&i.of, Kind::Outcome) {
            if let Some(flag) = measured.get_mut(o as usize) {
                *flag = true;
            }
        }
        match &i.target {
            None if i.context => {}
            None => out.push(Finding::new(
                Rule::IndicatorWithoutTarget,
                format!(
                    "indicator {} ({}) has no target; give a target value and date",
                    i.id, i.measure.en
                ),
                &[&i.id, &i.of],
            )),
            Some(t) => {
                if let (Some(td), Some(bd)) = (t.date, i.baseline.as_ref().and_then(|b| b.date)) {
                    if td < bd {
                        out.push(Finding::new(
                            Rule::InvalidWindow,
                            format!("indicator {}: the target date {td} lies before the baseline date {bd}", i.id),
                            &[&i.id],
                        ));
                    }
                }
            }
        }
    }
    for (o, flag) in m.outcomes.iter().zip(&measured) {
        if !flag {
            out.push(Finding::new(
                Rule::OutcomeWithoutIndicator,
                format!(
                    "outcome {} ({}) has no indicator; add one so progress can be tracked",
                    o.id, o.title.en
                ),
                &[&o.id],
            ));
        }
        for c in &o.conditions {
            if !conditions.contains(&c.condition.as_str()) {
                out.push(Finding::new(
                    Rule::UnknownCondition,
                    format!(
                        "outcome {} names the condition \"{}\", which is not one of {}",
                        o.id,
                        c.condition,
                        conditions.join(", ")
                    ),
                    &[&o.id, &c.condition],
                ));
            }
        }
    }
}
