//! The survey report end to end against R: a seeded export written by
//! `tests/data/survey_reference.R` is imported, detected and reported; every number is compared
//! with the value R computed on the same rows (`survey_reference_expected.csv`).
#![cfg(feature = "survey")]

use std::collections::HashMap;
use waterline::stats::prec::{assert_close, CLOSED_FORM, SPECIAL_FUNCTION};
use waterline::survey::{ReadOptions, ReportOptions, Survey};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn expected() -> HashMap<String, f64> {
    data("survey_reference_expected.csv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .map(|(k, v)| (k.trim().to_string(), v.trim().parse().unwrap()))
        .collect()
}

#[test]
fn report_matches_r_on_the_reference_export() {
    let e = expected();
    let x = |k: &str| *e.get(k).unwrap_or_else(|| panic!("missing {k}"));
    let s = Survey::from_csv(&data("survey_reference.csv"), &ReadOptions::default()).unwrap();
    assert_eq!(s.issues().rows, 60);
    assert!(s.issues().issues.is_empty());
    let r = s.report(&ReportOptions::default()).unwrap();

    // Numeric item: mean, sd, quartiles (type 7) and the t interval for the mean.
    let hours = r
        .items
        .iter()
        .find(|i| i.text.en.starts_with("Hours"))
        .unwrap();
    assert_close(hours.mean.unwrap(), x("hours_mean"), CLOSED_FORM);
    assert_close(hours.sd.unwrap(), x("hours_sd"), CLOSED_FORM);
    assert_close(hours.q1.unwrap(), x("hours_q1"), CLOSED_FORM);
    assert_close(hours.median.unwrap(), x("hours_median"), CLOSED_FORM);
    assert_close(hours.q3.unwrap(), x("hours_q3"), CLOSED_FORM);
    assert_close(
        hours.mean_lower.unwrap(),
        x("hours_t_lower"),
        SPECIAL_FUNCTION,
    );
    assert_close(
        hours.mean_upper.unwrap(),
        x("hours_t_upper"),
        SPECIAL_FUNCTION,
    );

    // Top-two box of the "now" item: prop.test(x, n, correct = FALSE).
    let now = r
        .items
        .iter()
        .find(|i| i.text.en == "Confidence (now)")
        .unwrap();
    let top = &now.top_box.as_ref().unwrap().interval;
    assert_close(top.lower, x("now_top2_lower"), CLOSED_FORM);
    assert_close(top.upper, x("now_top2_upper"), CLOSED_FORM);

    // The then-test shift: Wilcoxon signed-rank (R's zero rule), rank-biserial, paired t.
    assert_eq!(r.shifts.len(), 1);
    let shift = &r.shifts[0];
    let w = shift.wilcoxon.as_ref().unwrap();
    assert_close(w.statistic, x("wilcoxon_v"), CLOSED_FORM);
    assert_close(w.p_value, x("wilcoxon_p"), SPECIAL_FUNCTION);
    assert_close(w.rank_biserial, x("rank_biserial"), CLOSED_FORM);
    let t = shift.paired_t.as_ref().unwrap();
    assert_close(t.p_value, x("paired_t_p"), SPECIAL_FUNCTION);
    assert_close(t.cohens_dz, x("paired_t_dz"), CLOSED_FORM);

    // Breakdowns by community: chi-square of independence.
    let by = |text: &str| r.subgroups.iter().find(|g| g.text.en == text).unwrap();
    let before = by("Confidence (before)").chi_square.as_ref().unwrap();
    let after = by("Confidence (now)").chi_square.as_ref().unwrap();
    assert_close(before.statistic, x("chisq_before"), CLOSED_FORM);
    assert_close(before.p_value, x("chisq_before_p"), SPECIAL_FUNCTION);
    assert_close(after.statistic, x("chisq_now"), CLOSED_FORM);
    assert_close(after.p_value, x("chisq_now_p"), SPECIAL_FUNCTION);

    // Holm across the report's three tests, as p.adjust(..., "holm").
    assert_eq!(r.adjustment.m, 3);
    assert_close(
        shift.test.as_ref().unwrap().p_adjusted.unwrap(),
        x("holm_shift"),
        SPECIAL_FUNCTION,
    );
    let adj = |text: &str| by(text).test.as_ref().unwrap().p_adjusted.unwrap();
    assert_close(
        adj("Confidence (before)"),
        x("holm_before"),
        SPECIAL_FUNCTION,
    );
    assert_close(adj("Confidence (now)"), x("holm_now"), SPECIAL_FUNCTION);
}
