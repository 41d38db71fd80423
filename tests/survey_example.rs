//! The built-in SYNTHETIC examples reproduce every percentage published in seed 000 (rounded to
//! whole percent), through the whole path a user takes: CSV → detected mapping → report.
//!
//! Expected values are the seed's published percentages, not numbers this code produced.
#![cfg(feature = "survey")]

use waterline::survey::report::{ItemResult, Report};
use waterline::survey::{example, ReadOptions, ReportOptions, Survey};

fn report(csv: &str) -> Report {
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    s.report(&ReportOptions::default()).unwrap()
}

fn pct(x: f64) -> f64 {
    (x * 100.0).round()
}

fn item<'a>(r: &'a Report, text: &str) -> &'a ItemResult {
    r.items
        .iter()
        .find(|i| i.text.en.contains(text))
        .unwrap_or_else(|| panic!("no item about {text}"))
}

#[test]
fn figure_10_confidence_agree_or_strongly_agree() {
    let r = report(example::PARENTS_CSV);
    assert!(r.synthetic, "the example must say it is synthetic");
    assert_eq!(r.rows, 113);
    for (text, published) in [
        ("my child's teachers", 89.0),
        ("school staff and administrators", 93.0),
        ("resources to advocate", 93.0),
        ("power to make a change", 94.0),
    ] {
        let top = item(&r, text).top_box.as_ref().unwrap();
        assert_eq!(pct(top.interval.estimate), published, "{text}");
        assert_eq!(top.interval.method, "wilson");
    }
    // The seed's headline sentence, in both languages.
    let teachers = item(&r, "my child's teachers");
    assert!(
        teachers.sentence.en.contains("89% (95% CI 82–94%) agree"),
        "{}",
        teachers.sentence.en
    );
    assert!(
        teachers
            .sentence
            .es
            .contains("89% (IC 95% 82–94%) está de acuerdo"),
        "{}",
        teachers.sentence.es
    );
    // One "No sé" and two blanks are excluded and said so.
    assert_eq!(teachers.n_used, 111);
    assert_eq!(
        teachers
            .excluded
            .iter()
            .map(|e| (e.reason, e.count))
            .collect::<Vec<_>>(),
        vec![("blank", 2)]
    );
    assert_eq!(
        item(&r, "resources to advocate").excluded[0].reason,
        "dont_know"
    );
}

#[test]
fn figure_10_items_form_the_parent_confidence_scale() {
    let r = report(example::PARENTS_CSV);
    assert_eq!(r.scales.len(), 1);
    assert_eq!(r.scales[0].items.len(), 4);
    assert_eq!(r.scales[0].n_used, 110);
}

#[test]
fn figure_11_changes_seen_in_themselves() {
    let r = report(example::PARENTS_CSV);
    let changes = item(&r, "positive changes");
    let shares: Vec<f64> = changes.distribution.iter().map(|s| pct(s.share)).collect();
    assert_eq!(
        shares,
        vec![72.0, 58.0, 56.0, 53.0],
        "ranked, as the figure"
    );
    assert!(changes.distribution[0].label.en.contains("confidence"));
    assert!(changes.distribution[3].label.en.contains("leader"));
    // The bilingual form's options carry both languages (#16): the Spanish page shows these.
    let es: Vec<&str> = changes
        .distribution
        .iter()
        .map(|d| d.label.es.as_str())
        .collect();
    assert_eq!(
        es,
        [
            "Mayor confianza y autoestima",
            "Más confianza para abogar por mis hijos",
            "Mejor comprensión del sistema escolar",
            "Me veo como líder en mi comunidad"
        ]
    );
}

#[test]
fn figure_12_started_after_joining_as_then_test_pairs() {
    let r = report(example::PARENTS_CSV);
    assert_eq!(r.shifts.len(), 3);
    for (text, published) in [
        ("District meetings", 62.0),
        ("LCAP meetings", 61.0),
        ("Recruiting other parents", 56.0),
    ] {
        let s = r
            .shifts
            .iter()
            .find(|s| s.text.en == text)
            .unwrap_or_else(|| panic!("{text}"));
        assert_eq!(s.design, waterline::survey::Design::ThenTest);
        assert_eq!(pct(s.improved.as_ref().unwrap().share), published, "{text}");
        assert_eq!(s.method, "mcnemar_exact");
        let t = s.test.as_ref().unwrap();
        assert!(t.p_value < 0.001 && t.p_adjusted.unwrap() >= t.p_value);
        assert!(s
            .warnings
            .iter()
            .any(|w| w.code == waterline::note::NoteCode::ShiftThenTest));
    }
}

