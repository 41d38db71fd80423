//! The standalone agreement, reliability and association statistics (#19) against
//! `tests/data/stats_agreement.json`, written by `tests/data/stats_agreement.py` (pingouin,
//! scipy, statsmodels, and transcriptions of R vcd/irr and Krippendorff's coincidence matrix;
//! nothing produced by waterline).

use serde_json::Value;
use waterline::stats::prec::{assert_close, CLOSED_FORM, SPECIAL_FUNCTION};
use waterline::stats::{self, AlphaMetric, CorrelationOptions, KappaOptions, KrippendorffOptions};

fn fixture() -> Value {
    let text = std::fs::read_to_string("tests/data/stats_agreement.json").expect("fixture");
    serde_json::from_str(&text).expect("json")
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

fn options(v: &Value) -> Vec<Option<f64>> {
    v.as_array()
        .expect("array")
        .iter()
        .map(Value::as_f64)
        .collect()
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key}"))
}

fn size(v: &Value, key: &str) -> usize {
    v[key].as_u64().unwrap_or_else(|| panic!("{key}")) as usize
}

#[test]
fn icc_matches_pingouin_and_psych_bounds() {
    for set in fixture()["icc"].as_array().unwrap() {
        let (n, k) = (size(set, "subjects"), size(set, "raters"));
        let r = stats::icc(&options(&set["ratings"]), n, k, 0.95).unwrap();
        assert_eq!(r.n_used, size(set, "nUsed"));
        for (form, want) in r.forms.iter().zip(set["forms"].as_array().unwrap()) {
            assert_close(form.icc, f(want, "icc"), CLOSED_FORM);
            assert_close(form.f.unwrap(), f(want, "f"), CLOSED_FORM);
            assert_close(form.df2, f(want, "df2"), CLOSED_FORM);
            assert_close(form.p_value.unwrap(), f(want, "pValue"), SPECIAL_FUNCTION);
            assert_close(form.lower.unwrap(), f(want, "lower"), SPECIAL_FUNCTION);
            assert_close(form.upper.unwrap(), f(want, "upper"), SPECIAL_FUNCTION);
        }
    }
}

fn metric(name: &str) -> AlphaMetric {
    match name {
        "nominal" => AlphaMetric::Nominal,
        "ordinal" => AlphaMetric::Ordinal,
        "interval" => AlphaMetric::Interval,
        _ => AlphaMetric::Ratio,
    }
}

#[test]
fn krippendorff_alpha_and_its_bootstrap_match_the_python_reference() {
    for set in fixture()["krippendorff"].as_array().unwrap() {
        let (n, k) = (size(set, "units"), size(set, "raters"));
        let ratings = options(&set["ratings"]);
        for (name, want) in set["alpha"].as_object().unwrap() {
            let o = KrippendorffOptions {
                metric: metric(name),
                resamples: 200,
                seed: 7,
                level: 0.95,
            };
            let a = stats::krippendorff_alpha_interval(&ratings, n, k, &o).unwrap();
            assert_close(a.alpha, want.as_f64().unwrap(), CLOSED_FORM);
            let b = a.bootstrap.unwrap();
            let boot = &set["bootstrap"][name];
            assert_eq!(b.undefined, size(boot, "undefined"), "{name}");
            assert_close(b.lower.unwrap(), f(boot, "lower"), CLOSED_FORM);
            assert_close(b.upper.unwrap(), f(boot, "upper"), CLOSED_FORM);
        }
    }
}

#[test]
fn cohens_kappa_matches_vcd() {
    for set in fixture()["cohen"].as_array().unwrap() {
        let o = KappaOptions {
            categories: Some(nums(&set["categories"])),
            level: 0.95,
        };
        let r = stats::cohens_kappa(&nums(&set["a"]), &nums(&set["b"]), &o).unwrap();
        assert_eq!(r.n_used, size(set, "nUsed"));
        for e in &r.estimates {
            let want = &set["estimates"][e.weights];
            assert_close(e.kappa, f(want, "kappa"), CLOSED_FORM);
            assert_close(e.ase, f(want, "ase"), CLOSED_FORM);
            let z = 1.959963984540054;
            assert_close(e.lower, f(want, "kappa") - z * f(want, "ase"), 1e-9);
        }
    }
}

