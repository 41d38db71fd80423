//! Exports with hostile text: quotes, backslashes, `<script>`, `#`, commas, line breaks,
//! formulas and non-ASCII survive each format, read back by an independent reader (the `csv`
//! crate for RFC 4180; a DOT string reader written from the Graphviz grammar; the JSON reader).
#![cfg(feature = "toc")]

use serde_json::json;
use waterline::toc::{
    example_pass_model, export, parse_model, ExportFormat, ExportOptions, Lang, Model,
    INDICATOR_CSV_HEADER,
};

const NASTY: &str =
    "Parents' \"voice\", <script>alert(1)</script> #1 \\N; C:\\path\nnew line — educación";

fn nasty_model() -> Model {
    let v = json!({
        "schemaVersion": 1, "id": "nasty \"id\"", "title": {"en": NASTY, "es": "Título \"raro\""},
        "activities": [{"id": "a\"1", "title": {"en": NASTY}}],
        "outputs": [{"id": "o1", "title": {"en": "=HYPERLINK(\"http://x\")"}}],
        "outcomes": [{"id": "s1", "title": {"en": "-5 suspensions", "es": "−5 suspensiones"}, "term": "short"}],
        "links": [{"from": "a\"1", "to": "o1"}, {"from": "o1", "to": "s1"}],
        "indicators": [
            {"id": "k1", "of": "s1", "measure": {"en": NASTY, "es": "medida, con coma"}, "unit": "%",
             "baseline": {"value": 2.8, "date": "2014-06-30"}, "target": {"value": 0, "date": "2019-06-30"},
             "dataSource": "=cmd|' /C calc'!A0", "surveyItem": "q\r\n7",
             "actuals": [{"value": 1.5, "date": "2017-06-30"}, {"value": 0, "date": "2019-06-30"}],
             "provenance": {"origin": "read", "quote": "2.8 percent", "note": null}},
            {"id": "k2", "of": "o1", "measure": {"en": "plain"}}
        ]
    });
    parse_model(&v.to_string()).unwrap()
}

fn text(m: &Model, format: ExportFormat, lang: Lang) -> String {
    export(m, &ExportOptions { format, lang }).unwrap().text
}

