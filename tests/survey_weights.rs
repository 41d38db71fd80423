//! Survey weights (#19) against `tests/data/survey_weights.json`, written by
//! `tests/data/survey_weights.py` (R survey's svymean / svyciprop(method = "beta") / rake
//! formulas implemented independently with numpy and scipy).

use serde_json::Value;
use waterline::stats::weighted::{weighted_mean, weighted_share, weighted_shift, ShareInterval};

fn fixture() -> Value {
    let path = format!(
        "{}/tests/data/survey_weights.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn close(got: f64, want: &Value, tol: f64, what: &str) {
    let want = want.as_f64().unwrap();
    assert!(
        (got - want).abs() <= tol * want.abs().max(1.0),
        "{what}: got {got}, want {want}"
    );
}

#[test]
fn weighted_means_match_svymean() {
    let f = fixture();
    for c in f["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let (y, w) = (nums(&c["values"]), nums(&c["weights"]));
        let level = c["level"].as_f64().unwrap();
        let m = weighted_mean(&y, &w, level).unwrap();
        let r = &c["mean"];
        close(m.estimate, &r["estimate"], 1e-13, name);
        close(m.se, &r["se"], 1e-12, name);
        close(m.lower, &r["lower"], 1e-12, name);
        close(m.upper, &r["upper"], 1e-12, name);
        close(m.n_eff, &r["nEff"], 1e-12, name);
        close(m.deff_kish, &r["deffKish"], 1e-12, name);
        close(m.deff.unwrap(), &r["deff"], 1e-12, name);
    }
}

#[test]
fn weighted_shares_match_wilson_on_kish_and_svyciprop_beta() {
    let f = fixture();
    for c in f["cases"].as_array().unwrap() {
        if c.get("kornGraubard").is_none() {
            continue;
        }
        let name = c["name"].as_str().unwrap();
        let (y, w) = (nums(&c["values"]), nums(&c["weights"]));
        let level = c["level"].as_f64().unwrap();
        let s = weighted_share(&y, &w, level, ShareInterval::WilsonKish).unwrap();
        close(s.lower, &c["wilsonKish"][0], 1e-12, name);
        close(s.upper, &c["wilsonKish"][1], 1e-12, name);
        let k = weighted_share(&y, &w, level, ShareInterval::KornGraubard).unwrap();
        close(k.lower, &c["kornGraubard"][0], 1e-10, name);
        close(k.upper, &c["kornGraubard"][1], 1e-10, name);
    }
}

#[test]
fn weighted_shifts_match_svymean_of_differences() {
    let f = fixture();
    for c in f["shifts"].as_array().unwrap() {
        let m = weighted_shift(
            &nums(&c["before"]),
            &nums(&c["after"]),
            &nums(&c["weights"]),
            c["level"].as_f64().unwrap(),
        )
        .unwrap();
        close(m.estimate, &c["shift"]["estimate"], 1e-13, "shift");
        close(m.se, &c["shift"]["se"], 1e-12, "shift se");
        close(m.deff.unwrap(), &c["shift"]["deff"], 1e-12, "shift deff");
    }
}

#[test]
fn raking_matches_iterative_proportional_fitting() {
    use waterline::survey::weights::{Margin, MarginScale, Raking};
    use waterline::survey::{ReadOptions, Survey};
    let f = fixture();
    let r = &f["rake"];
    let cols: Vec<Vec<String>> = r["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    let mut csv = String::from("Community,Gender\n");
    for (c, g) in cols[0].iter().zip(&cols[1]) {
        csv.push_str(&format!("{c},{g}\n"));
    }
    let mut s = Survey::from_csv(&csv, &ReadOptions::default()).unwrap();
    let mut m = s.mapping().clone();
    let keys: Vec<String> = m.columns.iter().map(|c| c.key.clone()).collect();
    let margins = r["margins"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&keys)
        .map(|(t, k)| Margin {
            column: k.clone(),
            targets: serde_json::from_value(t.clone()).unwrap(),
        })
        .collect();
    m.raking = Some(Raking {
        margins,
        scale: MarginScale::Counts,
        tolerance: Some(1e-12),
        max_iterations: Some(1000),
    });
    s.set_mapping(m).unwrap();
    let want = nums(&r["weights"]);
    let got = &s.data().weights;
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert!((g - w).abs() < 1e-9 * w.abs().max(1.0), "{g} vs {w}");
    }
    let summary = s.data().weighting.as_ref().unwrap();
    assert!(summary.raked && (summary.sum_weights - 1000.0).abs() < 1e-6);
}

/// A CSV of the fixture's first share case: "Did you attend?" Yes/No with a weight column.
fn share_csv(c: &Value) -> String {
    let mut csv = String::from("Did you attend? / ¿Asistió?,Weight\n");
    for (y, w) in nums(&c["values"]).iter().zip(nums(&c["weights"])) {
        csv.push_str(&format!("{},{w}\n", if *y == 1.0 { "Yes" } else { "No" }));
    }
    csv
}

fn weighted_survey(csv: &str, weight: &str) -> waterline::survey::Survey {
    use waterline::survey::{ReadOptions, Survey};
    let mut s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let mut m = s.mapping().clone();
    let key = m
        .columns
        .iter()
        .find(|c| c.header == weight)
        .unwrap()
        .key
        .clone();
    m.instrument
        .items
        .retain(|i| i.column.as_deref() != Some(key.as_str()));
    m.weight = Some(key);
    s.set_mapping(m).unwrap();
    s
}

#[test]
fn the_report_weights_a_declared_column() {
    use waterline::survey::report::ReportOptions;
    let f = fixture();
    let c = &f["cases"][0];
    let s = weighted_survey(&share_csv(c), "Weight");
    let o = ReportOptions {
        level: c["level"].as_f64().unwrap(),
        ..ReportOptions::default()
    };
    let r = s.report(&o).unwrap();
    assert!(r.weighting.is_some());
    let item = &r.items[0];
    assert!(item.weighted);
    let t = &item.top_box.as_ref().unwrap().interval;
    close(t.estimate, &c["mean"]["estimate"], 1e-13, "top box");
    close(t.lower, &c["wilsonKish"][0], 1e-12, "top box lower");
    close(t.upper, &c["wilsonKish"][1], 1e-12, "top box upper");
    close(item.n_eff.unwrap(), &c["mean"]["nEff"], 1e-12, "n_eff");
    let w = item.weighted_estimate.as_ref().unwrap();
    close(w.deff.unwrap(), &c["mean"]["deff"], 1e-12, "deff");
    // Counts stay unweighted.
    let yes = nums(&c["values"]).iter().filter(|v| **v == 1.0).count() as u64;
    assert_eq!(t.x, yes);
    assert!(item.sentence.en.contains("Weighted: effective n = "));
    assert!(item.sentence.es.contains("Ponderado: n efectivo = "));
}

#[test]
fn equal_weights_reproduce_the_unweighted_report() {
    use waterline::survey::report::ReportOptions;
    use waterline::survey::{ReadOptions, Survey};
    let f = fixture();
    let c = &f["cases"][1];
    let csv = share_csv(c);
    let plain = Survey::from_csv(&csv, &ReadOptions::default()).unwrap();
    let equal: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                format!("{},2.5\n", l.split(',').next().unwrap())
            }
        })
        .collect();
    let weighted = weighted_survey(&equal, "Weight");
    let o = ReportOptions::default();
    let (a, b) = (plain.report(&o).unwrap(), weighted.report(&o).unwrap());
    let (a, b) = (&a.items[0], &b.items[0]);
    assert!(!a.weighted && b.weighted);
    let (ta, tb) = (
        &a.top_box.as_ref().unwrap().interval,
        &b.top_box.as_ref().unwrap().interval,
    );
    assert_eq!(ta.x, tb.x);
    assert!((ta.estimate - tb.estimate).abs() < 1e-15);
    assert!((ta.lower - tb.lower).abs() < 1e-14);
    assert!((ta.upper - tb.upper).abs() < 1e-14);
    for (sa, sb) in a.distribution.iter().zip(&b.distribution) {
        assert_eq!(sa.count, sb.count);
        assert!((sa.share - sb.share).abs() < 1e-15);
        assert!((sa.lower - sb.lower).abs() < 1e-14);
    }
    assert!((b.deff_kish.unwrap() - 1.0).abs() < 1e-12);
}