#[test]
fn figure_6_district_improved() {
    let r = report(example::PARENTS_CSV);
    for (text, published) in [
        ("respect", 81.0),
        ("Listens to parent voices", 78.0),
        ("Communicates opportunities", 76.0),
    ] {
        let i = item(&r, text);
        assert_eq!(
            pct(i.top_box.as_ref().unwrap().interval.estimate),
            published,
            "{text}"
        );
        assert!(i.sentence.es.contains("dice que mejoró"));
    }
}

#[test]
fn participation_and_residence() {
    let r = report(example::PARENTS_CSV);
    for (text, published) in [
        ("Zumbas", 62.0),
        ("Noches Familiares", 59.0),
        ("Lunadas", 50.0),
    ] {
        assert_eq!(
            pct(item(&r, text).top_box.as_ref().unwrap().interval.estimate),
            published,
            "{text}"
        );
    }
    let live = item(&r, "Where do you live");
    for (place, published) in [
        ("Salton City", 38.0),
        ("Thermal", 18.0),
        ("Desert Shores", 16.0),
        ("Coachella", 12.0),
    ] {
        let s = live
            .distribution
            .iter()
            .find(|d| d.label.en == place)
            .unwrap();
        assert_eq!(pct(s.share), published, "{place}");
    }
    // 79% female; ages 35-44 44%, 45-54 33%.
    let gender = item(&r, "Gender");
    assert_eq!(
        pct(gender
            .distribution
            .iter()
            .find(|d| d.label.en == "Female" && d.label.es == "Mujer")
            .unwrap()
            .share),
        79.0
    );
    let age = item(&r, "Age");
    assert_eq!(
        pct(age
            .distribution
            .iter()
            .find(|d| d.label.en == "35-44")
            .unwrap()
            .share),
        44.0
    );
    assert_eq!(
        pct(age
            .distribution
            .iter()
            .find(|d| d.label.en == "45-54")
            .unwrap()
            .share),
        33.0
    );
}

#[test]
fn subgroups_hide_small_communities() {
    let r = report(example::PARENTS_CSV);
    let by_place = r
        .subgroups
        .iter()
        .find(|s| s.group_text.en.contains("live") && s.text.en.contains("Zumbas"))
        .unwrap();
    // Mecca 8, Oasis 6 and North Shore 4 parents: all under 10, so hidden.
    let hidden: Vec<&str> = by_place
        .rows
        .iter()
        .filter(|r| r.suppressed.is_some())
        .map(|r| r.level.en.as_str())
        .collect();
    assert_eq!(hidden, vec!["Mecca", "Oasis", "North Shore"]);
    assert!(by_place
        .rows
        .iter()
        .filter(|r| r.suppressed.is_some())
        .all(|r| r.n.is_none()));
}

#[test]
fn staff_climate_48_to_72_with_assumed_wave_sizes() {
    let r = report(example::STAFF_CSV);
    assert!(r.synthetic);
    assert_eq!(r.waves.len(), 1);
    let w = &r.waves[0];
    assert_eq!((w.from.as_str(), w.to.as_str()), ("2014-15", "2017-18"));
    assert_eq!(pct(w.share_from.as_ref().unwrap().estimate), 48.0);
    assert_eq!(pct(w.share_to.as_ref().unwrap().estimate), 72.0);
    assert!(w.sizes_assumed);
    assert_eq!(w.sensitivity.len(), 5);
    assert!(
        w.sensitivity[0].lower < 0.0,
        "25 per wave cannot rule out no change"
    );
    assert!(w.sensitivity[4].lower > 0.0);
    assert_eq!(w.test.as_ref().unwrap().method, "two_proportions");
    assert!(w.sentence.en.contains("ASSUMED") && w.sentence.es.contains("SUPUESTOS"));
    // Per-wave descriptives are labelled by wave.
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.items[0].wave.as_deref(), Some("2014-15"));
}

/// Every warning crosses the boundary as data, `{code, severity, params}` (#16): the synthetic
/// example says so with a code, never an English sentence; the staff waves carry their assumed
/// sizes as numbers.
#[test]
fn notes_cross_as_codes_with_typed_params() {
    let r = report(example::PARENTS_CSV);
    let json = serde_json::to_value(&r.warnings).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"code": "synthetic_data", "severity": "info", "params": {}}])
    );
    let staff = report(example::STAFF_CSV);
    let assumed: Vec<_> = staff
        .waves
        .iter()
        .flat_map(|w| &w.warnings)
        .filter(|n| n.code == waterline::note::NoteCode::WaveSizesAssumed)
        .collect();
    assert!(!assumed.is_empty(), "the staff waves' sizes are assumed");
    let p = serde_json::to_value(assumed[0]).unwrap();
    assert!(
        p["params"]["n1"].is_number() && p["params"]["n2"].is_number(),
        "{p}"
    );
    assert_eq!(p["severity"], "warning");
}
