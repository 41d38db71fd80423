use super::*;
use crate::toc::{example_alianza_model, example_pass_model, parse_model, validate};

/// A small model with one of every reference: phase ← goal ← activity, components, links,
/// an assumption, indicators (one derived) and an event.
fn small() -> Model {
    parse_model(
        r#"{"schemaVersion":1,"id":"m","title":{"en":"M","es":null},
        "phases":[{"id":"p1","name":{"en":"P","es":null}}],
        "goals":[{"id":"g1","title":{"en":"G1","es":null},"phase":"p1","durationDays":{"value":5}},
                 {"id":"g2","title":{"en":"G2","es":null},"phase":"p1","durationDays":{"value":5},
                  "dependsOn":[{"goal":"g1"}]}],
        "components":[{"id":"c1","title":{"en":"C","es":null}}],
        "activities":[{"id":"a1","title":{"en":"A","es":null},"goal":"g1","component":"c1"}],
        "outputs":[{"id":"o1","title":{"en":"O","es":null},"component":"c1"}],
        "outcomes":[{"id":"oc1","title":{"en":"OC","es":null},"term":"short"}],
        "links":[{"from":"a1","to":"o1"},{"from":"o1","to":"oc1"}],
        "assumptions":[{"id":"as1","kind":"assumption","text":{"en":"S","es":null},"about":["o1","a1"]}],
        "indicators":[{"id":"i1","of":"o1","measure":{"en":"I1","es":null}},
                      {"id":"i2","of":"oc1","measure":{"en":"I2","es":null}},
                      {"id":"i3","of":"oc1","measure":{"en":"I3","es":null},
                       "derived":{"op":"ratio","a":"i1","b":"i2"}}],
        "events":[{"id":"e1","title":{"en":"E","es":null},"kind":"activity","component":"c1","about":["o1"]}]}"#,
    )
    .expect("the test model parses")
}

fn op(json: &str) -> Edit {
    serde_json::from_str(json).expect("the edit parses")
}

