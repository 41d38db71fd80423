//! waterline-cli on the synthetic sample: every format and both languages, and its numbers are
//! the in-memory report's for the same rows.

use std::process::Command;

fn sample(name: &str) -> String {
    format!("{}/sample/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_waterline-cli"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn report(extra: &[&str]) -> String {
    let (cb, d1, d2) = (
        sample("codebook.csv"),
        sample("district-1.csv"),
        sample("district-2.csv"),
    );
    let mut args = vec!["report", "--codebook", &cb];
    args.extend_from_slice(extra);
    args.extend([d1.as_str(), d2.as_str()]);
    let (ok, out, err) = cli(&args);
    assert!(ok, "{err}");
    out
}

#[test]
fn json_report_matches_the_in_memory_report_of_both_files() {
    let out = report(&["--partitions", "3"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = &v["groups"][0];
    assert_eq!(g["rows"], 120);
    // The in-memory report of the two files' rows.
    let one = std::fs::read_to_string(sample("district-1.csv")).unwrap();
    let two = std::fs::read_to_string(sample("district-2.csv")).unwrap();
    let both = one + two.split_once('\n').unwrap().1;
    let mut s =
        waterline::survey::Survey::from_bytes(both.as_bytes(), &Default::default()).unwrap();
    s.set_codebook(&std::fs::read_to_string(sample("codebook.csv")).unwrap())
        .unwrap();
    let r = s.report(&Default::default()).unwrap();
    let safe = r
        .items
        .iter()
        .find(|i| i.text.en == "I feel safe at school")
        .unwrap();
    let mine = g["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["text"] == "I feel safe at school")
        .unwrap();
    assert_eq!(mine["nUsed"], safe.n_used);
    assert_eq!(mine["sentence"], safe.sentence.en.as_str());
    // A numeric item: the page's median and sentence, from the answers counted per value.
    let hours = r
        .items
        .iter()
        .find(|i| i.text.en == "Hours of tutoring")
        .unwrap();
    let items = g["items"].as_array().unwrap();
    let numeric = items
        .iter()
        .find(|i| i["text"] == "Hours of tutoring")
        .unwrap();
    assert_eq!(numeric["median"].as_f64(), hours.median);
    assert_eq!(numeric["meanUpper"].as_f64(), hours.mean_upper);
    assert_eq!(numeric["sentence"], hours.sentence.en.as_str());
    let top = &safe.top_box.as_ref().unwrap().interval;
    assert_eq!(mine["topBox"]["lower"].as_f64(), Some(top.lower));
    assert_eq!(mine["topBox"]["upper"].as_f64(), Some(top.upper));
    assert_eq!(g["shifts"].as_array().unwrap().len(), r.shifts.len());
    assert_eq!(
        g["shifts"][0]["pValue"].as_f64(),
        r.shifts[0].test.as_ref().map(|t| t.p_value)
    );
    assert_eq!(g["shifts"][0]["sentence"], r.shifts[0].sentence.en.as_str());
}

#[test]
fn spanish_csv_html_and_grouping() {
    let csv = report(&["--lang", "es", "--format", "csv", "--by", "District"]);
    assert!(csv.starts_with("grupo,sección,id,texto,respuesta,recuento,n,proporción"));
    assert!(csv.contains("Fresno,punto,"));
    assert!(csv.contains("Kern,cambio,"));
    assert!(csv.contains("Muy de acuerdo"));
    assert!(csv.lines().next().unwrap().ends_with(",frase"));
    assert!(csv.contains("(IC 95% "), "the page's Spanish sentences");
    let html = report(&["--lang", "es", "--format", "html"]);
    assert!(html.starts_with("<!doctype html>\n<html lang=\"es\">"));
    assert!(html.contains("Casilla superior") && !html.contains("Top box"));
    assert!(html.contains("<p class=\"sentence\">") && html.contains("(IC 95% "));
}

#[test]
fn usage_errors_are_stated() {
    let (ok, _, err) = cli(&["report", "--lang", "fr", "x.csv"]);
    assert!(!ok && err.contains("--lang is en or es"));
    let (ok, _, err) = cli(&["report", "--codebook", "/nonexistent/codebook.csv", "x.csv"]);
    assert!(!ok && err.contains("/nonexistent/codebook.csv"));
}

/// Subgroup tables over both files (levels that only the second file has are groups too),
/// suppressed after the final merge with the page's rules: the in-memory report's rows, number
/// for number, at the page's minCell and at one that hides a school.
#[test]
fn subgroup_tables_match_the_in_memory_report_of_both_files() {
    let one = std::fs::read_to_string(sample("district-1.csv")).unwrap();
    let two = std::fs::read_to_string(sample("district-2.csv")).unwrap();
    let both = one + two.split_once('\n').unwrap().1;
    let mut s =
        waterline::survey::Survey::from_bytes(both.as_bytes(), &Default::default()).unwrap();
    s.set_codebook(&std::fs::read_to_string(sample("codebook.csv")).unwrap())
        .unwrap();
    let mut suppressed = 0;
    for min_cell in ["10", "26"] {
        let options = waterline::survey::report::ReportOptions {
            min_cell: min_cell.parse().unwrap(),
            ..Default::default()
        };
        let r = s.report(&options).unwrap();
        let out = report(&["--partitions", "3", "--min-cell", min_cell]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mine = v["subgroups"].as_array().unwrap();
        let groups: std::collections::BTreeSet<_> =
            mine.iter().map(|m| m["group"].as_str().unwrap()).collect();
        assert_eq!(groups.len(), 2, "District and School: {groups:?}");
        for m in mine {
            let b = r
                .subgroups
                .iter()
                .find(|b| b.item == m["item"] && b.group == m["group"])
                .unwrap_or_else(|| panic!("{} by {} in the page's report", m["item"], m["group"]));
            assert_eq!(m["rows"], serde_json::to_value(&b.rows).unwrap());
            assert_eq!(m["nUsed"], b.n_used);
            assert_eq!(m["nExcluded"], b.n_excluded);
            let chi = b.chi_square.as_ref().map(|c| c.p_value);
            assert_eq!(m["chiSquare"]["pValue"].as_f64(), chi);
            suppressed += b.rows.iter().filter(|x| x.suppressed.is_some()).count();
        }
    }
    assert!(
        suppressed >= 2,
        "minCell 26 hides a school and its complement"
    );
    let (ok, _, err) = cli(&[
        "report",
        "--codebook",
        &sample("codebook.csv"),
        "--subgroup",
        "Hours of tutoring",
        &sample("district-1.csv"),
    ]);
    assert!(!ok && err.contains("--subgroup Hours of tutoring"), "{err}");
}
