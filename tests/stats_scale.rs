//! Accurate t tails, scale reliability, p-value adjustment and power, checked against reference
//! values from mpmath and R. Each fixture in `tests/data/` starts with a comment naming the
//! command that produced it; the scripts sit beside the fixtures.

use serde_json::Value;
use statrs::distribution::{ContinuousCDF, StudentsT};
use waterline::stats::noncentral_t::noncentral_t_cdf;
use waterline::stats::power::{self, Alternative, PowerOptions};
use waterline::stats::prec::{assert_close, CLOSED_FORM, POWER, T_TAIL};
use waterline::stats::{cronbach_alpha, p_adjust, student_t, AdjustMethod, AlphaOptions};

/// Reads a numeric fixture: skips `#` comment lines and the header, splits on commas.
fn fixture(name: &str) -> Vec<Vec<f64>> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            l.split(',')
                .map(|v| v.trim().parse::<f64>().unwrap())
                .collect()
        })
        .collect()
}

/// Reads a JSON fixture whose first line is a `#` comment.
fn json_fixture(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A JSON array of numbers, `null` read as NaN (a missing answer or p-value).
fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

/// A JSON array of numbers or `null`.
fn optional_numbers(v: &Value) -> Vec<Option<f64>> {
    v.as_array().unwrap().iter().map(Value::as_f64).collect()
}

fn rel(actual: f64, expected: f64) -> f64 {
    if actual == expected {
        0.0
    } else {
        ((actual - expected) / expected).abs()
    }
}

/// The tolerance for a fixture row: 1e-12 at every df (beyond df = 10³ the tail goes through
/// the large-df expansion, see `tests/stats_t_tail.rs` for df up to 1.8e308).
fn t_tolerance(_df: f64) -> f64 {
    T_TAIL
}

#[test]
fn t_two_sided_p_matches_mpmath_to_1e_12() {
    let rows = fixture("scale_t.csv");
    assert!(rows.len() > 900);
    let mut worst = (0.0, 0.0, 0.0);
    for r in &rows {
        let (t, df, p) = (r[0], r[1], r[2]);
        let ours = student_t::two_sided_p(t, df).unwrap();
        assert_close(ours, p, t_tolerance(df));
        if df <= 1e3 && rel(ours, p) > worst.0 {
            worst = (rel(ours, p), t, df);
        }
    }
    println!(
        "waterline, df ≤ 1000: worst relative error {:e} at t = {}, df = {}",
        worst.0, worst.1, worst.2
    );
}

#[test]
fn t_cdf_and_sf_match_mpmath_to_1e_12() {
    for r in fixture("scale_t.csv") {
        let (t, df, c) = (r[0], r[1], r[3]);
        assert_close(student_t::cdf(t, df).unwrap(), c, t_tolerance(df));
        // sf(t) = cdf(−t); the fixture's cdf at −t is the sf at t.
        assert_close(student_t::sf(-t, df).unwrap(), c, t_tolerance(df));
    }
}

#[test]
fn t_bulk_equals_scalar() {
    let rows = fixture("scale_t.csv");
    let t: Vec<f64> = rows.iter().map(|r| r[0]).collect();
    let df: Vec<f64> = rows.iter().map(|r| r[1]).collect();
    let many = student_t::two_sided_p_many(&t, &df).unwrap();
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(many[i], student_t::two_sided_p(r[0], r[1]).unwrap());
    }
}

#[test]
fn t_quantile_matches_mpmath() {
    for r in fixture("scale_t_quantile.csv") {
        let (p, df, q) = (r[0], r[1], r[2]);
        assert_close(student_t::quantile(p, df).unwrap(), q, T_TAIL);
    }
}

