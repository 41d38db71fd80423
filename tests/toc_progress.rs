//! Progress as of a date, with the seed figures: staff beliefs 48% → 72% (target 80%),
//! willful-defiance suspensions 2.8% → 0, and PASS goals part-way through phase 1.
#![cfg(feature = "toc")]

use serde_json::json;
use waterline::note::{NoteCode, Param, Severity};
use waterline::toc::{
    example_alianza_model, example_pass_model, parse_model, progress, Date, Model, ProgressOptions,
    Status, Track,
};

fn at(m: &Model, date: &str) -> waterline::toc::Progress {
    let opts = ProgressOptions {
        as_of: Date::parse(date).unwrap(),
        start: None,
        deadline: None,
    };
    progress(m, &opts)
}

#[test]
fn seed_000_indicators_against_their_targets() {
    let m = example_alianza_model().unwrap();
    let p = at(&m, "2018-06-30");
    let ind = |id: &str| p.indicators.iter().find(|i| i.id == id).unwrap().clone();
    // 48% (2014-15) → 72% (2017-18) with an assumed 80% target for 2020-21:
    // share (72 − 48) / (80 − 48) = 0.75; expected 3 of 6 years = 0.5 → on track.
    let staff = ind("ind_staff_beliefs");
    assert_eq!(staff.latest, Some(72.0));
    assert_eq!(staff.share, Some(0.75));
    assert_eq!(staff.expected_share, Some(0.5));
    assert_eq!(staff.track, Track::OnTrack);
    // Willful defiance 2.8% → target 0 by 2018-19: as of 2018-06-30 the series (issue 17)
    // holds only the 2013-14 value, so the latest is the baseline and no way has been made.
    let defiance = ind("ind_defiance");
    assert_eq!(defiance.latest, Some(2.8));
    assert_eq!(
        defiance.latest_period.map(|p| p.to_string()).as_deref(),
        Some("2013-14")
    );
    assert_eq!(defiance.share, Some(0.0));
    assert_eq!(defiance.n_points, 1);
    let p = at(&m, "2019-06-30");
    let defiance = p
        .indicators
        .iter()
        .find(|i| i.id == "ind_defiance")
        .unwrap();
    // (0 − 2.8) / (0 − 2.8) = 1: a falling target reached.
    assert_eq!(defiance.share, Some(1.0));
    assert!(defiance.achieved);
    assert_eq!(defiance.track, Track::OnTrack);
}

#[test]
fn survey_figures_roll_up_to_outcomes() {
    let m = example_alianza_model().unwrap();
    let p = at(&m, "2020-06-30");
    // Confidence 72% of a 75% target from 0: 0.96; the campaign's six years are 6/7 elapsed.
    let conf = p
        .indicators
        .iter()
        .find(|i| i.id == "ind_confidence")
        .unwrap();
    assert!((conf.share.unwrap() - 0.96).abs() < 1e-12);
    assert_eq!(conf.track, Track::OnTrack);
    // Lunadas 50% of a 60% target: 0.833 against an expected 6 of 7 years (0.857) → behind.
    let lunadas = p.indicators.iter().find(|i| i.id == "ind_lunadas").unwrap();
    assert!((lunadas.share.unwrap() - 50.0 / 60.0).abs() < 1e-12);
    let expected = 2191.0 / 2556.0; // 2014-07-01 → 2020-06-30 of 2014-07-01 → 2021-06-30
    assert!((lunadas.expected_share.unwrap() - expected).abs() < 1e-12);
    assert_eq!(lunadas.track, Track::Behind);
    // The outcome of two indicators takes the mean of clamped shares and the worst track.
    let narratives = p.outcomes.iter().find(|o| o.id == "oc_narratives").unwrap();
    assert_eq!(narratives.n_indicators, 2);
    let respect = 81.0_f64 / 80.0; // above target: clamped to 1
    let staff = (72.0 - 48.0) / (80.0 - 48.0);
    assert!((narratives.share.unwrap() - (respect.min(1.0) + staff) / 2.0).abs() < 1e-12);
    // The program's track is the worst of everything: Lunadas are behind.
    assert_eq!(p.program.track, Track::Behind);
    assert!(p.program.completion.is_none()); // no goals
}

fn pass_with(statuses: &[(&str, &str)]) -> Model {
    let mut v: serde_json::Value = serde_json::from_str(waterline::toc::PASS_JSON).unwrap();
    for goal in v["goals"].as_array_mut().unwrap() {
        if let Some((_, s)) = statuses.iter().find(|(id, _)| goal["id"] == *id) {
            goal["status"] = json!(s);
        }
    }
    parse_model(&v.to_string()).unwrap()
}

