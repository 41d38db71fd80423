//! The critical-path schedule and the what-if on PASS and on small models whose answers can be
//! worked out by hand (the hand arithmetic is in the comments). Numbers across many random
//! models are checked against networkx in tests/toc_reference.rs.
#![cfg(feature = "toc")]

use serde_json::{json, Value};
use waterline::toc::{
    example_pass_model, parse_model, schedule, what_if, ChainBound, Date, DateField, DateNoteCode,
    Model, Rule, ScheduleOptions, StartConstraint, WhatIfOptions,
};
use waterline::Code;

fn model(v: Value) -> Model {
    parse_model(&v.to_string()).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Three goals: a (10 days) → c (5 days); b (3 days) → c. Phase p1 opens 2021-07-01.
fn abc() -> Value {
    json!({
        "schemaVersion": 1, "id": "abc", "title": {"en": "ABC"},
        "phases": [{"id": "p1", "name": {"en": "One"}, "start": {"value": "2021-07-01"}, "end": {"value": "2021-12-31"}}],
        "goals": [
            {"id": "a", "title": {"en": "A"}, "phase": "p1", "durationDays": {"value": 10}},
            {"id": "b", "title": {"en": "B"}, "phase": "p1", "durationDays": {"value": 3}},
            {"id": "c", "title": {"en": "C"}, "phase": "p1", "durationDays": {"value": 5},
             "dependsOn": [{"goal": "a"}, {"goal": "b"}]}
        ]
    })
}

fn whatif(goal: &str, days: i64) -> WhatIfOptions {
    WhatIfOptions {
        goal_id: goal.into(),
        delay_days: days,
        start: None,
        deadline: None,
    }
}

#[test]
fn hand_worked_three_goal_schedule() {
    let s = schedule(&model(abc()), &ScheduleOptions::default()).unwrap();
    let g = |id: &str| s.goals.iter().find(|g| g.id == id).unwrap().clone();
    // a: July 1–10; b: July 1–3; c starts July 11 (after a), runs 5 days to July 15.
    assert_eq!(
        (g("a").early_start, g("a").early_finish),
        (d("2021-07-01"), d("2021-07-10"))
    );
    assert_eq!(
        (g("c").early_start, g("c").early_finish),
        (d("2021-07-11"), d("2021-07-15"))
    );
    // b may start as late as July 8 (3 days, done by July 10): slack 7.
    assert_eq!(g("b").slack_days, 7);
    assert_eq!(g("b").late_start, d("2021-07-08"));
    assert_eq!(s.critical_path, ["a", "c"]);
    assert_eq!(g("c").driven_by, ["a"]);
    assert_eq!(g("a").constrained_by, Some(StartConstraint::ProjectStart));
    assert_eq!(s.order, ["a", "b", "c"]);
    assert_eq!(s.duration_days, 15);
    assert_eq!(s.project_finish, Some(d("2021-07-15")));
    assert!(s.feasible && s.conflicts.is_empty());
    assert!(s.phases[0].conforms);
}

#[test]
fn pass_critical_chain_and_float() {
    let s = schedule(&example_pass_model().unwrap(), &ScheduleOptions::default()).unwrap();
    let g = |id: &str| s.goals.iter().find(|g| g.id == id).unwrap().clone();
    assert!(s.feasible);
    // Phase 2 opens July 1, 2021: the curriculum (150 days) then the 540-day institute drive
    // the finish; the manager's fixed spring-2021 window has no float either.
    assert_eq!(s.critical_path, ["g6", "g8"]);
    assert!(g("g1").critical && g("g6").critical && g("g8").critical);
    assert_eq!(g("g6").constrained_by, Some(StartConstraint::PhaseStart));
    assert_eq!(g("g1").constrained_by, Some(StartConstraint::StatedStart));
    // Recruitment (120 days) can slip 30 days before it delays the institute.
    assert_eq!(g("g7").slack_days, 30);
    // The plan (May 27 – June 23, 2021) must end by phase 1's June 30: 7 days of float.
    assert_eq!(g("g4").early_start, d("2021-05-27"));
    assert_eq!(g("g4").slack_days, 7);
    assert!(s.goals.iter().all(|g| g.within_phase == Some(true)));
    assert_eq!(s.project_finish, Some(d("2023-05-21")));
}

#[test]
fn a_deadline_makes_float_and_an_early_one_makes_it_negative() {
    let m = model(abc());
    let opts = ScheduleOptions {
        start: None,
        deadline: Some(d("2021-07-20")),
    };
    let s = schedule(&m, &opts).unwrap();
    // Project finishes July 15; a July 20 deadline gives every goal 5 more days.
    assert!(s.feasible);
    assert_eq!(s.goals.iter().map(|g| g.slack_days).min(), Some(5));
    assert_eq!(s.critical_path, ["a", "c"]);
    let opts = ScheduleOptions {
        start: None,
        deadline: Some(d("2021-07-13")),
    };
    let s = schedule(&m, &opts).unwrap();
    assert!(!s.feasible);
    let c = s.goals.iter().find(|g| g.id == "c").unwrap();
    assert_eq!(c.slack_days, -2);
    let miss: Vec<_> = s
        .conflicts
        .iter()
        .filter(|f| f.code == Rule::MissesDeadline)
        .collect();
    assert_eq!(miss.len(), 1);
    assert_eq!(miss[0].ids, ["c"]);
    assert!(
        miss[0]
            .message
            .contains("2 days after the project deadline"),
        "{}",
        miss[0].message
    );
}

#[test]
fn stated_dates_are_constraints() {
    let mut v = abc();
    // b may not start before July 9: it then finishes July 11 and pushes c to July 12.
    v["goals"][1]["start"] = json!({"value": "2021-07-09"});
    let s = schedule(&model(v.clone()), &ScheduleOptions::default()).unwrap();
    let c = s.goals.iter().find(|g| g.id == "c").unwrap();
    assert_eq!(c.early_start, d("2021-07-12"));
    assert_eq!(c.driven_by, ["b"]);
    assert_eq!(s.critical_path, ["b", "c"]);
    // c must end by July 14 but cannot: a missed deadline, negative slack.
    v["goals"][2]["end"] = json!({"value": "2021-07-14"});
    let s = schedule(&model(v.clone()), &ScheduleOptions::default()).unwrap();
    assert!(!s.feasible);
    assert!(s
        .conflicts
        .iter()
        .any(|f| f.code == Rule::MissesDeadline && f.message.contains("its stated end")));
    // A stated start before a prerequisite ends is pushed later, with a warning.
    let mut v = abc();
    v["goals"][2]["start"] = json!({"value": "2021-07-05"});
    let s = schedule(&model(v), &ScheduleOptions::default()).unwrap();
    assert!(s.feasible);
    let pushed: Vec<_> = s
        .conflicts
        .iter()
        .filter(|f| f.code == Rule::StartPushed)
        .collect();
    assert_eq!(pushed[0].ids, ["c"]);
    assert!(pushed[0].message.contains("2021-07-11"));
}

#[test]
fn phase_window_conformance() {
    let mut v = abc();
    v["phases"][0]["end"] = json!({"value": "2021-07-12"}); // c would run to July 15
    let s = schedule(&model(v), &ScheduleOptions::default()).unwrap();
    let c = s.goals.iter().find(|g| g.id == "c").unwrap();
    assert_eq!(c.within_phase, Some(false));
    assert!(!s.phases[0].conforms);
    assert!(!s.feasible);
    assert!(s
        .conflicts
        .iter()
        .any(|f| f.code == Rule::MissesDeadline && f.message.contains("the end of its phase p1")));
    // A later phase start holds goals back.
    let mut v = abc();
    v["phases"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "p2", "name": {"en": "Two"}, "start": {"value": "2021-08-01"}}));
    v["goals"][1]["phase"] = json!("p2");
    let s = schedule(&model(v), &ScheduleOptions::default()).unwrap();
    let b = s.goals.iter().find(|g| g.id == "b").unwrap();
    assert_eq!(b.early_start, d("2021-08-01"));
    assert_eq!(b.constrained_by, Some(StartConstraint::PhaseStart));
}