#[test]
fn a_blank_weight_is_an_error_naming_the_line() {
    use waterline::survey::{ReadOptions, Survey};
    let csv = "Did you attend?,Weight\nYes,1\nNo,\nYes,2\n";
    let mut s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let mut m = s.mapping().clone();
    m.weight = m
        .columns
        .iter()
        .find(|c| c.header == "Weight")
        .map(|c| c.key.clone());
    let e = s.set_mapping(m).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_weight");
    assert_eq!(e.details["line"], 3.0.into());
    assert!(s.mapping().weight.is_none(), "the previous mapping stays");
}

#[test]
fn unknown_fields_in_raking_are_refused() {
    use waterline::survey::Mapping;
    let base = serde_json::json!({
        "instrument": {"title": {"en": "", "es": ""}, "items": []},
        "weight": "w",
        "raking": {"margins": [{"column": "c", "targets": {"a": 0.5, "b": 0.5}}], "scale": "shares"}
    });
    let ok: Result<Mapping, _> = serde_json::from_value(base.clone());
    if let Err(e) = &ok {
        // The instrument sample may need more fields; the raking part is what is checked.
        assert!(!e.to_string().contains("raking"), "{e}");
    }
    for path in ["/raking", "/raking/margins/0"] {
        let mut bad = base.clone();
        bad.pointer_mut(path)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert("zzTypo".into(), 1.into());
        let e = serde_json::from_value::<Mapping>(bad).unwrap_err();
        assert!(e.to_string().contains("zzTypo"), "{path}: {e}");
    }
}

