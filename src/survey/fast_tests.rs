//! [`super::fast::FastRecords`] against its oracle, [`super::records::Records`] over the `csv`
//! crate: the same records, lines, parts and open quotes on random text, and the same table.

use super::fast::FastRecords;
use super::records::Records;
use super::table::{read, read_with_csv_crate, ReadOptions, Table};
#[cfg(not(target_arch = "wasm32"))]
use proptest::prelude::*;

type Row = (u64, usize, Vec<Vec<u8>>);

/// Every record of `text` as the `csv` crate path reads it, and its open quotes.
fn oracle(text: &[u8], delimiter: u8) -> (Vec<Row>, Vec<u64>) {
    let mut r = Records::new(text, delimiter, 2);
    let mut rec = csv::ByteRecord::new();
    let mut rows = Vec::new();
    while let Some(line) = r.read(&mut rec).unwrap() {
        rows.push((line, r.segment(), rec.iter().map(<[u8]>::to_vec).collect()));
    }
    (rows, r.open_quotes().iter().map(|q| q.line).collect())
}

fn fast(text: &[u8], delimiter: u8) -> (Vec<Row>, Vec<u64>) {
    let mut r = FastRecords::new(text, delimiter, 2);
    let mut rows = Vec::new();
    while let Some(line) = r.read() {
        let fields = (0..r.len()).map(|i| r.get(i).unwrap().to_vec()).collect();
        rows.push((line, r.segment(), fields));
    }
    (rows, r.open_quotes().iter().map(|q| q.line).collect())
}

/// The parts of two tables that reading produces.
fn same_table(a: &Table, b: &Table) {
    assert_eq!(a.columns, b.columns);
    assert_eq!(a.shape, b.shape);
    assert_eq!(a.cells, b.cells);
    assert_eq!(a.lines, b.lines);
    assert_eq!(a.blank_rows, b.blank_rows);
    assert_eq!(a.issues, b.issues);
    for (x, y) in a.dicts.iter().zip(&b.dicts) {
        assert_eq!(
            (&x.values, &x.counts, &x.first_row),
            (&y.values, &y.counts, &y.first_row)
        );
    }
    assert_eq!(a.dicts.len(), b.dicts.len());
}

#[test]
fn quoted_fields_crlf_and_open_quotes_read_as_the_csv_crate_reads_them() {
    for text in [
        &b"a,b\r\n1,\"x\"\"y\"\r\n\r\n\n2,\"multi\nline\",z\n"[..],
        b"id,q\n1,\"ab\"cd,e\n2,\"a\n3,b\n4,\"c\"",
        b"\n\n\"\"\"\",\n,\r\r\"a",
        b"x,\"5\" tall\",\"\"\n\"open\n",
        b"a;b\n1;\"2\";\"3\"\"\"\n",
        b"",
        b"\"",
        b",",
    ] {
        assert_eq!(
            fast(text, b','),
            oracle(text, b','),
            "{:?}",
            String::from_utf8_lossy(text)
        );
        assert_eq!(fast(text, b';'), oracle(text, b';'));
    }
}

#[test]
fn the_big_survey_shape_reads_the_same() {
    let mut text = String::from("\u{feff}# note: x\nid,\"Q, one\",q2\r\n");
    for r in 0..300 {
        let q = [
            "Agree",
            "\"Strongly\nagree\"",
            "",
            " Disagree ",
            "\"say \"\"no\"\"\"",
        ][r % 5];
        text.push_str(&format!("R{r},{q},{}\r\n", r % 7));
    }
    text.push_str("R9,\"never closed\nR10,a,b\n");
    let o = ReadOptions::default();
    same_table(
        &read(&text, &o).unwrap(),
        &read_with_csv_crate(&text, &o).unwrap(),
    );
}

#[cfg(not(target_arch = "wasm32"))]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn records_are_the_csv_crates(
        text in prop::collection::vec(prop::sample::select(b"a,;\"\n\r xy".to_vec()), 0..120)
    ) {
        prop_assert_eq!(fast(&text, b','), oracle(&text, b','));
        prop_assert_eq!(fast(&text, b';'), oracle(&text, b';'));
    }

    #[test]
    fn long_records_across_blocks_are_the_csv_crates(
        parts in prop::collection::vec(prop::sample::select(vec![
            "Strongly agree", "\"a, b\"", "\"x\"\"y\"", "", " ", "\"line\nbreak\"", "\"",
            ",", "\n", "\r\n", "\r", "é", "1234567890123456789",
        ]), 0..200)
    ) {
        let text = parts.concat();
        prop_assert_eq!(fast(text.as_bytes(), b','), oracle(text.as_bytes(), b','));
    }

    #[test]
    fn tables_are_the_csv_crates(
        cells in prop::collection::vec(prop::sample::select(vec![
            "Agree", "Disagree", "\"Agree\"", "\"a,b\"", "", " ", "\"x\"\"y\"", "\"two\nlines\"",
            "\"open", "5\" tall", "Sí", "7",
        ]), 1..90),
        width in 1usize..5,
        ends in prop::sample::select(vec!["\n", "\r\n", "\r"]),
        delimiter in prop::sample::select(vec![",", ";", "\t"]),
    ) {
        let mut text = String::new();
        for (k, c) in cells.iter().enumerate() {
            text.push_str(c);
            text.push_str(if (k + 1) % width == 0 { ends } else { delimiter });
        }
        let o = ReadOptions::default();
        match (read(&text, &o), read_with_csv_crate(&text, &o)) {
            (Ok(a), Ok(b)) => same_table(&a, &b),
            (a, b) => prop_assert_eq!(a.err(), b.err()),
        }
    }
}

/// Native timing of the two readers and of the whole table read on W5's file shape:
/// `cargo test --release --lib survey::fast_tests::timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    use std::time::Instant;
    let mut text = String::from("id,c");
    for k in 0..38 {
        text.push_str(&format!(",Statement {k}"));
    }
    text.push('\n');
    let labels = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
        "Totalmente de acuerdo",
        "En desacuerdo",
    ];
    let mut x = 7u64;
    for r in 0..100_000 {
        text.push_str(&format!("R{r},Thermal"));
        for _ in 0..38 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            text.push(',');
            text.push_str(labels[(x >> 60) as usize % labels.len()]);
        }
        text.push('\n');
    }
    let body = text.as_bytes();
    for _ in 0..3 {
        let t = Instant::now();
        let mut r = Records::new(body, b',', 0);
        let mut rec = csv::ByteRecord::new();
        let mut n = 0usize;
        while r.read(&mut rec).unwrap().is_some() {
            n += rec.len();
        }
        let old = t.elapsed();
        let t = Instant::now();
        let mut f = FastRecords::new(body, b',', 0);
        let mut m = 0usize;
        while f.read().is_some() {
            m += f.len();
        }
        let new = t.elapsed();
        assert_eq!(n, m);
        let o = ReadOptions::default();
        let t = Instant::now();
        let a = read_with_csv_crate(&text, &o).unwrap();
        let told = t.elapsed();
        let t = Instant::now();
        let b = read(&text, &o).unwrap();
        let tnew = t.elapsed();
        let t = Instant::now();
        let s = crate::survey::Survey::from_bytes(body, &o).unwrap();
        let whole = t.elapsed();
        assert_eq!(a.cells, b.cells);
        println!("{} MB: records csv crate {old:?}, fast {new:?}; table csv crate {told:?}, fast {tnew:?}; Survey::from_bytes {whole:?} ({} rows)", body.len() / 1_000_000, s.issues().rows);
    }
}