#[test]
fn milestones_take_no_days() {
    let mut v = abc();
    v["goals"][1]["durationDays"] = json!({"value": 0}); // b is a milestone on July 1
    v["goals"][0]["dependsOn"] = json!([{"goal": "b"}]);
    let s = schedule(&model(v), &ScheduleOptions::default()).unwrap();
    let g = |id: &str| s.goals.iter().find(|g| g.id == id).unwrap().clone();
    assert_eq!(
        (g("b").early_start, g("b").early_finish),
        (d("2021-07-01"), d("2021-07-01"))
    );
    assert_eq!(g("a").early_start, d("2021-07-01")); // starts the day the milestone is met
}

#[test]
fn unschedulable_models_throw_with_a_code() {
    let mut v = abc();
    v["goals"][0]["dependsOn"] = json!([{"goal": "c"}]);
    let e = schedule(&model(v), &ScheduleOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::DependencyCycle);
    assert!(e.message.contains("a → c → a"), "{}", e.message);
    let mut v = abc();
    v["goals"][2]["dependsOn"][0]["goal"] = json!("zz");
    assert_eq!(
        schedule(&model(v), &ScheduleOptions::default())
            .unwrap_err()
            .code,
        Code::UnknownId
    );
    let mut v = abc();
    v["goals"][0]["durationDays"] = Value::Null;
    assert_eq!(
        schedule(&model(v), &ScheduleOptions::default())
            .unwrap_err()
            .code,
        Code::MissingDuration
    );
    let mut v = abc();
    v["phases"][0]["start"] = Value::Null;
    assert_eq!(
        schedule(&model(v.clone()), &ScheduleOptions::default())
            .unwrap_err()
            .code,
        Code::MissingDate
    );
    let opts = ScheduleOptions {
        start: Some(d("2021-09-01")),
        deadline: None,
    };
    assert!(schedule(&model(v), &opts).is_ok());
    let mut v = abc();
    v["goals"][1]["id"] = json!("a");
    assert_eq!(
        schedule(&model(v), &ScheduleOptions::default())
            .unwrap_err()
            .code,
        Code::DuplicateId
    );
    let mut v = abc();
    v["goals"][0]["durationDays"] = json!({"value": 4_000_000});
    assert_eq!(
        schedule(&model(v), &ScheduleOptions::default())
            .unwrap_err()
            .code,
        Code::InvalidDate
    );
}

