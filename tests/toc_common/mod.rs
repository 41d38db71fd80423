//! A deterministic synthetic logic model of any size, for layout, performance and wasm tests.
#![allow(dead_code)]

use waterline::toc::*;

fn text(s: String) -> Text {
    Text::en(s)
}

/// A model with `elements` logic-model elements (20% activities, 20% outputs, 10% each of
/// short, intermediate and long-term outcomes, 10% impacts — the remaining 20% inputs),
/// about `links` valid forward links, `goals` goals with about `deps` dependencies, and one
/// indicator with a target on every outcome. Pseudo-random but fixed (a linear
/// congruential sequence), so every run builds the same model.
pub fn synthetic(elements: usize, links: usize, goals: usize, deps: usize) -> Model {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| -> usize {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n.max(1)
    };
    let share = |p: usize| (elements * p / 100).max(1);
    let (n_in, n_act, n_out, n_term, n_imp) =
        (share(20), share(20), share(20), share(10), share(10));
    let mut m = Model {
        schema_version: 1,
        id: "synthetic".into(),
        title: text("Synthetic".into()),
        source: None,
        phases: vec![Phase {
            id: "p1".into(),
            name: text("Phase".into()),
            start: Some(Fact {
                value: Date::parse("2021-07-01").unwrap(),
                provenance: None,
            }),
            end: None,
            provenance: None,
        }],
        goals: Vec::new(),
        components: Vec::new(),
        inputs: (0..n_in)
            .map(|i| Input {
                id: format!("in{i}"),
                title: text(format!("Input {i}")),
                amount: None,
                component: None,
                provenance: None,
            })
            .collect(),
        activities: (0..n_act)
            .map(|i| Activity {
                id: format!("a{i}"),
                title: text(format!("Activity {i} with a longer title to wrap")),
                goal: None,
                component: None,
                status: Status::NotStarted,
                provenance: None,
            })
            .collect(),
        outputs: (0..n_out)
            .map(|i| Element {
                id: format!("o{i}"),
                title: text(format!("Output {i}")),
                component: None,
                provenance: None,
            })
            .collect(),
        outcomes: Vec::new(),
        impacts: (0..n_imp)
            .map(|i| Element {
                id: format!("i{i}"),
                title: text(format!("Impact {i}")),
                component: None,
                provenance: None,
            })
            .collect(),
        links: Vec::new(),
        assumptions: Vec::new(),
        indicators: Vec::new(),
        events: Vec::new(),
    };
    for (t, term) in [Term::Short, Term::Intermediate, Term::Long]
        .into_iter()
        .enumerate()
    {
        for i in 0..n_term {
            m.outcomes.push(Outcome {
                id: format!("c{t}_{i}"),
                title: text(format!("Outcome {t}.{i}")),
                term,
                component: None,
                conditions: vec![ConditionLink {
                    condition: "practices".into(),
                    provenance: None,
                }],
                provenance: None,
            });
            m.indicators.push(Indicator {
                id: format!("k{t}_{i}"),
                of: format!("c{t}_{i}"),
                measure: text("Share".into()),
                unit: Some(waterline::text::Text::en("%")),
                baseline: Some(Measure {
                    value: 10.0,
                    date: None,
                    provenance: None,
                }),
                target: Some(Measure {
                    value: 60.0,
                    date: Date::parse("2023-06-30").ok(),
                    provenance: None,
                }),
                data_source: None,
                survey_item: None,
                source: None,
                actuals: Vec::new(),
                series: Vec::new(),
                derived: None,
                context: false,
                provenance: None,
            });
        }
    }
    // Every element gets one way in and one way out, then random forward links fill up.
    let link = |m: &mut Model, from: String, to: String| {
        m.links.push(Link {
            from,
            to,
            provenance: None,
        })
    };
    for i in 0..n_act {
        link(&mut m, format!("in{}", i % n_in), format!("a{i}"));
        link(&mut m, format!("a{i}"), format!("o{}", i % n_out));
    }
    for i in 0..n_out {
        link(&mut m, format!("o{i}"), format!("c0_{}", i % n_term));
    }
    for i in 0..n_term {
        link(&mut m, format!("c0_{i}"), format!("c1_{i}"));
        link(&mut m, format!("c1_{i}"), format!("c2_{i}"));
        link(&mut m, format!("c2_{i}"), format!("i{}", i % n_imp));
    }
    while m.links.len() < links {
        let (from, to) = match next(6) {
            0 => (format!("in{}", next(n_in)), format!("a{}", next(n_act))),
            1 => (format!("a{}", next(n_act)), format!("o{}", next(n_out))),
            2 => (
                format!("a{}", next(n_act)),
                format!("c{}_{}", next(3), next(n_term)),
            ),
            3 => (
                format!("o{}", next(n_out)),
                format!("c{}_{}", next(3), next(n_term)),
            ),
            4 => {
                let t = next(2);
                (
                    format!("c{t}_{}", next(n_term)),
                    format!("c{}_{}", t + 1 + next(2 - t), next(n_term)),
                )
            }
            _ => (format!("c2_{}", next(n_term)), format!("i{}", next(n_imp))),
        };
        link(&mut m, from, to);
    }
    // Goals: each depends on a few earlier ones.
    let per = deps.checked_div(goals).unwrap_or(0);
    for g in 0..goals {
        let mut depends_on = Vec::new();
        for _ in 0..per.min(g) {
            depends_on.push(Dependency {
                goal: format!("g{}", g - 1 - next(g.min(50))),
                provenance: None,
            });
        }
        m.goals.push(Goal {
            id: format!("g{g}"),
            title: text(format!("Goal {g}")),
            owner: None,
            phase: Some("p1".into()),
            start: None,
            end: None,
            duration_days: Some(Fact {
                value: 1 + next(30) as u32,
                provenance: None,
            }),
            depends_on,
            status: Status::NotStarted,
            provenance: None,
        });
    }
    m
}
