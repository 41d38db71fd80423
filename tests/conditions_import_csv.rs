//! Proposals and reviewers from CSV (#20): declared headers in English or Spanish, amounts
//! without guessed separators, and every bad row named by its row and column.
#![cfg(feature = "conditions")]

use waterline::conditions::import_csv::parse_dollars;
use waterline::conditions::{parse_proposals_csv, parse_reviewers_csv};
use waterline::{Code, NoteCode};
#[test]
fn amounts_are_read_without_guessing_separators() {
    for (raw, want) in [
        ("120000", Some(120000.0)),
        ("$120,000", Some(120000.0)),
        ("US$ 120.000", Some(120000.0)),
        ("120.000 US$", Some(120000.0)),
        ("120000 USD", Some(120000.0)),
        ("1,500.00", Some(1500.0)),
        ("1.500,00", Some(1500.0)),
        ("1 500 000", Some(1500000.0)),
        ("1500,00", Some(1500.0)),
        ("12,50", None),
        ("1,50,000", None),
        ("1.500.00", None),
        ("-5", None),
        ("abc", None),
        ("", None),
        ("1,5", None),
    ] {
        assert_eq!(parse_dollars(raw), want, "{raw}");
    }
}

#[test]
fn proposal_errors_name_row_and_column() {
    let csv = "\u{feff}ID,Title,Requested amount,Minimum amount,Region\r\n\
               p1,Water,\"100,000\",50000,East\r\n\
               p1,Again,5,,\r\n\
               p3,,abc,,\r\n\
               p4,Four,100,200,\r\n\
               p5,Five,100,,West\r\n";
    let r = parse_proposals_csv(csv).unwrap();
    let ids: Vec<&str> = r.proposals.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p5"]);
    assert_eq!(r.proposals[0].minimum_amount, Some(50000.0));
    assert_eq!(r.proposals[1].attributes["Region"], "West");
    let want = [
        (Code::DuplicateId, 3u64, "ID"),
        (Code::BadInput, 4, "Title"),
        (Code::InvalidAmount, 4, "Requested amount"),
        (Code::InvalidAmount, 5, "Minimum amount"),
    ];
    assert_eq!(r.errors.len(), want.len(), "{:?}", r.errors);
    for (e, (code, row, column)) in r.errors.iter().zip(want) {
        assert_eq!(e.code, code);
        assert_eq!(e.details["row"], row.into());
        assert_eq!(e.details["column"], column.into());
    }
}

#[test]
fn spanish_headers_and_missing_columns() {
    let csv = "Id,Título,Organización,Comunidad,Monto solicitado,Monto mínimo\np1,Agua,Alianza,Este,1000,\n";
    let r = parse_proposals_csv(csv).unwrap();
    assert_eq!(r.proposals[0].applicant, "Alianza");
    assert_eq!(r.proposals[0].community, "Este");
    assert!(r.warnings.is_empty());
    let e = parse_proposals_csv("id,title\np1,x\n").unwrap_err();
    assert_eq!(e.code, Code::UnknownColumn);
    assert_eq!(e.details["missing"], vec!["requestedamount"].into());
    let e = parse_proposals_csv("id,title,amount,requested\n").unwrap_err();
    assert_eq!(e.code, Code::DuplicateId);
    assert_eq!(parse_proposals_csv("").unwrap_err().code, Code::CsvEmpty);
}

#[test]
fn files_saved_by_excel_in_spanish_are_read_with_semicolons() {
    // Excel in Spanish (and the page's "CSV for Spanish Excel") writes ";" between cells and
    // "." between thousands; the same file with commas reads the same.
    let es = "\u{feff}Id;Título;Organización;Comunidad;Monto solicitado\r\np1;Agua, salud;Alianza;Este;12.500\r\n";
    let r = parse_proposals_csv(es).unwrap();
    assert_eq!(r.proposals[0].title, "Agua, salud");
    assert_eq!(r.proposals[0].amount_requested, 12500.0);
    let en = "Id,Título,Organización,Comunidad,Monto solicitado\np1,\"Agua, salud\",Alianza,Este,12500\n";
    assert_eq!(parse_proposals_csv(en).unwrap().proposals, r.proposals);
}

#[test]
fn reviewers_with_conflicts() {
    let csv = "reviewer,name,conflicts,email\nr1,Ana,p1|p2;p2,a@x\nr2,,p9\nr1,Dup,\n,NoId,\n";
    let ids = vec!["p1".to_string(), "p2".to_string()];
    let r = parse_reviewers_csv(csv, Some(&ids)).unwrap();
    assert_eq!(r.reviewers.len(), 2);
    assert_eq!(r.reviewers[1].name, "r2");
    assert_eq!(r.conflicts.len(), 2);
    let codes: Vec<Code> = r.errors.iter().map(|e| e.code).collect();
    assert_eq!(codes, [Code::UnknownId, Code::DuplicateId, Code::BadInput]);
    assert_eq!(r.errors[0].details["row"], 3u64.into());
    assert_eq!(r.errors[0].details["column"], "conflicts".into());
    assert_eq!(r.warnings[0].code, NoteCode::ImportColumnsIgnored);
}
