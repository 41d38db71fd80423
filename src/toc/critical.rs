//! Which goals are critical and why, and what the schedule keeps of a goal's stated dates
//! (issue 17): the "critical path" header and the table's marks come from one source,
//! [`CriticalChain`]s whose union is exactly the goals marked critical.

use super::date::Date;
use super::schedule::{last_day, Plan, Times};
use crate::error::Result;
use serde::Serialize;

/// Stable code of a [`DateNote`] (snake_case in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDateNoteCode"))]
#[serde(rename_all = "snake_case")]
pub enum DateNoteCode {
    /// Start and duration (or the duration alone) set the bar; the stated end is kept only as a
    /// deadline, and the work ends on `implied_end` (earlier or later than the stated end).
    EndIsDeadline,
    /// Start, end and duration agree: all three are kept.
    DatesAgree,
}

/// A field of a goal's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDateField"))]
#[serde(rename_all = "snake_case")]
pub enum DateField {
    /// The stated start (start-no-earlier-than).
    Start,
    /// The stated end (finish-no-later-than).
    End,
    /// The stated length in days.
    Duration,
}

/// What the schedule keeps of a goal's stated dates: a coded note the page translates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocDateNote"))]
#[serde(rename_all = "camelCase")]
pub struct DateNote {
    /// Stable code.
    pub code: DateNoteCode,
    /// The fields that set the bar (start and length), in the order start, end, duration.
    pub kept: Vec<DateField>,
    /// The stated end date (inclusive), kept as a deadline.
    pub stated_end: Date,
    /// The stated duration in days.
    pub duration_days: i64,
    /// The last day of work that the stated start and duration imply (`None` without a start).
    pub implied_end: Option<Date>,
}

/// Why a critical chain has no slack: what bounds its last goal's late finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocChainBound"))]
#[serde(rename_all = "snake_case")]
pub enum ChainBound {
    /// The chain drives the project's finish.
    ProjectFinish,
    /// The last goal's own stated end.
    StatedEnd,
    /// The end of the last goal's phase.
    PhaseEnd,
    /// The project deadline (`options.deadline`).
    Deadline,
}

/// One chain of critical goals, first goal first, and what it runs up against.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocCriticalChain"))]
#[serde(rename_all = "camelCase")]
pub struct CriticalChain {
    /// Goal ids, first goal first; each goal's finish sets the next one's start.
    pub goals: Vec<String>,
    /// What bounds the last goal's late finish.
    pub bound: ChainBound,
}

pub(super) fn critical_path(p: &Plan<'_>, t: &Times, slack: &[i64], min_slack: i64) -> Vec<String> {
    let is_critical = |v: usize| slack.get(v) == Some(&min_slack);
    // The critical goal that finishes last (first in topological order on ties).
    let mut last: Option<usize> = None;
    for &v in &p.order {
        let v = v as usize;
        if is_critical(v) && last.map_or(true, |l| t.ef.get(v) > t.ef.get(l)) {
            last = Some(v);
        }
    }
    let mut path = Vec::new();
    let mut cur = last;
    while let Some(v) = cur {
        path.push(v);
        let es = t.es.get(v).copied();
        cur = p.pred.get(v).and_then(|ps| {
            ps.iter()
                .map(|&q| q as usize)
                .find(|&q| is_critical(q) && t.ef.get(q).copied() == es)
        });
        if path.len() > p.ids.len() {
            break; // cannot happen on a DAG; guards the loop
        }
    }
    path.iter()
        .rev()
        .filter_map(|&v| p.ids.get(v).map(|s| s.to_string()))
        .collect()
}

