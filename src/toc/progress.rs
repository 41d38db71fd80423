//! Progress as of a date: status roll-up of goals and activities, indicator actuals against
//! targets, rolled up to outcomes, phases and the program.
//!
//! # Rules
//!
//! - **Completion** of an activity or goal: done 1, in progress ½, not started 0, blocked 0.
//!   A goal with activities takes the mean of its activities, and its rolled-up status is
//!   derived from them (all done → done; any blocked → blocked; any started → in progress);
//!   a goal without activities keeps its own status.
//! - **Goal track**, against the critical-path schedule (early and late dates): done → on
//!   track; blocked → behind; before the early start → not yet due (on track if already
//!   started); not started → on track until its late start, then behind; in progress → on
//!   track until its late finish, then behind. Expected completion is the share of the early
//!   schedule elapsed: `clamp((asOf − earlyStart) / duration, 0, 1)`.
//! - **Indicator share** of the way from baseline to target:
//!   `(latest − baseline) / (target − baseline)`, using the latest actual dated on or before
//!   `asOf`; it falls when the target is below the baseline (e.g. suspensions 2.8% → 0%).
//!   Not clamped: below 0 means worse than the baseline, above 1 beyond the target.
//! - **Expected share** is linear in time from the baseline date (or, without one, the
//!   program's start) to the target date: `clamp((asOf − baselineDate) / (targetDate −
//!   baselineDate), 0, 1)`. An indicator is on track when `share ≥ expected` (within 1e-9),
//!   behind otherwise; not yet due before its baseline date or while nothing is expected yet;
//!   no data without baseline or target, or when something is expected but nothing measured.
//!   Without a target date it is on track only once the target is reached.
//! - **Roll-ups**: shares are clamped to [0, 1] and averaged; a group's track is the worst of
//!   its members' in the order behind > no data > on track > not yet due.
//!
//! # Notes
//!
//! [`Progress::warnings`]:
//!
//! | code | severity | params |
//! |---|---|---|
//! | `progress_no_schedule` | withheld | `error` (the schedule's error code) and its details: goals are judged "no data" |
//! | `progress_status_mismatch` | warning | `goal`, `recorded`, `rolled` (statuses: `not_started`, `in_progress`, `done`, `blocked`) |
//! | `progress_target_is_baseline` | withheld | `indicator`: no share can be computed |

use super::date::Date;
use super::index::{Index, Kind};
use super::method::Method;
use super::model::{Model, Status, Term};
use super::schedule::{schedule, Schedule, ScheduleOptions};
use crate::note::{Note, NoteCode};
use serde::{Deserialize, Serialize};

#[path = "progress_indicator.rs"]
mod indicator;
use indicator::indicator;
pub use indicator::IndicatorProgress;

/// Options of [`progress`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocProgressOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgressOptions {
    /// The date progress is judged at.
    pub as_of: Date,
    /// Project start for the schedule, as in [`ScheduleOptions`].
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub start: Option<Date>,
    /// Project deadline for the schedule, as in [`ScheduleOptions`].
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub deadline: Option<Date>,
}

/// Whether something is where it should be by `asOf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocTrack"))]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Nothing is expected yet.
    NotYetDue,
    /// At or ahead of where it should be.
    OnTrack,
    /// Not enough data to judge.
    NoData,
    /// Behind where it should be.
    Behind,
}

/// How many goals or activities have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocStatusCounts"))]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// Not started.
    pub not_started: usize,
    /// In progress.
    pub in_progress: usize,
    /// Done.
    pub done: usize,
    /// Blocked.
    pub blocked: usize,
}

impl StatusCounts {
    fn add(&mut self, s: Status) {
        match s {
            Status::NotStarted => self.not_started += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
            Status::Blocked => self.blocked += 1,
        }
    }
    fn total(&self) -> usize {
        self.not_started + self.in_progress + self.done + self.blocked
    }
}

