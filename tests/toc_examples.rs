//! The built-in example models (PASS, seed 004; Alianza, seed 000 Figure 3b): they parse,
//! validate clean, round-trip losslessly and carry provenance for everything.
#![cfg(feature = "toc")]

use waterline::toc::{
    example_alianza_model, example_pass_model, parse_model, to_json, validate, Model, Origin,
    Provenance, ALIANZA_JSON, PASS_JSON,
};

#[test]
fn both_examples_validate_without_any_finding() {
    for m in [
        example_pass_model().unwrap(),
        example_alianza_model().unwrap(),
    ] {
        let report = validate(&m);
        assert!(
            report.findings.is_empty(),
            "{}: {:#?}",
            m.id,
            report.findings
        );
        assert!(report.valid);
    }
}

#[test]
fn files_are_in_canonical_form_and_round_trip() {
    // Set WATERLINE_BLESS=1 to rewrite the files in canonical form after editing them.
    for (name, text) in [("pass", PASS_JSON), ("alianza", ALIANZA_JSON)] {
        let m = parse_model(text).unwrap();
        let written = to_json(&m).unwrap();
        let again = parse_model(&written).unwrap();
        assert_eq!(
            again, m,
            "{name}: parse → serialize → parse changed the model"
        );
        assert_eq!(to_json(&again).unwrap(), written);
        if std::env::var("WATERLINE_BLESS").is_ok() {
            let path = format!("{}/src/toc/example/{name}.json", env!("CARGO_MANIFEST_DIR"));
            std::fs::write(path, format!("{written}\n")).unwrap();
        } else {
            assert_eq!(
                text.trim_end(),
                written,
                "{name}.json is not in canonical form"
            );
        }
    }
}

/// Every provenance in a model, with a label saying what it belongs to; `None` where missing.
fn provenances(m: &Model) -> Vec<(String, Option<&Provenance>)> {
    let mut out = Vec::new();
    fn push<'a>(
        out: &mut Vec<(String, Option<&'a Provenance>)>,
        what: String,
        p: &'a Option<Provenance>,
    ) {
        out.push((what, p.as_ref()));
    }
    macro_rules! add {
        ($what:expr, $p:expr) => {
            push(&mut out, $what, $p)
        };
    }
    for p in &m.phases {
        add!(format!("phase {}", p.id), &p.provenance);
        for (w, f) in [("start", &p.start), ("end", &p.end)] {
            if let Some(f) = f {
                add!(format!("phase {} {w}", p.id), &f.provenance);
            }
        }
    }
    for g in &m.goals {
        add!(format!("goal {}", g.id), &g.provenance);
        for (w, f) in [("start", &g.start), ("end", &g.end)] {
            if let Some(f) = f {
                add!(format!("goal {} {w}", g.id), &f.provenance);
            }
        }
        if let Some(d) = &g.duration_days {
            add!(format!("goal {} duration", g.id), &d.provenance);
        }
        for d in &g.depends_on {
            add!(format!("dependency {} → {}", d.goal, g.id), &d.provenance);
        }
    }
    for c in &m.components {
        add!(format!("component {}", c.id), &c.provenance);
    }
    for i in &m.inputs {
        add!(format!("input {}", i.id), &i.provenance);
        if let Some(a) = &i.amount {
            add!(format!("input {} amount", i.id), &a.provenance);
        }
    }
    for a in &m.activities {
        add!(format!("activity {}", a.id), &a.provenance);
    }
    for e in m.outputs.iter().chain(&m.impacts) {
        add!(format!("element {}", e.id), &e.provenance);
    }
    for o in &m.outcomes {
        add!(format!("outcome {}", o.id), &o.provenance);
        for c in &o.conditions {
            add!(
                format!("outcome {} condition {}", o.id, c.condition),
                &c.provenance
            );
        }
    }
    for l in &m.links {
        add!(format!("link {} → {}", l.from, l.to), &l.provenance);
    }
    for a in &m.assumptions {
        add!(format!("assumption {}", a.id), &a.provenance);
    }
    for i in &m.indicators {
        add!(format!("indicator {}", i.id), &i.provenance);
        for (w, v) in [("baseline", &i.baseline), ("target", &i.target)] {
            if let Some(v) = v {
                add!(format!("indicator {} {w}", i.id), &v.provenance);
            }
        }
        for a in &i.actuals {
            add!(
                format!("indicator {} actual {}", i.id, a.date),
                &a.provenance
            );
        }
        for p in &i.series {
            add!(
                format!("indicator {} series {}", i.id, p.period),
                &p.provenance
            );
        }
    }
    for e in &m.events {
        add!(format!("event {}", e.id), &e.provenance);
    }
    out
}

