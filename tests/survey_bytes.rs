//! Bytes in: encodings, replacement characters, unclosed quotes and the row limit.
//! Fixtures `survey_es_*` and their expected counts are written by
//! `tests/data/survey_encodings.py`, which counts the answers from its own rows.
#![cfg(feature = "survey")]

use waterline::survey::{EncodingSource, ReadOptions, Survey};
use waterline::Code;

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn expected() -> serde_json::Value {
    serde_json::from_slice(&bytes("survey_es_expected.json")).unwrap()
}

fn load(name: &str, options: &ReadOptions) -> Survey {
    Survey::from_bytes(&bytes(name), options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Per column header, the count of each distinct value as read.
fn counts(s: &Survey, header: &str) -> serde_json::Value {
    let t = s.table();
    let c = t
        .columns
        .iter()
        .position(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header:?} in {:?}", t.columns));
    let d = &t.dicts[c];
    let map: serde_json::Map<String, serde_json::Value> = d
        .values
        .iter()
        .zip(&d.counts)
        .skip(1)
        .filter(|(_, n)| **n > 0)
        .map(|(v, n)| (v.clone(), serde_json::json!(n)))
        .collect();
    serde_json::Value::Object(map)
}

fn no_replacement_characters(s: &Survey) {
    let t = s.table();
    assert!(t.columns.iter().all(|c| !c.header.contains('\u{FFFD}')));
    assert!(t
        .dicts
        .iter()
        .all(|d| d.values.iter().all(|v| !v.contains('\u{FFFD}'))));
    assert!(s
        .issues()
        .issues
        .iter()
        .all(|i| i.code != Code::ReplacementCharacter));
}

fn check_spanish(s: &Survey) {
    let want = expected();
    assert_eq!(s.issues().rows as u64, want["rows"].as_u64().unwrap());
    for (header, c) in want["counts"].as_object().unwrap() {
        assert_eq!(&counts(s, header), c, "{header}");
    }
    no_replacement_characters(s);
    // The yes/no item is read as one: 23 said "Sí" (not "0% said yes").
    let m = s.mapping();
    let k = m
        .instrument
        .items
        .iter()
        .position(|i| i.text.es.starts_with("¿Participó") || i.text.en.starts_with("¿Participó"))
        .expect("the yes/no item");
    let yes = s.data().values[k].iter().filter(|v| **v == 1.0).count();
    assert_eq!(yes as u64, want["counts"]["¿Participó en Lunadas?"]["Sí"]);
}

#[test]
fn windows_1252_spanish_excel_csv_falls_back_and_says_so() {
    let s = load("survey_es_1252.csv", &ReadOptions::default());
    let info = s.issues();
    assert_eq!(info.encoding.name, "windows-1252");
    assert_eq!(info.encoding.source, EncodingSource::Fallback);
    // "¿" (0xBF) on the header line is the first byte that is not UTF-8.
    assert_eq!(info.encoding.invalid_utf8_line, Some(1));
    assert_eq!(info.delimiter, ";");
    assert_eq!(s.table().columns[1].header, "¿Dónde vive?");
    check_spanish(&s);
}

#[test]
fn utf8_with_bom_is_named_bom() {
    let s = load("survey_es_utf8bom.csv", &ReadOptions::default());
    let info = s.issues();
    assert_eq!(
        (info.encoding.name, info.encoding.source),
        ("utf-8", EncodingSource::Bom)
    );
    assert_eq!(s.table().columns[0].header, "Marca temporal");
    check_spanish(&s);
}

#[test]
fn utf16le_unicode_text_is_tab_separated() {
    let s = load("survey_es_utf16le.txt", &ReadOptions::default());
    let info = s.issues();
    assert_eq!(
        (info.encoding.name, info.encoding.source),
        ("utf-16le", EncodingSource::Bom)
    );
    assert_eq!(info.delimiter, "\t");
    check_spanish(&s);
}

#[test]
fn the_three_encodings_give_the_same_report() {
    let report = |name: &str| {
        let s = load(name, &ReadOptions::default());
        serde_json::to_string(&s.report(&Default::default()).unwrap()).unwrap()
    };
    let a = report("survey_es_1252.csv");
    assert_eq!(a, report("survey_es_utf8bom.csv"));
    assert_eq!(a, report("survey_es_utf16le.txt"));
}

#[test]
fn plain_utf8_is_named_valid_utf8() {
    let s = Survey::from_bytes("q\nSí\nNo\n".as_bytes(), &ReadOptions::default()).unwrap();
    let e = s.issues().encoding;
    assert_eq!((e.name, e.source), ("utf-8", EncodingSource::ValidUtf8));
    let t = Survey::from_csv("q\nSí\nNo\n", &ReadOptions::default()).unwrap();
    assert_eq!(t.issues().encoding.source, EncodingSource::Text);
}

#[test]
fn forced_encoding_is_applied_and_wrong_choices_are_reported() {
    let forced = ReadOptions {
        encoding: Some("latin1".into()),
        ..Default::default()
    };
    let s = load("survey_es_1252.csv", &forced);
    let e = s.issues().encoding;
    // WHATWG: latin1 / iso-8859-1 decode as Windows-1252.
    assert_eq!((e.name, e.source), ("windows-1252", EncodingSource::User));
    check_spanish(&s);

    let wrong = ReadOptions {
        encoding: Some("utf-8".into()),
        ..Default::default()
    };
    let s = load("survey_es_1252.csv", &wrong);
    let info = s.issues();
    assert_eq!(info.encoding.source, EncodingSource::User);
    let bad: Vec<_> = info
        .issues
        .iter()
        .filter(|i| i.code == Code::ReplacementCharacter)
        .collect();
    // Each cell holding "Sí" is reported, in its column, with the first line (row 1 = line 2).
    let yes = bad
        .iter()
        .find(|i| i.value.as_deref() == Some("S\u{FFFD}"))
        .expect("the yes/no column is reported");
    assert_eq!(
        yes.column.as_deref(),
        Some("\u{FFFD}Particip\u{FFFD} en Lunadas?")
    );
    assert_eq!(yes.count, 23);
    assert_eq!(yes.line, 2);
    assert_eq!(yes.lines[..3], [2, 4, 5]);
    // The headers with "¿" are reported too, at the header line.
    assert!(bad.iter().any(|i| i.line == 1
        && i.value
            .as_deref()
            .is_some_and(|v| v.contains("D\u{FFFD}nde"))));

    let unknown = ReadOptions {
        encoding: Some("ebcdic".into()),
        ..Default::default()
    };
    let e = Survey::from_bytes(b"q\n1\n", &unknown).unwrap_err();
    assert_eq!(e.code, Code::BadInput);
    assert!(e.details.contains_key("accepted"));
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opened_and_later_rows_recovered() {
    let csv = "id,q,comment\n\
               1,Agree,\"fine,\nreally\"\n\
               2,Agree,\"never closed\n\
               3,Disagree,ok\n\
               4,Agree,\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let info = s.issues();
    let q = info
        .issues
        .iter()
        .find(|i| i.code == Code::UnclosedQuote)
        .expect("reported");
    assert_eq!(q.line, 4);
    assert_eq!(q.column.as_deref(), Some("comment"));
    assert_eq!(q.rows_affected, Some(2));
    assert_eq!(q.treatment, "recovered");
    // Rows 3 and 4 are read at their own lines, not swallowed or misaligned.
    assert_eq!(s.table().lines, vec![2, 4, 5, 6]);
    assert_eq!(info.rows, 4);
}

#[test]
fn two_unclosed_quotes_do_not_pair_up() {
    let csv = "id,q\n1,\"Agree\n2,Disagree\n3,\"Agree\n4,Agree\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let lines: Vec<u64> = s
        .issues()
        .issues
        .iter()
        .filter(|i| i.code == Code::UnclosedQuote)
        .map(|i| i.line)
        .collect();
    assert_eq!(lines, vec![2, 4]);
    assert_eq!(s.table().lines, vec![2, 3, 4, 5]);
}

#[test]
fn ragged_rows_keep_their_exact_line_after_a_multiline_field() {
    let csv = "id,q,c\n1,Agree,\"two\nlines\"\n2,Agree\n3,Agree,x,y\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let ragged: Vec<u64> = s
        .issues()
        .issues
        .iter()
        .filter(|i| i.code == Code::RaggedRow)
        .map(|i| i.line)
        .collect();
    assert_eq!(ragged, vec![4, 5]);
}

#[test]
fn too_many_rows_names_the_count_and_the_limit() {
    let big = format!("q\n{}", "1\n".repeat(260_000));
    let e = Survey::from_bytes(big.as_bytes(), &ReadOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::TooLarge);
    let details = serde_json::to_value(&e.details).unwrap();
    assert_eq!(details["rows"], 260_000.0);
    assert_eq!(details["limit"], 250_000.0);
}