/// An activity's status and completion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocActivityProgress"))]
#[serde(rename_all = "camelCase")]
pub struct ActivityProgress {
    /// Activity id.
    pub id: String,
    /// Its goal, if any.
    pub goal: Option<String>,
    /// Recorded status.
    pub status: Status,
    /// 1, ½ or 0 (see the module's rules).
    pub completion: f64,
}

/// A goal's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocGoalProgress"))]
#[serde(rename_all = "camelCase")]
pub struct GoalProgress {
    /// Goal id.
    pub id: String,
    /// Phase id, if any.
    pub phase: Option<String>,
    /// The goal's own recorded status.
    pub status: Status,
    /// Status rolled up from its activities (its own status when it has none).
    pub rolled_status: Status,
    /// Its activities by status.
    pub activities: StatusCounts,
    /// Completion in [0, 1].
    pub completion: f64,
    /// Expected completion by `asOf` from the early schedule (`None` without a schedule).
    pub expected: Option<f64>,
    /// On track, behind, not yet due or no data.
    pub track: Track,
}

/// An outcome's progress, from its indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocOutcomeProgress"))]
#[serde(rename_all = "camelCase")]
pub struct OutcomeProgress {
    /// Outcome id.
    pub id: String,
    /// Its term.
    pub term: Term,
    /// Number of indicators on it.
    pub n_indicators: usize,
    /// Mean clamped share of its indicators that have one.
    pub share: Option<f64>,
    /// Worst track of its indicators (no data without indicators).
    pub track: Track,
}

/// A phase's (or the program's) progress, from its goals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocGroupProgress"))]
#[serde(rename_all = "camelCase")]
pub struct GroupProgress {
    /// Phase id, or `"program"`.
    pub id: String,
    /// Its goals by rolled-up status.
    pub goals: StatusCounts,
    /// Mean completion of its goals.
    pub completion: Option<f64>,
    /// Mean expected completion of its goals.
    pub expected: Option<f64>,
    /// Mean clamped share of the indicators (program only; `None` for phases).
    pub indicator_share: Option<f64>,
    /// Worst track of its goals (and, for the program, of all indicators).
    pub track: Track,
}

/// The result of [`progress`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "TocProgress"))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// `Method::LinearExpectedProgress`.
    pub method: Method,
    /// The date progress is judged at.
    pub as_of: Date,
    /// Activities in model order.
    pub activities: Vec<ActivityProgress>,
    /// Goals in model order.
    pub goals: Vec<GoalProgress>,
    /// Indicators in model order.
    pub indicators: Vec<IndicatorProgress>,
    /// Outcomes in model order.
    pub outcomes: Vec<OutcomeProgress>,
    /// Phases in model order.
    pub phases: Vec<GroupProgress>,
    /// The whole program.
    pub program: GroupProgress,
    /// Why some judgements are missing (e.g. the schedule could not be computed): see the
    /// module's table of note codes.
    pub warnings: Vec<Note>,
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "not_started",
        Status::InProgress => "in_progress",
        Status::Done => "done",
        Status::Blocked => "blocked",
    }
}

