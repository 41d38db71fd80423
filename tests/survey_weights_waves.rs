//! Weighted wave comparisons, subgroup shares and scales (#19) against
//! `tests/data/survey_weights_waves.json`, written by `tests/data/survey_weights_waves.R`
//! (R `survey`: svyby + svycontrast, svymean, svyvar, svycralpha). Closed forms: 1e-10
//! relative (`prec::CLOSED_FORM`).

use serde_json::Value;
use waterline::stats::summary::{Merge, WeightedScale, WeightedSums};
use waterline::stats::weighted::ShareInterval;
use waterline::stats::weighted_domain::{domain_difference, domain_share};

const TOL: f64 = 1e-10;

fn fixture() -> Value {
    let path = format!(
        "{}/tests/data/survey_weights_waves.json",
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

fn close(got: f64, want: &Value, what: &str) {
    let want = want.as_f64().unwrap();
    assert!(
        (got - want).abs() <= TOL * want.abs().max(1e-300),
        "{what}: got {got}, want {want}"
    );
}

/// One WeightedSums per group 0..g of `(value, group, weight)`.
fn by_group(y: &[f64], g: &[f64], w: &[f64], groups: usize) -> Vec<WeightedSums> {
    let mut out = vec![WeightedSums::new(); groups];
    for ((y, g), w) in y.iter().zip(g).zip(w) {
        out[*g as usize].observe(*y, *w).unwrap();
    }
    out
}

#[test]
fn wave_differences_match_svyby_and_svycontrast() {
    let f = fixture();
    for c in f["waves"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let share = c["share"].as_bool().unwrap();
        let level = c["level"].as_f64().unwrap();
        let s = by_group(
            &nums(&c["values"]),
            &nums(&c["wave"]),
            &nums(&c["weights"]),
            2,
        );
        let d = domain_difference(&s[0], &s[1], share, level).unwrap();
        close(d.from.estimate, &c["estimate"][0], name);
        close(d.to.estimate, &c["estimate"][1], name);
        close(d.from.se, &c["se"][0], name);
        close(d.to.se, &c["se"][1], name);
        close(d.from.n_eff, &c["nEff"][0], name);
        close(d.difference, &c["difference"], name);
        close(d.se, &c["differenceSe"], name);
        close(d.lower, &c["lower"], name);
        close(d.upper, &c["upper"], name);
        close(d.z.unwrap(), &c["z"], name);
        close(d.p_value.unwrap(), &c["pValue"], name);
        if share {
            close(d.from.lower, &c["fromInterval"][0], name);
            close(d.from.upper, &c["fromInterval"][1], name);
            close(d.to.lower, &c["toInterval"][0], name);
            close(d.to.upper, &c["toInterval"][1], name);
        }
    }
}

#[test]
fn subgroup_shares_match_svyby() {
    let f = fixture();
    for c in f["subgroups"].as_array().unwrap() {
        let level = c["level"].as_f64().unwrap();
        let g = nums(&c["group"]);
        let s = by_group(&nums(&c["values"]), &g, &nums(&c["weights"]), 3);
        let n = g.len() as u64;
        for (k, s) in s.iter().enumerate() {
            let m = domain_share(s, n, level, ShareInterval::WilsonKish).unwrap();
            close(m.estimate, &c["estimate"][k], "share");
            close(m.se, &c["se"][k], "se");
            close(m.n_eff, &c["nEff"][k], "nEff");
            close(m.lower, &c["lower"][k], "lower");
            close(m.upper, &c["upper"][k], "upper");
        }
    }
}

#[test]
fn scales_match_svymean_svyvar_and_svycralpha() {
    let f = fixture();
    for c in f["scales"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let k = c["k"].as_f64().unwrap() as usize;
        let level = c["level"].as_f64().unwrap();
        let (items, w) = (nums(&c["items"]), nums(&c["weights"]));
        let mut one = WeightedScale::new(k);
        let (mut a, mut b) = (WeightedScale::new(k), WeightedScale::new(k));
        for (i, (row, w)) in items.chunks_exact(k).zip(&w).enumerate() {
            one.observe(row, *w).unwrap();
            if i % 3 == 0 { &mut a } else { &mut b }
                .observe(row, *w)
                .unwrap();
        }
        let m = one.mean(level).unwrap();
        close(m.estimate, &c["mean"], name);
        close(m.se, &c["se"], name);
        close(m.lower, &c["lower"], name);
        close(m.upper, &c["upper"], name);
        close(one.score.sd().unwrap(), &c["sd"], name);
        close(one.alpha().unwrap(), &c["alpha"], name);
        // Merged pieces finish to the same numbers (the streaming path).
        a.merge(&b).unwrap();
        close(a.alpha().unwrap(), &c["alpha"], name);
        close(a.mean(level).unwrap().se, &c["se"], name);
    }
}
