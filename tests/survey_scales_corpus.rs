//! Runs every UTF-8 file of the vendor-export corpus (`tests/corpus/`, expected counts computed
//! by `tests/corpus/expected.py` without waterline) through the engine — with its codebook where
//! the file is numeric — and requires every headline to equal the expected truth, or to be
//! withheld with a coded reason (a notice). Every file goes in as its bytes, so the encoding
//! (UTF-8, UTF-16, Windows-1252) is found by the engine and checked too. The duplicate-id file
//! is checked under each of the four policies, the unclosed-quote file against the recovery the
//! engine documents (the row is cut at the end of the line where the quote opened; the rows
//! after it are read again).
#![cfg(feature = "survey")]
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::PathBuf;
use waterline::survey::report::Report;
use waterline::survey::{DuplicatePolicy, ReadOptions, ReportOptions, Survey};

/// Files whose truth is about duplicate-id policies or quote recovery, not scales.
const OTHER_SCOPE: [&str; 3] = [
    "parents_duplicate_ids.csv",
    "parents_unclosed_quote.csv",
    "staff_panel_ids.csv",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn pct(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// The id of the item that reads the 1-based `column` of the file.
fn item_at(s: &Survey, column: u64) -> Option<String> {
    let key = &s
        .mapping()
        .columns
        .get(column.checked_sub(1)? as usize)?
        .key;
    s.mapping()
        .instrument
        .items
        .iter()
        .find(|i| i.column.as_deref() == Some(key.as_str()))
        .map(|i| i.id.clone())
}

/// Checks the expected `items` and `pairs` against the report; returns the mismatches and
/// the number of headlines withheld.
fn check(file: &str, s: &Survey, r: &Report, truth: &Value, out: &mut Vec<String>) -> usize {
    let mut withheld = 0;
    for (name, e) in truth["items"].as_object().into_iter().flatten() {
        let Some(percent) = e["percent"].as_i64() else {
            continue;
        };
        let Some(id) = item_at(s, e["column"].as_u64().unwrap_or(0)) else {
            out.push(format!(
                "{file}: {name}: no item reads column {}",
                e["column"]
            ));
            continue;
        };
        let Some(got) = r.items.iter().find(|i| i.item == id && i.wave.is_none()) else {
            out.push(format!("{file}: {name}: no result for item {id}"));
            continue;
        };
        match &got.top_box {
            Some(t) => {
                let (p, n) = (pct(t.interval.estimate), got.n_used);
                if p != percent || Some(n) != e["denominator"].as_u64() {
                    out.push(format!(
                        "{file}: {name}: {p}% of {n}, expected {percent}% of {}",
                        e["denominator"]
                    ));
                }
            }
            None if !got.notices.is_empty() => withheld += 1,
            None => out.push(format!("{file}: {name}: no top box and no reason")),
        }
    }
    for (name, e) in truth["pairs"].as_object().into_iter().flatten() {
        let Some(percent) = e["percent_started"].as_i64() else {
            continue;
        };
        let before = truth["items"][e["before"].as_str().unwrap_or("")]["column"]
            .as_u64()
            .and_then(|c| item_at(s, c));
        let Some(sh) = r.shifts.iter().find(|x| Some(&x.before) == before.as_ref()) else {
            out.push(format!("{file}: pair {name}: no shift"));
            continue;
        };
        match (&sh.improved, sh.notices.is_empty()) {
            (Some(up), true) if pct(up.share) == percent => {}
            (_, false) => withheld += 1,
            (up, _) => out.push(format!(
                "{file}: pair {name}: {:?}, expected {percent}%",
                up.as_ref().map(|u| pct(u.share))
            )),
        }
    }
    for (name, e) in truth["multi"].as_object().into_iter().flatten() {
        let keys: Vec<String> = e["columns"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| s.mapping().columns.get(c.as_u64()? as usize - 1))
            .map(|c| c.key.clone())
            .collect();
        let item = s.mapping().instrument.items.iter().find(|i| {
            i.column.as_ref().is_some_and(|c| keys.contains(c))
                || i.choices
                    .iter()
                    .any(|c| c.column.as_ref().is_some_and(|c| keys.contains(c)))
        });
        let Some(got) = item.and_then(|i| r.items.iter().find(|x| x.item == i.id)) else {
            out.push(format!("{file}: multi {name}: no item"));
            continue;
        };
        if Some(got.n_used) != e["denominator"].as_u64() {
            out.push(format!(
                "{file}: multi {name}: n = {}, expected {}",
                got.n_used, e["denominator"]
            ));
        }
        // Choices by their English label; a file in Spanish names them in Spanish, so there
        // the counts are compared as a whole (most chosen first).
        let mut want: Vec<u64> = Vec::new();
        for (label, count) in e["counts"].as_object().into_iter().flatten() {
            want.push(count.as_u64().unwrap_or(0));
            let share = got.distribution.iter().find(|d| d.label.en == *label);
            if share.is_some_and(|d| Some(d.count) != count.as_u64()) {
                out.push(format!(
                    "{file}: multi {name}: {label}: {:?}, expected {count}",
                    share.map(|d| d.count)
                ));
            }
        }
        // Typed "Other" answers are a choice of their own here.
        if let Some(other) = e["other_text"].as_u64().filter(|n| *n > 0) {
            want.push(other);
        }
        want.sort_unstable_by(|a, b| b.cmp(a));
        let mut have: Vec<u64> = got
            .distribution
            .iter()
            .map(|d| d.count)
            .filter(|c| *c > 0)
            .collect();
        have.sort_unstable_by(|a, b| b.cmp(a));
        if have != want {
            out.push(format!(
                "{file}: multi {name}: counts {have:?}, expected {want:?}"
            ));
        }
    }
    withheld
}

/// The truth of a file with waves: the comparison equals it, or is refused with a notice when
/// the truth says the waves need a mapping; then confirming the mapping gives the truth.
fn check_waves(file: &str, s: &mut Survey, truth: &Value, out: &mut Vec<String>) {
    let r = s.report(&ReportOptions::default()).unwrap();
    let Some(w) = r.waves.first() else {
        out.push(format!("{file}: no wave comparison"));
        return;
    };
    let c = &truth["comparison"];
    let expect = |r: &Report, side: &str, out: &mut Vec<String>| {
        let Some(w) = r.waves.first() else { return };
        for (wave, share) in [("from", &w.share_from), ("to", &w.share_to)] {
            let name = if wave == "from" { &w.from } else { &w.to };
            let want = c[side]["result"][name]["percent"]
                .as_i64()
                .or_else(|| c["result"][name]["percent"].as_i64())
                .or_else(|| truth["waves"][name]["percent"].as_i64());
            let got = share.as_ref().map(|x| pct(x.estimate));
            if want.is_none() || got != want {
                out.push(format!("{file}: wave {name}: {got:?}, expected {want:?}"));
            }
        }
    };
    if c["without_mapping"]["refused"].as_bool() == Some(true) {
        if w.test.is_some() || w.notices.is_empty() {
            out.push(format!(
                "{file}: the comparison must be refused with a notice"
            ));
        }
        let mut m = s.mapping().clone();
        for i in &mut m.instrument.items {
            i.confirmed = true;
        }
        s.set_mapping(m).unwrap();
        let r = s.report(&ReportOptions::default()).unwrap();
        expect(&r, "with_mapping", out);
    } else {
        expect(&r, "without_mapping", out);
    }
}

/// Every expected label or code issue is reported at its line, with its value and count.
fn check_issues(file: &str, s: &Survey, truth: &Value, out: &mut Vec<String>) {
    let info = s.issues();
    for e in truth["issues"].as_array().into_iter().flatten() {
        let code = e["code"].as_str().unwrap_or("");
        if !["code_out_of_range", "unknown_label"].contains(&code) {
            continue;
        }
        let found = info.issues.iter().any(|i| {
            serde_json::to_value(i.code)
                .ok()
                .as_ref()
                .and_then(Value::as_str)
                == Some(code)
                && Some(i.line) == e["line"].as_u64()
                && i.value.as_deref() == e["value"].as_str()
                && Some(i.count) == e["count"].as_u64()
        });
        if !found {
            out.push(format!(
                "{file}: issue {code} at line {} not reported",
                e["line"]
            ));
        }
    }
}

#[test]
fn every_headline_equals_the_truth_or_is_withheld_with_a_reason() {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("index.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    let (mut checked, mut withheld) = (0, 0);
    for name in index["files"].as_object().unwrap().keys() {
        let name = name.as_str();
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(dir().join(format!("{name}.expected.json"))).unwrap(),
        )
        .unwrap();
        if OTHER_SCOPE.contains(&name) {
            continue;
        }
        // The file's bytes, as the page hands them over: the engine finds the encoding.
        let bytes = std::fs::read(dir().join(name)).unwrap();
        let mut s = match Survey::from_bytes(&bytes, &ReadOptions::default()) {
            Ok(s) => s,
            Err(e) => {
                out.push(format!("{name}: not read: {}", e.message));
                continue;
            }
        };
        let want = truth["encoding"]
            .as_str()
            .unwrap_or("")
            .replace("utf-16-", "utf-16");
        if s.issues().encoding.name != want {
            out.push(format!(
                "{name}: read as {}, written in {want}",
                s.issues().encoding.name
            ));
        }
        checked += 1;
        if truth.get("waves").is_some() {
            check_waves(name, &mut s, &truth, &mut out);
            check_issues(name, &s, &truth, &mut out);
            continue;
        }
        if let Some(book) = truth["codebook"].as_str() {
            // Without the codebook, no coded item may print a headline.
            let r = s.report(&ReportOptions::default()).unwrap();
            for (item, e) in truth["without_codebook"]["items"]
                .as_object()
                .into_iter()
                .flatten()
            {
                let id = item_at(&s, e["column"].as_u64().unwrap_or(0));
                let got = r.items.iter().find(|i| Some(&i.item) == id.as_ref());
                if got.is_some_and(|g| g.top_box.is_some() || g.mean.is_some()) {
                    out.push(format!("{name}: {item}: a headline without the codebook"));
                }
            }
            let book = std::fs::read_to_string(dir().join(book)).unwrap();
            if let Err(e) = s.set_codebook(&book) {
                out.push(format!("{name}: codebook refused: {}", e.message));
                continue;
            }
            if truth["with_codebook"].get("waves").is_some() {
                check_waves(name, &mut s, &truth["with_codebook"], &mut out);
            } else {
                let r = s.report(&ReportOptions::default()).unwrap();
                withheld += check(name, &s, &r, &truth["with_codebook"], &mut out);
            }
            check_issues(name, &s, &truth, &mut out);
        } else {
            let r = s.report(&ReportOptions::default()).unwrap();
            withheld += check(name, &s, &r, &truth, &mut out);
            check_issues(name, &s, &truth, &mut out);
        }
    }
    assert!(checked >= 25, "only {checked} corpus files checked");
    println!("{checked} files checked, {withheld} headlines withheld with a reason");
    assert!(
        out.is_empty(),
        "{} mismatches:\n{}",
        out.len(),
        out.join("\n")
    );
}

/// Reads a corpus file with a duplicate-id policy.
fn read_with(name: &str, duplicates: DuplicatePolicy) -> Survey {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    let options = ReadOptions {
        duplicates: Some(duplicates),
        ..ReadOptions::default()
    };
    Survey::from_bytes(&bytes, &options).unwrap()
}

#[test]
fn duplicate_ids_give_the_truth_under_every_policy() {
    let name = "parents_duplicate_ids.csv";
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(dir().join(format!("{name}.expected.json"))).unwrap(),
    )
    .unwrap();
    let mut out = Vec::new();
    for (key, policy) in [
        ("keep_first", DuplicatePolicy::KeepFirst),
        ("keep_last", DuplicatePolicy::KeepLast),
        ("keep_all", DuplicatePolicy::KeepAll),
        ("drop_all", DuplicatePolicy::DropAll),
    ] {
        let s = read_with(name, policy);
        let want = &truth["policies"][key];
        assert_eq!(
            s.issues().rows_analysed as u64,
            want["respondents"].as_u64().unwrap(),
            "{key}: respondents"
        );
        // The policy's counts, with each item's column from the file's own truth.
        let mut want = want.clone();
        for (item, e) in want["items"].as_object_mut().into_iter().flatten() {
            e["column"] = truth["items"][item]["column"].clone();
        }
        let r = s.report(&ReportOptions::default()).unwrap();
        check(&format!("{name} ({key})"), &s, &r, &want, &mut out);
    }
    // Every copy is reported at its line, identical resubmissions apart from conflicting ones.
    let s = read_with(name, DuplicatePolicy::KeepLast);
    for e in truth["issues"].as_array().unwrap() {
        let code = e["code"].as_str().unwrap();
        let lines: Vec<u64> = e["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_u64)
            .collect();
        let found = s.issues().issues.iter().any(|i| {
            serde_json::to_value(i.code)
                .ok()
                .as_ref()
                .and_then(Value::as_str)
                == Some(code)
                && i.value.as_deref() == e["value"].as_str()
                && i.lines == lines
        });
        assert!(
            found,
            "{name}: {code} {} at lines {lines:?} not reported",
            e["value"]
        );
    }
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opened_and_the_rows_after_it_recovered() {
    let name = "parents_unclosed_quote.csv";
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(dir().join(format!("{name}.expected.json"))).unwrap(),
    )
    .unwrap();
    let s = read_with(name, DuplicatePolicy::KeepLast);
    let e = &truth["issues"][0];
    let issue = s
        .issues()
        .issues
        .into_iter()
        .find(|i| {
            serde_json::to_value(i.code)
                .ok()
                .as_ref()
                .and_then(Value::as_str)
                == Some("unclosed_quote")
        })
        .expect("an unclosed_quote issue");
    assert_eq!(issue.line, e["line"].as_u64().unwrap());
    let want = &truth["outcomes"]["recover_keep_row"];
    let r = s.report(&ReportOptions::default()).unwrap();
    let mut out = Vec::new();
    check(name, &s, &r, want, &mut out);
    assert!(out.is_empty(), "{}", out.join("\n"));
}
