//! What-if: delay one goal and list everything that moves (see [`what_if`]).

use super::date::Date;
use super::method::Method;
use super::model::Model;
use super::schedule::{assemble, cpm, date, last_day, plan, Schedule, ScheduleOptions};
use crate::error::{Code, Error, Result};
use serde::{Deserialize, Serialize};

/// Options of [`what_if`]: the goal to delay and by how many days.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocWhatIfOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WhatIfOptions {
    /// Id of the goal whose start slips.
    pub goal_id: String,
    /// Days of delay, 0 to 36,525 (100 years).
    pub delay_days: i64,
    /// Project start, as in [`ScheduleOptions`].
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub start: Option<Date>,
    /// Project deadline, as in [`ScheduleOptions`].
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub deadline: Option<Date>,
}

/// A goal whose dates change in a what-if (finish dates inclusive).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocMove"))]
#[serde(rename_all = "camelCase")]
pub struct Move {
    /// Goal id.
    pub id: String,
    /// Early start before the delay.
    pub old_start: Date,
    /// Early start after the delay.
    pub new_start: Date,
    /// Early finish before the delay.
    pub old_finish: Date,
    /// Early finish after the delay.
    pub new_finish: Date,
    /// Days the finish moves.
    pub shift_days: i64,
}

/// The result of [`what_if`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocWhatIf"))]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    /// `Method::CpmDelay`.
    pub method: Method,
    /// The delayed goal.
    pub goal_id: String,
    /// The delay in days.
    pub delay_days: i64,
    /// Every goal that moves, in topological order (the delayed goal first).
    pub moved: Vec<Move>,
    /// Project finish before the delay.
    pub project_finish_before: Option<Date>,
    /// Project finish after the delay.
    pub project_finish_after: Option<Date>,
    /// Days the project finish moves.
    pub project_shift_days: i64,
    /// Feasibility before the delay.
    pub feasible_before: bool,
    /// Feasibility after the delay.
    pub feasible_after: bool,
    /// The schedule after the delay.
    pub schedule: Schedule,
}

/// Delays one goal's start by `delay_days` (from its early start) and lists everything that
/// moves. A delay within the goal's free float moves only the goal itself; beyond it,
/// successors move, and beyond its total float (slack) the project finish moves too.
///
/// # Errors
///
/// As [`schedule`](super::schedule()), plus `unknown_id` (no such goal) and `parameter_out_of_range` (delay
/// outside 0–36,525 days).
///
/// # Examples
///
/// ```
/// use waterline::toc::{example_pass_model, what_if, WhatIfOptions};
/// let opts = WhatIfOptions { goal_id: "g6".into(), delay_days: 30, start: None, deadline: None };
/// let w = what_if(&example_pass_model()?, &opts)?;
/// let moved: Vec<&str> = w.moved.iter().map(|m| m.id.as_str()).collect();
/// assert_eq!(moved, ["g6", "g8"]); // the curriculum is critical: the institute slips too
/// assert_eq!(w.project_shift_days, 30);
/// # Ok::<(), waterline::Error>(())
/// ```
pub fn what_if(m: &Model, options: &WhatIfOptions) -> Result<WhatIf> {
    if !(0..=36_525).contains(&options.delay_days) {
        return Err(Error::new(
            Code::ParameterOutOfRange,
            format!(
                "delayDays must be between 0 and 36525 days, got {}",
                options.delay_days
            ),
        )
        .with("delayDays", options.delay_days));
    }
    let Some(g) = m.goals.iter().position(|g| g.id == options.goal_id) else {
        return Err(Error::new(
            Code::UnknownId,
            format!("there is no goal \"{}\"", options.goal_id),
        )
        .with("id", options.goal_id.as_str()));
    };
    let opts = ScheduleOptions {
        start: options.start,
        deadline: options.deadline,
    };
    let p = plan(m, &opts)?;
    let before = cpm(&p, None);
    let bound = before.es.get(g).copied().unwrap_or(p.anchor) + options.delay_days;
    let after = cpm(&p, Some((g as u32, bound)));
    let mut moved = Vec::new();
    for &v in &p.order {
        let v = v as usize;
        let (Some(&os), Some(&of), Some(&ns), Some(&nf)) = (
            before.es.get(v),
            before.ef.get(v),
            after.es.get(v),
            after.ef.get(v),
        ) else {
            continue;
        };
        if os != ns || of != nf {
            moved.push(Move {
                id: p.ids.get(v).map_or(String::new(), |s| s.to_string()),
                old_start: date(os)?,
                new_start: date(ns)?,
                old_finish: last_day(os, of)?,
                new_finish: last_day(ns, nf)?,
                shift_days: nf - of,
            });
        }
    }
    let sb = assemble(m, &p, &before)?;
    let sa = assemble(m, &p, &after)?;
    let fb = before.ef.iter().copied().max().unwrap_or(p.anchor);
    let fa = after.ef.iter().copied().max().unwrap_or(p.anchor);
    Ok(WhatIf {
        method: Method::CpmDelay,
        goal_id: options.goal_id.clone(),
        delay_days: options.delay_days,
        moved,
        project_finish_before: sb.project_finish,
        project_finish_after: sa.project_finish,
        project_shift_days: fa - fb,
        feasible_before: sb.feasible,
        feasible_after: sa.feasible,
        schedule: sa,
    })
}
