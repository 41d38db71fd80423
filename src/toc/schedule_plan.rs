//! The schedule's input reduced to numbers: every goal's duration, start floor and deadline,
//! and the dependency graph over dense indices, after checking that the model can be scheduled
//! (the errors listed on [`schedule`](super::schedule())).

use super::{ScheduleOptions, StartConstraint};
use crate::error::{Code, Error, Result};
use crate::toc::graph::{cycle_name, toposort};
use crate::toc::index::{goal_successors, Index, Kind};
use crate::toc::model::Model;

/// The goals reduced to numbers: durations, bounds and adjacency over dense indices.
pub(in crate::toc) struct Plan<'a> {
    pub(in crate::toc) ids: Vec<&'a str>,
    pub(in crate::toc) dur: Vec<i64>,
    /// Lower bounds on the start and what set them.
    pub(in crate::toc) floor: Vec<(i64, StartConstraint)>,
    /// Deadline (exclusive finish) and what set it: 0 stated end, 1 phase end, 2 project.
    pub(in crate::toc) due: Vec<Option<(i64, u8)>>,
    pub(in crate::toc) phase: Vec<Option<u32>>,
    pub(in crate::toc) stated_start: Vec<Option<i64>>,
    pub(in crate::toc) succ: Vec<Vec<u32>>,
    pub(in crate::toc) pred: Vec<Vec<u32>>,
    pub(in crate::toc) order: Vec<u32>,
    pub(in crate::toc) anchor: i64,
    pub(in crate::toc) deadline: Option<i64>,
}

pub(in crate::toc) fn plan<'a>(m: &'a Model, opts: &ScheduleOptions) -> Result<Plan<'a>> {
    let ix = Index::build(m);
    if let Some(&(id, _, _, _)) = ix
        .duplicates
        .iter()
        .find(|d| d.1 == Kind::Goal || d.2 == Kind::Goal)
    {
        return Err(Error::new(
            Code::DuplicateId,
            format!("the id \"{id}\" is used twice; goal ids must be unique"),
        )
        .with("id", id));
    }
    let mut phase_ix = Vec::with_capacity(m.goals.len());
    for g in &m.goals {
        for d in &g.depends_on {
            if ix.of(&d.goal, Kind::Goal).is_none() {
                return Err(Error::new(
                    Code::UnknownId,
                    format!(
                        "goal {} depends on \"{}\", which is not a goal",
                        g.id, d.goal
                    ),
                )
                .with("goal", g.id.as_str())
                .with("id", d.goal.as_str()));
            }
        }
        let p = match &g.phase {
            None => None,
            Some(p) => Some(ix.of(p, Kind::Phase).ok_or_else(|| {
                Error::new(
                    Code::UnknownId,
                    format!(
                        "goal {} names the phase \"{p}\", which is not a phase",
                        g.id
                    ),
                )
                .with("goal", g.id.as_str())
                .with("id", p.as_str())
            })?),
        };
        phase_ix.push(p);
    }
    for p in &m.phases {
        if let (Some(s), Some(e)) = (&p.start, &p.end) {
            if e.value < s.value {
                return Err(Error::new(
                    Code::InvalidWindow,
                    format!(
                        "phase {} ends ({}) before it starts ({})",
                        p.id, e.value, s.value
                    ),
                )
                .with("id", p.id.as_str()));
            }
        }
    }
    let succ = goal_successors(m, &ix);
    let order = toposort(&succ).map_err(|cycles| {
        let first = cycles.first().cloned().unwrap_or_default();
        let names: Vec<&str> = first
            .iter()
            .filter_map(|&v| m.goals.get(v as usize))
            .map(|g| g.id.as_str())
            .collect();
        Error::new(
            Code::DependencyCycle,
            format!(
                "goals depend on each other in a cycle: {}",
                cycle_name(&names)
            ),
        )
        .with(
            "cycle",
            names.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    })?;
    let mut pred = vec![Vec::new(); m.goals.len()];
    for (p, list) in succ.iter().enumerate() {
        for &s in list {
            if let Some(l) = pred.get_mut(s as usize) {
                l.push(p as u32);
            }
        }
    }
    let anchor = match opts.start {
        Some(d) => d.day_number(),
        None => m
            .phases
            .iter()
            .filter_map(|p| p.start.as_ref().map(|s| s.value.day_number()))
            .chain(m.goals.iter().filter_map(|g| g.stated_window().0))
            .min()
            .ok_or_else(|| {
                Error::new(
                    Code::MissingDate,
                    "the schedule has no date to start from: give a phase a start date, a goal a start date, or options.start",
                )
            })?,
    };
    let deadline = opts.deadline.map(|d| d.day_number() + 1);
    let mut p = Plan {
        ids: m.goals.iter().map(|g| g.id.as_str()).collect(),
        dur: Vec::with_capacity(m.goals.len()),
        floor: Vec::with_capacity(m.goals.len()),
        due: Vec::with_capacity(m.goals.len()),
        phase: phase_ix,
        stated_start: Vec::with_capacity(m.goals.len()),
        succ,
        pred,
        order,
        anchor,
        deadline,
    };
    for (g, ph) in m.goals.iter().zip(&p.phase) {
        if let (Some(s), Some(e)) = (&g.start, &g.end) {
            if e.value < s.value {
                return Err(Error::new(
                    Code::InvalidWindow,
                    format!(
                        "goal {} ends ({}) before it starts ({})",
                        g.id, e.value, s.value
                    ),
                )
                .with("id", g.id.as_str()));
            }
        }
        let d = g.duration().ok_or_else(|| {
            Error::new(
                Code::MissingDuration,
                format!(
                    "goal {} has no length: give durationDays, or both start and end dates",
                    g.id
                ),
            )
            .with("id", g.id.as_str())
        })?;
        let phase = ph.and_then(|i| m.phases.get(i as usize));
        let mut floor = (anchor, StartConstraint::ProjectStart);
        if let Some(ps) = phase.and_then(|x| x.start.as_ref()) {
            if ps.value.day_number() > floor.0 {
                floor = (ps.value.day_number(), StartConstraint::PhaseStart);
            }
        }
        let stated = g.start.as_ref().map(|s| s.value.day_number());
        if let Some(s) = stated {
            if s > floor.0 {
                floor = (s, StartConstraint::StatedStart);
            }
        }
        let mut due: Option<(i64, u8)> = None;
        let mut tighten = |day: i64, why: u8| {
            if due.map_or(true, |(d, _)| day < d) {
                due = Some((day, why));
            }
        };
        if let Some(e) = &g.end {
            tighten(
                if d == 0 {
                    e.value.day_number()
                } else {
                    e.value.day_number() + 1
                },
                0,
            );
        }
        if let Some(pe) = phase.and_then(|x| x.end.as_ref()) {
            tighten(pe.value.day_number() + 1, 1);
        }
        if let Some(dl) = deadline {
            tighten(dl, 2);
        }
        p.dur.push(d);
        p.floor.push(floor);
        p.due.push(due);
        p.stated_start.push(stated);
    }
    Ok(p)
}
