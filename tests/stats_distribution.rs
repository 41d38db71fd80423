//! The bulk distribution functions against mpmath at 60 digits (`tests/data/distribution.py`
//! wrote `tests/data/distribution.csv`): cdf and survival function of the normal, chi-square, F
//! and binomial to 1e-14 relative error in both tails wherever the value is a tail probability
//! (Student t to the bound stated at [`FAR_TAIL`]), quantiles to 1e-13 (1e-12 for F).

use waterline::stats::distribution::{evaluate, Family, What};
use waterline::stats::prec::FAR_TAIL;

struct Row {
    dist: String,
    a: f64,
    b: f64,
    what: What,
    x: f64,
    value: f64,
}

fn rows() -> Vec<Row> {
    let path = format!("{}/tests/data/distribution.csv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let what = match f[3] {
                "cdf" => What::Cdf,
                "sf" => What::Sf,
                "quantile" => What::Quantile,
                _ => What::Isf,
            };
            Row {
                dist: f[0].into(),
                a: f[1].parse().unwrap(),
                b: f[2].parse().unwrap(),
                what,
                x: f[4].parse().unwrap(),
                value: f[5].parse().unwrap(),
            }
        })
        .collect()
}

fn family(r: &Row) -> Family {
    match r.dist.as_str() {
        "normal" => Family::Normal,
        "t" => Family::StudentT { df: r.a },
        "chisq" => Family::ChiSquare { df: r.a },
        "f" => Family::F { df1: r.a, df2: r.b },
        _ => Family::Binomial { n: r.a, p: r.b },
    }
}

/// Relative error, absolute below the smallest normal double.
fn rel(actual: f64, expected: f64) -> f64 {
    if actual == expected {
        0.0
    } else {
        (actual - expected).abs() / expected.abs().max(f64::MIN_POSITIVE)
    }
}

#[test]
fn bulk_functions_match_mpmath() {
    let rows = rows();
    assert!(rows.len() > 1000, "{} rows", rows.len());
    let mut worst: Vec<(String, f64, String)> = Vec::new();
    let mut failures = Vec::new();
    for r in &rows {
        let ours = evaluate(family(r), r.what, &[r.x]).unwrap()[0];
        let err = rel(ours, r.value);
        let quantile = matches!(r.what, What::Quantile | What::Isf);
        // The incomplete beta's front factor x^a y^b / B(a, b) rounds an exponent of order a + b.
        let size = match r.dist.as_str() {
            "f" | "binom" => (r.a + r.b) / 5.0,
            _ => (r.a + r.b).sqrt(),
        };
        let tol = match (quantile, r.dist.as_str()) {
            (_, "binom") if quantile => 0.0,
            (false, "normal" | "chisq" | "f" | "binom") => FAR_TAIL,
            (false, _) => FAR_TAIL + 4.0 * f64::EPSILON * (r.value.ln().abs() + size),
            (true, "f") => 1e-12,
            (true, _) => 1e-13,
        };
        // A tail probability below the smallest normal double is compared absolutely.
        if err > tol && !(r.value < f64::MIN_POSITIVE && (ours - r.value).abs() < 1e-320) {
            failures.push(format!(
                "{} ({}, {}) {:?} at {:e}: {:e} vs mpmath {:e} (rel {:e})",
                r.dist, r.a, r.b, r.what, r.x, ours, r.value, err
            ));
        }
        let key = format!("{} {:?}", r.dist, r.what);
        match worst.iter_mut().find(|w| w.0 == key) {
            Some(w) if w.1 < err => *w = (key, err, format!("{:?} x={:e}", (r.a, r.b), r.x)),
            Some(_) => {}
            None => worst.push((key, err, format!("{:?} x={:e}", (r.a, r.b), r.x))),
        }
    }
    for w in &worst {
        println!("{}: worst relative error {:e} at {}", w.0, w.1, w.2);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Chi-square tails at tiny and huge df (10⁻³ to 10⁶) and down to 1e-300 in both tails, against
/// `tests/data/chisq_far_tail.csv` (mpmath, `tests/data/chisq_far_tail.py`): 1e-14 relative.
#[test]
fn chi_square_far_tails_meet_1e_14_at_any_df() {
    let path = format!(
        "{}/tests/data/chisq_far_tail.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut worst = (0.0f64, String::new());
    let (mut n, mut failures) = (0, Vec::new());
    for line in text.lines().skip(2) {
        let v: Vec<f64> = line.split(',').map(|c| c.parse().unwrap()).collect();
        let family = Family::ChiSquare { df: v[0] };
        for (what, want) in [(What::Cdf, v[2]), (What::Sf, v[3])] {
            let got = evaluate(family, what, &[v[1]]).unwrap()[0];
            let err = rel(got, want);
            if err > FAR_TAIL {
                failures.push(format!(
                    "df {} x {:e} {what:?}: {got:e} vs mpmath {want:e} (rel {err:e})",
                    v[0], v[1]
                ));
            }
            if err > worst.0 {
                worst = (err, format!("df {} x {:e} {what:?}", v[0], v[1]));
            }
            n += 1;
        }
    }
    assert_eq!(n, 122);
    println!(
        "chi-square far tails: worst relative error {:e} at {}",
        worst.0, worst.1
    );
}
