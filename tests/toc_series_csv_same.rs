//! The faster series import (issue 17, T3: one buffer, rows split once, keys looked up once per
//! row, columns built directly) must behave exactly as the import it replaced: same series,
//! points, issues (code, row, column, header, value) and errors, on generated files full of the
//! awkward cases — quotes, blank lines, CRLF, `;` files with decimal commas, suppressed and
//! malformed cells, duplicates, ragged rows, unclosed quotes. The old import is the oracle.
#![cfg(feature = "toc")]
#![cfg(not(target_arch = "wasm32"))]

#[path = "toc_series_csv_same/old.rs"]
mod old;

use proptest::prelude::*;
use waterline::toc::{import_series_csv, import_series_csv_columns};

const HEADERS: &[&str] = &[
    "Academic Year,School Name,Reporting Category,Cumulative Enrollment,Suspension Count,Suspension Rate",
    "\u{feff}year,entity,rate",
    "entity,group,2013-14,2014-15,2014,2014-Q2,2014-05-31",
    "entidad;grupo;2013-14;2014-15;2013-14",
    "año;entidad;numerador;denominador;tasa",
    "name,2013-14,x,2015",
    "entity,stuff",
    "\"entity\",\"group\",\"2013-14\"",
];

const CELLS: &[&str] = &[
    "",
    " ",
    "*",
    "10",
    "10.5",
    "13.5%",
    "1,234",
    "9,9",
    "1.234,5",
    "-3",
    "x",
    "1e400",
    "007",
    "-0",
    "1.",
    ".5",
    "0.1234567890123456",
    "123456789012345678",
    "-",
    "3.14159",
    "0",
    "2013-14",
    "2013-15",
    "2014",
    " 2014 ",
    "2014-Q2",
    "2014-q5",
    "2014-05-31",
    "2014-02-30",
    "Bobby Duke",
    "Bobby Duke",
    "\"Toro, K-8\"",
    "\"two\nlines\"",
    "\"say \"\"hi\"\"\"",
    "ñandú",
    "All Students",
    "a\"b",
    "\"unclosed",
    ",",
    ";",
    "\r",
    "\n",
    "\n\n",
    "  \n",
];

/// The header, then the cells in rows as wide as the header, with now and then a row cut
/// short (ragged) or ended by CRLF, as `seps` says.
fn text_of(header: usize, cells: &[usize], seps: &[u8]) -> String {
    let h = HEADERS[header];
    let sep = if h.contains(';') { ';' } else { ',' };
    let width = h.matches(sep).count() + 1;
    let mut out = format!("{h}\n");
    let mut col = 0;
    for (k, &c) in cells.iter().enumerate() {
        out += CELLS[c];
        col += 1;
        let s = seps.get(k).copied().unwrap_or(1);
        if col == width || s % 13 == 0 {
            out += if s % 3 == 0 { "\r\n" } else { "\n" };
            col = 0;
        } else {
            out.push(sep);
        }
    }
    out
}

fn same(text: &str) {
    let (a, b) = (old::import_series_csv(text), import_series_csv(text));
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "text: {text:?}");
    if let Ok(b) = b {
        let c = import_series_csv_columns(text).unwrap();
        assert_eq!(c.entities.len(), b.series.len());
        assert_eq!(*c.offsets.last().unwrap() as usize, c.value.len());
    }
}

#[test]
fn hand_written_cases_agree() {
    for t in [
        "",
        "\n\n",
        "entity,2014\n",
        "entity,2014\n\"open\n",
        "entity,2014\r\nA,1\r\nA,2\r\n\r\n  \nB,\"3\"",
        "entity;2014;2015\nA;9,9;1.234,5\nA;1;2\n",
        "year,entity,numerator,denominator\n2014,A,5,3\n2014,A,3,5\n2014,A,3,5\n2015,B,*,*\n",
        "entity,group,2013-14,2014-15\nA,g,1,2\nA,g,3,\nA,,4,5\nA\n",
    ] {
        same(t);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn generated_files_agree(
        header in 0..HEADERS.len(),
        cells in prop::collection::vec(0..CELLS.len(), 0..60),
        seps in prop::collection::vec(any::<u8>(), 0..60),
    ) {
        same(&text_of(header, &cells, &seps));
    }

    /// Numbers as cells are read exactly as `str::parse` reads them (the fast decimal path).
    #[test]
    fn decimals_agree(cell in "-?[0-9]{1,17}(\\.[0-9]{0,9})?%?") {
        same(&format!("entity,2014\nA,{cell}\n"));
    }
}
