//! The goals' date rules: phase and goal windows, lengths, dependency cycles, starts before a
//! prerequisite ends and goals outside their phase's window.

use crate::toc::finding::{Finding, Rule};
use crate::toc::graph::{cycle_name, toposort};
use crate::toc::index::{goal_successors, Index, Kind};
use crate::toc::model::{Goal, Model};

pub(super) fn goals(m: &Model, ix: &Index<'_>, out: &mut Vec<Finding>) {
    for p in &m.phases {
        if let (Some(s), Some(e)) = (&p.start, &p.end) {
            if e.value < s.value {
                out.push(Finding::new(
                    Rule::InvalidWindow,
                    format!(
                        "phase {} ends ({}) before it starts ({})",
                        p.id, e.value, s.value
                    ),
                    &[&p.id],
                ));
            }
        }
    }
    for g in &m.goals {
        if let (Some(s), Some(e)) = (&g.start, &g.end) {
            if e.value < s.value {
                out.push(Finding::new(
                    Rule::InvalidWindow,
                    format!(
                        "goal {} ends ({}) before it starts ({})",
                        g.id, e.value, s.value
                    ),
                    &[&g.id],
                ));
            }
        }
        if g.duration().is_none() && !(g.start.is_some() && g.end.is_some()) {
            out.push(Finding::new(
                Rule::MissingDuration,
                format!(
                    "goal {} has no length: give durationDays, or both start and end dates",
                    g.id
                ),
                &[&g.id],
            ));
        }
        if let (Some(d), Some(s), Some(e)) = (&g.duration_days, &g.start, &g.end) {
            let span = s.value.days_until(e.value) + 1;
            let d = i64::from(d.value);
            if span > 0 && span != d && !(d == 0 && span == 1) {
                out.push(Finding::new(
                    Rule::DurationMismatch,
                    format!(
                        "goal {} lasts {d} days but its dates {} – {} span {span} days; the schedule uses {d} days and treats the end as a deadline",
                        g.id, s.value, e.value
                    ),
                    &[&g.id],
                ));
            }
        }
        phase_window(m, ix, g, out);
    }
    let succ = goal_successors(m, ix);
    if let Err(cycles) = toposort(&succ) {
        for c in cycles {
            let names: Vec<&str> = c
                .iter()
                .filter_map(|&v| m.goals.get(v as usize))
                .map(|g| g.id.as_str())
                .collect();
            out.push(Finding::new(
                Rule::DependencyCycle,
                format!(
                    "goals depend on each other in a cycle: {}; remove one of these dependencies",
                    cycle_name(&names)
                ),
                &names,
            ));
        }
    }
    for (p, list) in succ.iter().enumerate() {
        let Some(pre) = m.goals.get(p) else { continue };
        let (_, Some(pre_finish)) = pre.stated_window() else {
            continue;
        };
        for &g in list {
            let Some(goal) = m.goals.get(g as usize) else {
                continue;
            };
            if let (Some(start), _) = goal.stated_window() {
                if start < pre_finish {
                    out.push(Finding::new(
                        Rule::StartsBeforePrerequisite,
                        format!(
                            "goal {} starts on {} but depends on {}, which ends on {}; move the start or remove the dependency",
                            goal.id, day(start), pre.id, day(pre_finish - 1)
                        ),
                        &[&goal.id, &pre.id],
                    ));
                }
            }
        }
    }
}

/// A day number as a date text (day numbers here come from valid dates, so this cannot fail;
/// the fallback only guards arithmetic at the calendar's edges).
fn day(n: i64) -> String {
    crate::toc::date::Date::from_day_number(n)
        .map_or_else(|_| format!("day {n}"), |d| d.to_string())
}

fn phase_window(m: &Model, ix: &Index<'_>, g: &Goal, out: &mut Vec<Finding>) {
    let Some(p) = g
        .phase
        .as_deref()
        .and_then(|p| ix.of(p, Kind::Phase))
        .and_then(|i| m.phases.get(i as usize))
    else {
        return;
    };
    let (start, finish) = g.stated_window();
    let early = match (start, &p.start) {
        (Some(s), Some(ps)) => s < ps.value.day_number(),
        _ => false,
    };
    let late = match (finish, &p.end) {
        (Some(f), Some(pe)) => f > pe.value.day_number() + 1,
        _ => false,
    };
    if early || late {
        let window = format!(
            "{} – {}",
            p.start
                .as_ref()
                .map_or("open".into(), |d| d.value.to_string()),
            p.end
                .as_ref()
                .map_or("open".into(), |d| d.value.to_string())
        );
        out.push(Finding::new(
            Rule::OutsidePhaseWindow,
            format!(
                "goal {} ({} – {}) falls outside the window of its phase {} ({window})",
                g.id,
                start.map_or("?".into(), day),
                finish.map_or("?".into(), |f| day(f - 1)),
                p.id
            ),
            &[&g.id, &p.id],
        ));
    }
}
