//! Theory-of-change computations checked against independent references:
//! civil dates against Python's `datetime` (tests/data/toc_dates.py) and critical-path
//! schedules against a networkx + datetime implementation of the documented rules
//! (tests/data/toc_cpm.py). Dates and day counts are integers: the tolerance is exact.
#![cfg(feature = "toc")]

use waterline::toc::{parse_model, schedule, Date, ScheduleOptions};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn civil_dates_match_python_datetime() {
    let text = fixture("toc_dates.csv");
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (date, day_number, add, result) = (f[0], f[1], f[2], f[3]);
        if day_number.is_empty() {
            // A (year, month, day) triple Python accepts or rejects.
            assert_eq!(Date::parse(date).is_ok(), result == "valid", "{date}");
            checked += 1;
            continue;
        }
        let d = Date::parse(date).unwrap();
        assert_eq!(d.day_number(), day_number.parse::<i64>().unwrap(), "{date}");
        assert_eq!(d.to_string(), date);
        let later = d.add_days(add.parse().unwrap());
        if result == "out_of_range" {
            assert!(later.is_err(), "{date} + {add}");
        } else {
            assert_eq!(later.unwrap().to_string(), result, "{date} + {add}");
        }
        checked += 1;
    }
    assert!(checked > 300);
}

#[test]
fn schedules_match_the_networkx_reference() {
    let text = fixture("toc_cpm.json");
    let json = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<String>();
    let cases: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 60);
    let (mut feasible, mut infeasible) = (0, 0);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let model = parse_model(&case["model"].to_string()).unwrap();
        let options = &case["options"];
        let date = |k: &str| {
            options
                .get(k)
                .and_then(|v| v.as_str())
                .map(|s| Date::parse(s).unwrap())
        };
        let opts = ScheduleOptions {
            start: date("start"),
            deadline: date("deadline"),
        };
        let s = schedule(&model, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = &case["expected"];
        assert_eq!(
            s.project_start.unwrap().to_string(),
            want["projectStart"],
            "{name}"
        );
        assert_eq!(
            s.project_finish.unwrap().to_string(),
            want["projectFinish"],
            "{name}"
        );
        assert_eq!(s.feasible, want["feasible"].as_bool().unwrap(), "{name}");
        if s.feasible {
            feasible += 1;
        } else {
            infeasible += 1;
        }
        for g in &s.goals {
            let w = &want["goals"][&g.id];
            assert_eq!(
                g.early_start.to_string(),
                w["earlyStart"],
                "{name} {}",
                g.id
            );
            assert_eq!(
                g.early_finish.to_string(),
                w["earlyFinish"],
                "{name} {}",
                g.id
            );
            assert_eq!(g.late_start.to_string(), w["lateStart"], "{name} {}", g.id);
            assert_eq!(
                g.late_finish.to_string(),
                w["lateFinish"],
                "{name} {}",
                g.id
            );
            assert_eq!(
                g.slack_days,
                w["slackDays"].as_i64().unwrap(),
                "{name} {}",
                g.id
            );
        }
    }
    // The fixture exercises both outcomes.
    assert!(
        feasible > 10 && infeasible > 10,
        "{feasible} feasible, {infeasible} infeasible"
    );
}
