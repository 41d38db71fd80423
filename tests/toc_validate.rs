//! Every validation rule with a model that breaks it and the same model that passes it.
#![cfg(feature = "toc")]

use serde_json::{json, Value};
use waterline::toc::{parse_model, validate, Finding, Rule, Severity, Validation};

/// A small clean model: one phase, two goals, a1 → o1 → s1 → l1 → i1, indicators on s1, l1.
fn base() -> Value {
    json!({
        "schemaVersion": 1, "id": "demo", "title": {"en": "Demo"},
        "phases": [{"id": "p1", "name": {"en": "Phase 1"},
                    "start": {"value": "2021-07-01"}, "end": {"value": "2022-06-30"}}],
        "goals": [
            {"id": "g1", "title": {"en": "Select the manager"}, "phase": "p1", "durationDays": {"value": 30}},
            {"id": "g2", "title": {"en": "Design the curriculum"}, "phase": "p1", "durationDays": {"value": 20},
             "dependsOn": [{"goal": "g1"}]}
        ],
        "activities": [{"id": "a1", "title": {"en": "Train parents"}, "goal": "g2"}],
        "outputs": [{"id": "o1", "title": {"en": "Parents trained"}}],
        "outcomes": [
            {"id": "s1", "title": {"en": "Parent engagement"}, "term": "short",
             "conditions": [{"condition": "relationships"}]},
            {"id": "l1", "title": {"en": "Timely responses"}, "term": "long"}
        ],
        "impacts": [{"id": "i1", "title": {"en": "Equity"}}],
        "links": [{"from": "a1", "to": "o1"}, {"from": "o1", "to": "s1"},
                  {"from": "s1", "to": "l1"}, {"from": "l1", "to": "i1"}],
        "indicators": [
            {"id": "k1", "of": "s1", "measure": {"en": "Parents at meetings"},
             "baseline": {"value": 20, "date": "2021-07-01"}, "target": {"value": 60, "date": "2023-06-30"}},
            {"id": "k2", "of": "l1", "measure": {"en": "Timely responses"},
             "baseline": {"value": 25}, "target": {"value": 50, "date": "2023-06-30"}}
        ]
    })
}

fn run(v: &Value) -> Validation {
    validate(&parse_model(&v.to_string()).unwrap())
}

fn with(rule: Rule, report: &Validation) -> Vec<&Finding> {
    report.findings.iter().filter(|f| f.code == rule).collect()
}

/// Asserts the broken model has exactly one finding of `rule` with these ids, and the base
/// model none.
#[track_caller]
fn check(rule: Rule, broken: &Value, ids: &[&str]) {
    let clean = run(&base());
    assert!(
        clean.findings.is_empty(),
        "base model: {:#?}",
        clean.findings
    );
    let report = run(broken);
    let found = with(rule, &report);
    assert_eq!(found.len(), 1, "{rule:?}: {:#?}", report.findings);
    assert_eq!(found[0].ids, ids, "{}", found[0].message);
    assert_eq!(found[0].severity, rule.severity());
    assert_eq!(report.valid, report.errors == 0);
}

#[test]
fn empty_id() {
    let mut m = base();
    m["activities"][0]["id"] = json!(" ");
    check(Rule::EmptyId, &m, &[" "]);
}

#[test]
fn duplicate_id_across_kinds() {
    let mut m = base();
    m["outputs"][0]["id"] = json!("g1");
    check(Rule::DuplicateId, &m, &["g1"]);
    let report = run(&m);
    assert!(with(Rule::DuplicateId, &report)[0]
        .message
        .contains("used by a goal and again by an output"));
}

#[test]
fn unknown_references_of_every_kind() {
    let mut m = base();
    m["goals"][1]["dependsOn"][0]["goal"] = json!("g9");
    check(Rule::UnknownReference, &m, &["g2", "g9"]);
    let mut m = base();
    m["goals"][0]["phase"] = json!("p9");
    check(Rule::UnknownReference, &m, &["g1", "p9"]);
    let mut m = base();
    m["activities"][0]["goal"] = json!("g9");
    check(Rule::UnknownReference, &m, &["a1", "g9"]);
    let mut m = base();
    m["links"][0]["to"] = json!("zz");
    check(Rule::UnknownReference, &m, &["a1", "zz"]);
    let mut m = base();
    m["indicators"][0]["of"] = json!("zz");
    check(Rule::UnknownReference, &m, &["k1", "zz"]);
    let mut m = base();
    m["assumptions"] = json!([{"id": "as1", "kind": "assumption", "text": {"en": "Funders approve"}, "about": ["zz"]}]);
    check(Rule::UnknownReference, &m, &["as1", "zz"]);
    let mut m = base();
    m["outputs"][0]["component"] = json!("c9");
    check(Rule::UnknownReference, &m, &["o1", "c9"]);
}

