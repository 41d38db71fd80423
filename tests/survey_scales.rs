//! Issue 14, "no silent guesses": the issue's reproductions, built from the built-in example
//! surveys written the way the vendors write them (numeric codes, codes outside the scale,
//! waves with different wording). Expected values are the seed's published percentages (as in
//! `survey_example.rs`), never numbers this code produced.
#![cfg(feature = "survey")]

use waterline::error::Code;
use waterline::note::NoteCode;
use waterline::survey::report::{ItemResult, Report};
use waterline::survey::{example, ItemType, ReadOptions, ReportOptions, Survey};

/// Splits the `#` lines off an example file.
fn split(csv: &str) -> (String, String) {
    let mut notes = String::new();
    let mut body = String::new();
    for line in csv.split_inclusive('\n') {
        if body.is_empty() && line.starts_with('#') {
            notes.push_str(line);
        } else {
            body.push_str(line);
        }
    }
    (notes, body)
}

/// Rewrites every cell with `f(header, cell)`, keeping the `#` lines.
fn recode(csv: &str, f: impl Fn(&str, &str) -> String) -> String {
    let (notes, body) = split(csv);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut header: Vec<String> = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.unwrap();
        if i == 0 {
            header = rec.iter().map(str::to_string).collect();
            w.write_record(&rec).unwrap();
            continue;
        }
        let row: Vec<String> = rec
            .iter()
            .enumerate()
            .map(|(k, c)| f(header.get(k).map_or("", String::as_str), c))
            .collect();
        w.write_record(&row).unwrap();
    }
    notes + &String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Qualtrics "numeric values": improved/same/worse → 1/2/3, yes/no → 1/2.
fn qualtrics_numeric() -> String {
    recode(example::PARENTS_CSV, |_, c| {
        match c {
            "Improved" | "Mejoró" => "1",
            "Same" | "Stayed the same" | "Igual" | "Sigue igual" => "2",
            "Worse" | "Got worse" | "Empeoró" => "3",
            "Yes" | "Sí" | "Si" => "1",
            "No" => "2",
            other => other,
        }
        .to_string()
    })
}

/// What those codes mean, for the district and yes/no columns of the parent survey.
fn parents_codebook(s: &Survey) -> String {
    let mut book = String::from("column,code,label,label_es,missing\n");
    for c in &s.mapping().columns {
        let h = &c.header;
        let key = format!("\"{}\"", c.key.replace('"', "\"\""));
        if h.contains("Since restorative justice") {
            book += &format!("{key},1,Improved,Mejoró,\n{key},2,Stayed the same,Sigue igual,\n{key},3,Gotten worse,Empeoró,\n");
        } else if h.contains("District meetings")
            || h.contains("LCAP")
            || h.contains("Recruiting")
            || h.contains("take part")
        {
            book += &format!("{key},1,Yes,Sí,\n{key},2,No,No,\n");
        }
    }
    book
}

fn report(s: &Survey) -> Report {
    s.report(&ReportOptions::default()).unwrap()
}

fn item<'a>(r: &'a Report, text: &str) -> &'a ItemResult {
    r.items
        .iter()
        .find(|i| i.text.en.contains(text))
        .unwrap_or_else(|| panic!("no item about {text}"))
}

fn pct(x: f64) -> f64 {
    (x * 100.0).round()
}

