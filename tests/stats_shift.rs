//! The shift statistics (McNemar, Wilcoxon signed-rank, paired t, two proportions,
//! Mann–Whitney, chi-square) checked against R, scipy and statsmodels. Each fixture in
//! `tests/data/shift_*.json` starts with a comment naming the command that produced it.
//!
//! Tolerances (`waterline::stats::prec`): closed forms (statistics, intervals from closed
//! formulas, exact rank distributions) at `CLOSED_FORM` = 1e-10 relative; anything that goes
//! through statrs' normal / t / chi-square / beta functions at `SPECIAL_FUNCTION` = 1e-8. Run with
//! `--nocapture` to see the largest relative error measured in each group.

use serde_json::Value;
use waterline::stats::prec::{assert_close, CLOSED_FORM, SPECIAL_FUNCTION};
use waterline::stats::{self, dist, ZeroMethod};

/// Reads a JSON fixture, skipping its `#` header lines.
fn fixture(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    match serde_json::from_str(&body) {
        Ok(Value::Array(cases)) => cases,
        other => panic!("{path}: not a JSON array: {other:?}"),
    }
}

fn num(case: &Value, key: &str) -> f64 {
    case[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {case}"))
}

fn opt(case: &Value, key: &str) -> Option<f64> {
    case[key].as_f64()
}

/// A data array; `null` (R's NA) becomes NaN, the engine's missing value.
fn arr(case: &Value, key: &str) -> Vec<f64> {
    case[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} missing in {case}"))
        .iter()
        .map(|v| v.as_f64().unwrap_or(f64::NAN))
        .collect()
}

/// Largest relative error seen in a group of comparisons, printed when the group ends.
struct Worst(&'static str, f64);

impl Worst {
    #[track_caller]
    fn check(&mut self, actual: f64, expected: f64, tol: f64) {
        let err = if expected == 0.0 {
            actual.abs()
        } else {
            ((actual - expected) / expected).abs()
        };
        self.1 = self.1.max(err);
        assert_close(actual, expected, tol);
    }
}

impl Drop for Worst {
    fn drop(&mut self) {
        println!("{:<40} max relative error {:e}", self.0, self.1);
    }
}

#[test]
fn distribution_wrappers_match_r() {
    let mut worst = [
        Worst("normal cdf/sf vs pnorm", 0.0),
        Worst("t cdf/sf vs pt", 0.0),
        Worst("chi-square sf vs pchisq", 0.0),
        Worst("binomial pmf vs dbinom", 0.0),
        Worst("binomial cdf vs pbinom", 0.0),
    ];
    let cases = fixture("shift_dist.json");
    assert!(cases.len() > 600);
    for c in &cases {
        let v = num(c, "value");
        let (got, w) = match c["fn"].as_str().unwrap() {
            "normal_cdf" => (dist::normal_cdf(num(c, "x")).unwrap(), 0),
            "normal_sf" => (dist::normal_sf(num(c, "x")).unwrap(), 0),
            "t_cdf" => (dist::t_cdf(num(c, "x"), num(c, "df")).unwrap(), 1),
            "t_sf" => (dist::t_sf(num(c, "x"), num(c, "df")).unwrap(), 1),
            "chi_square_sf" => (dist::chi_square_sf(num(c, "x"), num(c, "df")).unwrap(), 2),
            "binomial_pmf" => {
                let (k, n) = (num(c, "k") as u64, num(c, "n") as u64);
                (dist::binomial_pmf(k, n, num(c, "p")).unwrap(), 3)
            }
            "binomial_cdf" => {
                let (k, n) = (num(c, "k") as u64, num(c, "n") as u64);
                (dist::binomial_cdf(k, n, num(c, "p")).unwrap(), 4)
            }
            other => panic!("unknown function {other}"),
        };
        // Values below 1e-300 are at the edge of double precision in both programs.
        if v.abs() > 1e-300 {
            worst[w].check(got, v, SPECIAL_FUNCTION);
        }
    }
}

#[test]
fn mcnemar_matches_r_and_newcombe_method_10() {
    let mut p_exact = Worst("McNemar exact p vs binom.test", 0.0);
    let mut chi = Worst("McNemar chi-square statistics", 0.0);
    let mut p_chi = Worst("McNemar chi-square p vs mcnemar.test", 0.0);
    let mut ci = Worst("Newcombe paired interval (R, paper)", 0.0);
    let cases = fixture("shift_mcnemar.json");
    assert!(cases.len() >= 15);
    for c in &cases {
        let (a, b, cc, d) = (num(c, "a"), num(c, "b"), num(c, "c"), num(c, "d"));
        let options = stats::McNemarOptions {
            level: num(c, "level"),
            a: Some(a),
            d: Some(d),
        };
        let r = stats::mcnemar(b, cc, &options).unwrap();
        p_exact.check(r.p_value, num(c, "pExact"), SPECIAL_FUNCTION);
        chi.check(r.chi_square, num(c, "chiSquare"), CLOSED_FORM);
        chi.check(
            r.chi_square_corrected,
            num(c, "chiSquareCorrected"),
            CLOSED_FORM,
        );
        p_chi.check(r.p_chi_square, num(c, "pChiSquare"), SPECIAL_FUNCTION);
        p_chi.check(
            r.p_chi_square_corrected,
            num(c, "pChiSquareCorrected"),
            SPECIAL_FUNCTION,
        );
        let diff = r.difference.clone().expect("the table is known");
        assert_eq!(diff.method, "newcombe_paired");
        ci.check(diff.estimate, num(c, "estimate"), CLOSED_FORM);
        ci.check(diff.lower, num(c, "lower"), CLOSED_FORM);
        ci.check(diff.upper, num(c, "upper"), CLOSED_FORM);

        // The same table given as pairs of 0/1 answers.
        let mut before = Vec::new();
        let mut after = Vec::new();
        for (count, bv, av) in [(a, 1.0, 1.0), (b, 1.0, 0.0), (cc, 0.0, 1.0), (d, 0.0, 0.0)] {
            for _ in 0..count as usize {
                before.push(bv);
                after.push(av);
            }
        }
        let level = stats::LevelOptions {
            level: num(c, "level"),
        };
        let p = stats::mcnemar_pairs(&before, &after, &level).unwrap();
        assert_eq!(
            (p.b, p.c, p.table.unwrap().a, p.table.unwrap().d),
            (b as u64, cc as u64, a as u64, d as u64)
        );
        assert_eq!(p.p_value, r.p_value);
        assert_eq!(p.difference, r.difference);

        // Discordant counts only: the test without the interval.
        let only = stats::mcnemar(b, cc, &stats::McNemarOptions::default()).unwrap();
        assert_eq!(only.p_value, r.p_value);
        assert!(only.difference.is_none() && only.table.is_none());
    }
}

#[test]
fn newcombe_paired_reproduces_the_published_worked_example() {
    // Altman, Machin, Bryant & Gardner (2000), Statistics with Confidence, Table 6.2:
    // a = 14, b = 5, c = 0, d = 22; p1 − p2 = 0.122, 95% CI 0.011 to 0.226.
    let t = stats::PairedTable {
        a: 14,
        b: 5,
        c: 0,
        d: 22,
    };
    let d = stats::newcombe_paired(&t, 0.95).unwrap();
    assert_eq!((-d.estimate * 1000.0).round(), 122.0);
    assert_eq!((-d.upper * 1000.0).round(), 11.0);
    assert_eq!((-d.lower * 1000.0).round(), 226.0);
}

#[test]
fn two_proportions_match_r_epi_and_statsmodels() {
    let mut ci = Worst("Newcombe interval vs Epi::ci.pd", 0.0);
    let mut ci_sm = Worst("Newcombe interval vs statsmodels", 0.0);
    let mut chi = Worst("prop.test chi-square statistic", 0.0);
    let mut p = Worst("prop.test p-value", 0.0);
    let mut z = Worst("score z vs statsmodels", 0.0);
    let cases = fixture("shift_two_proportions.json");
    assert!(cases.len() >= 15);
    for c in &cases {
        let (x1, n1, x2, n2, level) = (
            num(c, "x1"),
            num(c, "n1"),
            num(c, "x2"),
            num(c, "n2"),
            num(c, "level"),
        );
        for correct in [false, true] {
            let o = stats::TwoProportionsOptions { level, correct };
            let r = stats::two_proportions(x1, n1, x2, n2, &o).unwrap();
            assert_eq!(r.interval_method, "newcombe");
            ci.check(r.difference, num(c, "difference"), CLOSED_FORM);
            ci.check(r.lower, num(c, "lower"), CLOSED_FORM);
            ci.check(r.upper, num(c, "upper"), CLOSED_FORM);
            assert_close(r.cohens_h, num(c, "cohensH"), CLOSED_FORM);
            let (chi_key, p_key) = if correct {
                ("chiSquareYates", "pValueYates")
            } else {
                ("chiSquare", "pValue")
            };
            match (opt(c, chi_key), opt(c, p_key)) {
                (Some(x), Some(pv)) => {
                    chi.check(r.chi_square, x, CLOSED_FORM);
                    p.check(r.p_value, pv, SPECIAL_FUNCTION);
                }
                // R: NaN when both waves are at 0% or 100%; documented here as p = 1.
                _ => {
                    assert_eq!((r.chi_square, r.p_value), (0.0, 1.0));
                    assert!(!r.warnings.is_empty());
                }
            }
        }
    }
    for c in &fixture("shift_two_proportions_sm.json") {
        let o = stats::TwoProportionsOptions {
            level: num(c, "level"),
            correct: false,
        };
        let r = stats::two_proportions(num(c, "x1"), num(c, "n1"), num(c, "x2"), num(c, "n2"), &o)
            .unwrap();
        ci_sm.check(r.lower, num(c, "lower"), CLOSED_FORM);
        ci_sm.check(r.upper, num(c, "upper"), CLOSED_FORM);
        if let Some(expected) = opt(c, "z") {
            z.check(r.z, expected, CLOSED_FORM);
        }
    }
}

#[test]
fn seed_000_staff_survey_48_to_72_percent_depends_on_assumed_wave_sizes() {
    // The published figures give no wave sizes; the interval narrows as the assumed n grows.
    let o = stats::TwoProportionsOptions::default();
    let widths: Vec<f64> = [25.0, 50.0, 100.0, 200.0]
        .iter()
        .map(|n| {
            let r = stats::two_proportions(0.48 * n, *n, 0.72 * n, *n, &o).unwrap();
            assert!((r.difference - 0.24).abs() < 1e-12);
            r.upper - r.lower
        })
        .collect();
    assert!(widths.windows(2).all(|w| w[1] < w[0]), "{widths:?}");
    // n = 50 per wave: 95% interval about 5 to 41 points.
    let r = stats::two_proportions(24.0, 50.0, 36.0, 50.0, &o).unwrap();
    assert_eq!(
        ((r.lower * 100.0).round(), (r.upper * 100.0).round()),
        (5.0, 41.0)
    );
}

fn signed_rank_options(c: &Value, zero_method: ZeroMethod) -> stats::SignedRankOptions {
    stats::SignedRankOptions {
        zero_method,
        correct: c["correct"].as_bool().unwrap(),
        exact: c["exact"].as_bool(),
    }
}

#[test]
fn wilcoxon_signed_rank_matches_r() {
    let mut v = Worst("signed-rank V vs wilcox.test", 0.0);
    let mut p_exact = Worst("signed-rank exact p vs wilcox.test", 0.0);
    let mut p_normal = Worst("signed-rank normal p vs wilcox.test", 0.0);
    let mut rb = Worst("rank-biserial vs effectsize", 0.0);
    let cases = fixture("shift_wilcoxon.json");
    assert!(cases.len() >= 70);
    for c in &cases {
        let o = signed_rank_options(c, ZeroMethod::Wilcox);
        let r = stats::wilcoxon_signed_rank(&arr(c, "before"), &arr(c, "after"), &o).unwrap();
        let name = c["name"].as_str().unwrap();
        v.check(r.statistic, num(c, "statistic"), CLOSED_FORM);
        match opt(c, "pValue") {
            Some(expected) => {
                let exact = c["exactUsed"].as_bool().unwrap();
                assert_eq!(r.p_value_method == "exact", exact, "{name}: exact or not");
                if exact {
                    p_exact.check(r.p_value, expected, CLOSED_FORM);
                } else {
                    p_normal.check(r.p_value, expected, SPECIAL_FUNCTION);
                }
            }
            None => {
                assert_eq!(r.p_value, 1.0, "{name}: all zero differences give p = 1");
                assert!(!r.warnings.is_empty());
            }
        }
        match opt(c, "rankBiserial") {
            Some(expected) => rb.check(r.rank_biserial, expected, CLOSED_FORM),
            None => assert_eq!(r.rank_biserial, 0.0),
        }
    }
}

#[test]
fn wilcoxon_signed_rank_pratt_matches_scipy() {
    let mut stat = Worst("Pratt min(R+, R-) vs scipy", 0.0);
    let mut zs = Worst("Pratt z vs scipy", 0.0);
    let mut p = Worst("Pratt p vs scipy", 0.0);
    let cases = fixture("shift_wilcoxon_pratt.json");
    assert!(cases.len() >= 25);
    for c in &cases {
        let o = signed_rank_options(c, ZeroMethod::Pratt);
        let r = stats::wilcoxon_signed_rank(&arr(c, "before"), &arr(c, "after"), &o).unwrap();
        let Some(expected_p) = opt(c, "pValue") else {
            assert_eq!(r.p_value, 1.0, "all zero differences give p = 1");
            continue;
        };
        stat.check(
            r.rank_sum_positive.min(r.rank_sum_negative),
            num(c, "statistic"),
            CLOSED_FORM,
        );
        if let Some(z) = opt(c, "z") {
            zs.check(-r.z.unwrap().abs(), z, CLOSED_FORM);
            p.check(r.p_value, expected_p, SPECIAL_FUNCTION);
        } else {
            assert_eq!(r.p_value_method, "exact");
            p.check(r.p_value, expected_p, CLOSED_FORM);
        }
    }
}

#[test]
fn paired_t_matches_r() {
    let mut closed = Worst("paired t statistic, mean, d_z", 0.0);
    let mut p = Worst("paired t p-value", 0.0);
    let mut ci = Worst("paired t interval (t quantile)", 0.0);
    let cases = fixture("shift_paired_t.json");
    for c in &cases {
        let o = stats::LevelOptions {
            level: num(c, "level"),
        };
        let r = stats::paired_t(&arr(c, "before"), &arr(c, "after"), &o).unwrap();
        closed.check(r.t, num(c, "t"), CLOSED_FORM);
        closed.check(r.df, num(c, "df"), CLOSED_FORM);
        closed.check(r.mean_difference, num(c, "meanDifference"), CLOSED_FORM);
        closed.check(r.cohens_dz, num(c, "cohensDz"), CLOSED_FORM);
        p.check(r.p_value, num(c, "pValue"), SPECIAL_FUNCTION);
        ci.check(r.lower, num(c, "lower"), SPECIAL_FUNCTION);
        ci.check(r.upper, num(c, "upper"), SPECIAL_FUNCTION);
    }
}

#[test]
fn mann_whitney_matches_r() {
    let mut w = Worst("Mann-Whitney W vs wilcox.test", 0.0);
    let mut p_exact = Worst("Mann-Whitney exact p", 0.0);
    let mut p_normal = Worst("Mann-Whitney normal p", 0.0);
    let mut es = Worst("rank-biserial, CLES vs effectsize", 0.0);
    let cases = fixture("shift_mann_whitney.json");
    for c in &cases {
        let o = stats::MannWhitneyOptions {
            correct: c["correct"].as_bool().unwrap(),
            exact: c["exact"].as_bool(),
        };
        let r = stats::mann_whitney(&arr(c, "x"), &arr(c, "y"), &o).unwrap();
        let name = c["name"].as_str().unwrap();
        w.check(r.statistic, num(c, "statistic"), CLOSED_FORM);
        match opt(c, "pValue") {
            Some(expected) => {
                let exact = c["exactUsed"].as_bool().unwrap();
                assert_eq!(r.p_value_method == "exact", exact, "{name}: exact or not");
                if exact {
                    p_exact.check(r.p_value, expected, CLOSED_FORM);
                } else {
                    p_normal.check(r.p_value, expected, SPECIAL_FUNCTION);
                }
            }
            None => assert_eq!(r.p_value, 1.0, "{name}: all ties give p = 1"),
        }
        es.check(r.rank_biserial, num(c, "rankBiserial"), CLOSED_FORM);
        es.check(r.common_language, num(c, "commonLanguage"), CLOSED_FORM);
    }
}

#[test]
fn chi_square_matches_r() {
    let mut closed = Worst("chi-square statistic, expected, V", 0.0);
    let mut p = Worst("chi-square p-value", 0.0);
    for c in &fixture("shift_chi_square.json") {
        match c["kind"].as_str().unwrap() {
            "independence" => {
                let table: Vec<Vec<f64>> = c["table"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|row| {
                        row.as_array()
                            .unwrap()
                            .iter()
                            .map(|v| v.as_f64().unwrap())
                            .collect()
                    })
                    .collect();
                let o = stats::ChiSquareOptions {
                    correct: c["correct"].as_bool().unwrap(),
                };
                let r = stats::chi_square(&table, &o).unwrap();
                closed.check(r.statistic, num(c, "statistic"), CLOSED_FORM);
                assert_eq!(r.df, num(c, "df"));
                p.check(r.p_value, num(c, "pValue"), SPECIAL_FUNCTION);
                let expected = c["expected"].as_array().unwrap();
                for (row, exp_row) in r.expected.iter().zip(expected) {
                    for (e, x) in row.iter().zip(exp_row.as_array().unwrap()) {
                        closed.check(*e, x.as_f64().unwrap(), CLOSED_FORM);
                    }
                }
                closed.check(r.cramers_v, num(c, "cramersV"), CLOSED_FORM);
                closed.check(
                    r.cramers_v_corrected.unwrap(),
                    num(c, "cramersVAdjusted"),
                    CLOSED_FORM,
                );
                assert_eq!(
                    r.cells_below_5 > 0,
                    r.warnings
                        .iter()
                        .any(|w| w.code == waterline::note::NoteCode::ChiSquareSmallExpected)
                );
            }
            _ => {
                let r =
                    stats::chi_square_gof(&arr(c, "observed"), &arr(c, "probabilities")).unwrap();
                closed.check(r.statistic, num(c, "statistic"), CLOSED_FORM);
                assert_eq!(r.df, num(c, "df"));
                p.check(r.p_value, num(c, "pValue"), SPECIAL_FUNCTION);
                for (e, x) in r.expected.iter().zip(arr(c, "expected")) {
                    closed.check(*e, x, CLOSED_FORM);
                }
            }
        }
    }
}
