//! Files that used to print a confident wrong headline (found by an audit of vendor-shaped
//! exports, 2026-12-04). Every file is written here by hand and every expected count is
//! counted from its rows.
#![cfg(feature = "survey")]

use waterline::note::NoteCode;
use waterline::survey::report::describe::ItemResult;
use waterline::survey::{ItemType, ReadOptions, Report, ReportOptions, Survey};

fn report(csv: &str) -> (Survey, Report) {
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    (s, r)
}

fn item<'a>(r: &'a Report, text_starts: &str) -> &'a ItemResult {
    r.items
        .iter()
        .find(|i| i.text.en.starts_with(text_starts) || i.text.es.starts_with(text_starts))
        .unwrap_or_else(|| panic!("no item starting {text_starts}"))
}

/// A column of `counts` answers per label, one row each, under `header`.
fn column(header: &str, counts: &[(&str, usize)]) -> String {
    let mut csv = format!("id,{header}\n");
    let mut id = 0;
    for (label, n) in counts {
        for _ in 0..*n {
            id += 1;
            csv.push_str(&format!("{id},{label}\n"));
        }
    }
    csv
}

#[test]
fn qualtrics_five_point_somewhat_wording_counts_somewhat_agree_as_agreeing() {
    // Qualtrics' default agreement scale has no plain "Agree": 1 strongly and 13 somewhat
    // agree of 20 is 70% agreeing, on five points (not seven with two nobody chose).
    let csv = column(
        "I feel confident talking to teachers",
        &[
            ("Strongly agree", 1),
            ("Somewhat agree", 13),
            ("Neither agree nor disagree", 3),
            ("Somewhat disagree", 2),
            ("Strongly disagree", 1),
        ],
    );
    let (s, r) = report(&csv);
    let scale = &s.mapping().instrument.items[0].points;
    let labels: Vec<&str> = scale.iter().map(|p| p.label.en.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Strongly disagree",
            "Somewhat disagree",
            "Neither agree nor disagree",
            "Somewhat agree",
            "Strongly agree"
        ]
    );
    let i = item(&r, "I feel confident");
    let top = i.top_box.as_ref().unwrap();
    assert_eq!((top.interval.x, top.interval.n), (14, 20));
    // Mean on 1..5: (1 + 2·2 + 3·3 + 13·4 + 5) / 20 = 3.55.
    assert!((i.mean.unwrap() - 3.55).abs() < 1e-12);
    assert!(i.sentence.en.contains("70%"), "{}", i.sentence.en);
    assert!(i.sentence.en.contains("agree"), "{}", i.sentence.en);
}

#[test]
fn seven_point_agreement_counts_every_agreeing_answer() {
    // On seven points "agree" is somewhat agree, agree and strongly agree: 2 + 3 + 1 = 6 of 10.
    let csv = column(
        "The school listens to parents",
        &[
            ("Strongly disagree", 1),
            ("Disagree", 1),
            ("Somewhat disagree", 1),
            ("Neither agree nor disagree", 1),
            ("Somewhat agree", 2),
            ("Agree", 3),
            ("Strongly agree", 1),
        ],
    );
    let (_, r) = report(&csv);
    let top = item(&r, "The school listens").top_box.as_ref().unwrap();
    assert_eq!((top.interval.x, top.interval.n), (6, 10));
}

#[test]
fn five_point_usual_wording_keeps_its_top_two() {
    let csv = column(
        "I know who to call at school",
        &[
            ("Strongly disagree", 1),
            ("Disagree", 2),
            ("Neither agree nor disagree", 3),
            ("Agree", 3),
            ("Strongly agree", 1),
        ],
    );
    let (_, r) = report(&csv);
    let top = item(&r, "I know who").top_box.as_ref().unwrap();
    assert_eq!((top.interval.x, top.interval.n), (4, 10));
}