#[test]
fn references_to_the_wrong_kind() {
    let mut m = base();
    m["indicators"][0]["of"] = json!("a1"); // indicators belong to outputs and outcomes
    check(Rule::WrongReferenceKind, &m, &["k1", "a1"]);
    let mut m = base();
    m["goals"][1]["dependsOn"][0]["goal"] = json!("p1");
    check(Rule::WrongReferenceKind, &m, &["g2", "p1"]);
    let mut m = base();
    m["links"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "g1", "to": "o1"}));
    check(Rule::WrongReferenceKind, &m, &["g1", "o1"]);
}

#[test]
fn links_against_the_logic_model() {
    let mut m = base();
    m["links"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "o1", "to": "a1"}));
    check(Rule::InvalidLink, &m, &["o1", "a1"]);
    let mut m = base();
    m["links"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "l1", "to": "s1"})); // long → short
    check(Rule::InvalidLink, &m, &["l1", "s1"]);
    assert!(with(Rule::InvalidLink, &run(&m))[0]
        .message
        .contains("earlier term"));
}

#[test]
fn duplicate_link() {
    let mut m = base();
    m["links"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "s1", "to": "l1"}));
    check(Rule::DuplicateLink, &m, &["s1", "l1"]);
}

#[test]
fn dependency_cycle_is_named() {
    let mut m = base();
    m["goals"][0]["dependsOn"] = json!([{"goal": "g2"}]);
    check(Rule::DependencyCycle, &m, &["g1", "g2"]);
    let report = run(&m);
    assert!(with(Rule::DependencyCycle, &report)[0]
        .message
        .contains("g1 → g2 → g1"));
    // A goal that depends on itself.
    let mut m = base();
    m["goals"][0]["dependsOn"] = json!([{"goal": "g1"}]);
    check(Rule::DependencyCycle, &m, &["g1"]);
}

#[test]
fn link_cycle_among_outcomes_of_one_term() {
    let mut m = base();
    m["outcomes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "s2", "title": {"en": "Concerns heard"}, "term": "short"}));
    m["indicators"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "k3", "of": "s2", "measure": {"en": "x"}, "target": {"value": 1}}));
    m["links"].as_array_mut().unwrap().extend([
        json!({"from": "s1", "to": "s2"}),
        json!({"from": "s2", "to": "s1"}),
    ]);
    check(Rule::LinkCycle, &m, &["s1", "s2"]);
    assert!(with(Rule::LinkCycle, &run(&m))[0]
        .message
        .contains("s1 → s2 → s1"));
}

#[test]
fn missing_duration() {
    let mut m = base();
    m["goals"][0]["durationDays"] = Value::Null;
    m["goals"][0]["start"] = json!({"value": "2021-07-01"});
    check(Rule::MissingDuration, &m, &["g1"]);
    // Start and end together give the length.
    m["goals"][0]["end"] = json!({"value": "2021-07-30"});
    assert!(with(Rule::MissingDuration, &run(&m)).is_empty());
}

#[test]
fn invalid_windows() {
    let mut m = base();
    m["phases"][0]["end"] = json!({"value": "2021-06-30"});
    check(Rule::InvalidWindow, &m, &["p1"]);
    let mut m = base();
    m["goals"][0]["start"] = json!({"value": "2021-08-01"});
    m["goals"][0]["end"] = json!({"value": "2021-07-30"});
    m["goals"][0]["durationDays"] = Value::Null;
    let report = run(&m);
    assert_eq!(with(Rule::InvalidWindow, &report)[0].ids, ["g1"]);
    let mut m = base();
    m["indicators"][0]["target"]["date"] = json!("2021-01-01");
    check(Rule::InvalidWindow, &m, &["k1"]);
}

#[test]
fn duration_mismatch() {
    let mut m = base();
    m["goals"][0]["start"] = json!({"value": "2021-07-01"});
    m["goals"][0]["end"] = json!({"value": "2021-07-20"}); // 20 days, but durationDays says 30
    check(Rule::DurationMismatch, &m, &["g1"]);
    m["goals"][0]["end"] = json!({"value": "2021-07-30"}); // July 1–30: 30 days
    assert!(with(Rule::DurationMismatch, &run(&m)).is_empty());
}

