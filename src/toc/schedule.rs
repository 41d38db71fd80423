//! The schedule: critical path method (CPM) over the goals' finish-to-start dependencies, with
//! stated dates and phase windows as constraints, and a what-if for one delayed goal.
//!
//! # Rules
//!
//! - Days are counted as day numbers; a goal of `d` days starting on day `s` occupies
//!   `s … s + d − 1` and its successors may start on `s + d`. A milestone (`d = 0`) finishes the
//!   day it starts, and successors may start that same day.
//! - Each goal starts as early as possible (ASAP), but no earlier than the project start, its
//!   phase's first day, and its stated `start` (start-no-earlier-than).
//! - Deadlines: a goal must finish by its stated `end`, its phase's last day, and the project
//!   deadline (`options.deadline`, default: the early finish of the whole project).
//! - Total float (slack) = late start − early start. The schedule is feasible exactly when every
//!   goal's early schedule meets its deadlines, which is exactly when no slack is negative.
//! - Critical goals have the least slack (0 in a feasible schedule without a deadline). The
//!   critical path is the chain of critical goals that drives the project's finish, followed
//!   backwards through predecessors whose finish sets the next goal's start.

use super::critical::{critical_chains, critical_path, date_note, CriticalChain, DateNote};
use super::date::Date;
use super::finding::{Finding, Rule};
use super::method::Method;
use super::model::Model;
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};

#[path = "schedule_plan.rs"]
mod plan;
pub(super) use plan::{plan, Plan};

/// Options of [`schedule`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocScheduleOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleOptions {
    /// Project start: no goal starts earlier. Default: the earliest phase start or stated goal
    /// start.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub start: Option<Date>,
    /// Project deadline (inclusive): every goal must finish by it. Default: none (late dates
    /// are computed back from the project's early finish).
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub deadline: Option<Date>,
}

/// What set a goal's early start, when it was not a prerequisite's finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocStartConstraint"))]
#[serde(rename_all = "snake_case")]
pub enum StartConstraint {
    /// The project start.
    ProjectStart,
    /// The first day of the goal's phase.
    PhaseStart,
    /// The goal's stated start date.
    StatedStart,
    /// The what-if delay.
    Delay,
}

/// One goal in the schedule. Finish dates are inclusive (the last day of work).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocGoalSchedule"))]
#[serde(rename_all = "camelCase")]
pub struct GoalSchedule {
    /// Goal id.
    pub id: String,
    /// Phase id, if any.
    pub phase: Option<String>,
    /// Length in days.
    pub duration_days: i64,
    /// Earliest start.
    pub early_start: Date,
    /// Earliest finish (inclusive).
    pub early_finish: Date,
    /// Latest start that keeps every deadline.
    pub late_start: Date,
    /// Latest finish (inclusive).
    pub late_finish: Date,
    /// Total float in days: late start − early start (negative when a deadline cannot be met).
    pub slack_days: i64,
    /// True when the goal has the least slack of all goals.
    pub critical: bool,
    /// Days from the project start to the early start (for drawing a Gantt chart).
    pub start_offset: i64,
    /// Prerequisites whose finish sets the early start.
    pub driven_by: Vec<String>,
    /// The constraint that sets the early start when no prerequisite does.
    pub constrained_by: Option<StartConstraint>,
    /// Whether the early schedule lies inside the phase window (`None` without a phase window).
    pub within_phase: Option<bool>,
    /// Which of start, end and duration the schedule keeps, when the goal states an end and a
    /// duration (`None` otherwise: the length then comes from the only fields given).
    pub date_note: Option<DateNote>,
}

/// A phase window against the goals scheduled in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocPhaseSchedule"))]
#[serde(rename_all = "camelCase")]
pub struct PhaseSchedule {
    /// Phase id.
    pub id: String,
    /// Window start, if stated.
    pub start: Option<Date>,
    /// Window end (inclusive), if stated.
    pub end: Option<Date>,
    /// Number of goals in the phase.
    pub n_goals: usize,
    /// Earliest early start of its goals.
    pub first_start: Option<Date>,
    /// Latest early finish of its goals (inclusive).
    pub last_finish: Option<Date>,
    /// True when every goal of the phase lies inside the window.
    pub conforms: bool,
}

/// The result of [`schedule`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocSchedule"))]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    /// `"cpm"`.
    pub method: Method,
    /// Number of goals.
    pub n_goals: usize,
    /// Number of dependencies.
    pub n_dependencies: usize,
    /// Project start (`None` when there are no goals).
    pub project_start: Option<Date>,
    /// Early finish of the whole project, inclusive.
    pub project_finish: Option<Date>,
    /// Days from project start through project finish.
    pub duration_days: i64,
    /// True when no slack is negative (every deadline can be met).
    pub feasible: bool,
    /// Goal ids in topological order (prerequisites first, ties in model order).
    pub order: Vec<String>,
    /// The critical chain that drives the project's finish, first goal first (the same as
    /// `critical_chains[0].goals`).
    pub critical_path: Vec<String>,
    /// Every chain of critical goals, the one that drives the finish first: together they hold
    /// exactly the goals marked `critical` (the one source for a "critical path" header).
    pub critical_chains: Vec<CriticalChain>,
    /// Goals in model order.
    pub goals: Vec<GoalSchedule>,
    /// Phase windows in model order.
    pub phases: Vec<PhaseSchedule>,
    /// Missed deadlines (errors) and stated starts pushed later (warnings).
    pub conflicts: Vec<Finding>,
}