#[test]
fn a_pair_asked_in_two_wordings_is_withheld_not_read_as_a_move() {
    // "Before" in the somewhat wording, "now" in the usual one, each answer at the same place
    // of its own scale: nobody moved, and the engine cannot know that "somewhat agree" and
    // "agree" are one point. The shift is withheld.
    let rows = [
        ("Strongly disagree", "Strongly disagree"),
        ("Somewhat disagree", "Disagree"),
        ("Neither agree nor disagree", "Neither agree nor disagree"),
        ("Somewhat agree", "Agree"),
        ("Strongly agree", "Strongly agree"),
    ];
    let mut csv = String::from(
        "id,Confidence talking to teachers (before joining),Confidence talking to teachers (now)\n",
    );
    for (k, (before, now)) in rows.iter().cycle().take(10).enumerate() {
        csv.push_str(&format!("{k},{before},{now}\n"));
    }
    let (_, r) = report(&csv);
    assert_eq!(r.shifts.len(), 1);
    let shift = &r.shifts[0];
    assert_eq!(
        shift.notices.iter().map(|n| n.code).collect::<Vec<_>>(),
        [NoteCode::PairScalesDiffer]
    );
    assert!(
        shift.sentence.en.contains("withheld"),
        "{}",
        shift.sentence.en
    );
}

#[test]
fn a_pair_in_one_wording_still_gets_its_shift() {
    let mut csv = String::from(
        "id,Confidence talking to teachers (before joining),Confidence talking to teachers (now)\n",
    );
    for k in 0..10 {
        let (before, now) = if k < 6 {
            ("Somewhat disagree", "Somewhat agree")
        } else {
            ("Neither agree nor disagree", "Strongly agree")
        };
        csv.push_str(&format!("{k},{before},{now}\n"));
    }
    let (_, r) = report(&csv);
    assert_eq!(r.shifts.len(), 1);
    assert!(r.shifts[0].notices.is_empty(), "{:?}", r.shifts[0].notices);
}

#[test]
fn one_stray_byte_in_a_utf8_file_does_not_turn_every_accent_into_mojibake() {
    // A UTF-8 export with one cell pasted from a Windows-1252 file ("Qu\xe9"): the yes/no item
    // still reads "Sí", and the one bad cell is reported with its line.
    let mut bytes = "id,¿Participó en el taller?,Comentario\n"
        .as_bytes()
        .to_vec();
    for k in 1..=6 {
        bytes.extend_from_slice(
            format!("{k},{},Gracias\n", if k % 3 == 0 { "No" } else { "Sí" }).as_bytes(),
        );
    }
    bytes.extend_from_slice(b"7,S\xc3\xad,Qu\xe9 bien\n");
    let s = Survey::from_bytes(&bytes, &ReadOptions::default()).unwrap();
    let summary = s.issues();
    assert_eq!(summary.encoding.name, "utf-8");
    assert_eq!(summary.encoding.invalid_utf8_line, Some(8));
    let bad: Vec<_> = summary
        .issues
        .iter()
        .filter(|i| i.code == waterline::Code::ReplacementCharacter)
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].column.as_deref(), Some("Comentario"));
    let r = s.report(&ReportOptions::default()).unwrap();
    let top = item(&r, "¿Participó").top_box.as_ref().unwrap();
    assert_eq!((top.interval.x, top.interval.n), (5, 7));
}

