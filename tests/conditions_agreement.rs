//! Agreement statistics checked against reference values: Shrout–Fleiss ICCs against R's
//! `psych::ICC` (tests/data/conditions_icc.R) and Krippendorff's alpha against the Python
//! `krippendorff` package (tests/data/conditions_alpha.py).
#![cfg(feature = "conditions")]

use std::collections::BTreeMap;
use waterline::stats::prec::{assert_close, CLOSED_FORM};
use waterline::stats::{icc, krippendorff_alpha, AlphaMetric};

/// Reads a fixture as rows of text fields: skips `#` comments and the header.
fn rows(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// Long-format matrices (`set,row,column,value`) → row-major `Option<f64>` per set.
fn matrices(name: &str) -> BTreeMap<String, (usize, usize, Vec<Option<f64>>)> {
    let mut cells: BTreeMap<String, Vec<(usize, usize, Option<f64>)>> = BTreeMap::new();
    for r in rows(name) {
        let v = if r[3] == "NA" {
            None
        } else {
            Some(r[3].parse::<f64>().unwrap())
        };
        cells.entry(r[0].clone()).or_default().push((
            r[1].parse().unwrap(),
            r[2].parse().unwrap(),
            v,
        ));
    }
    cells
        .into_iter()
        .map(|(k, c)| {
            let n = c.iter().map(|x| x.0).max().unwrap();
            let m = c.iter().map(|x| x.1).max().unwrap();
            let mut flat = vec![None; n * m];
            for (i, j, v) in c {
                flat[(i - 1) * m + (j - 1)] = v;
            }
            (k, (n, m, flat))
        })
        .collect()
}

#[test]
fn icc_matches_psych_all_six_forms() {
    let data = matrices("conditions_icc_data.csv");
    let expected = rows("conditions_icc.csv");
    assert_eq!(expected.len(), 36);
    for e in expected {
        let (n, k, m) = &data[&e[0]];
        let level: f64 = e[1].parse().unwrap();
        let r = icc(m, *n, *k, level).unwrap();
        let f = r.forms.iter().find(|f| f.form == e[4]).unwrap();
        let num = |i: usize| e[i].parse::<f64>().unwrap();
        let ctx = format!("{} {}", e[0], e[4]);
        println!("{ctx}");
        assert_close(f.icc, num(5), CLOSED_FORM);
        assert_close(f.f.unwrap(), num(6), CLOSED_FORM);
        assert_close(f.df1, num(7), CLOSED_FORM);
        assert_close(f.df2, num(8), CLOSED_FORM);
        assert_close(f.p_value.unwrap(), num(9), CLOSED_FORM);
        assert_close(f.lower.unwrap(), num(10), CLOSED_FORM);
        assert_close(f.upper.unwrap(), num(11), CLOSED_FORM);
    }
}

#[test]
fn icc_reports_the_rows_it_dropped() {
    let data = matrices("conditions_icc_data.csv");
    let (n, k, m) = &data["incomplete_10x5"];
    let r = icc(m, *n, *k, 0.95).unwrap();
    assert_eq!((r.n, r.n_used, r.n_excluded), (10, 7, 3));
    assert_eq!(r.warnings.len(), 1);
}

#[test]
fn krippendorff_alpha_matches_the_python_package() {
    let data = matrices("conditions_alpha_data.csv");
    let expected = rows("conditions_alpha.csv");
    assert_eq!(expected.len(), 12);
    for e in expected {
        let (n, k, m) = &data[&e[0]];
        let metric = if e[3] == "interval" {
            AlphaMetric::Interval
        } else {
            AlphaMetric::Ordinal
        };
        let a = krippendorff_alpha(m, *n, *k, metric).unwrap();
        println!("{} {}", e[0], e[3]);
        assert_close(a.alpha, e[4].parse().unwrap(), CLOSED_FORM);
    }
}

#[test]
fn krippendorff_2011_example_counts_pairable_values() {
    // Krippendorff's worked example: 12 units, 4 coders; unit 12 has one value and drops out.
    let data = matrices("conditions_alpha_data.csv");
    let (n, k, m) = &data["krippendorff_2011"];
    let a = krippendorff_alpha(m, *n, *k, AlphaMetric::Interval).unwrap();
    assert_eq!((a.n_units, a.n_units_pairable, a.n_pairable), (12, 11, 40));
}