/// Measures statrs' `StudentsT` on the same points, for df from 1 to 1000 (the figures quoted in
/// `student_t::two_sided_p`'s documentation). Run with `--nocapture` to see them.
#[test]
fn statrs_students_t_error_on_the_same_points() {
    let mut worst = (0.0, 0.0, 0.0, 0.0);
    let (mut over, mut total) = (0, 0);
    for r in fixture("scale_t.csv") {
        let (t, df, p) = (r[0], r[1], r[2]);
        if !(1.0..=1000.0).contains(&df) || t < 0.0 {
            continue;
        }
        total += 1;
        let Ok(dist) = StudentsT::new(0.0, 1.0, df) else {
            continue;
        };
        let e = rel(2.0 * dist.sf(t), p);
        over += usize::from(e > 1e-12);
        if e > worst.0 {
            worst = (e, t, df, p);
        }
    }
    println!(
        "statrs 0.19 two-sided p: {over} of {total} points above 1e-12; worst {:e} at t = {}, df = {} (p = {})",
        worst.0, worst.1, worst.2, worst.3
    );
    // statrs' inverse_cdf panics at p = 1e-300 and never returns at p = 1e-100 with df = 1000,
    // so only p ≥ 1e-20 is measured here.
    let mut worst_q = (0.0, 0.0, 0.0);
    let mut over_q = 0;
    for r in fixture("scale_t_quantile.csv") {
        let (p, df, q) = (r[0], r[1], r[2]);
        let Ok(dist) = StudentsT::new(0.0, 1.0, df) else {
            continue;
        };
        if p < 1e-20 {
            continue;
        }
        let e = rel(dist.inverse_cdf(p), q);
        let e = if e.is_nan() { f64::INFINITY } else { e };
        over_q += usize::from(e > 1e-12);
        if e > worst_q.0 {
            worst_q = (e, p, df);
        }
    }
    println!(
        "statrs 0.19 quantile, p ≥ 1e-20: {over_q} points above 1e-12, worst relative error {:e} at p = {}, df = {}",
        worst_q.0, worst_q.1, worst_q.2
    );
}

// --- Cronbach's alpha ---------------------------------------------------------------------

#[test]
fn alpha_matches_r_psych_with_listwise_deletion() {
    let fixture = json_fixture("scale_alpha.json");
    let sets = fixture["sets"].as_array().unwrap();
    assert!(sets.len() >= 6);
    for set in sets {
        let name = set["name"].as_str().unwrap();
        let k = set["nItems"].as_u64().unwrap() as usize;
        let data = numbers(&set["data"]);
        for interval in set["intervals"].as_array().unwrap() {
            let level = interval["level"].as_f64().unwrap();
            let a = cronbach_alpha(&data, k, &AlphaOptions { level }).unwrap();
            assert_eq!(a.n as u64, set["n"].as_u64().unwrap(), "{name}");
            assert_eq!(a.n_used as u64, set["nUsed"].as_u64().unwrap(), "{name}");
            assert_close(a.alpha, set["alpha"].as_f64().unwrap(), CLOSED_FORM);
            assert_close(
                a.standardized_alpha.unwrap(),
                set["standardizedAlpha"].as_f64().unwrap(),
                CLOSED_FORM,
            );
            assert_close(
                a.mean_inter_item_r.unwrap(),
                set["meanR"].as_f64().unwrap(),
                CLOSED_FORM,
            );
            assert_close(a.lower, interval["lower"].as_f64().unwrap(), CLOSED_FORM);
            assert_close(a.upper, interval["upper"].as_f64().unwrap(), CLOSED_FORM);
            let r_total = numbers(&set["rTotal"]);
            let r_drop = numbers(&set["rDrop"]);
            let means = numbers(&set["mean"]);
            let sds = numbers(&set["sd"]);
            let deleted = optional_numbers(&set["alphaIfDeleted"]);
            for (j, item) in a.items.iter().enumerate() {
                assert_close(item.r_total.unwrap(), r_total[j], CLOSED_FORM);
                assert_close(item.r_drop.unwrap(), r_drop[j], CLOSED_FORM);
                assert_close(item.mean, means[j], CLOSED_FORM);
                assert_close(item.sd, sds[j], CLOSED_FORM);
                match (item.alpha_if_deleted, deleted[j]) {
                    (Some(ours), Some(r)) => assert_close(ours, r, CLOSED_FORM),
                    (None, None) => {}
                    (ours, r) => panic!("{name}, item {j}: alpha if deleted {ours:?} vs R {r:?}"),
                }
            }
        }
    }
}

