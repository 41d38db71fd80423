use super::*;
use crate::survey::table::{read, ReadOptions};

fn table(csv: &str) -> Table {
    read(csv, &ReadOptions::default()).unwrap()
}

fn mapping_with(weight: Option<&str>, raking: Option<Raking>) -> Mapping {
    Mapping {
        weight: weight.map(str::to_string),
        raking,
        ..Mapping::default()
    }
}

fn key(t: &Table, header: &str) -> String {
    t.columns
        .iter()
        .find(|c| c.header == header)
        .unwrap()
        .key
        .clone()
}

#[test]
fn a_declared_weight_column_is_read_and_summarised() {
    let t = table("q,w\n1,1\n2,3\n3,0\n");
    let m = mapping_with(Some(&key(&t, "w")), None);
    let (w, s) = weights(&t, &m).unwrap().unwrap();
    assert_eq!(w, vec![1.0, 3.0, 0.0]);
    assert_eq!(s.sum_weights, 4.0);
    assert!((s.n_eff - 1.6).abs() < 1e-12);
    assert!((s.deff_kish - 2.0 / 1.6).abs() < 1e-12);
    assert!(!s.raked);
}

#[test]
fn no_declaration_means_no_weights() {
    let t = table("q,w\n1,1\n");
    assert!(weights(&t, &Mapping::default()).unwrap().is_none());
}

#[test]
fn bad_weights_name_line_column_and_value() {
    for (csv, value) in [
        ("q,w\n1,1\n2,\n", ""),
        ("q,w\n1,1\n2,abc\n", "abc"),
        ("q,w\n1,1\n2,-1\n", "-1"),
    ] {
        let t = table(csv);
        let m = mapping_with(Some(&key(&t, "w")), None);
        let e = weights(&t, &m).unwrap_err();
        assert_eq!(e.code, Code::InvalidWeight, "{csv}");
        assert_eq!(e.details["line"], 3.0.into(), "{csv}");
        assert_eq!(e.details["value"], value.into(), "{csv}");
    }
    let t = table("q,w\n1,0\n2,0\n");
    let m = mapping_with(Some(&key(&t, "w")), None);
    assert_eq!(weights(&t, &m).unwrap_err().code, Code::InvalidWeight);
}

fn margin(column: &str, targets: &[(&str, f64)]) -> Margin {
    Margin {
        column: column.to_string(),
        targets: targets.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    }
}

#[test]
fn raking_meets_every_margin() {
    let t = table("community,gender\nn,f\nn,m\ns,f\ns,f\ns,m\ne,m\n");
    let (c, g) = (key(&t, "community"), key(&t, "gender"));
    let r = Raking {
        margins: vec![
            margin(&c, &[("n", 0.5), ("s", 0.3), ("e", 0.2)]),
            margin(&g, &[("f", 0.5), ("m", 0.5)]),
        ],
        scale: MarginScale::Shares,
        tolerance: Some(1e-10),
        max_iterations: None,
    };
    let (w, s) = weights(&t, &mapping_with(None, Some(r))).unwrap().unwrap();
    assert!(s.raked && s.iterations >= 1);
    let total: f64 = w.iter().sum();
    assert!((total - 6.0).abs() < 1e-9, "shares keep the base total");
    let north = w[0] + w[1];
    let female = w[0] + w[2] + w[3];
    assert!((north / total - 0.5).abs() < 1e-9);
    assert!((female / total - 0.5).abs() < 1e-9);
}

#[test]
fn raking_errors_are_coded() {
    let t = table("community\nn\ns\nx\n");
    let c = key(&t, "community");
    let rake = |targets: &[(&str, f64)], cap: Option<u32>| {
        let r = Raking {
            margins: vec![margin(&c, targets)],
            scale: MarginScale::Shares,
            tolerance: None,
            max_iterations: cap,
        };
        weights(&t, &mapping_with(None, Some(r))).unwrap_err().code
    };
    // "x" has no target.
    assert_eq!(rake(&[("n", 0.5), ("s", 0.5)], None), Code::UnknownLabel);
    // Shares must add up to 1.
    assert_eq!(
        rake(&[("n", 50.0), ("s", 30.0), ("x", 20.0)], None),
        Code::ParameterOutOfRange
    );
    // A category nobody is in cannot be met.
    assert_eq!(
        rake(&[("n", 0.4), ("s", 0.3), ("x", 0.2), ("y", 0.1)], None),
        Code::ParameterOutOfRange
    );
    assert_eq!(
        rake(&[("n", 0.5), ("s", 0.3), ("x", 0.2)], Some(0)),
        Code::ParameterOutOfRange
    );
}

#[test]
fn raking_that_cannot_converge_says_so() {
    // Everyone in "n" is "f": the margins contradict each other.
    let t = table("community,gender\nn,f\nn,f\ns,m\ns,m\n");
    let (c, g) = (key(&t, "community"), key(&t, "gender"));
    let r = Raking {
        margins: vec![
            margin(&c, &[("n", 0.5), ("s", 0.5)]),
            margin(&g, &[("f", 0.8), ("m", 0.2)]),
        ],
        scale: MarginScale::Shares,
        tolerance: None,
        max_iterations: Some(20),
    };
    let e = weights(&t, &mapping_with(None, Some(r))).unwrap_err();
    assert_eq!(e.code, Code::NotConverged);
    assert_eq!(e.details["iterations"], 20.0.into());
}