#[test]
fn a_same_row_pair_gets_the_weighted_shift_of_its_top_box() {
    use waterline::survey::report::ReportOptions;
    let f = fixture();
    let c = &f["shifts"][0];
    let (before, after, weights) = (nums(&c["before"]), nums(&c["after"]), nums(&c["weights"]));
    let yn = |v: f64| if v == 1.0 { "Yes" } else { "No" };
    let mut csv = String::from("Attended before?,Attended now?,Weight\n");
    for ((b, a), w) in before.iter().zip(&after).zip(&weights) {
        csv.push_str(&format!("{},{},{w}\n", yn(*b), yn(*a)));
    }
    let s = weighted_survey(&csv, "Weight");
    let mut m = serde_json::to_value(s.mapping()).unwrap();
    let ids: Vec<String> = m["instrument"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    m["instrument"]["pairs"] = serde_json::json!([{
        "id": "attended", "design": "then_test", "before": ids[0], "after": ids[1]
    }]);
    m.as_object_mut().unwrap().remove("columns");
    let mut s = s;
    s.set_mapping(serde_json::from_value(m).unwrap()).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    let shift = &r.shifts[0];
    assert!(shift.weighted);
    let w = shift.weighted_shift.as_ref().unwrap();
    close(w.estimate, &c["shift"]["estimate"], 1e-13, "weighted shift");
    close(w.se, &c["shift"]["se"], 1e-12, "weighted shift se");
    assert!(shift.sentence.en.contains("Weighted change: "));
    assert!(shift.sentence.es.contains("Cambio ponderado: "));
    // The McNemar test stays on the unweighted pairs.
    assert_eq!(shift.n_used, before.len() as u64);
}

#[test]
fn rake_columns_matches_the_fixture_without_a_survey() {
    use waterline::survey::weights::{rake_columns, MarginScale, RakeOptions};
    let f = fixture();
    let r = &f["rake"];
    let columns: Vec<Vec<String>> = serde_json::from_value(r["columns"].clone()).unwrap();
    let margins: Vec<std::collections::BTreeMap<String, f64>> =
        serde_json::from_value(r["margins"].clone()).unwrap();
    let o = RakeOptions {
        scale: MarginScale::Counts,
        tolerance: Some(1e-12),
        max_iterations: Some(1000),
        ..RakeOptions::default()
    };
    let got = rake_columns(&columns, &margins, &o).unwrap();
    for (g, w) in got.weights.iter().zip(nums(&r["weights"])) {
        assert!((g - w).abs() < 1e-9 * w.abs().max(1.0), "{g} vs {w}");
    }
    // A category without a target names its row (from 0).
    let mut short = margins.clone();
    short[0].remove("east");
    let e = rake_columns(&columns, &short, &o).unwrap_err();
    assert_eq!(e.code.as_str(), "unknown_label");
    assert!(e.details.contains_key("row"));
    assert_eq!(
        rake_columns(&columns, &margins[..1], &o)
            .unwrap_err()
            .code
            .as_str(),
        "length_mismatch"
    );
}
