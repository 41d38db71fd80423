//! The #19 statistics against `tests/data/stats_more.json` (scipy, statsmodels, mpmath and
//! independent transcriptions of R's code; see `tests/data/stats_more.py`).

use serde_json::Value;
use waterline::stats::adjust::{p_adjust, AdjustMethod};
use waterline::stats::effect_size::{cohens_d, paired_effects};
use waterline::stats::fisher::fisher_exact;
use waterline::stats::means::{one_sample_t, two_sample_t, TTestOptions};
use waterline::stats::one_proportion::{
    binom_test, proportion_interval, BinomTestOptions, IntervalMethod, IntervalOptions,
    TestAlternative,
};
use waterline::stats::paired_binary::paired_proportions;
use waterline::stats::prec::{assert_close, CLOSED_FORM, SPECIAL_FUNCTION};
use waterline::stats::two_by_two::compare_proportions;
use waterline::stats::LevelOptions;

/// Iterative solutions (the noncentral-t and conditional odds-ratio roots).
const ITERATIVE: f64 = 1e-6;

fn fixture(section: &str) -> Vec<Value> {
    let path = format!("{}/tests/data/stats_more.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let json = text.lines().find(|l| !l.starts_with('#')).unwrap();
    let v: Value = serde_json::from_str(json).unwrap();
    v[section].as_array().unwrap().clone()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(f).collect()
}

#[test]
fn one_proportion_intervals_match_statsmodels_and_r() {
    for r in fixture("intervals") {
        let (x, n, level) = (f(&r["x"]), f(&r["n"]), f(&r["level"]));
        for (key, method, tol) in [
            ("wilson_cc", IntervalMethod::WilsonCc, CLOSED_FORM),
            ("agresti_coull", IntervalMethod::AgrestiCoull, CLOSED_FORM),
            (
                "clopper_pearson",
                IntervalMethod::ClopperPearson,
                SPECIAL_FUNCTION,
            ),
            ("jeffreys", IntervalMethod::Jeffreys, SPECIAL_FUNCTION),
        ] {
            let ci = proportion_interval(x, n, &IntervalOptions { method, level }).unwrap();
            let want = floats(&r[key]);
            assert_close(ci.lower, want[0], tol);
            assert_close(ci.upper, want[1], tol);
        }
    }
}

#[test]
fn binomial_test_matches_scipy_which_follows_r() {
    for r in fixture("binom") {
        let alternative = match r["alternative"].as_str().unwrap() {
            "less" => TestAlternative::Less,
            "greater" => TestAlternative::Greater,
            _ => TestAlternative::TwoSided,
        };
        let o = BinomTestOptions {
            p0: f(&r["p0"]),
            alternative,
            level: 0.95,
        };
        let t = binom_test(f(&r["x"]), f(&r["n"]), &o).unwrap();
        assert_close(t.p_value, f(&r["p"]), SPECIAL_FUNCTION);
        assert_close(t.lower, f(&r["lower"]), SPECIAL_FUNCTION);
        assert_close(t.upper, f(&r["upper"]), SPECIAL_FUNCTION);
    }
}

#[test]
fn two_proportions_match_prop_test_and_table2x2() {
    for r in fixture("compare") {
        let o = LevelOptions {
            level: f(&r["level"]),
        };
        let c =
            compare_proportions(f(&r["x1"]), f(&r["n1"]), f(&r["x2"]), f(&r["n2"]), &o).unwrap();
        let (w, cc) = (floats(&r["wald"]), floats(&r["wald_cc"]));
        assert_close(c.wald.lower, w[0], CLOSED_FORM);
        assert_close(c.wald.upper, w[1], CLOSED_FORM);
        assert_close(c.wald_corrected.lower, cc[0], CLOSED_FORM);
        assert_close(c.wald_corrected.upper, cc[1], CLOSED_FORM);
        for (got, key) in [(c.risk_ratio.unwrap(), "rr"), (c.odds_ratio.unwrap(), "or")] {
            let want = floats(&r[key]);
            assert_close(got.estimate, want[0], CLOSED_FORM);
            assert_close(got.lower, want[1], CLOSED_FORM);
            assert_close(got.upper, want[2], CLOSED_FORM);
        }
    }
}

fn table(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().unwrap().iter().map(floats).collect()
}

#[test]
fn fisher_2x2_matches_scipy_with_conditional_odds_ratio() {
    for r in fixture("fisher2") {
        let t = fisher_exact(&table(&r["table"]), 0.95).unwrap();
        assert_close(t.p_value, f(&r["p"]), CLOSED_FORM);
        assert_eq!(t.odds_ratio.is_none(), r["or"].is_null());
        if let Some(or) = t.odds_ratio {
            assert_close(or, f(&r["or"]), ITERATIVE);
        }
        assert_close(t.lower.unwrap(), f(&r["lower"]), ITERATIVE);
        assert_eq!(t.upper.is_none(), r["upper"].is_null());
        if let Some(u) = t.upper {
            assert_close(u, f(&r["upper"]), ITERATIVE);
        }
    }
}

#[test]
fn fisher_rxc_matches_brute_force_enumeration() {
    for r in fixture("fisher_rxc") {
        let t = fisher_exact(&table(&r["table"]), 0.95).unwrap();
        assert_close(t.p_value, f(&r["p"]), CLOSED_FORM);
        assert!(t.odds_ratio.is_none());
    }
}

#[test]
fn paired_yes_no_mid_p_and_wald() {
    for r in fixture("paired") {
        let c = floats(&r["t"]);
        let p = paired_proportions(c[0], c[1], c[2], c[3], &LevelOptions::default()).unwrap();
        assert_close(p.p_mid, f(&r["p_mid"]), CLOSED_FORM);
        let (w, cc) = (floats(&r["wald"]), floats(&r["wald_cc"]));
        assert_close(p.wald.lower, w[0], CLOSED_FORM);
        assert_close(p.wald.upper, w[1], CLOSED_FORM);
        assert_close(p.wald_corrected.lower, cc[0], CLOSED_FORM);
        assert_close(p.wald_corrected.upper, cc[1], CLOSED_FORM);
    }
}

/// t, df, p, lower, upper.
fn check_t(t: &waterline::stats::means::TTest, want: &[f64]) {
    assert_close(t.t, want[0], CLOSED_FORM);
    assert_close(t.df, want[1], CLOSED_FORM);
    assert_close(t.p_value, want[2], SPECIAL_FUNCTION);
    assert_close(t.lower, want[3], SPECIAL_FUNCTION);
    assert_close(t.upper, want[4], SPECIAL_FUNCTION);
}

#[test]
fn t_tests_match_scipy() {
    for r in fixture("means") {
        let (x, y) = (floats(&r["x"]), floats(&r["y"]));
        let one = TTestOptions {
            mu: 3.0,
            ..Default::default()
        };
        check_t(&one_sample_t(&x, &one).unwrap(), &floats(&r["one"]));
        let welch = TTestOptions::default();
        check_t(&two_sample_t(&x, &y, &welch).unwrap(), &floats(&r["welch"]));
        let student = TTestOptions {
            var_equal: true,
            ..welch
        };
        check_t(
            &two_sample_t(&x, &y, &student).unwrap(),
            &floats(&r["student"]),
        );
    }
}

#[test]
fn effect_sizes_match_noncentral_t_roots() {
    for r in fixture("means") {
        let e = cohens_d(&floats(&r["x"]), &floats(&r["y"]), &LevelOptions::default()).unwrap();
        let d = floats(&r["d"]);
        assert_close(e.cohens_d.estimate, d[0], CLOSED_FORM);
        assert_close(e.cohens_d.lower.unwrap(), d[1], ITERATIVE);
        assert_close(e.cohens_d.upper.unwrap(), d[2], ITERATIVE);
        assert_close(e.correction, f(&r["j"]), CLOSED_FORM);
        assert_close(e.hedges_g_approx.estimate, f(&r["g_approx"]), CLOSED_FORM);
        assert_close(e.hedges_g.estimate, d[0] * f(&r["j"]), CLOSED_FORM);
    }
    for r in fixture("paired_effects") {
        let (b, a) = (floats(&r["before"]), floats(&r["after"]));
        let e = paired_effects(&b, &a, &LevelOptions::default()).unwrap();
        let dz = floats(&r["dz"]);
        assert_close(e.dz.estimate, dz[0], CLOSED_FORM);
        assert_close(e.dz.lower.unwrap(), dz[1], ITERATIVE);
        assert_close(e.dz.upper.unwrap(), dz[2], ITERATIVE);
        assert_close(e.gz.estimate, dz[0] * f(&r["j"]), CLOSED_FORM);
        assert_close(e.gav.estimate, f(&r["gav"]), CLOSED_FORM);
    }
}

#[test]
fn by_and_hommel_match_r_as_statsmodels_computes_them() {
    for r in fixture("adjust") {
        let p = floats(&r["p"]);
        for (key, method) in [
            ("by", AdjustMethod::BenjaminiYekutieli),
            ("hommel", AdjustMethod::Hommel),
        ] {
            let got = p_adjust(&p, method).unwrap().adjusted;
            for (g, w) in got.iter().zip(floats(&r[key])) {
                assert_close(g.unwrap(), w, CLOSED_FORM);
            }
        }
    }
}

/// g_av's Algina–Keselman interval against roots of R's noncentral `pt`:
/// `tests/data/gav_interval.csv`, written by `tests/data/gav_interval.R`.
#[test]
fn gav_interval_matches_r_noncentral_t_roots() {
    let path = format!("{}/tests/data/gav_interval.csv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let mut worst = 0.0f64;
    for line in text.lines().skip(2) {
        let c: Vec<&str> = line.split(',').map(|s| s.trim_matches('"')).collect();
        let nums = |s: &str| -> Vec<f64> { s.split(' ').map(|v| v.parse().unwrap()).collect() };
        let num = |i: usize| -> f64 { c[i].parse().unwrap() };
        let options = LevelOptions { level: num(1) };
        let e = paired_effects(&nums(c[2]), &nums(c[3]), &options).unwrap();
        assert_close(e.gav.estimate, num(4), CLOSED_FORM);
        for (got, want) in [
            (e.gav.lower.unwrap(), num(5)),
            (e.gav.upper.unwrap(), num(6)),
        ] {
            assert_close(got, want, ITERATIVE);
            worst = worst.max(((got - want) / want).abs());
        }
    }
    eprintln!("g_av bounds: worst relative error {worst:e}");
}
