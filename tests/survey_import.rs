//! Survey import: CSV edge cases, header shapes, label matching, reported problems and mapping
//! edits. Fixtures are written by `tests/data/survey_fixtures.py`; every expected value below is
//! counted by hand from the fixture rows.
#![cfg(feature = "survey")]

use waterline::survey::{ItemType, ReadOptions, Role, Shape, Survey};
use waterline::Code;

fn load(name: &str) -> Survey {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Survey::from_csv(&text, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn values(s: &Survey, id: &str) -> Vec<f64> {
    let k = s
        .mapping()
        .instrument
        .items
        .iter()
        .position(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"));
    s.data().values[k].clone()
}

fn item_id(s: &Survey, text_starts: &str) -> String {
    s.mapping()
        .instrument
        .items
        .iter()
        .find(|i| i.text.en.starts_with(text_starts) || i.text.es.starts_with(text_starts))
        .unwrap_or_else(|| panic!("no item starting {text_starts}"))
        .id
        .clone()
}

fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
}

#[test]
fn spanish_locale_export_with_bom_semicolons_crlf_and_quoted_line_break() {
    let s = load("survey_semicolon_bom.csv");
    let info = s.issues();
    assert_eq!(info.delimiter, ";");
    assert_eq!(info.shape, Shape::OneHeader);
    assert_eq!(info.rows, 6);
    assert!(info.issues.is_empty(), "{:?}", info.issues);
    assert_eq!(
        s.table().columns[0].header,
        "Marca temporal",
        "the BOM must not stick to the first header"
    );
    // Row 2's comment spans lines 4-5, so row 3 starts on line 6.
    assert_eq!(s.table().lines, vec![3, 4, 6, 7, 8, 9]);
    let m = s.mapping();
    assert_eq!(m.timestamps, vec!["Marca temporal".to_string()]);
    // Totalmente/Muy de acuerdo = 5, De acuerdo = 4, Ni... = 3, EN DESACUERDO = 2 (5-point: neutral used).
    let conf = item_id(&s, "Me siento con confianza");
    assert!(same(&values(&s, &conf), &[5.0, 5.0, 4.0, 2.0, 3.0, 5.0]));
    // Sí / Si / No / no / SÍ / Sí.
    let lunadas = item_id(&s, "¿Participó");
    assert_eq!(m.instrument.item(&lunadas).unwrap().kind, ItemType::Binary);
    assert!(same(&values(&s, &lunadas), &[1.0, 1.0, 0.0, 0.0, 1.0, 1.0]));
    // Decimal commas; one blank.
    let hours = item_id(&s, "Horas");
    assert!(same(
        &values(&s, &hours),
        &[2.5, 1.0, 0.0, 3.0, f64::NAN, 4.0]
    ));
    let comments = item_id(&s, "Comentarios");
    assert_eq!(m.instrument.item(&comments).unwrap().kind, ItemType::Text);
    let community = item_id(&s, "Comunidad");
    assert_eq!(m.instrument.groups, vec![community]);
    let dict = &s.table().dicts[5];
    assert!(dict
        .values
        .iter()
        .any(|v| v == "Dos líneas;\r\ncon punto y coma"));
    assert!(dict.values.iter().any(|v| v == "Dice \"gracias\""));
}

#[test]
fn surveymonkey_two_header_rows() {
    let s = load("survey_surveymonkey.csv");
    assert_eq!(s.issues().shape, Shape::SurveyMonkey);
    assert_eq!(s.issues().rows, 5);
    let m = s.mapping();
    assert_eq!(m.respondent_id.as_deref(), Some("Respondent ID"));
    assert_eq!(m.timestamps, vec!["Start Date", "End Date"]);
    assert_eq!(m.ignored, vec!["Collector ID", "IP Address"]);
    let teachers = item_id(&s, "I feel confident talking with teachers");
    assert!(same(&values(&s, &teachers), &[5.0, 4.0, 2.0, 3.0, 5.0]));
    // One column per choice became one multi-select item; row 4 chose nothing, so it is missing.
    let events = m
        .instrument
        .items
        .iter()
        .find(|i| i.kind == ItemType::MultiSelect)
        .unwrap();
    assert_eq!(events.choices.len(), 3);
    let k = m
        .instrument
        .items
        .iter()
        .position(|i| i.id == events.id)
        .unwrap();
    let zumbas: Vec<f64> = s.data().choices[k][0].clone();
    assert!(same(&zumbas, &[1.0, 0.0, 1.0, f64::NAN, 1.0]));
    let kids = item_id(&s, "How many children");
    assert_eq!(m.instrument.item(&kids).unwrap().kind, ItemType::Numeric);
    let r = s.report(&Default::default()).unwrap();
    let ev = r.items.iter().find(|i| i.item == events.id).unwrap();
    assert_eq!((ev.n_used, ev.distribution[0].count), (4, 3));
    assert!(m
        .columns
        .iter()
        .any(|c| c.key == "Collector ID" && c.role == Role::Ignored));
}

#[test]
fn qualtrics_three_header_rows() {
    let s = load("survey_qualtrics.csv");
    assert_eq!(s.issues().shape, Shape::Qualtrics);
    assert_eq!(s.issues().rows, 4);
    let m = s.mapping();
    assert_eq!(m.respondent_id.as_deref(), Some("ResponseId"));
    assert_eq!(m.timestamps, vec!["StartDate", "EndDate"]);
    // No neutral anywhere: a 4-point agreement scale.
    assert_eq!(m.instrument.item("Q1_1").unwrap().points.len(), 4);
    assert_eq!(
        m.instrument.item("Q1_1").unwrap().text.en,
        "I feel confident talking with teachers"
    );
    assert!(same(&values(&s, "Q1_1"), &[4.0, 3.0, 2.0, 1.0]));
    assert_eq!(m.instrument.item("Q2").unwrap().kind, ItemType::MultiSelect);
    assert_eq!(m.instrument.item("Q2").unwrap().choices.len(), 3);
    assert_eq!(m.instrument.item("Q3").unwrap().kind, ItemType::Change);
    assert!(same(&values(&s, "Q3"), &[1.0, 0.0, 1.0, -1.0]));
    assert_eq!(m.instrument.item("Q4").unwrap().kind, ItemType::Numeric);
    let r = s.report(&Default::default()).unwrap();
    let q2 = r.items.iter().find(|i| i.item == "Q2").unwrap();
    assert_eq!(q2.n_used, 3);
    assert_eq!(q2.distribution[0].count, 2);
}

#[test]
fn problems_are_reported_with_line_column_and_count() {
    let s = load("survey_problems.csv");
    let info = s.issues();
    assert_eq!(info.rows, 13);
    let find = |code: Code| info.issues.iter().filter(move |i| i.code == code);
    // Ragged rows: line 6 has 4 fields, line 7 has 6; both kept.
    let ragged: Vec<_> = find(Code::RaggedRow).collect();
    assert_eq!(ragged.len(), 2);
    assert_eq!((ragged[0].line, ragged[0].value.as_deref()), (6, Some("4")));
    assert_eq!((ragged[1].line, ragged[1].value.as_deref()), (7, Some("6")));
    // "Agreee" twice, on lines 4 and 8.
    let typo = find(Code::UnknownLabel)
        .next()
        .expect("unknown label reported");
    assert_eq!(typo.value.as_deref(), Some("Agreee"));
    assert_eq!(typo.column.as_deref(), Some("I know resources"));
    assert_eq!(
        (typo.count, typo.line, typo.lines.clone()),
        (2, 4, vec![4, 8])
    );
    // "forty" in the Age column, line 5.
    let nan = find(Code::NotANumber)
        .next()
        .expect("not a number reported");
    assert_eq!(
        (nan.value.as_deref(), nan.line, nan.count),
        (Some("forty"), 5, 1)
    );
    // Missing by reason: N/A, Prefer not to say, No sé; the two typos are invalid.
    let miss = info
        .missing
        .iter()
        .find(|m| m.column == "I know resources")
        .unwrap();
    assert_eq!(
        (
            miss.not_applicable,
            miss.declined,
            miss.dont_know,
            miss.invalid,
            miss.total
        ),
        (1, 1, 1, 2, 5)
    );
    // The short row's missing field is blank.
    let attended = info
        .missing
        .iter()
        .find(|m| m.column == "Attended")
        .unwrap();
    assert_eq!(attended.blank, 1);
}

#[test]
fn mapping_edits_re_apply_and_bad_edits_are_refused() {
    let mut s = load("survey_problems.csv");
    let mut m = s.mapping().clone();
    let know = item_id(&s, "I know resources");
    let rating = item_id(&s, "Rating");
    // Declare the rating as a 1-5 scale: 7 (line 5) and 0 (line 9) are out of range.
    let r = m
        .instrument
        .items
        .iter_mut()
        .find(|i| i.id == rating)
        .unwrap();
    r.points.retain(|p| (1.0..=5.0).contains(&p.value));
    // Accept the typo "Agreee" as "Agree".
    let k = m
        .instrument
        .items
        .iter_mut()
        .find(|i| i.id == know)
        .unwrap();
    k.points
        .iter_mut()
        .find(|p| p.label.en == "Agree")
        .unwrap()
        .aliases
        .push("agreee".into());
    s.set_mapping(m.clone()).unwrap();
    let info = s.issues();
    let out: Vec<_> = info
        .issues
        .iter()
        .filter(|i| i.code == Code::CodeOutOfRange)
        .collect();
    assert_eq!(out.len(), 2);
    let mut lines: Vec<u64> = out.iter().map(|i| i.line).collect();
    lines.sort();
    assert_eq!(lines, vec![5, 9]);
    assert!(info.issues.iter().all(|i| i.code != Code::UnknownLabel));
    let agree = values(&s, &know).iter().filter(|v| **v == 3.0).count();
    assert_eq!(agree, 5, "3 Agree + 2 Agreee on the 4-point scale");

    // Bad edits: the error names the id or column, and the previous mapping stays.
    let mut dup = m.clone();
    let copy = dup.instrument.items[1].clone();
    dup.instrument.items.push(copy);
    let e = s.set_mapping(dup).unwrap_err();
    assert_eq!(e.code, Code::DuplicateId);
    assert!(e.message.contains(&know) || e.message.contains(&rating) || e.message.contains("\""));
    let mut col = m.clone();
    col.instrument.items[1].column = Some("Nope".into());
    let e = s.set_mapping(col).unwrap_err();
    assert_eq!(e.code, Code::UnknownColumn);
    assert!(e.message.contains("Nope"));
    assert_eq!(s.mapping().instrument, m.instrument);

    // The mapping round-trips through JSON (as the page sends it back).
    let json = serde_json::to_string(s.mapping()).unwrap();
    let back: waterline::survey::Mapping = serde_json::from_str(&json).unwrap();
    s.set_mapping(back).unwrap();
}

#[test]
fn pre_post_waves_matched_by_respondent_id() {
    let s = load("survey_prepost.csv");
    let m = s.mapping();
    let w = m.instrument.waves.as_ref().expect("wave column detected");
    assert_eq!(w.order, vec!["pre", "post"]);
    let teachers = item_id(&s, "I feel confident");
    let pair = m
        .instrument
        .pairs
        .iter()
        .find(|p| p.before == teachers)
        .expect("pre/post pair");
    assert_eq!(pair.design, waterline::survey::Design::PrePost);
    let r = s.report(&Default::default()).unwrap();
    let shift = r.shifts.iter().find(|x| x.before == teachers).unwrap();
    // A1 2→3, A2 3→4, A3 2→2, A4 1→3, A5 3→3, A6 2→4; A7 has no pretest.
    assert_eq!(shift.n_used, 6);
    assert_eq!(shift.improved.as_ref().unwrap().count, 4);
    assert_eq!(shift.same.as_ref().unwrap().count, 2);
    assert_eq!(shift.worse.as_ref().unwrap().count, 0);
    assert_eq!(
        shift
            .excluded
            .iter()
            .find(|e| e.reason == "unmatched")
            .map(|e| e.count),
        Some(1)
    );
    assert_eq!(shift.wilcoxon.as_ref().unwrap().rank_biserial, 1.0);
}

#[test]
fn limits_and_empty_files_are_errors() {
    let e = Survey::from_csv("", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::CsvEmpty);
    let e = Survey::from_csv("a,b\n", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::CsvEmpty);
    let rows = waterline::survey::table::MAX_ROWS + 1;
    let big = format!("q\n{}", "1\n".repeat(rows));
    let e = Survey::from_csv(&big, &ReadOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::TooLarge);
    let bad = ReadOptions {
        delimiter: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        Survey::from_csv("a\n1\n", &bad).unwrap_err().code,
        Code::BadInput
    );
}

#[test]
fn unclosed_quote_is_reported() {
    let s = Survey::from_csv(
        "id,q\n1,Agree\n2,\"Agree\n3,Disagree\n",
        &ReadOptions::default(),
    )
    .unwrap();
    let info = s.issues();
    assert!(
        info.issues
            .iter()
            .any(|i| i.code == Code::UnclosedQuote && i.line == 3),
        "{:?}",
        info.issues
    );
}

#[test]
fn satisfaction_answers_in_english_and_spanish_read_as_one_five_point_scale() {
    // Written by hand: six parents, English and Spanish (feminine and masculine, with and
    // without accents), one blank.
    let csv = "Respondent ID,How satisfied are you with the school's communication?\n\
               1,Very satisfied\n\
               2,Muy satisfecha\n\
               3,Insatisfecho\n\
               4,Ni satisfecha ni insatisfecha\n\
               5,SATISFECHO\n\
               6,\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let id = item_id(&s, "How satisfied");
    let item = s
        .mapping()
        .instrument
        .items
        .iter()
        .find(|i| i.id == id)
        .unwrap();
    assert_eq!(item.kind, ItemType::Likert);
    assert_eq!(item.points.len(), 5);
    assert_eq!(item.points[4].label.en, "Very satisfied");
    assert!(same(&values(&s, &id), &[5.0, 5.0, 2.0, 3.0, 4.0, f64::NAN]));
}