#[test]
fn add_gives_defaults_and_a_fresh_id() {
    let r = edit(small(), &op(r#"{"op":"add","kind":"goal"}"#)).unwrap();
    assert_eq!(r.id, "g3");
    let g = r.model.goals.last().unwrap();
    assert_eq!(g.id, "g3");
    assert_eq!(g.phase.as_deref(), Some("p1"));
    assert_eq!(g.duration_days.as_ref().map(|f| f.value), Some(30));
    assert_eq!(g.status, Status::NotStarted);
    assert_eq!(g.title.en, "New goal");
    assert_eq!(g.title.es, "");
    assert!(r.effects.is_empty());
}

#[test]
fn add_indicator_measures_near_or_first_outcome() {
    let near = r#"{"op":"add","kind":"indicator","near":"o1","title":{"en":"X","es":"Y"}}"#;
    let r = edit(small(), &op(near)).unwrap();
    assert_eq!(r.id, "ind_1");
    let i = r.model.indicators.last().unwrap();
    assert_eq!((i.of.as_str(), i.measure.en.as_str()), ("o1", "X"));
    let r = edit(small(), &op(r#"{"op":"add","kind":"indicator"}"#)).unwrap();
    assert_eq!(r.model.indicators.last().unwrap().of, "oc1");
    let r = edit(
        small(),
        &op(r#"{"op":"add","kind":"assumption","near":"a1"}"#),
    )
    .unwrap();
    assert_eq!(r.model.assumptions.last().unwrap().about, ["a1"]);
}

#[test]
fn fresh_id_skips_ids_of_any_kind() {
    let mut m = small();
    m.outputs[0].id = "g3".into(); // "g3" taken by an output: the new goal is g4
    assert_eq!(fresh_id(&m, Kind::Goal), "g4");
}

#[test]
fn remove_cascades_to_links_indicators_and_references() {
    let r = edit(small(), &op(r#"{"op":"remove","kind":"output","index":0}"#)).unwrap();
    let m = &r.model;
    assert_eq!(r.id, "o1");
    assert!(m.outputs.is_empty());
    assert_eq!(m.links.len(), 0);
    assert_eq!(m.assumptions[0].about, ["a1"]);
    assert!(m.events[0].about.is_empty());
    let ids: Vec<&str> = m.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["i2", "i3"]);
    assert!(m.indicators[1].derived.is_none(), "i3 was derived from i1");
    assert!(r.effects.contains(&Effect::LinkRemoved {
        from: "a1".into(),
        to: "o1".into()
    }));
    assert!(r.effects.contains(&Effect::Removed {
        kind: Kind::Indicator,
        id: "i1".into()
    }));
    assert!(r.effects.contains(&Effect::Cleared {
        id: "i3".into(),
        field: "derived"
    }));
}

#[test]
fn remove_clears_phase_goal_component_and_dependencies() {
    let r = edit(small(), &op(r#"{"op":"remove","kind":"goal","index":0}"#)).unwrap();
    assert!(r.model.goals[0].depends_on.is_empty());
    assert_eq!(r.model.activities[0].goal, None);
    let r = edit(small(), &op(r#"{"op":"remove","kind":"phase","index":0}"#)).unwrap();
    assert!(r.model.goals.iter().all(|g| g.phase.is_none()));
    let r = edit(
        small(),
        &op(r#"{"op":"remove","kind":"component","index":0}"#),
    )
    .unwrap();
    assert_eq!(r.model.activities[0].component, None);
    assert_eq!(r.model.outputs[0].component, None);
    assert_eq!(r.model.events[0].component, None);
    assert_eq!(r.effects.len(), 3);
}

#[test]
fn remove_of_a_duplicated_id_keeps_references() {
    let mut m = small();
    m.impacts.push(Element {
        id: "o1".into(),
        title: Text::en("dup"),
        component: None,
        provenance: None,
    });
    let r = edit(m, &op(r#"{"op":"remove","kind":"output","index":0}"#)).unwrap();
    assert_eq!(r.model.links.len(), 2);
    assert_eq!(r.model.indicators.len(), 3);
    assert!(r.effects.is_empty());
}

#[test]
fn remove_past_the_end_is_unknown_id() {
    let e = edit(small(), &op(r#"{"op":"remove","kind":"impact","index":0}"#)).unwrap_err();
    assert_eq!(e.code, Code::UnknownId);
}

#[test]
fn rename_follows_every_reference() {
    let r = edit(
        small(),
        &op(r#"{"op":"rename","kind":"output","index":0,"to":" out "}"#),
    )
    .unwrap();
    let m = &r.model;
    assert_eq!(r.id, "out");
    assert_eq!(m.outputs[0].id, "out");
    assert_eq!(
        (m.links[0].to.as_str(), m.links[1].from.as_str()),
        ("out", "out")
    );
    assert_eq!(m.assumptions[0].about, ["out", "a1"]);
    assert_eq!(m.events[0].about, ["out"]);
    assert_eq!(m.indicators[0].of, "out");
    let r = edit(
        small(),
        &op(r#"{"op":"rename","kind":"indicator","index":0,"to":"k"}"#),
    )
    .unwrap();
    assert_eq!(r.model.indicators[2].derived.as_ref().unwrap().a, "k");
    let r = edit(
        small(),
        &op(r#"{"op":"rename","kind":"goal","index":0,"to":"G"}"#),
    )
    .unwrap();
    assert_eq!(r.model.goals[1].depends_on[0].goal, "G");
    assert_eq!(r.model.activities[0].goal.as_deref(), Some("G"));
}

#[test]
fn rename_rejects_empty_and_taken_ids() {
    let e = edit(
        small(),
        &op(r#"{"op":"rename","kind":"goal","index":0,"to":"  "}"#),
    )
    .unwrap_err();
    assert_eq!(e.code, Code::BadInput);
    let e = edit(
        small(),
        &op(r#"{"op":"rename","kind":"goal","index":0,"to":"g2"}"#),
    )
    .unwrap_err();
    assert_eq!(e.code, Code::DuplicateId);
    let same = edit(
        small(),
        &op(r#"{"op":"rename","kind":"goal","index":0,"to":"g1"}"#),
    );
    assert_eq!(same.unwrap().model, small());
}

#[test]
fn unknown_op_fields_are_rejected() {
    let bad: Result<Edit, _> = serde_json::from_str(r#"{"op":"remove","kind":"goal","idx":0}"#);
    assert!(bad.is_err());
}

/// Removing any element of the built-in models leaves no dangling reference: validation
/// finds no `unknown_reference` afterwards.
#[test]
fn removing_anything_from_the_examples_leaves_no_dangling_reference() {
    for model in [
        example_pass_model().unwrap(),
        example_alianza_model().unwrap(),
    ] {
        for kind in [
            Kind::Phase,
            Kind::Goal,
            Kind::Component,
            Kind::Activity,
            Kind::Output,
            Kind::Outcome,
        ] {
            let r = edit(model.clone(), &Edit::Remove { kind, index: 0 });
            let Ok(r) = r else { continue };
            let v = validate(&r.model);
            let dangling: Vec<_> = v
                .findings
                .iter()
                .filter(|f| f.code == crate::toc::Rule::UnknownReference)
                .collect();
            assert!(dangling.is_empty(), "{kind:?}: {dangling:?}");
        }
    }
}

/// The conditions an outcome may name come from the rubric in use (`validate_for`).
#[test]
fn validation_takes_the_rubric_conditions() {
    let mut m = small();
    m.outcomes[0].conditions.push(crate::toc::ConditionLink {
        condition: "custom-condition".into(),
        provenance: None,
    });
    let unknown = |v: crate::toc::Validation| {
        v.findings
            .iter()
            .filter(|f| f.code == crate::toc::Rule::UnknownCondition)
            .count()
    };
    assert_eq!(unknown(validate(&m)), 1);
    assert_eq!(
        unknown(crate::toc::validate_for(&m, &["custom-condition"])),
        0
    );
    assert_eq!(unknown(crate::toc::validate_for(&m, &["policies"])), 1);
}
