//! Indicator series (issue 17): periods, the migration of older `actuals`, derived ratio and
//! difference series, and the change between two periods against an independent Python
//! reference (tests/data/toc_series_change.py → .json).
#![cfg(feature = "toc")]

use serde_json::{json, Value};
use waterline::toc::{
    change, derive, parse_model, series_of, to_json, DeriveOp, DerivedFrom, NoIntervalReason,
    Period, SeriesPoint,
};
use waterline::Code;

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn pt(period: &str, value: Option<f64>, counts: Option<(f64, f64)>) -> SeriesPoint {
    SeriesPoint {
        period: p(period),
        value,
        numerator: counts.map(|c| c.0),
        denominator: counts.map(|c| c.1),
        source: None,
        provenance: None,
    }
}

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} vs {b}");
}

#[test]
fn periods_read_write_and_span_their_days() {
    for s in ["2013-14", "1999-00", "2014", "2014-Q2", "2014-05-31"] {
        assert_eq!(p(s).to_string(), s);
    }
    assert_eq!(p("2013-14").start().to_string(), "2013-07-01");
    assert_eq!(p("2013-14").end().to_string(), "2014-06-30");
    assert_eq!(p("2014-Q4").end().to_string(), "2014-12-31");
    for bad in ["2013-15", "14", "2014-Q5", "2014-13-01", "", "2013/14"] {
        let e = Period::parse(bad).unwrap_err();
        assert_eq!(e.code, Code::InvalidDate, "{bad}");
    }
}

#[test]
fn an_old_model_keeps_opening_and_its_actuals_join_the_series() {
    let old = json!({
        "schemaVersion": 1, "id": "old", "title": {"en": "Old"},
        "outcomes": [{"id": "o1", "title": {"en": "O"}, "term": "short"}],
        "indicators": [{"id": "i1", "of": "o1", "measure": {"en": "Parents"}, "unit": "parents",
            "actuals": [{"value": 40, "date": "2021-12-31"}, {"value": 12, "date": "2021-06-30"}]}]
    });
    let m = parse_model(&old.to_string()).unwrap();
    let s = series_of(&m.indicators[0]);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].period, p("2021-06-30"));
    assert_eq!(s[1].resolved(), Some(40.0));
    // Written again, an old model has no "series" key: the file is unchanged.
    let text = to_json(&m).unwrap();
    assert!(!text.contains("\"series\""));
    // A series round-trips with its periods as text.
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["indicators"][0]["series"] = json!([{"period": "2013-14", "value": 10.0,
        "provenance": {"origin": "read", "quote": "10%"}}]);
    let m2 = parse_model(&v.to_string()).unwrap();
    assert_eq!(m2.indicators[0].series[0].period, p("2013-14"));
    assert_eq!(parse_model(&to_json(&m2).unwrap()).unwrap(), m2);
    v["indicators"][0]["series"][0]["period"] = json!("2013-15");
    let e = parse_model(&v.to_string()).unwrap_err();
    assert!(
        e.message.contains("indicators[0].series[0]"),
        "{}",
        e.message
    );
}

#[test]
fn change_matches_the_python_reference() {
    let text = std::fs::read_to_string("tests/data/toc_series_change.json").unwrap();
    let r: Value = serde_json::from_str(&text).unwrap();
    for c in r["change"].as_array().unwrap() {
        let f = |k: &str| c[k].as_f64().unwrap();
        let s = [
            pt("2013-14", None, Some((f("x1"), f("n1")))),
            pt("2018-19", None, Some((f("x2"), f("n2")))),
        ];
        let ch = change(&s, p("2013-14"), p("2018-19"), f("level")).unwrap();
        close(ch.difference, f("difference"), 1e-9);
        let (lo, hi) = ch.interval.unwrap();
        close(lo, f("lower"), 1e-9);
        close(hi, f("upper"), 1e-9);
        let from = ch.from_interval.unwrap();
        close(from.0, c["from"][0].as_f64().unwrap(), 1e-9);
        close(from.1, c["from"][1].as_f64().unwrap(), 1e-9);
        let to = ch.to_interval.unwrap();
        close(to.0, c["to"][0].as_f64().unwrap(), 1e-9);
        close(to.1, c["to"][1].as_f64().unwrap(), 1e-9);
        assert!(ch.no_interval.is_none());
    }
    for d in r["derive"].as_array().unwrap() {
        let (a, b) = (d["a"].as_f64().unwrap(), d["b"].as_f64().unwrap());
        let sa = [pt("2013-14", Some(a), None)];
        let sb = [pt("2013-14", Some(b), None)];
        let ratio = derive(&sa, &sb, DeriveOp::Ratio, &[]);
        close(ratio[0].value, d["ratio"].as_f64().unwrap(), 1e-12);
        let diff = derive(&sa, &sb, DeriveOp::Difference, &[]);
        close(diff[0].value, d["difference"].as_f64().unwrap(), 1e-12);
    }
}

