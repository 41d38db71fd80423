//! Property tests for the theory-of-change engine (native only).
#![cfg(feature = "toc")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waterline::toc::*;

fn text(s: &str) -> Text {
    Text::en(s)
}

fn date(n: i64) -> Date {
    Date::from_day_number(18_809 + n).unwrap() // 2021-07-01 + n
}

/// A model of `n` goals with dependencies `deps` (pairs i < j after `perm`, so acyclic),
/// durations, optional stated starts and ends, and one phase that opens 2021-07-01.
#[allow(clippy::type_complexity)]
fn goals_model(
    n: usize,
    deps: &[(usize, usize)],
    durs: &[u32],
    starts: &[Option<i64>],
    ends: &[Option<i64>],
    perm: &[usize],
) -> Model {
    let mut m = parse_model(r#"{"schemaVersion": 1, "id": "p", "title": {"en": "P"}}"#).unwrap();
    m.phases.push(Phase {
        id: "p1".into(),
        name: text("P1"),
        start: Some(Fact {
            value: date(0),
            provenance: None,
        }),
        end: None,
        provenance: None,
    });
    for i in 0..n {
        let g = perm[i];
        m.goals.push(Goal {
            id: format!("g{g}"),
            title: text("goal"),
            owner: None,
            phase: Some("p1".into()),
            start: starts[i].map(|s| Fact {
                value: date(s),
                provenance: None,
            }),
            end: ends[i].map(|e| Fact {
                value: date(e),
                provenance: None,
            }),
            duration_days: Some(Fact {
                value: durs[i],
                provenance: None,
            }),
            depends_on: Vec::new(),
            status: Status::NotStarted,
            provenance: None,
        });
    }
    for &(a, b) in deps {
        let (a, b) = (a % n, b % n);
        if a < b {
            // goal at topological rank b depends on the one at rank a
            let pre = format!("g{}", perm[a]);
            m.goals[b].depends_on.push(Dependency {
                goal: pre,
                provenance: None,
            });
        }
    }
    m
}

prop_compose! {
    fn dag(max: usize, with_dates: bool)(n in 1..max)(
        n in Just(n),
        deps in prop::collection::vec((0..n, 0..n), 0..n * 3),
        durs in prop::collection::vec(0u32..60, n),
        starts in prop::collection::vec(prop::option::weighted(0.2, 0i64..400), n),
        ends in prop::collection::vec(prop::option::weighted(0.2, 0i64..900), n),
        perm in Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
    ) -> Model {
        let none = vec![None; n];
        let (starts, ends) = if with_dates { (&starts, &ends) } else { (&none, &none) };
        goals_model(n, &deps, &durs, starts, ends, &perm)
    }
}

fn by_id(s: &Schedule) -> std::collections::HashMap<&str, &GoalSchedule> {
    s.goals.iter().map(|g| (g.id.as_str(), g)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn without_deadlines_slack_is_never_negative(m in dag(40, false)) {
        let s = schedule(&m, &ScheduleOptions::default()).unwrap();
        prop_assert!(s.feasible);
        prop_assert!(s.goals.iter().all(|g| g.slack_days >= 0));
        prop_assert!(s.goals.iter().any(|g| g.slack_days == 0));
        let ix = by_id(&s);
        for goal in &m.goals {
            let g = ix[goal.id.as_str()];
            for d in &goal.depends_on {
                let p = ix[d.goal.as_str()];
                let p_finish = p.early_start.day_number() + p.duration_days;
                let p_late_finish = p.late_start.day_number() + p.duration_days;
                prop_assert!(g.early_start.day_number() >= p_finish);
                prop_assert!(p_late_finish <= g.late_start.day_number());
            }
        }
        // The critical path is a chain: each goal starts when the previous one finishes.
        for w in s.critical_path.windows(2) {
            let (a, b) = (ix[w[0].as_str()], ix[w[1].as_str()]);
            prop_assert_eq!(a.early_start.day_number() + a.duration_days, b.early_start.day_number());
            prop_assert!(a.critical && b.critical);
        }
    }

    #[test]
    fn feasible_exactly_when_every_deadline_is_met(m in dag(30, true), deadline in prop::option::of(0i64..900)) {
        let opts = ScheduleOptions { start: None, deadline: deadline.map(date) };
        let Ok(s) = schedule(&m, &opts) else {
            // Only a stated end before a stated start makes these models unschedulable.
            prop_assert!(m.goals.iter().any(|g| matches!((&g.start, &g.end), (Some(a), Some(b)) if b.value < a.value)));
            return Ok(());
        };
        let ix = by_id(&s);
        let mut all_met = true;
        for goal in &m.goals {
            let g = ix[goal.id.as_str()];
            let finish = g.early_start.day_number() + g.duration_days;
            let d = g.duration_days;
            let mut due: Vec<i64> = Vec::new();
            if let Some(e) = &goal.end {
                due.push(e.value.day_number() + if d == 0 { 0 } else { 1 });
            }
            if let Some(dl) = deadline {
                due.push(date(dl).day_number() + 1);
            }
            all_met &= due.iter().all(|&x| finish <= x);
            if let Some(st) = &goal.start {
                prop_assert!(g.early_start >= st.value);
            }
        }
        prop_assert_eq!(s.feasible, all_met);
        if s.feasible {
            prop_assert!(s.goals.iter().all(|g| g.slack_days >= 0));
        }
    }

    #[test]
    fn what_if_only_delays(m in dag(30, false), pick in 0usize..30, delay in 0i64..90) {
        let goal = m.goals[pick % m.goals.len()].id.clone();
        let before = schedule(&m, &ScheduleOptions::default()).unwrap();
        let slack = by_id(&before)[goal.as_str()].slack_days;
        let w = what_if(&m, &WhatIfOptions { goal_id: goal.clone(), delay_days: delay, start: None, deadline: None }).unwrap();
        prop_assert!(w.moved.iter().all(|mv| mv.shift_days >= 0 && mv.new_start >= mv.old_start));
        prop_assert!(w.project_shift_days <= delay);
        prop_assert_eq!(w.project_shift_days, (delay - slack).max(0));
        if delay > 0 {
            prop_assert_eq!(&w.moved[0].id, &goal);
        }
    }
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,12}", "[a-z\"\\\\<>#,\n\u{2028}é😀 ]{0,8}"]
}

prop_compose! {
    fn random_model()(
        ids in prop::collection::vec("[a-c][0-3]", 1..14),
        titles in prop::collection::vec(any_text(), 14),
        refs in prop::collection::vec(("[a-c][0-3]", "[a-c][0-3]"), 0..20),
        values in prop::collection::vec(prop::num::f64::NORMAL | prop::num::f64::ZERO, 4),
        days in prop::collection::vec(-800i64..800, 4),
        kinds in prop::collection::vec(0u8..6, 14),
    ) -> Model {
        let mut m = parse_model(r#"{"schemaVersion": 1, "id": "r", "title": {"en": "R"}}"#).unwrap();
        m.title.es = titles[0].clone();
        let prov = Some(Provenance { origin: Origin::Read, quote: Some(titles[1].clone()), note: None });
        for (i, id) in ids.iter().enumerate() {
            let t = Text::en(titles[i].clone());
            match kinds[i] {
                0 => m.goals.push(Goal {
                    id: id.clone(), title: t, owner: None, phase: None,
                    start: Some(Fact { value: date(days[0]), provenance: prov.clone() }), end: None,
                    duration_days: Some(Fact { value: (days[1].unsigned_abs() % 90) as u32, provenance: None }),
                    depends_on: refs.iter().filter(|r| &r.0 == id).map(|r| Dependency { goal: r.1.clone(), provenance: None }).collect(),
                    status: Status::InProgress, provenance: prov.clone(),
                }),
                1 => m.activities.push(Activity { id: id.clone(), title: t, goal: None, component: None, status: Status::Done, provenance: None }),
                2 => m.outputs.push(Element { id: id.clone(), title: t, component: None, provenance: None }),
                3 => m.outcomes.push(Outcome { id: id.clone(), title: t, term: Term::Short, component: None, conditions: vec![], provenance: None }),
                4 => m.outcomes.push(Outcome { id: id.clone(), title: t, term: Term::Long, component: None, conditions: vec![], provenance: None }),
                _ => m.indicators.push(Indicator {
                    id: id.clone(), of: refs.first().map_or(id.clone(), |r| r.1.clone()), measure: t, unit: None,
                    baseline: Some(Measure { value: values[0], date: Some(date(days[2])), provenance: None }),
                    target: Some(Measure { value: values[1], date: Some(date(days[3])), provenance: None }),
                    data_source: None, survey_item: Some(titles[2].clone()), source: None,
                    actuals: vec![Actual { value: values[2], date: date(days[1]), provenance: None }],
                    series: vec![], derived: None, context: false,
                    provenance: None,
                }),
            }
        }
        m.links = refs.iter().map(|(a, b)| Link { from: a.clone(), to: b.clone(), provenance: None }).collect();
        m
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn json_round_trips_losslessly(m in random_model()) {
        let text = to_json(&m).unwrap();
        let back = parse_model(&text).unwrap();
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(to_json(&back).unwrap(), text);
    }

    #[test]
    fn analyses_never_panic_on_messy_models(m in random_model(), as_of in -800i64..800) {
        let v = validate(&m);
        prop_assert_eq!(v.valid, v.errors == 0);
        let _ = schedule(&m, &ScheduleOptions::default());
        let _ = progress(&m, &ProgressOptions { as_of: date(as_of), start: None, deadline: None });
        let l = layout(&m);
        prop_assert!(l.crossings <= l.initial_crossings);
        for format in [ExportFormat::Json, ExportFormat::Mermaid, ExportFormat::Dot, ExportFormat::IndicatorsCsv] {
            let opts = ExportOptions { format, lang: Lang::Es };
            prop_assert!(export(&m, &opts).is_ok());
        }
    }

    #[test]
    fn the_reader_never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
        let _ = parse_model(&s);
    }

    #[test]
    fn the_reader_never_panics_on_damaged_model_files(cut in 0usize..60_000, byte in any::<u8>()) {
        let mut bytes = PASS_JSON.as_bytes().to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        if let Ok(s) = String::from_utf8(bytes) {
            let _ = parse_model(&s);
        }
        let _ = parse_model(&PASS_JSON[..PASS_JSON.floor_char_boundary_compat(at)]);
    }
}

/// `str::floor_char_boundary` is unstable; this is its small stable equivalent.
trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}
impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}