#[test]
fn an_answer_the_scale_does_not_know_withholds_the_headline() {
    // 20 of 100 wrote "Completely agree", which no agreement scale the engine knows has: it
    // could be the top point or not, so "x% agree" is withheld (was "25% agree" of 80, where
    // 40 of 100 agreed), the answer is listed as an import problem, and the pair using the item
    // is withheld too.
    let mut csv = String::from("id,Confidence (before),Confidence (now)\n");
    let now = [
        ("Completely agree", 20),
        ("Agree", 20),
        ("Neither agree nor disagree", 30),
        ("Disagree", 30),
    ];
    let mut k = 0;
    for (label, n) in now {
        for _ in 0..n {
            k += 1;
            csv.push_str(&format!("{k},Disagree,{label}\n"));
        }
    }
    let (s, r) = report(&csv);
    let i = item(&r, "Confidence (now)");
    assert!(i.top_box.is_none() && i.mean.is_none());
    assert_eq!(i.notices[0].code, NoteCode::AnswersNotOnScale);
    assert!(i.sentence.en.contains("withheld"), "{}", i.sentence.en);
    // Each point's share is of all 100 answers, the 20 not on the scale included.
    let agree = i
        .distribution
        .iter()
        .find(|d| d.label.en == "Agree")
        .unwrap();
    assert_eq!((agree.count, agree.n), (20, 100));
    let unknown: Vec<_> = s
        .issues()
        .issues
        .into_iter()
        .filter(|i| i.code == waterline::Code::UnknownLabel)
        .collect();
    assert_eq!(unknown[0].value.as_deref(), Some("Completely agree"));
    assert_eq!(unknown[0].count, 20);
    assert_eq!(r.shifts[0].notices[0].code, NoteCode::AnswersNotOnScale);
    // Once the user says what it means (here: an alias of "Strongly agree"), it counts.
    let mut m = s.mapping().clone();
    let it = m
        .instrument
        .items
        .iter_mut()
        .find(|i| i.text.en.starts_with("Confidence (now)"))
        .unwrap();
    it.points
        .last_mut()
        .unwrap()
        .aliases
        .push("completely agree".into());
    let mut s = s;
    s.set_mapping(m).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    let top = item(&r, "Confidence (now)").top_box.as_ref().unwrap();
    assert_eq!((top.interval.x, top.interval.n), (40, 100));
}

#[test]
fn qualtrics_previews_tests_and_spam_are_not_counted_as_respondents() {
    // Qualtrics writes its authors' previews and tests (and spam) into the export with their
    // Status: 4 real respondents (one partial), 2 previews, 1 test.
    let mut csv = String::from(
        "StartDate,Status,Finished,ResponseId,Q2\n\
         Start Date,Response Type,Finished,Response ID,Did you take part in Zumba?\n\
         \"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\"}\"\n",
    );
    let rows = [
        ("IP Address", "True", "Yes"),
        ("IP Address", "True", "No"),
        ("IP Address", "True", "No"),
        ("IP Address", "False", "Yes"),
        ("Survey Preview", "True", "Yes"),
        ("Survey Preview", "True", "Yes"),
        ("Survey Test", "True", "Yes"),
    ];
    for (k, (status, finished, answer)) in rows.iter().enumerate() {
        csv.push_str(&format!(
            "2024-01-0{} 10:00:00,{status},{finished},R_{k:015},{answer}\n",
            k + 1
        ));
    }
    let (s, r) = report(&csv);
    let info = s.issues();
    assert_eq!(info.rows_analysed, 4);
    let previews: Vec<_> = info
        .issues
        .iter()
        .filter(|i| i.code == waterline::Code::PreviewResponse)
        .map(|i| (i.value.clone().unwrap(), i.count, i.lines.clone()))
        .collect();
    assert_eq!(
        previews,
        [
            ("Survey Preview".to_string(), 2, vec![8, 9]),
            ("Survey Test".to_string(), 1, vec![10])
        ]
    );
    // "Response Type" is Qualtrics' metadata, not a question.
    assert_eq!(r.items.len(), 1);
    let top = item(&r, "Did you take part").top_box.as_ref().unwrap();
    assert_eq!((top.interval.x, top.interval.n), (2, 4));
}

fn kind_of(csv: &str) -> ItemType {
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    s.mapping().instrument.items[0].kind
}

#[test]
fn single_answers_that_hold_a_comma_are_not_split_into_choices() {
    // Places written with their state, answers that continue after a comma, amounts with a
    // thousands comma: single answers, so never "CA 100%; Thermal 35%".
    let places = "Where do you live?\n\"Thermal, CA\"\n\"Mecca, CA\"\n\"Thermal, CA\"\n\"Coachella, CA\"\n\"Mecca, CA\"\n";
    assert_ne!(kind_of(places), ItemType::MultiSelect);
    let plans = "Have you voted?\nYes\nNo\n\"No, but I plan to\"\nYes\n\"No, but I plan to\"\nNo\n";
    assert_ne!(kind_of(plans), ItemType::MultiSelect);
    let income = "Monthly rent\n\"1,200\"\n\"1,200\"\n980\n\"2,500\"\n980\n";
    assert_ne!(kind_of(income), ItemType::MultiSelect);
    // A Google Forms checkbox question: some chose one option alone, others several.
    let classes = "Which classes did you attend?\nZumba\n\"Zumba, Parenting class\"\nParenting class\n\"Parenting class, English\"\nEnglish\n";
    assert_eq!(kind_of(classes), ItemType::MultiSelect);
}