#[test]
fn indicators_csv_reads_back_with_the_csv_crate() {
    let m = nasty_model();
    let e = export(
        &m,
        &ExportOptions {
            format: ExportFormat::IndicatorsCsv,
            lang: Lang::En,
        },
    )
    .unwrap();
    assert_eq!((e.mime_type, e.extension), ("text/csv", "csv"));
    assert!(e.text.ends_with("\r\n"));
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(e.text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, INDICATOR_CSV_HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let row = &rows[0];
    let field = |name: &str| {
        row.get(
            INDICATOR_CSV_HEADER
                .iter()
                .position(|h| *h == name)
                .unwrap(),
        )
        .unwrap()
    };
    assert_eq!(field("id"), "k1");
    assert_eq!(field("of_kind"), "outcome");
    assert_eq!(field("measure_en"), NASTY);
    assert_eq!(field("measure_es"), "medida, con coma");
    assert_eq!(field("baseline"), "2.8");
    assert_eq!(field("target"), "0");
    assert_eq!(field("target_date"), "2019-06-30");
    assert_eq!(field("survey_item"), "q\r\n7");
    assert_eq!(field("n_actuals"), "2");
    assert_eq!(
        (field("latest_actual"), field("latest_actual_date")),
        ("0", "2019-06-30")
    );
    assert_eq!(field("provenance"), "read");
    // A formula is defused with a leading apostrophe.
    assert_eq!(field("data_source"), "'=cmd|' /C calc'!A0");
    assert_eq!(rows[1].get(6).unwrap(), ""); // no baseline
}

/// Reads the double-quoted DOT strings of a line back into their text, per the Graphviz
/// grammar: `\"` is a quote; every other backslash pair is kept for Graphviz's label escapes,
/// so `\\` must come back as one backslash after the label-escape step and `\n` as a newline.
fn dot_strings(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('"') => s.push('"'),
                    Some('\\') => s.push('\\'),
                    Some('n') => s.push('\n'),
                    Some(o) => panic!("unexpected escape \\{o} in {line}"),
                    None => panic!("dangling backslash in {line}"),
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

#[test]
fn dot_labels_and_ids_survive_quoting() {
    let m = nasty_model();
    let dot = text(&m, ExportFormat::Dot, Lang::En);
    assert!(dot.starts_with("digraph \"nasty \\\"id\\\"\" {"));
    let node_line = dot
        .lines()
        .find(|l| l.contains("[label=") && l.contains("a\\\"1"))
        .unwrap();
    assert_eq!(dot_strings(node_line), ["a\"1", NASTY]);
    assert!(dot.contains("\"a\\\"1\" -> \"o1\";"));
    // No line breaks inside strings: every statement stays on one line.
    assert!(dot
        .lines()
        .all(|l| l.matches('"').count() % 2 == 0 || l.contains("\\\"")));
    let es = text(&m, ExportFormat::Dot, Lang::Es);
    assert!(es.contains("label=\"Título \\\"raro\\\"\""));
    assert!(es.contains("label=\"Resultados a corto plazo\""));
}

#[test]
fn mermaid_labels_hold_no_markup() {
    let m = nasty_model();
    let mmd = text(&m, ExportFormat::Mermaid, Lang::En);
    for line in mmd
        .lines()
        .filter(|l| l.trim_start().starts_with('n') && l.contains("[\""))
    {
        let label = &line[line.find("[\"").unwrap() + 2..line.rfind("\"]").unwrap()];
        assert!(
            !label.contains(['"', '<', '>', '\n', '[', ']', '`']),
            "{label}"
        );
    }
    assert!(mmd.contains("#60;script#62;"));
    assert!(mmd.contains("educación"));
    assert!(mmd.contains("n0 --> n1"));
    assert!(mmd.lines().nth(2) == Some("flowchart LR"));
}

#[test]
fn json_export_is_the_model_file() {
    let m = nasty_model();
    let e = export(
        &m,
        &ExportOptions {
            format: ExportFormat::Json,
            lang: Lang::En,
        },
    )
    .unwrap();
    assert_eq!(e.mime_type, "application/json");
    assert_eq!(parse_model(&e.text).unwrap(), m);
    // serde_json reads it as the same document.
    let a: serde_json::Value = serde_json::from_str(&e.text).unwrap();
    assert_eq!(a["title"]["en"], NASTY);
}

#[test]
fn pass_exports_name_every_element_once() {
    let m = example_pass_model().unwrap();
    let mmd = text(&m, ExportFormat::Mermaid, Lang::Es);
    assert!(mmd.contains("subgraph col0[\"Insumos\"]"));
    assert_eq!(mmd.matches(" --> ").count(), m.links.len());
    let dot = text(&m, ExportFormat::Dot, Lang::En);
    assert_eq!(dot.matches(" -> ").count(), m.links.len());
    assert_eq!(dot.matches("subgraph cluster_").count(), 7);
    let csv = text(&m, ExportFormat::IndicatorsCsv, Lang::En);
    assert_eq!(csv.lines().count(), 1 + m.indicators.len());
}

/// With Graphviz installed (`apt-get install graphviz`; checked with 2.43.0), `dot -Tjson`
/// must parse the export and give back each label as written, which Graphviz's label escapes
/// (`\\` → `\`, `\n` → line break) turn into the original text. Skipped (passing) when `dot`
/// is not on the PATH.
#[test]
fn graphviz_accepts_the_dot_export_when_installed() {
    use std::io::Write;
    let m = nasty_model();
    let dot = text(&m, ExportFormat::Dot, Lang::En);
    let child = std::process::Command::new("dot")
        .arg("-Tjson")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("graphviz not installed: skipped");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Graphviz's label escapes on the parsed string (raw quotes are just characters here).
    let unescape = |label: &str| {
        let (mut out, mut chars) = (String::new(), label.chars());
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(o) => out.push(o),
                    None => {}
                },
                (c, false) => out.push(c),
            }
        }
        out
    };
    let labels: Vec<String> = g["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["label"].as_str())
        .map(unescape)
        .collect();
    assert!(labels.iter().any(|l| l == NASTY), "{labels:?}");
    assert!(
        labels.iter().any(|l| l == "=HYPERLINK(\"http://x\")"),
        "{labels:?}"
    );
}
