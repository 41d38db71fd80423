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

/// `csv` with a "Weight" column appended: `weight(i)` for data row i.
fn with_weights(csv: &str, weight: impl Fn(usize) -> f64) -> String {
    let mut out = String::new();
    let mut row = None;
    for line in csv.lines() {
        if line.starts_with('#') || line.is_empty() {
            out.push_str(line);
        } else if let Some(i) = row {
            out.push_str(&format!("{line},{}", weight(i)));
            row = Some(i + 1);
        } else {
            out.push_str(&format!("{line},Weight"));
            row = Some(0);
        }
        out.push('\n');
    }
    out
}

fn weighted_report(csv: &str) -> waterline::survey::report::Report {
    use waterline::survey::{ReadOptions, Survey};
    let mut s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let mut m = s.mapping().clone();
    let key = m
        .columns
        .iter()
        .find(|c| c.header == "Weight")
        .unwrap()
        .key
        .clone();
    m.instrument
        .items
        .retain(|i| i.column.as_deref() != Some(key.as_str()));
    m.instrument
        .groups
        .retain(|g| m.instrument.items.iter().any(|i| &i.id == g));
    m.weight = Some(key);
    s.set_mapping(m).unwrap();
    s.report(&Default::default()).unwrap()
}

fn plain_report(csv: &str) -> waterline::survey::report::Report {
    use waterline::survey::{ReadOptions, Survey};
    Survey::from_csv(csv, &ReadOptions::default())
        .unwrap()
        .report(&Default::default())
        .unwrap()
}

#[test]
fn equal_weights_give_the_unweighted_waves_subgroups_and_scales() {
    use waterline::survey::example::{PARENTS_CSV, STAFF_CSV};
    let (plain, equal) = (
        plain_report(STAFF_CSV),
        weighted_report(&with_weights(STAFF_CSV, |_| 2.5)),
    );
    let (a, b) = (&plain.waves[0], &equal.waves[0]);
    assert!(!a.weighted && b.weighted);
    let d = b.weighted_difference.as_ref().unwrap();
    let t = a.two_proportions.as_ref().unwrap();
    assert!((d.from.estimate - t.p1).abs() < 1e-15 && (d.to.estimate - t.p2).abs() < 1e-15);
    assert!((d.difference - t.difference).abs() < 1e-15);
    assert_eq!(
        b.test.as_ref().unwrap().method.as_str(),
        "weighted_difference"
    );
    assert_eq!(
        (a.n_from, a.n_to),
        (b.n_from, b.n_to),
        "counts stay unweighted"
    );
    assert!(
        b.sentence.en.contains("weighted share") && b.sentence.es.contains("proporción ponderada")
    );
    assert!(b.sentence.en.contains("ASSUMED") && b.sentence.es.contains("SUPUESTOS"));

    let (plain, equal) = (
        plain_report(PARENTS_CSV),
        weighted_report(&with_weights(PARENTS_CSV, |_| 0.7)),
    );
    let (sa, sb) = (&plain.scales[0], &equal.scales[0]);
    assert!(sb.weighted && !sa.weighted);
    assert!((sb.weighted_alpha.unwrap() - sa.alpha.as_ref().unwrap().alpha).abs() < 1e-12);
    assert!((sb.mean.unwrap() - sa.mean.unwrap()).abs() < 1e-13);
    assert!((sb.sd.unwrap() - sa.sd.unwrap()).abs() < 1e-12);
    assert!(sb.sentence.en.contains("weighted Cronbach's α"));
    assert!(sb.sentence.es.contains("α de Cronbach ponderado"));
    assert_eq!(plain.subgroups.len(), equal.subgroups.len());
    for (ga, gb) in plain.subgroups.iter().zip(&equal.subgroups) {
        assert_eq!(ga.item, gb.item);
        for (ra, rb) in ga.rows.iter().zip(&gb.rows) {
            assert_eq!(
                (ra.suppressed, ra.n, &ra.display),
                (rb.suppressed, rb.n, &rb.display)
            );
            if let (Some(x), Some(y)) = (ra.share, rb.share) {
                assert!((x - y).abs() < 1e-13);
                assert!(rb.weighted_estimate.is_some());
            }
        }
    }
}

#[test]
fn unequal_weights_change_the_estimates_but_never_the_suppression() {
    use waterline::survey::example::PARENTS_CSV;
    let w = |i: usize| 0.5 + ((i * 7) % 10) as f64 / 4.0;
    let (plain, weighted) = (
        plain_report(PARENTS_CSV),
        weighted_report(&with_weights(PARENTS_CSV, w)),
    );
    let mut moved = 0;
    for (ga, gb) in plain.subgroups.iter().zip(&weighted.subgroups) {
        // A weighted table's shares carry their weighted estimate; hidden rows never do.
        for r in &gb.rows {
            assert!(r.weighted_estimate.is_none() || (gb.weighted && r.suppressed.is_none()));
        }
        for (ra, rb) in ga.rows.iter().zip(&gb.rows) {
            assert_eq!((ra.suppressed, ra.n), (rb.suppressed, rb.n));
            moved += usize::from(ra.share != rb.share);
        }
    }
    assert!(moved > 0);
    assert!(weighted.subgroups.iter().any(|g| g.weighted));
    let s = &weighted.scales[0];
    let m = s.weighted_mean.as_ref().unwrap();
    assert!(m.deff_kish > 1.0 && m.lower < m.estimate && m.estimate < m.upper);
    assert!(s.weighted_alpha.unwrap() != plain.scales[0].alpha.as_ref().unwrap().alpha);
}