#[test]
fn a_model_without_goals_has_an_empty_schedule() {
    let m = waterline::toc::example_alianza_model().unwrap();
    let s = schedule(&m, &ScheduleOptions::default()).unwrap();
    assert!(s.feasible && s.goals.is_empty() && s.project_start.is_none());
}

#[test]
fn what_if_within_free_float_moves_only_the_goal() {
    let m = model(abc());
    let w = what_if(&m, &whatif("b", 7)).unwrap();
    assert_eq!(w.moved.len(), 1);
    assert_eq!(w.moved[0].id, "b");
    assert_eq!(
        (w.moved[0].old_start, w.moved[0].new_start),
        (d("2021-07-01"), d("2021-07-08"))
    );
    assert_eq!(w.project_shift_days, 0);
    // One day more and c moves too.
    let w = what_if(&m, &whatif("b", 8)).unwrap();
    let ids: Vec<&str> = w.moved.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["b", "c"]);
    assert_eq!(w.moved[1].shift_days, 1);
    assert_eq!(w.project_shift_days, 1);
    assert_eq!(w.project_finish_after, Some(d("2021-07-16")));
}

#[test]
fn what_if_on_pass_through_the_phase_gap() {
    let m = example_pass_model().unwrap();
    // The manager slips 10 days: assessment and partner selection follow, the plan ends
    // July 3 (after phase 1's June 30) — infeasible; phase 2 starts July 1 regardless, so
    // recruitment and the communication strategy wait for the plan.
    let w = what_if(&m, &whatif("g1", 10)).unwrap();
    let ids: Vec<&str> = w.moved.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["g1", "g2", "g3", "g4", "g5", "g7"]);
    assert!(w.feasible_before && !w.feasible_after);
    assert_eq!(w.project_shift_days, 0);
    let g4 = w.moved.iter().find(|m| m.id == "g4").unwrap();
    assert_eq!(g4.new_finish, d("2021-07-03"));
    assert!(w
        .schedule
        .conflicts
        .iter()
        .any(|f| f.code == Rule::MissesDeadline && f.ids == ["g1"]));
}