#[test]
fn rates_only_give_a_change_without_an_interval_and_say_why() {
    // Seed 000: chronic absenteeism 16.4% → 18.2%, rates only.
    let s = [
        pt("2014-15", Some(16.4), None),
        pt("2018-19", Some(18.2), None),
    ];
    let ch = change(&s, p("2014-15"), p("2018-19"), 0.95).unwrap();
    close(ch.difference, 1.8, 1e-12);
    assert_eq!(ch.interval, None);
    assert_eq!(ch.no_interval, Some(NoIntervalReason::RatesOnly));
    let e = change(&s, p("2014-15"), p("2016-17"), 0.95).unwrap_err();
    assert_eq!(e.code, Code::UnknownId);
    assert_eq!(
        e.details["period"],
        waterline::Detail::Text("2016-17".into())
    );
}

#[test]
fn a_derived_series_is_computed_where_both_values_exist_and_stated_elsewhere() {
    // Figure 2 gives both rates for 2013-14 (10% vs 6%); Figure 7 states only the ratio 1.3×
    // for 2018-19. Years with neither stay out.
    let middle = [pt("2013-14", Some(10.0), None)];
    let high = [pt("2013-14", Some(6.0), None)];
    let stated = [
        pt("2013-14", Some(1.8), None),
        pt("2018-19", Some(1.3), None),
    ];
    let r = derive(&middle, &high, DeriveOp::Ratio, &stated);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].from, DerivedFrom::Computed);
    close(r[0].value, 10.0 / 6.0, 1e-12);
    assert_eq!(r[0].stated, Some(1.8));
    assert_eq!((r[1].from, r[1].value), (DerivedFrom::Stated, 1.3));
    // A ratio over zero is left out, never infinite.
    let zero = [pt("2013-14", Some(0.0), None)];
    assert!(derive(&middle, &zero, DeriveOp::Ratio, &[]).is_empty());
}

#[test]
fn progress_reads_the_whole_series_as_of_the_callers_date() {
    use waterline::toc::{default_as_of, progress, Date, ProgressOptions};
    let m = parse_model(
        &json!({
            "schemaVersion": 1, "id": "s", "title": {"en": "S"},
            "outcomes": [{"id": "o1", "title": {"en": "O"}, "term": "short"}],
            "indicators": [{"id": "i1", "of": "o1", "measure": {"en": "Suspension rate"}, "unit": "%",
                "baseline": {"value": 10.0, "date": "2014-06-30"},
                "target": {"value": 5.0, "date": "2020-06-30"},
                "series": [{"period": "2013-14", "value": 10.0}, {"period": "2014-15", "value": 9.0},
                           {"period": "2016-17"}, {"period": "2018-19", "value": 6.0}]}]
        })
        .to_string(),
    )
    .unwrap();
    // The default "as of" is the model's own window: the end of its latest value.
    assert_eq!(default_as_of(&m).unwrap().to_string(), "2019-06-30");
    let opts = ProgressOptions {
        as_of: Date::parse("2016-06-30").unwrap(),
        start: None,
        deadline: None,
    };
    let pr = progress(&m, &opts);
    let i = &pr.indicators[0];
    assert_eq!(i.latest, Some(9.0));
    assert_eq!(i.latest_period, Some(p("2014-15")));
    assert_eq!(i.n_points, 2);
    assert_eq!(i.distance_to_target, Some(-4.0));
    // Two school years 365 days apart (mid to mid): −1 point per 365 days = −365.25/365 a year.
    close(i.trend_per_year.unwrap(), -365.25 / 365.0, 1e-12);
    assert_eq!(i.share, Some(0.2));
}