/// Early and late times of every goal, in day numbers (finishes exclusive).
pub(super) struct Times {
    pub(super) es: Vec<i64>,
    pub(super) ef: Vec<i64>,
    pub(super) ls: Vec<i64>,
    pub(super) lf: Vec<i64>,
    /// Start set by the delay of a what-if.
    delayed: Option<u32>,
}

/// Forward and backward passes; `delay` adds a start-no-earlier-than bound on one goal.
pub(super) fn cpm(p: &Plan<'_>, delay: Option<(u32, i64)>) -> Times {
    let n = p.ids.len();
    let (mut es, mut ef) = (vec![0i64; n], vec![0i64; n]);
    for &v in &p.order {
        let v = v as usize;
        let mut start = p.floor.get(v).map_or(p.anchor, |f| f.0);
        for &q in p.pred.get(v).map_or(&[][..], Vec::as_slice) {
            start = start.max(ef.get(q as usize).copied().unwrap_or(start));
        }
        if let Some((g, bound)) = delay {
            if g as usize == v {
                start = start.max(bound);
            }
        }
        if let (Some(s), Some(f)) = (es.get_mut(v), ef.get_mut(v)) {
            *s = start;
            *f = start + p.dur.get(v).copied().unwrap_or(0);
        }
    }
    let finish = ef.iter().copied().max().unwrap_or(p.anchor);
    let end = p.deadline.unwrap_or(finish);
    let (mut ls, mut lf) = (vec![0i64; n], vec![0i64; n]);
    for &v in p.order.iter().rev() {
        let v = v as usize;
        let mut late = end;
        if let Some(Some((d, _))) = p.due.get(v) {
            late = late.min(*d);
        }
        for &s in p.succ.get(v).map_or(&[][..], Vec::as_slice) {
            late = late.min(ls.get(s as usize).copied().unwrap_or(late));
        }
        if let (Some(a), Some(b)) = (lf.get_mut(v), ls.get_mut(v)) {
            *a = late;
            *b = late - p.dur.get(v).copied().unwrap_or(0);
        }
    }
    Times {
        es,
        ef,
        ls,
        lf,
        delayed: delay.map(|d| d.0),
    }
}

pub(super) fn date(day: i64) -> Result<Date> {
    Date::from_day_number(day).map_err(|_| {
        Error::new(
            Code::InvalidDate,
            format!("the schedule runs outside the years 1–9999 (day {day})"),
        )
        .with("dayNumber", day)
    })
}

/// Inclusive last day of a goal occupying `[start, finish)`.
pub(super) fn last_day(start: i64, finish: i64) -> Result<Date> {
    date(if finish > start { finish - 1 } else { start })
}

