//! McDonald's omega total (one factor, minres) against R psych 2.2.9 `omega(x, nfactors = 1)`
//! and the exact minres minimum found by R's optim (`tests/data/omega.R`), on the bundled
//! parent survey's scale and random item sets; and its edge cases.

use serde_json::Value;
use waterline::error::Code;
use waterline::note::NoteCode;
use waterline::stats::mcdonald_omega;
use waterline::stats::prec::{assert_close, ITERATIVE};

fn fixture() -> Value {
    let path = format!("{}/tests/data/omega.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

#[test]
fn omega_matches_r_psych_and_the_exact_minres_minimum() {
    let fixture = fixture();
    let sets = fixture["sets"].as_array().unwrap();
    assert!(sets.len() >= 8);
    for set in sets {
        let name = set["name"].as_str().unwrap();
        let k = set["nItems"].as_u64().unwrap() as usize;
        let o = mcdonald_omega(&numbers(&set["data"]), k).unwrap();
        let worst = o
            .loadings
            .iter()
            .zip(numbers(&set["exactLoadings"]))
            .map(|(a, e)| ((a - e) / e).abs())
            .fold(0.0, f64::max);
        eprintln!(
            "{name}: {} sweeps, loadings within {worst:e} of R optim",
            o.iterations
        );
        assert_eq!(o.n as u64, set["n"].as_u64().unwrap(), "{name}");
        assert_eq!(o.n_used as u64, set["nUsed"].as_u64().unwrap(), "{name}");
        let reversed: Vec<usize> = numbers(&set["reversed"])
            .iter()
            .map(|x| *x as usize)
            .collect();
        assert_eq!(o.reversed, reversed, "{name}");
        // The loadings: the exact minimum to 1e-6 (R's BFGS stops near 1e-8).
        for (a, e) in o.loadings.iter().zip(numbers(&set["exactLoadings"])) {
            assert_close(*a, e, ITERATIVE);
        }
        if set["heywood"].as_bool().unwrap() {
            assert!(o.omega_total.is_none(), "{name}");
            assert!(o.loadings.iter().any(|l| l.abs() >= 1.0), "{name}");
            assert!(o
                .warnings
                .iter()
                .any(|w| w.code == NoteCode::ReliabilityOmegaHeywood));
            continue;
        }
        let omega = o.omega_total.unwrap();
        assert_close(omega, set["exactOmegaTotal"].as_f64().unwrap(), ITERATIVE);
        // psych's own number stops at L-BFGS-B's default tolerance (factr 1e7): 2e-5 relative
        // from the minimum at worst in this fixture (60 x 3), so it is checked to 1e-4.
        assert_close(omega, set["psychOmegaTotal"].as_f64().unwrap(), 1e-4);
        for (a, e) in o.loadings.iter().zip(numbers(&set["psychLoadings"])) {
            assert!((a - e).abs() < 1e-3, "{name}: loading {a} vs psych {e}");
        }
    }
}

#[test]
fn omega_edge_cases_are_coded() {
    // Two items: one correlation for two loadings.
    let e = mcdonald_omega(&[1.0, 2.0, 2.0, 3.0, 3.0, 5.0], 2).unwrap_err();
    assert_eq!(
        (e.code, e.details["minimum"].clone()),
        (Code::SampleTooSmall, 3usize.into())
    );
    // A constant item has no correlation.
    let constant = [1.0, 4.0, 2.0, 2.0, 4.0, 3.0, 3.0, 4.0, 3.0, 5.0, 4.0, 5.0];
    let e = mcdonald_omega(&constant, 3).unwrap_err();
    assert_eq!(
        (e.code, e.details["column"].clone()),
        (Code::NoVariation, 1usize.into())
    );
    // Missing answers: listwise, counted and said.
    let data = [
        1.0,
        2.0,
        1.0,
        2.0,
        2.0,
        3.0,
        3.0,
        f64::NAN,
        3.0,
        4.0,
        5.0,
        4.0,
        5.0,
        4.0,
        4.0,
        2.0,
        1.0,
        2.0,
    ];
    let o = mcdonald_omega(&data, 3).unwrap();
    assert_eq!((o.n, o.n_used, o.n_excluded), (6, 5, 1));
    assert_eq!(o.warnings[0].code, NoteCode::ReliabilityRespondentsExcluded);
    // Too few complete respondents, bad shapes and values.
    let e = mcdonald_omega(&[1.0, 2.0, 3.0, 2.0, 3.0, 4.0, f64::NAN, 1.0, 1.0], 3).unwrap_err();
    assert_eq!(e.code, Code::SampleTooSmall);
    assert_eq!(
        mcdonald_omega(&[1.0; 7], 3).unwrap_err().code,
        Code::LengthMismatch
    );
    let e = mcdonald_omega(&[1.0, 2.0, f64::INFINITY, 2.0, 3.0, 1.0], 3).unwrap_err();
    assert_eq!(
        (e.code, e.details["column"].clone()),
        (Code::NotFinite, 2usize.into())
    );
    assert_eq!(
        mcdonald_omega(&vec![1.0; 501 * 3], 501).unwrap_err().code,
        Code::TooLarge
    );
}

/// Writes the bundled parent survey's scale matrix (as the report reads it) for omega.R.
#[cfg(feature = "survey")]
#[test]
#[ignore]
fn dump_example_scale() {
    use waterline::survey::report::scales::matrix;
    use waterline::survey::{example, ReadOptions, Survey};
    if std::env::var("WATERLINE_DUMP_SCALE").is_err() {
        return;
    }
    let s = Survey::from_csv(example::PARENTS_CSV, &ReadOptions::default()).unwrap();
    let ins = &s.mapping().instrument;
    let scale = &ins.scales[0];
    let (m, _, _) = matrix(ins, s.data(), &scale.items, &scale.reversed);
    let k = scale.items.len();
    let text: String = m
        .chunks(k)
        .map(|r| {
            r.iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",")
                + "\n"
        })
        .collect();
    let path = format!(
        "{}/tests/data/omega_example_scale.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::write(path, text).unwrap();
}
