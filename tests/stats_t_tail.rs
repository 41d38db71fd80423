//! Student's t tails at any finite number of degrees of freedom, and the normal tail, checked
//! against mpmath at 50 digits (`tests/data/t_tail_any_df.py` wrote both fixtures), with the
//! reproductions of issue #15 item 7.

use waterline::stats::dist;
use waterline::stats::prec::{assert_close, T_TAIL};
use waterline::stats::{paired_t, student_t, LevelOptions};

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

fn rel(actual: f64, expected: f64) -> f64 {
    if actual == expected {
        0.0
    } else {
        ((actual - expected) / expected).abs()
    }
}

#[test]
fn t_tails_match_mpmath_for_df_from_1_to_1e308() {
    let rows = fixture("t_tail_any_df.csv");
    assert!(rows.len() > 800, "{} rows", rows.len());
    let mut worst = (0.0, 0.0, 0.0);
    for r in &rows {
        let (t, df, p, c) = (r[0], r[1], r[2], r[3]);
        let ours = student_t::two_sided_p(t, df).unwrap();
        assert_close(ours, p, T_TAIL);
        assert_close(student_t::cdf(t, df).unwrap(), c, T_TAIL);
        assert_close(student_t::sf(-t, df).unwrap(), c, T_TAIL);
        assert_close(dist::t_cdf(t, df).unwrap(), c, T_TAIL);
        if rel(ours, p) > worst.0 {
            worst = (rel(ours, p), t, df);
        }
    }
    println!(
        "two-sided p, df 1 to 1.8e308: worst relative error {:e} at t = {}, df = {}",
        worst.0, worst.1, worst.2
    );
}

#[test]
fn bulk_t_tails_equal_the_scalar_ones_at_any_df() {
    let rows = fixture("t_tail_any_df.csv");
    let t: Vec<f64> = rows.iter().map(|r| r[0]).collect();
    let df: Vec<f64> = rows.iter().map(|r| r[1]).collect();
    let many = student_t::two_sided_p_many(&t, &df).unwrap();
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(many[i], student_t::two_sided_p(r[0], r[1]).unwrap());
    }
}

#[test]
fn normal_tail_matches_mpmath_to_1e_14() {
    for r in fixture("normal_tail.csv") {
        let (x, sf, cdf) = (r[0], r[1], r[2]);
        assert_close(dist::normal_sf(x).unwrap(), sf, 1e-14);
        assert_close(dist::normal_cdf(x).unwrap(), cdf, 1e-14);
    }
}

/// Issue #15 item 7: `tTwoSidedP([10], [1e20])` returned 1 and `([2], [1e308])` NaN.
#[test]
fn issue_15_huge_df_gives_the_normal_tail() {
    // mpmath (t_tail_any_df.py): 2 P(T > 10), df = 1e20.
    let p = student_t::two_sided_p_many(&[10.0], &[1e20]).unwrap()[0];
    assert_close(p, 1.523_970_604_832_105_3e-23, T_TAIL);
    let p = student_t::two_sided_p_many(&[2.0], &[1e308]).unwrap()[0];
    assert_close(p, 0.045_500_263_896_358_41, T_TAIL);
    // Every finite df gives a number in [0, 1].
    for df in [1e3, 1e7, 1e15, 1e30, 1e154, 1e155, 1e200, f64::MAX] {
        for t in [
            0.0,
            1e-300,
            0.5,
            2.0,
            2.3,
            10.0,
            40.0,
            1e10,
            1e300,
            f64::MAX,
        ] {
            let p = student_t::two_sided_p(t, df).unwrap();
            assert!((0.0..=1.0).contains(&p), "t {t} df {df}: {p}");
            let c = student_t::cdf(-t, df).unwrap();
            assert!((0.0..=0.5).contains(&c), "t {t} df {df}: cdf {c}");
        }
    }
}

/// The paired t-test's p-value goes through the same tail: a million pairs (df ≈ 10⁶) are as
/// accurate as `tTwoSidedP` at that df.
#[test]
fn paired_t_uses_the_accurate_tail() {
    let n = 1_000_001;
    let before = vec![0.0; n];
    let after: Vec<f64> = (0..n)
        .map(|i| ((i * 7919) % 1000) as f64 / 1000.0)
        .collect();
    let r = paired_t(&before, &after, &LevelOptions::default()).unwrap();
    assert_eq!(r.df, 1e6);
    assert_eq!(r.p_value, student_t::two_sided_p(r.t, r.df).unwrap());
}

/// The quantile inverts the same tail, so at huge df it is the normal quantile (mpmath:
/// Φ⁻¹(p) by root finding on erfc at 60 digits).
#[test]
fn t_quantile_at_huge_df_is_the_normal_quantile() {
    for df in [1e20, 1e300] {
        assert_close(
            student_t::quantile(0.975, df).unwrap(),
            1.959_963_984_540_054,
            T_TAIL,
        );
        assert_close(
            student_t::quantile(1e-100, df).unwrap(),
            -21.273_453_560_965_324,
            T_TAIL,
        );
        assert_close(
            student_t::quantile(0.500_000_1, df).unwrap(),
            2.506_628_273_311_648e-7,
            1e-9,
        );
    }
}