#[test]
fn spanish_excel_thousands_are_thousands() {
    // Excel in Spanish writes ";" between cells, "," for decimals and "." between thousands:
    // 1.500 is one thousand five hundred, never 1,5.
    let csv = "id;Ingreso mensual (dólares)\n1;1.500\n2;980\n3;2.100\n4;1.250\n5;870\n6;1.234,50\n";
    let (_, r) = report(csv);
    let i = item(&r, "Ingreso");
    let mean = (1500.0 + 980.0 + 2100.0 + 1250.0 + 870.0 + 1234.5) / 6.0;
    assert!((i.mean.unwrap() - mean).abs() < 1e-9, "{:?}", i.mean);
}

#[test]
fn surveymonkey_legacy_ids_are_ids_not_numbers_to_average() {
    let path = format!(
        "{}/tests/corpus/surveymonkey_legacy_one_header.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let s = Survey::from_bytes(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap();
    assert_eq!(s.mapping().respondent_id.as_deref(), Some("RespondentID"));
    let r = s.report(&ReportOptions::default()).unwrap();
    for id in ["RespondentID", "CollectorID"] {
        assert!(
            r.items.iter().all(|i| !i.text.en.starts_with(id)),
            "{id} was reported as a question"
        );
    }
}

#[test]
fn excel_sep_line_names_the_delimiter_and_is_not_the_header() {
    // Excel writes "sep=;" first when asked to; it is a directive, not the header row.
    let csv = "sep=;\r\nid;¿Participó en el taller?\r\n1;Sí\r\n2;No\r\n3;Sí\r\n";
    let (s, r) = report(csv);
    let info = s.issues();
    assert_eq!((info.delimiter.as_str(), info.rows), (";", 3));
    let top = item(&r, "¿Participó").top_box.as_ref().unwrap();
    assert_eq!((top.interval.x, top.interval.n), (2, 3));
    // Line numbers still count the sep= line (line 1): the ragged row is line 4.
    let (s, _) = report("sep=;\nid;¿Participó en el taller?\n1;Sí\n2;No;extra\n3;Sí\n");
    let ragged: Vec<_> = s
        .issues()
        .issues
        .into_iter()
        .filter(|i| i.code == waterline::Code::RaggedRow)
        .map(|i| i.line)
        .collect();
    assert_eq!(ragged, [4]);
}

#[test]
fn a_missing_value_code_among_numbers_withholds_the_mean() {
    // −99 ("skipped") among ages: averaged it gives 29.7 where the ages average 44. The engine
    // does not drop it unasked either: the mean waits until −99 is declared a non-answer.
    let csv = "id,Age\n1,34\n2,41\n3,-99\n4,52\n5,49\n";
    let (s, r) = report(csv);
    let age = item(&r, "Age");
    assert!(age.mean.is_none());
    assert_eq!(age.notices[0].code, NoteCode::MissingCodeSuspected);
    let mut m = s.mapping().clone();
    let it = &mut m.instrument.items[0];
    let proposal = it.proposals[0].clone();
    assert_eq!(proposal.non_answers[0].code, "-99");
    it.non_answers = proposal.non_answers;
    it.confirmed = true;
    let mut s = s;
    s.set_mapping(m).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    assert_eq!(item(&r, "Age").mean, Some(44.0));
    // Ordinary numbers, negatives included, are not suspected.
    let (_, r) = report("id,Change in score\n1,-3\n2,4\n3,-1\n4,2\n");
    assert!(item(&r, "Change").mean.is_some());
}
