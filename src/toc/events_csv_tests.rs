//! Tests of [`super::import_events_csv`] against the Alianza example.

use super::*;
use crate::toc::example_alianza_model;

fn alianza() -> Model {
    example_alianza_model().expect("the example reads")
}

#[test]
fn reads_good_rows_and_positions_the_bad_one() {
    let m = alianza();
    let csv = "date,kind,title_en,title_es,concerns,source,quote\n\
        2015-16,milestone,RJ in the LCAP,La JR en el LCAP,oc_understanding,Seed 000,\"RJ was included, finally\"\n\
        2016-03-01,Punto de inflexión,New board,Nueva junta,,,\n\
        2015-Q5,hito,Bad date,Fecha mala,nope;a_issue_trainings,,\n";
    let r = import_events_csv(&m, csv).expect("imports");
    assert_eq!((r.n_rows, r.n_skipped, r.events.len()), (3, 1, 2));
    let e = &r.events[0];
    assert_eq!(e.kind, EventKind::Milestone);
    assert_eq!(e.period, Some(Period::SchoolYear(2015)));
    assert_eq!(e.about, vec!["oc_understanding".to_string()]);
    let p = e.provenance.as_ref().expect("read");
    assert_eq!(p.origin, Origin::Read);
    assert_eq!(p.quote.as_deref(), Some("RJ was included, finally"));
    assert_eq!(p.note.as_deref(), Some("Seed 000"));
    assert_eq!(r.events[1].kind, EventKind::Flashpoint);
    assert_eq!(r.events[1].provenance, None);
    // fresh ids, unused by the example's 13 events
    assert!(r.events.iter().all(|e| e.id.starts_with("ev_")));
    assert!(r
        .events
        .iter()
        .all(|e| m.events.iter().all(|x| x.id != e.id)));
    assert_ne!(r.events[0].id, r.events[1].id);
    let codes: Vec<_> = r.issues.iter().map(|i| (i.code, i.row, i.column)).collect();
    assert_eq!(
        codes,
        vec![
            (Code::InvalidDate, 4, Some(1)),
            (Code::UnknownId, 4, Some(5))
        ]
    );
    assert_eq!(r.issues[1].value.as_deref(), Some("nope"));
    assert_eq!(r.issues[1].header.as_deref(), Some("concerns"));
}

#[test]
fn spanish_headers_with_semicolons_and_accents() {
    let m = alianza();
    let csv = "\u{feff}Fecha;Tipo;Título_ES;Título_EN;Se refiere a;Componente;Fuente;Cita\n\
        2014;Actividad;Capacitación;Training;a_issue_trainings;c_leadership;Figura 4;\n\
        ;Hito;Sin fecha;;;;;\n";
    let r = import_events_csv(&m, csv).expect("imports");
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    assert_eq!(r.events.len(), 2);
    assert_eq!(r.events[0].title.es, "Capacitación");
    assert_eq!(r.events[0].title.en, "Training");
    assert_eq!(r.events[0].component.as_deref(), Some("c_leadership"));
    assert_eq!(r.events[0].period, Some(Period::Year(2014)));
    assert_eq!(r.events[1].period, None);
    assert_eq!(r.events[1].kind, EventKind::Milestone);
}

#[test]
fn every_row_problem_has_its_code() {
    let m = alianza();
    let csv = "id,date,kind,title_en,component\n\
        x1,2014,party,A,\n\
        x2,2014,activity,,\n\
        ev_campaign_starts,2014,activity,B,\n\
        x3,2014,activity,C,a_issue_trainings\n\
        x4,2014\n\
        x5,2014,activity,D,\n\
        x5,2015,activity,E,\n";
    let r = import_events_csv(&m, csv).expect("imports");
    let codes: Vec<_> = r.issues.iter().map(|i| (i.code, i.row)).collect();
    assert_eq!(
        codes,
        vec![
            (Code::UnknownLabel, 2),
            (Code::BadInput, 3),
            (Code::DuplicateId, 4),
            (Code::UnknownId, 5),
            (Code::RaggedRow, 6),
            (Code::DuplicateId, 8),
        ]
    );
    assert_eq!(r.n_skipped, 6);
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.events[0].id, "x5");
}

#[test]
fn quoted_newlines_keep_row_numbers() {
    let m = alianza();
    let csv = "date,kind,title_en\n2014,milestone,\"two\nlines\"\n2014,nope,x\n";
    let r = import_events_csv(&m, csv).expect("imports");
    assert_eq!(r.events[0].title.en, "two\nlines");
    assert_eq!(r.issues[0].row, 4);
}

#[test]
fn whole_file_errors() {
    let m = alianza();
    let e = |t: &str| import_events_csv(&m, t).expect_err("fails").code;
    assert_eq!(e(""), Code::CsvEmpty);
    assert_eq!(e("date,kind,title_en\n"), Code::CsvEmpty);
    assert_eq!(e("when,what\n2014,x\n"), Code::UnknownColumn);
    let err = import_events_csv(&m, "fecha,título\n2014,x\n").expect_err("fails");
    assert_eq!(
        err.details.get("missing"),
        Some(&crate::error::Detail::from(vec!["kind".to_string()]))
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod prop {
    use super::*;
    use proptest::prelude::*;

    /// Cells drawn from what an events file holds, and from what breaks one.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("2014-15".to_string()),
            Just("2015-Q3".to_string()),
            Just("activity".to_string()),
            Just("Hito".to_string()),
            Just("a_issue_trainings;oc_understanding".to_string()),
            Just("c_leadership".to_string()),
            Just("ev_1".to_string()),
            Just("\"a,\"\"b\"\"\nc\"".to_string()),
            "[a-z0-9_;,\" \n-]{0,12}",
        ]
    }

    proptest! {
        /// Any file gives events or a coded error; every row is read or skipped, issues lie
        /// inside the file, and the events appended keep the model free of new findings.
        #[test]
        fn any_file_is_read_or_refused_without_a_panic(
            header in proptest::sample::subsequence(
                vec!["id", "date", "kind", "title_en", "título_es", "concerns", "component", "quote"], 0..=8),
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..9), 0..6),
        ) {
            let mut text = header.join(",");
            for r in &rows {
                text.push('\n');
                text.push_str(&r.join(","));
            }
            let mut m = alianza();
            let Ok(r) = import_events_csv(&m, &text) else { return Ok(()) };
            prop_assert_eq!(r.n_skipped + r.events.len(), r.n_rows);
            for i in &r.issues {
                prop_assert!(i.row >= 2 && i.column.is_none_or(|c| c >= 1));
            }
            let before = crate::toc::validate(&m).findings.len();
            m.events.extend(r.events);
            prop_assert_eq!(crate::toc::validate(&m).findings.len(), before);
        }
    }
}