fn completion(s: Status) -> f64 {
    match s {
        Status::Done => 1.0,
        Status::InProgress => 0.5,
        Status::NotStarted | Status::Blocked => 0.0,
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn worst(tracks: impl Iterator<Item = Track>) -> Option<Track> {
    tracks.max()
}

/// Share of `[from, to]` elapsed at `at`, clamped to [0, 1].
fn elapsed(from: i64, to: i64, at: i64) -> f64 {
    if to <= from {
        return if at >= to { 1.0 } else { 0.0 };
    }
    ((at - from) as f64 / (to - from) as f64).clamp(0.0, 1.0)
}

fn goal_track(status: Status, started: bool, as_of: i64, s: Option<(i64, i64, i64, i64)>) -> Track {
    match (status, s) {
        (Status::Done, _) => Track::OnTrack,
        (Status::Blocked, _) => Track::Behind,
        (_, None) => Track::NoData,
        (_, Some((es, _, ls, lf))) => {
            if as_of < es {
                if started {
                    Track::OnTrack
                } else {
                    Track::NotYetDue
                }
            } else if (!started && as_of < ls) || (started && as_of < lf) {
                Track::OnTrack
            } else {
                Track::Behind
            }
        }
    }
}

/// The default "as of" date: the model's own window, not today's date — the end of the latest
/// period with a value, or else the plan's first day (nothing is due yet). `None` for a
/// model without dates.
pub fn default_as_of(m: &Model) -> Option<Date> {
    let last_value = m
        .indicators
        .iter()
        .flat_map(|i| super::series::series_of(i).into_iter())
        .filter(|p| p.resolved().is_some())
        .map(|p| p.period.end())
        .max();
    last_value.or_else(|| {
        m.phases
            .iter()
            .filter_map(|p| p.start.as_ref().map(|s| s.value))
            .chain(
                m.goals
                    .iter()
                    .filter_map(|g| g.start.as_ref().map(|s| s.value)),
            )
            .chain(
                m.indicators
                    .iter()
                    .filter_map(|i| i.baseline.as_ref().and_then(|b| b.date)),
            )
            .min()
    })
}

/// Judges progress as of a date (see the module's rules).
///
/// Never fails on a decodable model: when the schedule cannot be computed (e.g. a goal has no
/// duration), goals are judged "no data" and `warnings` says why. O(size of the model).
///
/// # Examples
///
/// ```
/// use waterline::toc::{example_alianza_model, progress, Date, ProgressOptions, Track};
/// let m = example_alianza_model()?;
/// let p = progress(&m, &ProgressOptions { as_of: Date::parse("2018-06-30")?, start: None, deadline: None });
/// // Staff who believe every student can succeed: 48% (2014-15) → 72% (2017-18), target 80%.
/// let staff = p.indicators.iter().find(|i| i.id == "ind_staff_beliefs").unwrap();
/// assert_eq!(staff.share, Some(0.75));          // (72 − 48) / (80 − 48)
/// assert_eq!(staff.expected_share, Some(0.5));  // 3 of 6 years from 2015-06-30 to 2021-06-30
/// assert_eq!(staff.track, Track::OnTrack);
/// # Ok::<(), waterline::Error>(())
/// ```
pub fn progress(m: &Model, options: &ProgressOptions) -> Progress {
    let as_of = options.as_of;
    let mut warnings = Vec::new();
    let sched: Option<Schedule> = if m.goals.is_empty() {
        None
    } else {
        match schedule(
            m,
            &ScheduleOptions {
                start: options.start,
                deadline: options.deadline,
            },
        ) {
            Ok(s) => Some(s),
            Err(e) => {
                warnings.push(Note::withheld(NoteCode::ProgressNoSchedule).with_error(&e));
                None
            }
        }
    };
    let ix = Index::build(m);
    let mut per_goal = vec![StatusCounts::default(); m.goals.len()];
    let mut sums = vec![0.0; m.goals.len()];
    let activities: Vec<ActivityProgress> = m
        .activities
        .iter()
        .map(|a| {
            if let Some(g) = a.goal.as_deref().and_then(|g| ix.of(g, Kind::Goal)) {
                if let (Some(c), Some(s)) = (per_goal.get_mut(g as usize), sums.get_mut(g as usize))
                {
                    c.add(a.status);
                    *s += completion(a.status);
                }
            }
            ActivityProgress {
                id: a.id.clone(),
                goal: a.goal.clone(),
                status: a.status,
                completion: completion(a.status),
            }
        })
        .collect();
    let as_day = as_of.day_number();
    let goals: Vec<GoalProgress> = m
        .goals
        .iter()
        .enumerate()
        .map(|(v, g)| {
            let counts = per_goal.get(v).copied().unwrap_or_default();
            let n = counts.total();
            let rolled = if n == 0 {
                g.status
            } else if counts.done == n {
                Status::Done
            } else if counts.blocked > 0 {
                Status::Blocked
            } else if counts.in_progress + counts.done > 0 {
                Status::InProgress
            } else {
                Status::NotStarted
            };
            if n > 0 && rolled != g.status {
                warnings.push(
                    Note::warning(NoteCode::ProgressStatusMismatch)
                        .with("goal", &g.id)
                        .with("recorded", status_name(g.status))
                        .with("rolled", status_name(rolled)),
                );
            }
            let done = if n == 0 {
                completion(g.status)
            } else {
                sums.get(v).copied().unwrap_or(0.0) / n as f64
            };
            let times = sched.as_ref().and_then(|s| s.goals.get(v)).map(|x| {
                let es = x.early_start.day_number();
                let ls = x.late_start.day_number();
                (es, es + x.duration_days, ls, ls + x.duration_days)
            });
            let expected = times.map(|(es, ef, _, _)| elapsed(es, ef, as_day));
            let started = matches!(rolled, Status::InProgress | Status::Done);
            GoalProgress {
                id: g.id.clone(),
                phase: g.phase.clone(),
                status: g.status,
                rolled_status: rolled,
                activities: counts,
                completion: done,
                expected,
                track: goal_track(rolled, started, as_day, times),
            }
        })
        .collect();
    let program_start = sched.as_ref().and_then(|s| s.project_start).or_else(|| {
        m.phases
            .iter()
            .filter_map(|p| p.start.as_ref().map(|s| s.value))
            .min()
    });
    let indicators: Vec<IndicatorProgress> = m
        .indicators
        .iter()
        .map(|i| indicator(i, as_of, program_start))
        .collect();
    for i in &m.indicators {
        if let (Some(b), Some(t)) = (&i.baseline, &i.target) {
            if b.value == t.value {
                warnings.push(
                    Note::withheld(NoteCode::ProgressTargetIsBaseline).with("indicator", &i.id),
                );
            }
        }
    }
    let outcomes = m
        .outcomes
        .iter()
        .map(|o| {
            let mine: Vec<&IndicatorProgress> =
                indicators.iter().filter(|i| i.of == o.id).collect();
            OutcomeProgress {
                id: o.id.clone(),
                term: o.term,
                n_indicators: mine.len(),
                share: mean(
                    mine.iter()
                        .filter_map(|i| i.share)
                        .map(|s| s.clamp(0.0, 1.0)),
                ),
                track: worst(mine.iter().map(|i| i.track)).unwrap_or(Track::NoData),
            }
        })
        .collect();
    let group = |id: &str, members: Vec<&GoalProgress>, with_indicators: bool| {
        let mut counts = StatusCounts::default();
        members.iter().for_each(|g| counts.add(g.rolled_status));
        let ind_tracks = indicators
            .iter()
            .map(|i| i.track)
            .filter(|_| with_indicators);
        GroupProgress {
            id: id.to_string(),
            goals: counts,
            completion: mean(members.iter().map(|g| g.completion)),
            expected: mean(members.iter().filter_map(|g| g.expected)),
            indicator_share: if with_indicators {
                mean(
                    indicators
                        .iter()
                        .filter_map(|i| i.share)
                        .map(|s| s.clamp(0.0, 1.0)),
                )
            } else {
                None
            },
            track: worst(members.iter().map(|g| g.track).chain(ind_tracks))
                .unwrap_or(Track::NoData),
        }
    };
    let phases = m
        .phases
        .iter()
        .map(|p| {
            group(
                &p.id,
                goals
                    .iter()
                    .filter(|g| g.phase.as_deref() == Some(p.id.as_str()))
                    .collect(),
                false,
            )
        })
        .collect();
    let program = group("program", goals.iter().collect(), true);
    Progress {
        method: Method::LinearExpectedProgress,
        as_of,
        activities,
        goals,
        indicators,
        outcomes,
        phases,
        program,
        warnings,
    }
}