/// Seed 000: the Alianza example carries the stated values; the 2013-14 gap is computed from
/// the two rates (Figure 2: 10% / 6%), the 2018-19 gap (1.3×, Figure 7) is stated, and years
/// the text does not give stay empty.
#[test]
fn alianza_carries_the_seeds_series_and_computes_the_gap() {
    use waterline::toc::{derived_series, example_alianza_model};
    let m = example_alianza_model().unwrap();
    let ind = |id: &str| m.indicators.iter().find(|i| i.id == id).unwrap();
    let gap = derived_series(&m, ind("ind_susp_gap")).unwrap();
    assert_eq!(gap.len(), 2);
    assert_eq!(gap[0].period, p("2013-14"));
    assert_eq!(gap[0].from, DerivedFrom::Computed);
    close(gap[0].value, 10.0 / 6.0, 1e-12);
    assert_eq!(gap[0].stated, Some(1.8));
    assert_eq!(gap[1].period, p("2018-19"));
    assert_eq!((gap[1].from, gap[1].value), (DerivedFrom::Stated, 1.3));
    let values = |id: &str| -> Vec<(String, f64)> {
        series_of(ind(id))
            .iter()
            .map(|x| (x.period.to_string(), x.resolved().unwrap()))
            .collect()
    };
    let v = |a: &str, x: f64, b: &str, y: f64| vec![(a.to_string(), x), (b.to_string(), y)];
    assert_eq!(values("ind_defiance"), v("2013-14", 2.8, "2018-19", 0.0));
    assert_eq!(values("ind_bobby_duke"), v("2014", 13.5, "2019", 9.2));
    assert_eq!(values("ind_chronic_absence"), v("2017", 16.4, "2019", 18.2));
    assert_eq!(
        values("ind_rj_funding"),
        v("2014-15", 769.4, "2018-19", 957.7)
    );
    assert_eq!(
        values("ind_staff_beliefs"),
        v("2014-15", 48.0, "2017-18", 72.0)
    );
    // Rates only: the staff change has no interval, and says why.
    let ch = change(
        &series_of(ind("ind_staff_beliefs")),
        p("2014-15"),
        p("2017-18"),
        0.95,
    )
    .unwrap();
    close(ch.difference, 24.0, 1e-12);
    assert_eq!(ch.no_interval, Some(NoIntervalReason::RatesOnly));
}

/// Seed 000, Figure 4: the campaign's timeline. Events are dated only where the text dates
/// them; the others keep no period (listed, never placed on an invented date). Every id an event
/// names exists in the model.
#[test]
fn alianza_timeline_events_are_dated_only_where_the_text_dates_them() {
    use waterline::toc::{example_alianza_model, EventKind};
    let m = example_alianza_model().unwrap();
    assert!(m.events.len() >= 10);
    let ev = |id: &str| m.events.iter().find(|e| e.id == id).unwrap();
    assert_eq!(ev("ev_campaign_starts").period, Some(p("2014")));
    assert_eq!(ev("ev_bobby_duke").period, Some(p("2015-Q1")));
    assert_eq!(ev("ev_bobby_duke").kind, EventKind::Flashpoint);
    assert_eq!(ev("ev_lcap_expands").period, Some(p("2016-17")));
    assert_eq!(ev("ev_rj_in_lcap").period, None);
    let ids: Vec<&str> = m
        .activities
        .iter()
        .map(|a| a.id.as_str())
        .chain(m.outcomes.iter().map(|o| o.id.as_str()))
        .chain(m.outputs.iter().map(|o| o.id.as_str()))
        .collect();
    for e in &m.events {
        for a in &e.about {
            assert!(ids.contains(&a.as_str()), "{}: {a}", e.id);
        }
        if e.kind == EventKind::Activity {
            let c = e.component.as_deref().unwrap();
            assert!(m.components.iter().any(|x| x.id == c), "{}", e.id);
        }
    }
}

/// Seed 004: PASS gains series only where the concept paper states numbers (2019-20), as
/// context figures without targets; the poverty share is computed from the two counts.
#[test]
fn pass_carries_the_concept_papers_enrolment_figures() {
    use waterline::toc::{example_pass_model, validate};
    let m = example_pass_model().unwrap();
    let ind = |id: &str| m.indicators.iter().find(|i| i.id == id).unwrap();
    assert_eq!(ind("ind_ctx_students").series[0].value, Some(46657.0));
    assert_eq!(ind("ind_ctx_schools").series[0].value, Some(81.0));
    let poverty = &ind("ind_ctx_poverty").series[0];
    assert_eq!(poverty.period, p("2019-20"));
    close(
        poverty.resolved().unwrap(),
        100.0 * 33026.0 / 46657.0,
        1e-12,
    );
    assert!(ind("ind_ctx_poverty").context && ind("ind_ctx_poverty").target.is_none());
    assert!(validate(&m).findings.is_empty());
}

#[test]
fn an_event_naming_a_missing_or_wrong_element_is_a_finding() {
    use waterline::toc::{example_alianza_model, validate, Rule};
    let mut m = example_alianza_model().unwrap();
    m.events[0].about = vec!["nope".into(), "c_outreach".into()];
    let f = validate(&m).findings;
    let id = m.events[0].id.clone();
    assert!(f
        .iter()
        .any(|x| x.code == Rule::UnknownReference && x.ids == [id.as_str(), "nope"]));
    assert!(f
        .iter()
        .any(|x| x.code == Rule::WrongReferenceKind && x.ids == [id.as_str(), "c_outreach"]));
}
