//! The ICC of incomplete designs from the REML variance components of the crossed model,
//! checked against R's `psych::ICC(x, lmer = TRUE)` (lme4) in tests/data/icc_reml.R: the example
//! round's conditions and two random incomplete designs, directly and through the round's
//! agreement (#20).
#![cfg(feature = "conditions")]

use std::collections::BTreeMap;
use waterline::conditions::{agreement, default_rubric, Round, EXAMPLE_ROUND_JSON};
use waterline::stats::{icc_reml, IccReml};

fn rows(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn matrices() -> BTreeMap<String, (usize, usize, Vec<Option<f64>>)> {
    let mut cells: BTreeMap<String, Vec<(usize, usize, Option<f64>)>> = BTreeMap::new();
    for r in rows("icc_reml_data.csv") {
        let v = (r[3] != "NA").then(|| r[3].parse::<f64>().unwrap());
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

/// lme4 stops its search at about 1e-6 in θ: the ICCs and variance components agree to 1e-5
/// (relative, for the variances), and our criterion is no worse than lme4's.
fn compare(set: &str, got: &IccReml, want: &[String]) {
    let f = |i: usize| want[i].parse::<f64>().unwrap();
    let close = |a: f64, b: f64, what: &str| {
        assert!(
            (a - b).abs() <= 1e-5 * b.abs().max(1.0),
            "{set} {what}: {a} vs R {b}"
        )
    };
    close(got.var_subjects, f(3), "var_subjects");
    close(got.var_raters, f(4), "var_raters");
    close(got.var_error, f(5), "var_error");
    close(got.icc_agreement, f(6), "ICC2");
    close(got.icc_consistency, f(7), "ICC3");
    assert!(
        got.reml_criterion <= f(8) + 1e-7,
        "{set}: {} vs {}",
        got.reml_criterion,
        f(8)
    );
    close(got.reml_criterion, f(8), "REMLcrit");
}

#[test]
fn variance_component_iccs_match_psych_with_lme4() {
    let data = matrices();
    let expected = rows("icc_reml.csv");
    assert_eq!(expected.len(), 10);
    for want in &expected {
        let (n, m, x) = &data[&want[0]];
        let got = icc_reml(x, *n, *m).unwrap();
        compare(&want[0], &got, want);
    }
}

#[test]
fn the_example_rounds_agreement_has_an_icc_for_every_condition() {
    let round: Round = serde_json::from_str(EXAMPLE_ROUND_JSON).unwrap();
    let a = agreement(&default_rubric(), &round, &Default::default()).unwrap();
    let expected = rows("icc_reml.csv");
    for c in &a.conditions {
        // No row of the example round is complete: the ANOVA ICC is withheld...
        assert!(c.icc.is_none(), "{}", c.condition_id);
        // ...and the variance components give one.
        let want = expected
            .iter()
            .find(|r| r[0] == format!("example_{}", c.condition_id))
            .unwrap();
        compare(&want[0], c.icc_model.as_ref().unwrap(), want);
    }
    let overall = a.overall.icc_model.as_ref().unwrap();
    assert!(overall.icc_agreement > 0.0 && overall.icc_agreement < 1.0);
}
