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