#[test]
fn everything_in_the_examples_is_marked_read_or_assumed() {
    for m in [
        example_pass_model().unwrap(),
        example_alianza_model().unwrap(),
    ] {
        let all = provenances(&m);
        assert!(all.len() > 100, "{}: {}", m.id, all.len());
        for (what, p) in all {
            let p = p.unwrap_or_else(|| panic!("{}: {what} has no provenance", m.id));
            match p.origin {
                Origin::Read => assert!(
                    p.quote
                        .as_deref()
                        .is_some_and(|q| !q.is_empty() && q.len() < 200),
                    "{}: {what} is read but has no short quote",
                    m.id
                ),
                Origin::Assumed => assert!(
                    p.note.as_deref().is_some_and(|n| !n.is_empty()),
                    "{}: {what} is assumed without a note",
                    m.id
                ),
            }
        }
    }
}

#[test]
fn pass_follows_the_concept_paper() {
    let m = example_pass_model().unwrap();
    // Phase 1: goals 1–4; phase 2: goals 5–8.
    let phase_of = |g: &str| {
        m.goals
            .iter()
            .find(|x| x.id == g)
            .and_then(|x| x.phase.clone())
    };
    for g in ["g1", "g2", "g3", "g4"] {
        assert_eq!(phase_of(g).as_deref(), Some("p1"), "{g}");
    }
    for g in ["g5", "g6", "g7", "g8"] {
        assert_eq!(phase_of(g).as_deref(), Some("p2"), "{g}");
    }
    let deps = |g: &str| -> Vec<String> {
        m.goals
            .iter()
            .find(|x| x.id == g)
            .unwrap()
            .depends_on
            .iter()
            .map(|d| d.goal.clone())
            .collect()
    };
    assert_eq!(deps("g2"), ["g1"]); // the manager leads the partner selection
    assert!(deps("g4").contains(&"g3".to_string())); // the assessment informs the plan
    assert!(deps("g6").contains(&"g3".to_string())); // ... and the curriculum
    assert!(deps("g6").contains(&"g2".to_string())); // the partner designs the curriculum
    assert!(deps("g7").contains(&"g2".to_string())); // ... and recruits
    assert_eq!(deps("g8"), ["g6", "g7"]); // curriculum and cohort precede the institute
                                          // The stipend and site budget are in the text; their amounts are not.
    for id in ["in_stipend", "in_site_budget"] {
        let input = m.inputs.iter().find(|i| i.id == id).unwrap();
        assert_eq!(input.provenance.as_ref().unwrap().origin, Origin::Read);
        let amount = input.amount.as_ref().unwrap();
        assert_eq!(amount.provenance.as_ref().unwrap().origin, Origin::Assumed);
    }
    // The manager is selected in spring 2021 (read).
    let g1 = &m.goals[0];
    let end = g1.end.as_ref().unwrap();
    assert_eq!(end.value.to_string(), "2021-03-31");
    assert!(end
        .provenance
        .as_ref()
        .unwrap()
        .quote
        .as_deref()
        .unwrap()
        .contains("Spring 2021"));
}

#[test]
fn alianza_has_three_components_with_who_activities_and_outcomes() {
    let m = example_alianza_model().unwrap();
    assert_eq!(m.components.len(), 3);
    for c in &m.components {
        assert!(c.who.is_some(), "{}", c.id);
        assert!(m
            .activities
            .iter()
            .any(|a| a.component.as_deref() == Some(&c.id)));
        assert!(m
            .outcomes
            .iter()
            .any(|o| o.component.as_deref() == Some(&c.id)));
    }
    assert!(m.goals.is_empty());
    // Leadership development is mapped from Figure 3a as read, not assumed.
    let ld = m
        .outcomes
        .iter()
        .flat_map(|o| &o.conditions)
        .find(|c| c.condition == "leadership-development")
        .unwrap();
    assert_eq!(ld.provenance.as_ref().unwrap().origin, Origin::Read);
}

#[test]
fn outcome_conditions_are_the_proposals_rubric_ids() {
    let rubric = waterline::conditions::default_rubric();
    let ids: Vec<&str> = rubric.conditions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, waterline::toc::CONDITION_IDS.to_vec());
}

#[test]
fn indicators_that_name_a_survey_item_name_one_of_the_survey_example() {
    let survey = waterline::survey::Survey::from_csv(
        waterline::survey::example::PARENTS_CSV,
        &waterline::survey::ReadOptions::default(),
    )
    .unwrap();
    let items: Vec<&str> = survey
        .mapping()
        .instrument
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    let alianza = waterline::toc::example_alianza_model().unwrap();
    let named: Vec<&str> = alianza
        .indicators
        .iter()
        .filter_map(|i| i.survey_item.as_deref())
        .collect();
    assert!(!named.is_empty());
    for id in named {
        assert!(
            items.contains(&id),
            "{id} is not an item of the survey example: {items:?}"
        );
    }
}