#[test]
fn starts_before_prerequisite() {
    let mut m = base();
    m["goals"][0]["start"] = json!({"value": "2021-07-01"}); // g1 runs July 1–30
    m["goals"][1]["start"] = json!({"value": "2021-07-15"});
    check(Rule::StartsBeforePrerequisite, &m, &["g2", "g1"]);
    m["goals"][1]["start"] = json!({"value": "2021-07-31"}); // the day after g1 ends
    assert!(with(Rule::StartsBeforePrerequisite, &run(&m)).is_empty());
}

#[test]
fn outside_phase_window() {
    let mut m = base();
    m["goals"][0]["start"] = json!({"value": "2021-06-01"});
    check(Rule::OutsidePhaseWindow, &m, &["g1", "p1"]);
    let mut m = base();
    m["goals"][0]["start"] = json!({"value": "2022-06-20"}); // 30 days run past June 30
    check(Rule::OutsidePhaseWindow, &m, &["g1", "p1"]);
}

#[test]
fn outcome_no_activity_leads_to() {
    let mut m = base();
    m["links"][1] = json!({"from": "o1", "to": "l1"}); // s1 loses its only way in
    m["links"][2] = json!({"from": "l1", "to": "i1"});
    check(Rule::OutcomeUnreached, &m, &["s1"]);
}

#[test]
fn activity_that_leads_nowhere() {
    let mut m = base();
    m["activities"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "a2", "title": {"en": "Zumbas"}}));
    check(Rule::ActivityLeadsNowhere, &m, &["a2"]);
    assert!(with(Rule::ActivityLeadsNowhere, &run(&m))[0]
        .message
        .contains("has no links"));
    // Linked to an output that leads nowhere: still no outcome.
    m["outputs"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "o2", "title": {"en": "Events held"}}));
    m["links"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "a2", "to": "o2"}));
    check(Rule::ActivityLeadsNowhere, &m, &["a2"]);
    assert!(with(Rule::ActivityLeadsNowhere, &run(&m))[0]
        .message
        .contains("no path to any outcome"));
}

#[test]
fn outcome_without_indicator() {
    let mut m = base();
    m["indicators"].as_array_mut().unwrap().remove(1);
    check(Rule::OutcomeWithoutIndicator, &m, &["l1"]);
}

#[test]
fn indicator_without_target() {
    let mut m = base();
    m["indicators"][0]["target"] = Value::Null;
    check(Rule::IndicatorWithoutTarget, &m, &["k1", "s1"]);
}

#[test]
fn unknown_condition() {
    let mut m = base();
    m["outcomes"][0]["conditions"][0]["condition"] = json!("power");
    check(Rule::UnknownCondition, &m, &["s1", "power"]);
}

#[test]
fn a_badly_broken_model_still_validates_without_throwing() {
    let m = json!({
        "schemaVersion": 1, "id": "", "title": {"en": ""},
        "goals": [{"id": "g1", "title": {"en": "x"}, "dependsOn": [{"goal": "g1"}, {"goal": "nope"}], "phase": "g1"},
                  {"id": "g1", "title": {"en": "again"}}],
        "activities": [{"id": "a1", "title": {"en": "x"}, "goal": "a1"}],
        "outcomes": [{"id": "a1", "title": {"en": "dup"}, "term": "long"}],
        "links": [{"from": "a1", "to": "a1"}, {"from": "?", "to": "!"}],
        "indicators": [{"id": "k", "of": "g1", "measure": {"en": "x"}}]
    });
    let report = run(&m);
    assert!(!report.valid);
    assert!(report.errors >= 6, "{:#?}", report.findings);
    // Errors come first.
    let first_warning = report
        .findings
        .iter()
        .position(|f| f.severity == Severity::Warning);
    if let Some(w) = first_warning {
        assert!(report.findings[w..]
            .iter()
            .all(|f| f.severity == Severity::Warning));
    }
}

#[test]
fn rule_codes_are_stable_snake_case() {
    let f = Finding::new(Rule::StartsBeforePrerequisite, "m".into(), &["g7"]);
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json["code"], "starts_before_prerequisite");
    assert_eq!(json["severity"], "error");
    assert_eq!(json["ids"], json!(["g7"]));
}
