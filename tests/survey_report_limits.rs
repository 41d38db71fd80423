//! Budgets for the survey report (issue #15): `groupBy` is deduplicated and capped, so that a
//! project file cannot keep the worker busy for minutes.
#![cfg(feature = "survey")]
#![cfg(not(target_arch = "wasm32"))]

mod finite_support;

use finite_support::finite_debug;
use std::time::Instant;
use waterline::survey::report::MAX_GROUPS;
use waterline::survey::{example, ReadOptions, ReportOptions, Survey};
use waterline::Code;

fn survey() -> Survey {
    Survey::from_csv(example::PARENTS_CSV, &ReadOptions::default()).unwrap()
}

fn group_item(s: &Survey) -> String {
    let groups = &s.mapping().instrument.groups;
    assert!(!groups.is_empty(), "the example has a group column");
    groups[0].clone()
}

/// Issue #15 item 3: `report({groupBy: [the same item ×100,000]})` ran for minutes (3,000 copies:
/// 35 s, 157 MB of result). Repeats now count once.
#[test]
fn repeated_group_by_counts_once_and_is_fast() {
    let s = survey();
    let g = group_item(&s);
    let once = s
        .report(&ReportOptions {
            group_by: Some(vec![g.clone()]),
            ..Default::default()
        })
        .unwrap();
    let start = Instant::now();
    let many = s
        .report(&ReportOptions {
            group_by: Some(vec![g; 100_000]),
            ..Default::default()
        })
        .unwrap();
    assert!(start.elapsed().as_secs_f64() < 5.0, "{:?}", start.elapsed());
    assert_eq!(many.subgroups, once.subgroups);
    assert!(!once.subgroups.is_empty());
}

#[test]
fn more_distinct_groups_than_the_cap_are_refused_with_the_limit() {
    let s = survey();
    let ids: Vec<String> = s
        .mapping()
        .instrument
        .items
        .iter()
        .map(|i| i.id.clone())
        .take(MAX_GROUPS + 1)
        .collect();
    assert_eq!(ids.len(), MAX_GROUPS + 1);
    let e = s
        .report(&ReportOptions {
            group_by: Some(ids),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.code, Code::TooLarge);
    assert_eq!(e.details["limit"], MAX_GROUPS.into());
    assert_eq!(e.details["requested"], (MAX_GROUPS + 1).into());
    assert_eq!(e.details["source"], "groupBy".into());
}

/// The instrument's own groups are not capped in number (a survey may ask a dozen demographic
/// questions), only their tables: nine grouping columns in the mapping still give a report.
#[test]
fn nine_instrument_groups_still_report() {
    use waterline::survey::ItemType;
    let mut s = survey();
    let mut mapping = s.mapping().clone();
    let groups: Vec<String> = mapping
        .instrument
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.kind,
                ItemType::Category | ItemType::Binary | ItemType::Likert
            )
        })
        .map(|i| i.id.clone())
        .take(MAX_GROUPS + 1)
        .collect();
    assert_eq!(groups.len(), MAX_GROUPS + 1);
    mapping.instrument.groups = groups.clone();
    s.set_mapping(mapping).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    let shown: std::collections::HashSet<&str> =
        r.subgroups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(shown.len(), MAX_GROUPS + 1);
}

#[test]
fn an_unknown_group_is_still_named() {
    let s = survey();
    let e = s
        .report(&ReportOptions {
            group_by: Some(vec!["nope".into(); 3]),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(
        (e.code, e.details["id"].clone()),
        (Code::UnknownId, "nope".into())
    );
}

/// Finite by contract: a numeric item with answers of ±1e300 gave sd = inf and "(95% CI -inf
/// to inf)"; its mean and sd are now withheld and the sentence gives the median only.
#[test]
fn numeric_items_with_absurd_values_withhold_the_mean() {
    let mut csv = String::from("Respondent,How many hours per week?\n");
    for i in 0..30 {
        let v = ["1e300", "-1e300", "5"][i % 3];
        csv.push_str(&format!("{i},{v}\n"));
    }
    let s = Survey::from_csv(&csv, &ReadOptions::default()).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    let item = r
        .items
        .iter()
        .find(|i| i.text.en.contains("hours"))
        .unwrap();
    assert_eq!((item.mean, item.sd, item.mean_lower), (None, None, None));
    assert_eq!(item.median, Some(5.0));
    assert!(!item.sentence.en.contains("inf"), "{}", item.sentence.en);
    assert!(
        item.sentence.en.contains("median 5.00"),
        "{}",
        item.sentence.en
    );
    assert!(
        item.sentence.es.contains("mediana 5,00"),
        "{}",
        item.sentence.es
    );
}

/// The same for a numeric then-test pair: the means (which could overflow) are withheld and
/// the sentence gives the shares that moved, never "mean 0 → 0".
#[test]
fn numeric_shifts_with_absurd_values_withhold_the_means() {
    let mut csv = String::from("Respondent,Hours per week (before joining),Hours per week (now)\n");
    for i in 0..30 {
        let (b, a) = [("1e308", "1e308"), ("-1e308", "3"), ("2", "5")][i % 3];
        csv.push_str(&format!("{i},{b},{a}\n"));
    }
    let s = Survey::from_csv(&csv, &ReadOptions::default()).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    assert_eq!(r.shifts.len(), 1, "{:?}", s.mapping().instrument.pairs);
    let shift = &r.shifts[0];
    assert_eq!((shift.mean_before, shift.mean_after), (None, None));
    let text = format!("{shift:?}");
    assert!(!text.contains("inf") && !text.contains("NaN"), "{text}");
    assert!(!shift.sentence.en.contains("mean"), "{}", shift.sentence.en);
    assert!(
        shift.sentence.en.contains("moved up"),
        "{}",
        shift.sentence.en
    );
    assert!(shift.sentence.es.contains("subió"), "{}", shift.sentence.es);
}

mod finite {
    use super::*;
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "0",
            "1",
            "2",
            "3.5",
            "-4",
            "",
            "1e100",
            "-1e100",
            "1e101",
            "1e300",
            "-1e308",
            "1.7976931348623157e308",
            "5e-324",
            "9e15",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Finite by contract: any numbers in a numeric then-test pair give a report whose
        /// every number is finite.
        #[test]
        fn numeric_answers_give_finite_reports(rows in prop::collection::vec((cell(), cell()), 3..40)) {
            let mut csv = String::from("Respondent,Hours per week (before joining),Hours per week (now)\n");
            for (i, (b, a)) in rows.iter().enumerate() {
                csv.push_str(&format!("{i},{b},{a}\n"));
            }
            let Ok(s) = Survey::from_csv(&csv, &ReadOptions::default()) else { return Ok(()) };
            if let Ok(r) = s.report(&ReportOptions::default()) {
                let text = format!("{r:?}");
                prop_assert!(finite_debug(&text), "{}", text);
            }
        }
    }
}