/// Every chain of critical goals. A chain ends at a critical goal that drives no critical
/// successor, and runs back as [`critical_path`] does; a critical goal left over (a branch
/// that merges into a chain) ends a chain of its own. Chains are ordered by last finish, latest
/// first (ties in topological order), so the first is the critical path.
pub(super) fn critical_chains(
    p: &Plan<'_>,
    t: &Times,
    slack: &[i64],
    min_slack: i64,
) -> Vec<CriticalChain> {
    let n = p.ids.len();
    let is_critical = |v: usize| slack.get(v) == Some(&min_slack);
    let drives = |q: usize, v: usize| t.ef.get(q).is_some() && t.ef.get(q) == t.es.get(v);
    let mut ends: Vec<usize> = p
        .order
        .iter()
        .map(|&v| v as usize)
        .filter(|&v| is_critical(v))
        .collect();
    // Stable sort: latest finish first, topological order on ties.
    crate::sort::sort_by_key(&mut ends, |&v| {
        std::cmp::Reverse(t.ef.get(v).copied().unwrap_or(0))
    });
    let mut covered = vec![false; n];
    let mut chains = Vec::new();
    for &end in &ends {
        let drives_critical = p.succ.get(end).is_some_and(|ss| {
            ss.iter()
                .any(|&s| is_critical(s as usize) && drives(end, s as usize))
        });
        if covered.get(end) != Some(&false) || (drives_critical && !chains.is_empty()) {
            continue;
        }
        chains.push(chain_from(p, end, &is_critical, &drives, &mut covered));
    }
    // Branches that merge into a chain: each leftover critical goal ends a chain of its own.
    for &end in &ends {
        if covered.get(end) == Some(&false) {
            chains.push(chain_from(p, end, &is_critical, &drives, &mut covered));
        }
    }
    chains
        .into_iter()
        .map(|goals| {
            let last = goals.last().copied().unwrap_or(0);
            CriticalChain {
                bound: bound_of(p, t, last),
                goals: goals
                    .iter()
                    .filter_map(|&v| p.ids.get(v).map(|s| s.to_string()))
                    .collect(),
            }
        })
        .collect()
}

fn chain_from(
    p: &Plan<'_>,
    end: usize,
    is_critical: &dyn Fn(usize) -> bool,
    drives: &dyn Fn(usize, usize) -> bool,
    covered: &mut [bool],
) -> Vec<usize> {
    let mut path = Vec::new();
    let mut cur = Some(end);
    while let Some(v) = cur {
        path.push(v);
        if let Some(c) = covered.get_mut(v) {
            *c = true;
        }
        cur = p.pred.get(v).and_then(|ps| {
            ps.iter()
                .map(|&q| q as usize)
                .find(|&q| is_critical(q) && drives(q, v))
        });
        if path.len() > p.ids.len() {
            break; // cannot happen on a DAG; guards the loop
        }
    }
    path.reverse();
    path
}

/// What sets a goal's late finish: its own deadline, or else the project's finish.
fn bound_of(p: &Plan<'_>, t: &Times, v: usize) -> ChainBound {
    let lf = t.lf.get(v).copied();
    match p.due.get(v) {
        Some(Some((d, why))) if Some(*d) == lf => match why {
            0 => ChainBound::StatedEnd,
            1 => ChainBound::PhaseEnd,
            _ if p.deadline.is_some() => ChainBound::Deadline,
            _ => ChainBound::ProjectFinish,
        },
        _ => ChainBound::ProjectFinish,
    }
}

/// The note on a goal that states both an end and a duration: the schedule keeps the start
/// (if any) and the duration, and the end only as a deadline (all three when they agree).
pub(super) fn date_note(g: &super::model::Goal) -> Result<Option<DateNote>> {
    let (Some(d), Some(e)) = (&g.duration_days, &g.end) else {
        return Ok(None);
    };
    let d = i64::from(d.value);
    let implied_end = match &g.start {
        Some(s) => Some(last_day(s.value.day_number(), s.value.day_number() + d)?),
        None => None,
    };
    let agree = implied_end == Some(e.value);
    let mut kept = Vec::with_capacity(3);
    if g.start.is_some() {
        kept.push(DateField::Start);
    }
    if agree {
        kept.push(DateField::End);
    }
    kept.push(DateField::Duration);
    Ok(Some(DateNote {
        code: if agree {
            DateNoteCode::DatesAgree
        } else {
            DateNoteCode::EndIsDeadline
        },
        kept,
        stated_end: e.value,
        duration_days: d,
        implied_end,
    }))
}
