//! Shared statistics checked against reference values from R. Each fixture in `tests/data/`
//! starts with a comment naming the command that produced it.

use waterline::stats::prec::{assert_close, CLOSED_FORM};

/// Reads a fixture: skips `#` comment lines and the header, splits on commas.
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

#[test]
fn wilson_matches_r_prop_test_without_correction() {
    let rows = fixture("wilson.csv");
    assert!(rows.len() >= 15);
    for r in rows {
        let ci = waterline::stats::wilson(r[0], r[1], r[2]).unwrap();
        assert_close(ci.lower, r[3], CLOSED_FORM);
        assert_close(ci.upper, r[4], CLOSED_FORM);
    }
}

#[test]
fn seed_000_parents_confident_with_teachers() {
    // 89% of n = 113 (101 parents) agree or strongly agree.
    let ci = waterline::stats::wilson(101.0, 113.0, 0.95).unwrap();
    assert_eq!((ci.estimate * 100.0).round(), 89.0);
    assert_eq!((ci.lower * 100.0).round(), 82.0);
    assert_eq!((ci.upper * 100.0).round(), 94.0);
}
