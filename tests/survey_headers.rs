//! Header rows read for what they say: Qualtrics' question text and ImportId JSON, SurveyMonkey's
//! second row. The exports below follow the shapes in VENDOR_EXPORTS.md (shared notes) (three
//! Qualtrics header rows with `{"ImportId":"QID4_1"}`, `_TEXT` columns, "Selected Choice";
//! SurveyMonkey's "Response" / "Open-Ended Response" / choice text under a question written
//! once).
#![cfg(feature = "survey")]

use waterline::survey::header_rows::ExportValues;
use waterline::survey::{HeaderKind, ReadOptions, Shape, Survey};

fn qualtrics(values: [&str; 2]) -> String {
    format!(
        "StartDate,Status,Finished,ResponseId,Q1_1,Q1_2,Q2,Q2_4_TEXT,Q3\n\
Start Date,Response Type,Finished,Response ID,How much do you agree? - I feel confident talking with teachers,How much do you agree? - I know where to find resources,How did you hear about us? - Selected Choice,How did you hear about us? - Other - Text,Comments\n\
\"{{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"America/Los_Angeles\"\"}}\",\"{{\"\"ImportId\"\":\"\"status\"\"}}\",\"{{\"\"ImportId\"\":\"\"finished\"\"}}\",\"{{\"\"ImportId\"\":\"\"_recordId\"\"}}\",\"{{\"\"ImportId\"\":\"\"QID1_1\"\"}}\",\"{{\"\"ImportId\"\":\"\"QID1_2\"\"}}\",\"{{\"\"ImportId\"\":\"\"QID2\"\"}}\",\"{{\"\"ImportId\"\":\"\"QID2_4_TEXT\"\"}}\",\"{{\"\"ImportId\"\":\"\"QID3_TEXT\"\"}}\"\n\
2022-09-11 17:54:00,{s},{f},R_1a2B3c4D5e6F7g8,4,3,1,,Great\n\
2022-09-11 18:02:00,{s},{f},R_9h8G7f6E5d4C3b2,3,3,4,My neighbour,\n",
        s = values[0],
        f = values[1]
    )
}

#[test]
fn qualtrics_import_ids_name_questions_choices_and_text_entry() {
    let s = Survey::from_csv(&qualtrics(["0", "1"]), &ReadOptions::default()).unwrap();
    let info = s.issues();
    assert_eq!(info.shape, Shape::Qualtrics);
    assert_eq!(info.export_values, Some(ExportValues::Numeric));
    let h = &info.headers;
    let by_key = |k: &str| h.iter().find(|c| c.key == k).unwrap();
    let start = by_key("StartDate");
    assert_eq!(start.import_id.as_deref(), Some("startDate"));
    assert_eq!(
        (start.question_id.as_deref(), start.kind),
        (None, HeaderKind::Metadata)
    );
    let q11 = by_key("Q1_1");
    assert_eq!(q11.import_id.as_deref(), Some("QID1_1"));
    assert_eq!(q11.question_id.as_deref(), Some("QID1"));
    assert_eq!(q11.choice_id.as_deref(), Some("1"));
    assert_eq!(q11.question, "How much do you agree?");
    assert_eq!(q11.sub, "I feel confident talking with teachers");
    assert_eq!(q11.kind, HeaderKind::Choice);
    assert!(!q11.text_entry);
    let q2 = by_key("Q2");
    assert_eq!(q2.kind, HeaderKind::SelectedChoice);
    assert_eq!(q2.question, "How did you hear about us?");
    let other = by_key("Q2_4_TEXT");
    assert!(other.text_entry);
    assert_eq!(other.kind, HeaderKind::TextEntry);
    assert_eq!(
        (other.question_id.as_deref(), other.choice_id.as_deref()),
        (Some("QID2"), Some("4"))
    );
    // A plain text-entry question is text entry too (QID3_TEXT).
    assert!(by_key("Q3").text_entry);

    let s = Survey::from_csv(&qualtrics(["IP Address", "True"]), &ReadOptions::default()).unwrap();
    assert_eq!(s.issues().export_values, Some(ExportValues::ChoiceText));
}

#[test]
fn surveymonkey_second_row_says_what_each_column_is() {
    let csv = "Respondent ID,Collector ID,Start Date,How satisfied are you?,What do you need? (check all),,,Comments\n\
,,,Response,Childcare,Transport,Other (please specify),Open-Ended Response\n\
118052219061,446111201,09/11/2022 05:54:00 PM,Very satisfied,Childcare,,Evening hours,Thanks\n\
118052219062,446111201,09/11/2022 06:10:00 PM,Satisfied,,Transport,,\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let info = s.issues();
    assert_eq!(info.shape, Shape::SurveyMonkey);
    assert_eq!(info.export_values, None);
    let kinds: Vec<HeaderKind> = info.headers.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            HeaderKind::Metadata,
            HeaderKind::Metadata,
            HeaderKind::Metadata,
            HeaderKind::Response,
            HeaderKind::Choice,
            HeaderKind::Choice,
            HeaderKind::TextEntry,
            HeaderKind::OpenEnded,
        ]
    );
    let other = &info.headers[6];
    assert!(other.text_entry);
    assert_eq!(other.question, "What do you need? (check all)");
    assert_eq!(other.sub, "Other (please specify)");
    assert_eq!(info.headers[5].sub, "Transport");
    assert!(info.headers.iter().all(|c| c.import_id.is_none()));
}

#[test]
fn one_header_files_keep_google_forms_grid_rows() {
    let csv = "Timestamp,How often do you [Read together],How often do you [Visit the library]\n\
8/31/2023 19:08:16,Weekly,Never\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let h = &s.issues().headers;
    assert_eq!(h[1].question, "How often do you");
    assert_eq!(h[1].sub, "Read together");
    assert_eq!(h[1].kind, HeaderKind::Plain);
}