#[test]
fn what_if_rejects_unknown_goals_and_bad_delays() {
    let m = model(abc());
    assert_eq!(
        what_if(&m, &whatif("zz", 1)).unwrap_err().code,
        Code::UnknownId
    );
    assert_eq!(
        what_if(&m, &whatif("a", -1)).unwrap_err().code,
        Code::ParameterOutOfRange
    );
    assert_eq!(
        what_if(&m, &whatif("a", 100_000)).unwrap_err().code,
        Code::ParameterOutOfRange
    );
    assert!(what_if(&m, &whatif("a", 0)).unwrap().moved.is_empty());
}

/// Issue 17, mend 1: the "critical path" header and the table's critical marks come from one
/// source — the union of `critical_chains` is exactly the set of goals marked critical.
#[test]
fn pass_critical_chains_cover_every_critical_goal() {
    let s = schedule(&example_pass_model().unwrap(), &ScheduleOptions::default()).unwrap();
    assert_eq!(s.critical_chains[0].goals, s.critical_path);
    assert_eq!(s.critical_chains[0].bound, ChainBound::ProjectFinish);
    let mut in_chains: Vec<&str> = s
        .critical_chains
        .iter()
        .flat_map(|c| c.goals.iter().map(String::as_str))
        .collect();
    in_chains.sort_unstable();
    let mut marked: Vec<&str> = s
        .goals
        .iter()
        .filter(|g| g.critical)
        .map(|g| g.id.as_str())
        .collect();
    marked.sort_unstable();
    assert_eq!(in_chains, marked);
    // g1's fixed spring-2021 window (stated start and end) leaves it no slack.
    let g1 = s
        .critical_chains
        .iter()
        .find(|c| c.goals == ["g1"])
        .unwrap();
    assert_eq!(g1.bound, ChainBound::StatedEnd);
    assert_eq!(s.critical_chains.len(), 2);
}

/// Issue 17, mend 2: a goal with start, end and duration says which it keeps.
#[test]
fn a_stated_end_with_a_duration_is_kept_as_a_deadline_and_said_so() {
    let mut v = abc();
    v["goals"][0]["end"] = json!({"value": "2021-07-31"});
    let m = model(v);
    let s = schedule(&m, &ScheduleOptions::default()).unwrap();
    let note = s.goals[0].date_note.clone().unwrap();
    assert_eq!(note.code, DateNoteCode::EndIsDeadline);
    assert_eq!(note.stated_end, d("2021-07-31"));
    assert_eq!(note.duration_days, s.goals[0].duration_days);
    assert!(note.kept.contains(&DateField::Duration) && !note.kept.contains(&DateField::End));
    // The bar still ends where the duration says; the end only gives slack.
    assert!(s.goals[0].early_finish < d("2021-07-31"));
    assert!(s.goals[1].date_note.is_none());
}