#[test]
fn qualtrics_numeric_district_codes_are_codes_until_a_codebook_says_what_they_mean() {
    let mut s = Survey::from_csv(&qualtrics_numeric(), &ReadOptions::default()).unwrap();
    let r = report(&s);
    let respect = item(&r, "respect");
    // Never "4% chose '3'": no top box, no mean, a distribution of codes and a notice.
    assert_eq!(respect.kind, ItemType::Codes);
    assert!(respect.top_box.is_none() && respect.mean.is_none());
    assert_eq!(respect.notices[0].code, NoteCode::CodesWithoutLabels);
    assert!(respect.sentence.en.contains("codes without labels"));
    assert!(respect.sentence.es.contains("códigos sin etiquetas"));
    // Yes/No coded 1/2: no mean that "falls", no shift at all.
    let zumbas = item(&r, "Zumbas");
    assert!(zumbas.mean.is_none() && zumbas.top_box.is_none());
    assert_eq!(r.shifts.len(), 3);
    for sh in &r.shifts {
        assert!(sh.test.is_none() && sh.mean_before.is_none(), "{}", sh.pair);
        assert_eq!(sh.notices[0].code, NoteCode::ScaleNotDeclared);
    }
    assert!(r
        .notices
        .iter()
        .any(|n| n.code == NoteCode::CodesWithoutLabels));
    // The engine proposes the change scale for the district items, improved = code 1.
    let id = &respect.item;
    let proposal = &s.mapping().instrument.item(id).unwrap().proposals[0];
    assert_eq!(proposal.template, "change");

    // A codebook declares the codes: the published percentages come back.
    s.set_codebook(&parents_codebook(&s)).unwrap();
    let r = report(&s);
    for (text, published) in [
        ("respect", 81.0),
        ("Listens to parent voices", 78.0),
        ("Communicates opportunities", 76.0),
    ] {
        let i = item(&r, text);
        assert_eq!(i.kind, ItemType::Change);
        assert_eq!(
            pct(i.top_box.as_ref().unwrap().interval.estimate),
            published
        );
    }
    for (text, published) in [
        ("Zumbas", 62.0),
        ("Noches Familiares", 59.0),
        ("Lunadas", 50.0),
    ] {
        assert_eq!(
            pct(item(&r, text).top_box.as_ref().unwrap().interval.estimate),
            published
        );
    }
    for (text, published) in [
        ("District meetings", 62.0),
        ("LCAP meetings", 61.0),
        ("Recruiting other parents", 56.0),
    ] {
        let sh = r.shifts.iter().find(|x| x.text.en == text).unwrap();
        assert_eq!(
            pct(sh.improved.as_ref().unwrap().share),
            published,
            "{text}"
        );
        assert!(
            sh.mean_after > sh.mean_before,
            "{text}: joining raised attendance"
        );
    }
    let m = s.mapping();
    assert!(m
        .instrument
        .items
        .iter()
        .filter(|i| i.kind == ItemType::Change)
        .all(|i| i.confirmed));
}

#[test]
fn the_codebook_round_trips_and_reproduces_the_labelled_report() {
    let labelled = Survey::from_csv(example::PARENTS_CSV, &ReadOptions::default()).unwrap();
    let mut coded = Survey::from_csv(&qualtrics_numeric(), &ReadOptions::default()).unwrap();
    coded.set_codebook(&parents_codebook(&coded)).unwrap();
    let book = coded.codebook();
    assert!(book.starts_with("column,code,label,label_es,missing\n"));
    assert!(book.contains(",1,Improved,Mejoró,"), "{book}");
    let (a, b) = (report(&labelled), report(&coded));
    for (x, y) in a.items.iter().zip(&b.items) {
        let share = |i: &ItemResult| i.top_box.as_ref().map(|t| t.interval.estimate);
        assert_eq!((x.n_used, share(x)), (y.n_used, share(y)), "{}", x.item);
    }
    // Exported and imported again: nothing changes.
    let mut again = Survey::from_csv(&qualtrics_numeric(), &ReadOptions::default()).unwrap();
    again.set_codebook(&book).unwrap();
    assert_eq!(report(&again), b);
}

/// The staff survey coded 1–4 (strongly disagree … strongly agree), with 9 (don't know) and
/// 0 (not applicable) written on extra rows of each wave.
fn staff_coded() -> String {
    let coded = recode(example::STAFF_CSV, |h, c| {
        if !h.starts_with("Adults") {
            return c.to_string();
        }
        match c {
            "Strongly disagree" => "1",
            "Disagree" => "2",
            "Agree" => "3",
            "Strongly agree" => "4",
            other => other,
        }
        .to_string()
    });
    let mut out = coded;
    for (wave, k) in [("2014-15", 0), ("2017-18", 1)] {
        for j in 0..6 {
            let code = if j % 2 == 0 { 9 } else { 0 };
            out += &format!("{wave},X{k}{j},{code}\n");
        }
    }
    out
}