pub(super) fn assemble(m: &Model, p: &Plan<'_>, t: &Times) -> Result<Schedule> {
    let n = p.ids.len();
    let slack: Vec<i64> = (0..n)
        .map(|v| t.ls.get(v).zip(t.es.get(v)).map_or(0, |(l, e)| l - e))
        .collect();
    let min_slack = slack.iter().copied().min().unwrap_or(0);
    let mut goals = Vec::with_capacity(n);
    let mut conflicts = Vec::new();
    for (v, g) in m.goals.iter().enumerate() {
        let (es, ef, ls, lf) = match (t.es.get(v), t.ef.get(v), t.ls.get(v), t.lf.get(v)) {
            (Some(&a), Some(&b), Some(&c), Some(&d)) => (a, b, c, d),
            _ => return Err(Error::new(Code::Internal, "schedule arrays out of step")),
        };
        let preds = p.pred.get(v).map_or(&[][..], Vec::as_slice);
        let driven_by: Vec<String> = preds
            .iter()
            .filter(|&&q| t.ef.get(q as usize) == Some(&es))
            .filter_map(|&q| p.ids.get(q as usize).map(|s| s.to_string()))
            .collect();
        let floor = p
            .floor
            .get(v)
            .copied()
            .unwrap_or((p.anchor, StartConstraint::ProjectStart));
        let constrained_by = if t.delayed == Some(v as u32) && es > floor.0 && driven_by.is_empty()
        {
            Some(StartConstraint::Delay)
        } else if driven_by.is_empty() {
            Some(floor.1)
        } else {
            None
        };
        let window = p
            .phase
            .get(v)
            .copied()
            .flatten()
            .and_then(|i| m.phases.get(i as usize));
        let within_phase = window.and_then(|ph| {
            if ph.start.is_none() && ph.end.is_none() {
                return None;
            }
            let after_start = ph
                .start
                .as_ref()
                .map_or(true, |s| es >= s.value.day_number());
            let before_end = ph
                .end
                .as_ref()
                .map_or(true, |e| ef <= e.value.day_number() + 1);
            Some(after_start && before_end)
        });
        if let Some(Some((due, why))) = p.due.get(v) {
            if ef > *due {
                let what = match why {
                    0 => "its stated end".to_string(),
                    1 => format!("the end of its phase {}", g.phase.as_deref().unwrap_or("")),
                    _ => "the project deadline".to_string(),
                };
                conflicts.push(Finding::new(
                    Rule::MissesDeadline,
                    format!(
                        "goal {} finishes on {} at the earliest, {} days after {what} ({})",
                        g.id,
                        last_day(es, ef)?,
                        ef - due,
                        last_day(due - p.dur.get(v).copied().unwrap_or(0), *due)?
                    ),
                    &[&g.id],
                ));
            }
        }
        if let Some(Some(s)) = p.stated_start.get(v) {
            if es > *s {
                conflicts.push(Finding::new(
                    Rule::StartPushed,
                    format!(
                        "goal {} cannot start on its stated start {}; the earliest start is {}",
                        g.id,
                        date(*s)?,
                        date(es)?
                    ),
                    &[&g.id],
                ));
            }
        }
        goals.push(GoalSchedule {
            id: g.id.clone(),
            phase: g.phase.clone(),
            duration_days: ef - es,
            early_start: date(es)?,
            early_finish: last_day(es, ef)?,
            late_start: date(ls)?,
            late_finish: last_day(ls, lf)?,
            slack_days: ls - es,
            critical: ls - es == min_slack,
            start_offset: es - p.anchor,
            driven_by,
            constrained_by,
            within_phase,
            date_note: date_note(g)?,
        });
    }
    let phases = m
        .phases
        .iter()
        .enumerate()
        .map(|(i, ph)| {
            let mine: Vec<&GoalSchedule> = goals
                .iter()
                .zip(&p.phase)
                .filter(|(_, x)| **x == Some(i as u32))
                .map(|(g, _)| g)
                .collect();
            PhaseSchedule {
                id: ph.id.clone(),
                start: ph.start.as_ref().map(|s| s.value),
                end: ph.end.as_ref().map(|s| s.value),
                n_goals: mine.len(),
                first_start: mine.iter().map(|g| g.early_start).min(),
                last_finish: mine.iter().map(|g| g.early_finish).max(),
                conforms: mine.iter().all(|g| g.within_phase != Some(false)),
            }
        })
        .collect();
    let finish = t.ef.iter().copied().max();
    Ok(Schedule {
        method: Method::Cpm,
        n_goals: n,
        n_dependencies: p.pred.iter().map(Vec::len).sum(),
        project_start: if n == 0 { None } else { Some(date(p.anchor)?) },
        project_finish: match finish {
            Some(f) if n > 0 => Some(last_day(p.anchor.min(f), f)?),
            _ => None,
        },
        duration_days: finish.map_or(0, |f| f - p.anchor),
        feasible: min_slack >= 0,
        order: p
            .order
            .iter()
            .filter_map(|&v| p.ids.get(v as usize).map(|s| s.to_string()))
            .collect(),
        critical_path: critical_path(p, t, &slack, min_slack),
        critical_chains: critical_chains(p, t, &slack, min_slack),
        goals,
        phases,
        conflicts,
    })
}

/// Computes the critical-path schedule of a model's goals (see the module's rules).
///
/// O(goals + dependencies): Kahn's topological sort, one forward and one backward pass.
///
/// # Errors
///
/// The model must be schedulable: `duplicate_id` (two goals share an id), `unknown_id`
/// (a dependency or phase that does not exist), `dependency_cycle` (details: `cycle`),
/// `missing_duration`, `invalid_window` (an end before its start), `missing_date` (no date to
/// start from), `invalid_date` (the schedule would leave the years 1–9999). Run
/// [`validate`](super::validate()) first to see every problem at once.
///
/// # Examples
///
/// ```
/// use waterline::toc::{example_pass_model, schedule, ScheduleOptions};
/// let s = schedule(&example_pass_model()?, &ScheduleOptions::default())?;
/// assert!(s.feasible);
/// assert_eq!(s.project_start.unwrap().to_string(), "2020-07-01");
/// // Curriculum (150 days from July 1, 2021) then the 540-day institute.
/// assert_eq!(s.critical_path, ["g6", "g8"]);
/// # Ok::<(), waterline::Error>(())
/// ```
///
/// # References
///
/// Kelley & Walker (1959), "Critical-path planning and scheduling"; float as in PMI's PMBOK
/// (total float = late start − early start).
pub fn schedule(m: &Model, options: &ScheduleOptions) -> Result<Schedule> {
    if m.goals.is_empty() {
        return Ok(Schedule {
            method: Method::Cpm,
            n_goals: 0,
            n_dependencies: 0,
            project_start: None,
            project_finish: None,
            duration_days: 0,
            feasible: true,
            order: Vec::new(),
            critical_path: Vec::new(),
            critical_chains: Vec::new(),
            goals: Vec::new(),
            phases: Vec::new(),
            conflicts: Vec::new(),
        });
    }
    let p = plan(m, options)?;
    let t = cpm(&p, None);
    assemble(m, &p, &t)
}