#[test]
fn fleiss_kappa_matches_irr() {
    for set in fixture()["fleiss"].as_array().unwrap() {
        let (n, k) = (size(set, "subjects"), size(set, "raters"));
        let r = stats::fleiss_kappa(&nums(&set["codes"]), n, k).unwrap();
        assert_eq!(r.n_used, size(set, "nUsed"));
        assert_close(r.kappa, f(set, "kappa"), CLOSED_FORM);
        assert_close(r.se, f(set, "se"), CLOSED_FORM);
        assert_close(r.z, f(set, "z"), CLOSED_FORM);
        let p = f(set, "pValue");
        if p == 0.0 {
            assert!(r.p_value < 1e-300, "{}", r.p_value);
        } else {
            assert_close(r.p_value, p, SPECIAL_FUNCTION);
        }
    }
}

#[test]
fn correlations_match_scipy() {
    let o = CorrelationOptions::default();
    // scipy's spearmanr p-value is always the t approximation
    let scipy = CorrelationOptions {
        exact: Some(false),
        ..o
    };
    for set in fixture()["correlation"].as_array().unwrap() {
        let (x, y) = (nums(&set["x"]), nums(&set["y"]));
        for (c, want) in [
            (stats::pearson(&x, &y, &o).unwrap(), &set["pearson"]),
            (stats::spearman(&x, &y, &scipy).unwrap(), &set["spearman"]),
        ] {
            assert_close(c.r, f(want, "r"), CLOSED_FORM);
            assert_close(c.p_value, f(want, "pValue"), SPECIAL_FUNCTION);
            assert_close(c.lower.unwrap(), f(want, "lower"), CLOSED_FORM);
            assert_close(c.upper.unwrap(), f(want, "upper"), CLOSED_FORM);
        }
    }
}

#[test]
fn kruskal_wallis_matches_scipy() {
    for set in fixture()["kruskal"].as_array().unwrap() {
        let r = stats::kruskal_wallis(&nums(&set["values"]), &nums(&set["groups"])).unwrap();
        assert_close(r.statistic, f(set, "statistic"), CLOSED_FORM);
        assert_close(r.p_value, f(set, "pValue"), SPECIAL_FUNCTION);
    }
}

#[test]
fn the_example_rounds_alpha_and_interval_match_the_python_reference() {
    use waterline::conditions::{agreement, default_rubric, AgreementOptions, Reliability, Round};
    let round: Round = serde_json::from_str(waterline::conditions::EXAMPLE_ROUND_JSON).unwrap();
    let a = agreement(&default_rubric(), &round, &AgreementOptions::default()).unwrap();
    let want = &fixture()["exampleRound"];
    assert_eq!(a.conditions.len(), want.as_object().unwrap().len());
    for c in &a.conditions {
        let w = &want[&c.condition_id];
        assert_eq!(c.alpha_metric, AlphaMetric::Ordinal);
        let alpha = c.alpha.as_ref().unwrap();
        assert_close(alpha.alpha, f(w, "alpha"), CLOSED_FORM);
        assert_eq!(alpha.alpha, c.alpha_ordinal.as_ref().unwrap().alpha);
        let b = alpha.bootstrap.as_ref().unwrap();
        assert_eq!((b.resamples, b.seed), (1000, 1));
        assert_close(b.lower.unwrap(), f(w, "lower"), CLOSED_FORM);
        assert_close(b.upper.unwrap(), f(w, "upper"), CLOSED_FORM);
        assert_eq!(c.reliability, Some(Reliability::of(alpha.alpha)));
    }
    assert_eq!(a.overall.alpha_metric, AlphaMetric::Interval);
    assert!(a.overall.alpha.as_ref().unwrap().bootstrap.is_some());
}

#[test]
fn reliability_bands_follow_krippendorff() {
    use waterline::conditions::Reliability;
    assert_eq!(Reliability::of(0.8), Reliability::Reliable);
    assert_eq!(Reliability::of(0.7999), Reliability::Tentative);
    assert_eq!(Reliability::of(0.667), Reliability::Tentative);
    assert_eq!(Reliability::of(0.22), Reliability::DoNotRely);
}