// --- p-value adjustment ---------------------------------------------------------------------

#[test]
fn p_adjust_matches_r() {
    let fixture = json_fixture("scale_p_adjust.json");
    let cases = fixture.as_array().unwrap();
    assert!(cases.len() >= 28);
    for case in cases {
        let method: AdjustMethod = serde_json::from_value(case["method"].clone()).unwrap();
        let p = numbers(&case["p"]);
        let expected = optional_numbers(&case["adjusted"]);
        let ours = p_adjust(&p, method).unwrap();
        assert_eq!(ours.method, method.as_str());
        assert_eq!(ours.adjusted.len(), expected.len());
        for (o, e) in ours.adjusted.iter().zip(&expected) {
            match (o, e) {
                (Some(o), Some(e)) => assert_close(*o, *e, CLOSED_FORM),
                (None, None) => {}
                _ => panic!("{method:?} {p:?}: {o:?} vs R {e:?}"),
            }
        }
    }
}

// --- power and sample size ------------------------------------------------------------------

fn options(alpha: f64, sides: f64, strict: f64) -> PowerOptions {
    PowerOptions {
        alpha,
        alternative: if sides == 2.0 {
            Alternative::TwoSided
        } else {
            Alternative::OneSided
        },
        strict: strict == 1.0,
    }
}

/// Runs a power fixture: rows `a, b, alpha, sides, strict, solve, n, power`, with `solve` 0 for
/// power from n and 1 for n from power.
fn check_power_fixture(
    name: &str,
    power_fn: fn(f64, f64, f64, &PowerOptions) -> waterline::Result<power::Power>,
    size_fn: fn(f64, f64, f64, &PowerOptions) -> waterline::Result<power::SampleSize>,
) {
    let rows = fixture(name);
    assert!(rows.len() > 60, "{name}");
    for r in rows {
        let o = options(r[2], r[3], r[4]);
        let (n, pw) = (r[6], r[7]);
        if r[5] == 0.0 {
            let ours = power_fn(r[0], r[1], n, &o).unwrap();
            assert_close(ours.power, pw, POWER);
        } else {
            let ours = size_fn(r[0], r[1], pw, &o).unwrap();
            assert_close(ours.n_exact, n, POWER);
            assert_eq!(
                ours.n as f64,
                n.ceil()
                    .max(if name.contains("paired_t") { 2.0 } else { 1.0 })
            );
            assert!(ours.achieved_power >= pw - 1e-12);
        }
    }
}

#[test]
fn two_proportions_match_r_power_prop_test() {
    check_power_fixture(
        "scale_power_prop.csv",
        power::power_two_proportions,
        power::sample_size_two_proportions,
    );
}

#[test]
fn paired_means_match_r_power_t_test_paired() {
    check_power_fixture(
        "scale_power_paired_t.csv",
        power::power_paired_means,
        power::sample_size_paired_means,
    );
}

#[test]
fn paired_proportions_match_connor_1987() {
    check_power_fixture(
        "scale_power_mcnemar.csv",
        power::power_paired_proportions,
        power::sample_size_paired_proportions,
    );
}

#[test]
fn noncentral_t_matches_r_pt_with_ncp() {
    for r in fixture("scale_pnt.csv") {
        let (t, df, ncp) = (r[0], r[1], r[2]);
        for (lower, expected) in [(true, r[3]), (false, r[4])] {
            let ours = noncentral_t_cdf(t, df, ncp, lower).unwrap();
            // R's series stops at an absolute error bound of 1e-12.
            assert!(
                (ours - expected).abs() <= 1e-11 || rel(ours, expected) <= POWER,
                "pt({t}, {df}, {ncp}, lower = {lower}): {ours:e} vs R {expected:e}"
            );
        }
    }
}

#[test]
fn seed_staff_climate_48_to_72_needs_65_per_wave() {
    // "Adults believe every student can be a success": 48% (2014-15) → 72% (2017-18).
    let s = power::sample_size_two_proportions(0.48, 0.72, 0.8, &PowerOptions::default()).unwrap();
    assert_eq!((s.n, s.unit), (65, "per_group"));
}