#[test]
fn pass_goals_judged_against_the_schedule() {
    // As of 2021-05-01: g1 (Feb 1 – Mar 31) done; g2 (Apr 1 – May 12, late start Apr 22)
    // in progress; g3 (Apr 1 – May 26, late start Apr 8) not started → behind; g4 (from May 27)
    // not due.
    let m = pass_with(&[("g1", "done"), ("g2", "in_progress")]);
    let p = at(&m, "2021-05-01");
    let g = |id: &str| p.goals.iter().find(|g| g.id == id).unwrap().clone();
    assert_eq!(g("g1").track, Track::OnTrack);
    assert_eq!(g("g2").track, Track::OnTrack);
    assert_eq!(g("g3").track, Track::Behind);
    assert_eq!(g("g4").track, Track::NotYetDue);
    // g2 expected completion: 30 of 42 days elapsed.
    assert!((g("g2").expected.unwrap() - 30.0 / 42.0).abs() < 1e-12);
    assert_eq!(g("g2").completion, 0.5);
    let phase1 = &p.phases[0];
    assert_eq!(phase1.goals.done, 1);
    assert_eq!(phase1.goals.in_progress, 1);
    assert_eq!(phase1.track, Track::Behind);
    assert_eq!((phase1.completion.unwrap() * 8.0).round(), 3.0); // (1 + 0.5 + 0 + 0) / 4
    assert_eq!(p.phases[1].track, Track::NotYetDue);
    // Before its late start, a goal with slack that has not started is still on track.
    let p = at(&m, "2021-04-05");
    assert_eq!(
        p.goals.iter().find(|g| g.id == "g3").unwrap().track,
        Track::OnTrack
    );
}

#[test]
fn activities_roll_up_into_their_goal() {
    let v = json!({
        "schemaVersion": 1, "id": "x", "title": {"en": "X"},
        "phases": [{"id": "p1", "name": {"en": "P"}, "start": {"value": "2021-07-01"}}],
        "goals": [{"id": "g8", "title": {"en": "Institute"}, "phase": "p1", "durationDays": {"value": 100}}],
        "activities": [
            {"id": "a1", "title": {"en": "Convene"}, "goal": "g8", "status": "done"},
            {"id": "a2", "title": {"en": "Stipends"}, "goal": "g8", "status": "in_progress"},
            {"id": "a3", "title": {"en": "Site budgets"}, "goal": "g8", "status": "blocked"}
        ]
    });
    let m = parse_model(&v.to_string()).unwrap();
    let p = at(&m, "2021-08-01");
    let g = &p.goals[0];
    assert_eq!(g.status, Status::NotStarted);
    assert_eq!(g.rolled_status, Status::Blocked);
    assert_eq!(
        (
            g.activities.done,
            g.activities.in_progress,
            g.activities.blocked
        ),
        (1, 1, 1)
    );
    assert_eq!(g.completion, 0.5); // (1 + 0.5 + 0) / 3
    assert_eq!(g.track, Track::Behind);
    assert!(p
        .warnings
        .iter()
        .any(|w| w.code == NoteCode::ProgressStatusMismatch
            && w.param("goal") == Some(&Param::from("g8"))));
    assert_eq!(p.activities.len(), 3);
}

#[test]
fn without_a_schedule_goals_have_no_data_and_a_warning() {
    let v = json!({
        "schemaVersion": 1, "id": "x", "title": {"en": "X"},
        "goals": [{"id": "g1", "title": {"en": "No dates"}, "status": "in_progress"},
                  {"id": "g2", "title": {"en": "Done"}, "status": "done"}],
        "outputs": [{"id": "o1", "title": {"en": "Cohort"}}],
        "indicators": [{"id": "k1", "of": "o1", "measure": {"en": "Parents"},
                        "baseline": {"value": 10}, "target": {"value": 10}}]
    });
    let m = parse_model(&v.to_string()).unwrap();
    let p = at(&m, "2021-08-01");
    assert_eq!(p.goals[0].track, Track::NoData);
    assert_eq!(p.goals[1].track, Track::OnTrack);
    let no_schedule = p
        .warnings
        .iter()
        .find(|w| w.code == NoteCode::ProgressNoSchedule)
        .expect("a note that goals have no schedule");
    assert_eq!(no_schedule.severity, Severity::Withheld);
    assert!(matches!(no_schedule.param("error"), Some(Param::Text(c)) if !c.is_empty()));
    assert!(p
        .warnings
        .iter()
        .any(|w| w.code == NoteCode::ProgressTargetIsBaseline
            && w.param("indicator") == Some(&Param::from("k1"))));
    assert_eq!(p.indicators[0].share, None);
}

#[test]
fn pass_indicators_before_and_after_their_baseline() {
    let m = example_pass_model().unwrap();
    // Context figures (enrolment, poverty; issue 17) have no target and are never judged.
    let judged = |id: &str| m.indicators.iter().any(|i| i.id == id && !i.context);
    let p = at(&m, "2021-01-01");
    assert!(p
        .indicators
        .iter()
        .filter(|i| judged(&i.id))
        .all(|i| i.track == Track::NotYetDue));
    assert!(p
        .indicators
        .iter()
        .filter(|i| !judged(&i.id))
        .all(|i| i.track == Track::NoData));
    let p = at(&m, "2022-01-01");
    // Nothing measured yet although progress is expected: no data.
    assert!(p
        .indicators
        .iter()
        .filter(|i| judged(&i.id))
        .all(|i| i.track == Track::NoData));
}