#[test]
fn codes_outside_the_declared_scale_are_issues_left_out_of_denominators() {
    let mut s = Survey::from_csv(&staff_coded(), &ReadOptions::default()).unwrap();
    let r = report(&s);
    // Not a 0–9 scale with top box {9, 8}: codes, and the wave comparison is withheld.
    assert_eq!(r.waves[0].notices[0].code, NoteCode::CodesWithoutLabels);
    assert!(r.waves[0].test.is_none());
    // Proposed: agreement on 1–4, with 9 = don't know and 0 = not applicable.
    let item = &s.mapping().instrument.items[0];
    let p = &item.proposals[0];
    assert_eq!(p.template, "agree4");
    let na: Vec<&str> = p.non_answers.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(na, vec!["9", "0"]);
    let column = item.column.clone().unwrap();

    // A codebook that declares only 1–4: 9 and 0 are issues with line, column, value, count.
    let book = format!(
        "column,code,label,label_es,missing\n{column},1,Strongly disagree,,\n{column},2,Disagree,,\n{column},3,Agree,,\n{column},4,Strongly agree,,\n"
    );
    s.set_codebook(&book).unwrap();
    let info = s.issues();
    let out: Vec<_> = info
        .issues
        .iter()
        .filter(|i| i.code == Code::CodeOutOfRange)
        .collect();
    assert_eq!(out.len(), 2);
    for i in &out {
        assert_eq!(i.count, 6);
        assert_eq!(i.lines.len(), 6);
        assert!(i.column.as_deref().unwrap().starts_with("Adults"));
        assert!(["9", "0"].contains(&i.value.as_deref().unwrap()));
    }
    let r = report(&s);
    let w = &r.waves[0];
    assert_eq!(
        (w.n_from, w.n_to),
        (100, 100),
        "the 12 coded non-answers are not in the denominators"
    );
    assert_eq!(pct(w.share_from.as_ref().unwrap().estimate), 48.0);
    assert_eq!(pct(w.share_to.as_ref().unwrap().estimate), 72.0);

    // Declared as non-answers, they are counted by reason instead.
    let book = format!("{book}{column},9,Don't know,No sé,dontKnow\n{column},0,Not applicable,No aplica,not_applicable\n");
    s.set_codebook(&book).unwrap();
    let info = s.issues();
    assert!(info.issues.iter().all(|i| i.code != Code::CodeOutOfRange));
    let miss = &info.missing[0];
    assert_eq!(
        (miss.dont_know, miss.not_applicable, miss.invalid),
        (6, 6, 0)
    );
    assert_eq!(
        pct(report(&s).waves[0].share_to.as_ref().unwrap().estimate),
        72.0
    );
}

/// The staff survey with 2014-15 asked as "Nearly all adults … Nearly no adults".
fn staff_two_wordings() -> String {
    let (notes, body) = split(example::STAFF_CSV);
    let body: String = body
        .lines()
        .map(|l| {
            let l = if l.starts_with("2014-15") {
                l.replace(",Strongly agree", ",Nearly all adults")
                    .replace(",Agree", ",Most adults")
                    .replace(",Strongly disagree", ",Nearly no adults")
                    .replace(",Disagree", ",Some adults")
            } else {
                l.to_string()
            };
            l + "\n"
        })
        .collect();
    notes + &body
}