#[test]
fn a_large_round_draws_fewer_resamples_and_says_so() {
    use waterline::conditions::{agreement, default_rubric, AgreementOptions, Round};
    use waterline::note::NoteCode;
    let rubric = default_rubric();
    let (n_p, n_r) = (1500, 3);
    let proposals: Vec<Value> = (0..n_p)
        .map(|p| {
            serde_json::json!({"id": format!("p{p}"), "title": "t", "applicant": "a",
            "community": "c", "amountRequested": 1000})
        })
        .collect();
    let reviewers: Vec<Value> = (0..n_r)
        .map(|r| serde_json::json!({"id": format!("r{r}"), "name": "n"}))
        .collect();
    let mut scores = Vec::new();
    for p in 0..n_p {
        for r in 0..n_r {
            for c in &rubric.conditions {
                let v = ((p * 7 + r * 3 + c.id.len()) % 5) as f64;
                scores.push(serde_json::json!({"reviewerId": format!("r{r}"),
                    "proposalId": format!("p{p}"), "conditionId": c.id, "value": v}));
            }
        }
    }
    let round: Round = serde_json::from_value(serde_json::json!({"title": "big",
        "proposals": proposals, "reviewers": reviewers, "conflicts": [], "scores": scores}))
    .unwrap();
    let a = agreement(&rubric, &round, &AgreementOptions::default()).unwrap();
    let c = &a.conditions[0];
    // 4,500 scores: 4,000,000 / 4,500 = 888 resamples
    assert_eq!(
        c.alpha
            .as_ref()
            .unwrap()
            .bootstrap
            .as_ref()
            .unwrap()
            .resamples,
        888
    );
    let note = c
        .notes
        .iter()
        .find(|n| n.code == NoteCode::AgreementResamplesReduced)
        .expect("note");
    assert_eq!(
        note.param("used"),
        Some(&waterline::note::Param::Number(888.0))
    );
}

/// Spearman's p-value against R's default `cor.test(method = "spearman")`:
/// `tests/data/spearman_exact.csv`, written by `tests/data/spearman_exact.R`.
#[test]
fn spearman_p_matches_r_exact_edgeworth_and_t() {
    let text = std::fs::read_to_string("tests/data/spearman_exact.csv").expect("fixture");
    let mut worst = [0.0f64; 3];
    let mut rows = 0;
    for line in text.lines().skip(2) {
        let cells: Vec<&str> = line.split(',').map(|c| c.trim_matches('"')).collect();
        let [name, exact, x, y, rho, _s, p] = cells[..] else {
            panic!("row {line}")
        };
        let parse = |v: &str| -> Vec<f64> { v.split(' ').map(|u| u.parse().unwrap()).collect() };
        let (x, y) = (parse(x), parse(y));
        let o = CorrelationOptions {
            exact: (exact == "FALSE").then_some(false),
            ..CorrelationOptions::default()
        };
        let c = stats::spearman(&x, &y, &o).unwrap();
        let n = x.len();
        let untied = !name.starts_with("ties");
        let want_method = match () {
            _ if exact == "FALSE" || !untied || n > 1290 => "t",
            _ if n <= 9 => "exact",
            _ => "edgeworth",
        };
        assert_eq!(c.p_method, want_method, "{name}");
        assert_close(c.r, rho.parse().unwrap(), CLOSED_FORM);
        let (p, k) = (
            p.parse::<f64>().unwrap(),
            ["exact", "edgeworth", "t"]
                .iter()
                .position(|m| *m == want_method)
                .unwrap(),
        );
        let tol = if want_method == "t" {
            SPECIAL_FUNCTION
        } else {
            CLOSED_FORM
        };
        assert_close(c.p_value, p, tol);
        worst[k] = worst[k].max(((c.p_value - p) / p).abs());
        rows += 1;
    }
    assert_eq!(rows, 96);
    eprintln!(
        "worst relative error: exact {:e}, edgeworth {:e}, t {:e}",
        worst[0], worst[1], worst[2]
    );
}
