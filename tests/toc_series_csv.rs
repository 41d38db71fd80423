//! Indicator series from administrative CSV (issue 17): a DataQuest-shaped long file and a
//! wide file (one column per year), with positioned, coded issues.
#![cfg(feature = "toc")]

use waterline::toc::{change, import_series_csv, Period, SeriesCsvShape};
use waterline::Code;

const LONG: &str = "\u{feff}Academic Year,School Name,Reporting Category,Cumulative Enrollment,Suspension Count,Suspension Rate
2013-14,Bobby Duke Middle,All Students,1000,135,13.5%
2018-19,Bobby Duke Middle,All Students,1000,92,9.2%
2014-15,Bobby Duke Middle,All Students,*,*,*
2013-14,\"Toro Canyon Middle, K-8\",All Students,800,80,10.0
2013-14,Toro Canyon Middle,Hispanic or Latino,780,x,10.0
2015,Toro Canyon Middle,All Students,800,900,1
2013-15,Toro Canyon Middle,All Students,800,9,1
2013-14,Bobby Duke Middle,All Students,1000,135,13.5
2013-14,short row
";

#[test]
fn a_dataquest_long_file_imports_with_positioned_issues() {
    let r = import_series_csv(LONG).unwrap();
    assert_eq!(r.shape, SeriesCsvShape::Long);
    assert_eq!(r.n_rows, 9);
    let duke = &r.series[0];
    assert_eq!(
        (duke.entity.as_str(), duke.group.as_deref()),
        ("Bobby Duke Middle", Some("All Students"))
    );
    // The suppressed 2014-15 row stays empty: two points, not three, and never a zero.
    assert_eq!(duke.points.len(), 2);
    assert_eq!(duke.points[0].period, Period::parse("2013-14").unwrap());
    assert_eq!(
        (
            duke.points[0].numerator,
            duke.points[0].denominator,
            duke.points[0].value
        ),
        (Some(135.0), Some(1000.0), Some(13.5))
    );
    // Counts give the change an interval.
    let ch = change(
        &duke.points,
        Period::parse("2013-14").unwrap(),
        Period::parse("2018-19").unwrap(),
        0.95,
    )
    .unwrap();
    assert!(ch.interval.is_some());
    assert_eq!(r.series[1].entity, "Toro Canyon Middle, K-8");
    let issues: Vec<(Code, usize, Option<usize>)> =
        r.issues.iter().map(|i| (i.code, i.row, i.column)).collect();
    assert_eq!(
        issues,
        [
            (Code::NotANumber, 6, Some(5)),
            (Code::CountExceedsTotal, 7, Some(5)),
            (Code::InvalidDate, 8, Some(1)),
            (Code::DuplicateId, 9, Some(1)),
            (Code::RaggedRow, 10, None),
        ]
    );
    assert_eq!(r.issues[0].header.as_deref(), Some("Suspension Count"));
    assert_eq!(r.issues[0].value.as_deref(), Some("x"));
}

#[test]
fn a_wide_file_has_one_column_per_year() {
    let text = "entidad;grupo;2013-14;2014-15;2018-19\nCVUSD grados 7-8;Todos;10;;9,9\nCVUSD preparatorias;Todos;6;abc;\n";
    let r = import_series_csv(text).unwrap();
    assert_eq!(r.shape, SeriesCsvShape::Wide);
    assert_eq!(r.series.len(), 2);
    let mid = &r.series[0];
    // In a ';' file the comma is the decimal mark: 9,9 is 9.9.
    assert_eq!(mid.points.len(), 2);
    assert_eq!(mid.points[0].value, Some(10.0));
    assert_eq!(mid.points[1].value, Some(9.9));
    assert_eq!(r.series[1].points.len(), 1);
    assert_eq!(r.issues.len(), 1);
    assert_eq!(
        (r.issues[0].code, r.issues[0].row, r.issues[0].column),
        (Code::NotANumber, 3, Some(4))
    );
}

#[test]
fn a_file_without_the_needed_columns_or_rows_is_refused_with_a_code() {
    let e = import_series_csv("school,value\nA,1\n").unwrap_err();
    assert_eq!(e.code, Code::UnknownColumn);
    assert_eq!(import_series_csv("").unwrap_err().code, Code::CsvEmpty);
    assert_eq!(
        import_series_csv("entity,year,rate\n").unwrap_err().code,
        Code::CsvEmpty
    );
    assert_eq!(
        import_series_csv("entity,year,rate\n\"A,2014,1\n")
            .unwrap_err()
            .code,
        Code::UnclosedQuote
    );
}