#[test]
fn waves_with_different_wording_are_compared_only_once_mapped_onto_one_scale() {
    let mut s = Survey::from_csv(&staff_two_wordings(), &ReadOptions::default()).unwrap();
    let r = report(&s);
    let w = &r.waves[0];
    // Not one 10-level category with a chi-square of the change of wording.
    assert_ne!(w.kind, ItemType::Category);
    assert!(w.test.is_none() && w.distribution.is_none());
    assert_eq!(w.notices[0].code, NoteCode::WaveScalesUnconfirmed);
    assert!(
        w.sentence.en.contains("different wording"),
        "{}",
        w.sentence.en
    );
    // Each wave is still described in its own words.
    let first = r
        .items
        .iter()
        .find(|i| i.wave.as_deref() == Some("2014-15"))
        .unwrap();
    assert!(first
        .distribution
        .iter()
        .any(|d| d.label.en == "Nearly all adults"));
    assert_eq!(pct(first.top_box.as_ref().unwrap().interval.estimate), 48.0);
    // The user confirms the proposed mapping (Nearly all adults → Strongly agree ...).
    let mut m = s.mapping().clone();
    let item = &mut m.instrument.items[0];
    assert_eq!(item.wave_scales[0].wave, "2014-15");
    item.confirmed = true;
    s.set_mapping(m).unwrap();
    let w = &report(&s).waves[0];
    assert_eq!(pct(w.share_from.as_ref().unwrap().estimate), 48.0);
    assert_eq!(pct(w.share_to.as_ref().unwrap().estimate), 72.0);
    assert_eq!(w.test.as_ref().unwrap().method, "two_proportions");
}

#[test]
fn a_bare_number_or_a_word_that_is_not_the_label_is_not_a_label() {
    let csv = "id,Since joining has the district improved?\n1,Improved\n2,Improved\n3,Same\n4,Worse\n5,Better\n6,5\n7,Improved\n8,Improved\n9,Same\n10,Improved\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let item = &s.mapping().instrument.items[0];
    assert_eq!(item.kind, ItemType::Change);
    let info = s.issues();
    let unknown: Vec<&str> = info
        .issues
        .iter()
        .filter(|i| i.code == Code::UnknownLabel)
        .filter_map(|i| i.value.as_deref())
        .collect();
    assert_eq!(unknown, vec!["Better", "5"]);
    let r = report(&s);
    assert_eq!(r.items[0].n_used, 8);
}

#[test]
fn other_please_specify_text_is_an_answer() {
    let csv = "Respondent ID,Collector ID,Which events did you attend?,,,Comments\n\
               ,,Zumbas,Lunadas,Other (please specify),Open-Ended Response\n\
               1001,55,Zumbas,,,\n\
               1002,55,,Lunadas,,\n\
               1003,55,,,Bake sale,\n\
               1004,55,,,,Nothing\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let item = s
        .mapping()
        .instrument
        .items
        .iter()
        .find(|i| i.kind == ItemType::MultiSelect)
        .expect("one multi-select item");
    assert_eq!(item.choices.len(), 3);
    let r = report(&s);
    let events = r.items.iter().find(|i| i.item == item.id).unwrap();
    // Respondent 3 only typed "Bake sale": answered, not skipped.
    assert_eq!(events.n_used, 3);
}

#[test]
fn grid_rows_keep_their_question_in_sentences() {
    let csv = "id,Confident with my child's teachers / Confianza con los maestros [Before joining / Antes de unirme],Confident with my child's teachers / Confianza con los maestros [Now / Ahora]\n\
               1,Disagree,Agree\n2,Agree,Strongly agree\n3,Disagree,Agree\n4,Strongly disagree,Agree\n";
    let s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
    let r = report(&s);
    let before = &r.items[0];
    assert_eq!(
        before.text.en,
        "Confident with my child's teachers — Before joining"
    );
    assert!(before
        .sentence
        .es
        .contains("Confianza con los maestros — Antes de unirme"));
    assert_eq!(r.shifts.len(), 1);
    assert!(r.shifts[0]
        .sentence
        .en
        .contains("Confident with my child's teachers"));
}

#[test]
fn a_surveys_own_codebook_applies_without_changing_its_report() {
    for csv in [example::PARENTS_CSV, example::STAFF_CSV] {
        let mut s = Survey::from_csv(csv, &ReadOptions::default()).unwrap();
        let before = report(&s);
        let book = s.codebook();
        s.set_codebook(&book).unwrap();
        assert_eq!(report(&s), before);
        assert!(s
            .mapping()
            .instrument
            .items
            .iter()
            .filter(|i| i.kind == ItemType::Likert)
            .all(|i| i.confirmed));
        // Written again, the codebook is the same file.
        assert_eq!(s.codebook(), book);
    }
}
