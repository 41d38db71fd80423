//! Power and sample size of the two-sample t-test, the Wilcoxon–Mann–Whitney test (A.R.E.
//! method) and one proportion (arcsine h) against statsmodels and scipy
//! (`tests/data/power_independent.py` wrote `tests/data/power_independent.csv`).

use waterline::error::Code;
use waterline::stats::power::{self, Alternative, PowerOptions};
use waterline::stats::prec::assert_close;

#[test]
fn power_and_sample_size_match_statsmodels() {
    let path = format!(
        "{}/tests/data/power_independent.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f[i].parse::<f64>().unwrap();
        let (effect, p0, size, alpha, value) = (num(2), num(3), num(4), num(5), num(8));
        let options = PowerOptions {
            alpha,
            alternative: if f[6] == "one_sided" {
                Alternative::OneSided
            } else {
                Alternative::TwoSided
            },
            strict: f[7] == "true",
        };
        let ours = match (f[0], f[1]) {
            ("two_means", "power") => {
                power::power_two_means(effect, 1.0, size, &options)
                    .unwrap()
                    .power
            }
            ("rank_sum", "power") => {
                power::power_rank_sum(effect, 1.0, size, &options)
                    .unwrap()
                    .power
            }
            ("one_proportion", "power") => {
                power::power_one_proportion(effect, p0, size, &options)
                    .unwrap()
                    .power
            }
            ("two_means", _) => {
                power::sample_size_two_means(effect, 1.0, size, &options)
                    .unwrap()
                    .n_exact
            }
            ("rank_sum", _) => {
                power::sample_size_rank_sum(effect, 1.0, size, &options)
                    .unwrap()
                    .n_exact
            }
            _ => {
                power::sample_size_one_proportion(effect, p0, size, &options)
                    .unwrap()
                    .n_exact
            }
        };
        // Power: scipy's nct to about 1e-10; n: statsmodels' solver tolerance.
        let tol = if f[1] == "power" { 1e-8 } else { 1e-6 };
        assert_close(ours, value, tol);
        count += 1;
    }
    assert_eq!(count, 48);
}

#[test]
fn edge_cases_are_coded_errors() {
    let o = PowerOptions::default();
    let code = |r: waterline::Result<power::Power>| r.unwrap_err().code;
    assert_eq!(
        code(power::power_two_means(0.5, 0.0, 10.0, &o)),
        Code::ParameterOutOfRange
    );
    assert_eq!(
        code(power::power_two_means(0.5, 1.0, 1.5, &o)),
        Code::ParameterOutOfRange
    );
    assert_eq!(
        code(power::power_two_means(f64::NAN, 1.0, 10.0, &o)),
        Code::ParameterOutOfRange
    );
    assert_eq!(
        code(power::power_rank_sum(0.5, 1.0, 2.0, &o)),
        Code::ParameterOutOfRange
    );
    assert_eq!(
        code(power::power_one_proportion(1.2, 0.5, 10.0, &o)),
        Code::ProbabilityOutOfRange
    );
    assert_eq!(
        code(power::power_one_proportion(0.6, 0.5, 0.0, &o)),
        Code::ParameterOutOfRange
    );
    let n = |r: waterline::Result<power::SampleSize>| r.unwrap_err().code;
    assert_eq!(
        n(power::sample_size_two_means(0.0, 1.0, 0.8, &o)),
        Code::ParameterOutOfRange
    );
    assert_eq!(
        n(power::sample_size_rank_sum(0.5, 1.0, 1.0, &o)),
        Code::ProbabilityOutOfRange
    );
    assert_eq!(
        n(power::sample_size_one_proportion(0.5, 0.5, 0.8, &o)),
        Code::ParameterOutOfRange
    );
    let one = PowerOptions {
        alternative: Alternative::OneSided,
        ..o
    };
    assert_eq!(
        n(power::sample_size_two_means(-0.5, 1.0, 0.8, &one)),
        Code::ParameterOutOfRange
    );
    // p = 0 and 1 are valid: the arcsine h is finite.
    let p = power::power_one_proportion(1.0, 0.5, 10.0, &o).unwrap();
    assert!(p.power > 0.99 && p.power <= 1.0);
    // A huge effect needs fewer than 2 per group: a note, and n = 2.
    let s = power::sample_size_two_means(10.0, 1.0, 0.8, &o).unwrap();
    assert_eq!(s.n, 2);
    assert_eq!(s.warnings.len(), 1);
}
