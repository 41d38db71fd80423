//! The whole report read in chunks (#22): on every bundled example and every corpus file the
//! in-memory path reads (UTF-16 aside: refused in chunks), `ChunkedReport` at chunk sizes 1,
//! 7, 100, 4096 and the whole file gives the same `Report` as `report()`, serde JSON equal
//! bit for bit; readers of a random partition of the rows, merged in random order, give it
//! too (counts and ranks exactly, means, sds and alpha to 1e-12 relative).
#![cfg(feature = "survey")]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use std::path::PathBuf;
use waterline::survey::chunked::ChunkedReport;
use waterline::survey::{example, DuplicatePolicy, ReadOptions, ReportOptions, Survey};
use waterline::Code;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Differences between two JSON values: paths where they differ, numbers compared to `tol`
/// relative (0: bit for bit).
fn diff(a: &Value, b: &Value, path: &str, tol: f64, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => diff(v, w, &format!("{path}.{k}"), tol, out),
                    None => out.push(format!("{path}.{k} missing")),
                }
            }
            if x.len() != y.len() {
                out.push(format!("{path}: keys differ"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(v, w, &format!("{path}[{i}]"), tol, out);
            }
        }
        (Value::Number(x), Value::Number(y)) if x != y => {
            let exact = x.is_u64() || x.is_i64() || y.is_u64() || y.is_i64();
            let (p, q) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            if exact || tol == 0.0 || (p - q).abs() > tol * p.abs().max(q.abs()) {
                out.push(format!("{path}: {x} vs {y}"));
            }
        }
        _ if a != b => out.push(format!("{path}: {a} vs {b}")),
        _ => {}
    }
}

fn survey(bytes: &[u8], book: Option<&str>) -> Survey {
    let mut s = Survey::from_bytes(bytes, &ReadOptions::default()).unwrap();
    if let Some(b) = book {
        s.set_codebook(b).unwrap();
    }
    s
}

fn chunked(s: &Survey, bytes: &[u8], size: usize, read: &ReadOptions) -> Value {
    try_chunked(s, bytes, size, read).unwrap()
}

fn try_chunked(
    s: &Survey,
    bytes: &[u8],
    size: usize,
    read: &ReadOptions,
) -> waterline::Result<Value> {
    let mut c = ChunkedReport::new(s.mapping().clone(), read.clone(), ReportOptions::default())?;
    for chunk in bytes.chunks(size.max(1)) {
        c.feed(chunk)?;
    }
    assert_eq!(c.bytes(), bytes.len() as u64);
    Ok(serde_json::to_value(c.finish()?).unwrap())
}

/// The in-memory report against the chunked one at every chunk size; the failures.
fn same(name: &str, bytes: &[u8], book: Option<&str>) -> Vec<String> {
    let s = survey(bytes, book);
    let want = serde_json::to_value(s.report(&ReportOptions::default()).unwrap()).unwrap();
    let mut out = Vec::new();
    for size in [1, 7, 100, 4096, bytes.len()] {
        let got = match try_chunked(&s, bytes, size, &ReadOptions::default()) {
            Ok(v) => v,
            // A repeated id whose copies land in two pieces, under a policy that dropped
            // rows in memory: withheld with a coded error, never another number.
            Err(e) if e.code == Code::DuplicateRespondent && s.data().dropped_rows > 0 => {
                continue;
            }
            Err(e) => {
                out.push(format!("{name} @{size}: {e:?}"));
                continue;
            }
        };
        let mut d = Vec::new();
        diff(&want, &got, "", 0.0, &mut d);
        out.extend(
            d.into_iter()
                .take(5)
                .map(|x| format!("{name} @{size}: {x}")),
        );
    }
    out
}

#[test]
fn the_examples_in_chunks_give_the_same_report() {
    let mut out = same("parents", example::PARENTS_CSV.as_bytes(), None);
    out.extend(same("staff", example::STAFF_CSV.as_bytes(), None));
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn every_corpus_file_in_chunks_gives_the_same_report() {
    let mut out = Vec::new();
    let mut files = 0;
    let mut names: Vec<_> = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    for name in names {
        if !(name.ends_with(".csv") || name.ends_with(".txt")) || name.ends_with(".codebook.csv") {
            continue;
        }
        let bytes = std::fs::read(corpus().join(&name)).unwrap();
        let Ok(s) = Survey::from_bytes(&bytes, &ReadOptions::default()) else {
            continue; // the in-memory path refuses it too
        };
        if s.issues().encoding.name.starts_with("utf-16") {
            continue; // refused in chunks, with a coded error (the chunked tests)
        }
        let book = corpus().join(name.replace(".csv", ".codebook.csv"));
        let book = std::fs::read_to_string(book).ok();
        files += 1;
        out.extend(same(&name, &bytes, None));
        if let Some(b) = &book {
            out.extend(same(&format!("{name} + codebook"), &bytes, Some(b)));
        }
    }
    assert!(files >= 20, "only {files} corpus files");
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn a_repeated_id_across_pieces_keeps_every_row_or_is_a_coded_error() {
    let bytes = std::fs::read(corpus().join("parents_duplicate_ids.csv")).unwrap();
    for policy in [
        DuplicatePolicy::KeepAll,
        DuplicatePolicy::KeepFirst,
        DuplicatePolicy::KeepLast,
        DuplicatePolicy::DropAll,
    ] {
        let read = ReadOptions {
            duplicates: Some(policy),
            ..ReadOptions::default()
        };
        let s = Survey::from_bytes(&bytes, &read).unwrap();
        let want = serde_json::to_value(s.report(&ReportOptions::default()).unwrap()).unwrap();
        // Whole: every copy in one piece, the policy applies as in memory.
        let got = chunked(&s, &bytes, bytes.len(), &read);
        let mut d = Vec::new();
        diff(&want, &got, "", 0.0, &mut d);
        assert!(d.is_empty(), "{policy:?} whole: {d:?}");
        // One record per piece: the copies are in different pieces.
        let mut c = ChunkedReport::new(s.mapping().clone(), read.clone(), ReportOptions::default())
            .unwrap();
        for chunk in bytes.chunks(7) {
            c.feed(chunk).unwrap();
        }
        match policy {
            DuplicatePolicy::KeepAll => {
                let got = serde_json::to_value(c.finish().unwrap()).unwrap();
                let mut d = Vec::new();
                diff(&want, &got, "", 0.0, &mut d);
                assert!(d.is_empty(), "{policy:?} in chunks: {d:?}");
            }
            _ => {
                let e = c.finish().unwrap_err();
                assert_eq!(e.code, Code::DuplicateRespondent, "{policy:?}");
                assert_eq!(e.details["policy"], policy.treatment().into());
            }
        }
    }
}

/// A file's header (with its notes) and its records, each record whole.
fn split_records(bytes: &[u8]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let text = std::str::from_utf8(bytes).unwrap();
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut quotes = 0usize;
    for ch in text.split_inclusive('\n') {
        cur.push_str(ch);
        quotes += ch.matches('"').count();
        if quotes % 2 == 0 {
            lines.push(std::mem::take(&mut cur));
        }
    }
    let header_at = lines
        .iter()
        .position(|l| !(l.trim().is_empty() || l.starts_with('#')))
        .unwrap();
    let head: String = lines[..=header_at].concat();
    let records = lines[header_at + 1..]
        .iter()
        .map(|l| {
            let mut r = l.as_bytes().to_vec();
            if !r.ends_with(b"\n") {
                r.push(b'\n');
            }
            r
        })
        .collect();
    (head.into_bytes(), records)
}

/// The report of readers, one per piece of `parts` (each its records after the header),
/// merged in `order`.
fn merged(s: &Survey, head: &[u8], parts: &[Vec<Vec<u8>>], order: &[usize]) -> Value {
    let readers: Vec<ChunkedReport> = parts
        .iter()
        .map(|recs| {
            let mut c = ChunkedReport::new(
                s.mapping().clone(),
                ReadOptions::default(),
                ReportOptions::default(),
            )
            .unwrap();
            c.feed(head).unwrap();
            for r in recs {
                c.feed(r).unwrap();
            }
            c
        })
        .collect();
    // Finish each piece's own reading (its last record), then merge the states.
    let mut total: Option<ChunkedReport> = None;
    for &i in order {
        let r = readers[i].clone();
        match &mut total {
            None => total = Some(r),
            Some(t) => t.merge(&r).unwrap(),
        }
    }
    serde_json::to_value(total.unwrap().finish().unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Random contiguous pieces of the staff survey (two waves) or the parent survey, one
    /// reader each, merged in a random order: the one-pass report.
    #[test]
    fn pieces_merged_in_any_order_give_the_one_pass_report(
        which in 0usize..2,
        cuts in proptest::collection::vec(0usize..1000, 0..6),
        seed in any::<u64>(),
    ) {
        let bytes = if which == 0 { example::STAFF_CSV } else { example::PARENTS_CSV }.as_bytes();
        let s = survey(bytes, None);
        let want = serde_json::to_value(s.report(&ReportOptions::default()).unwrap()).unwrap();
        let (head, records) = split_records(bytes);
        let n = records.len();
        let mut at: Vec<usize> = cuts.iter().map(|c| c % (n + 1)).collect();
        at.push(0);
        at.push(n);
        at.sort_unstable();
        at.dedup();
        let parts: Vec<Vec<Vec<u8>>> = at.windows(2).map(|w| records[w[0]..w[1]].to_vec()).collect();
        let mut order: Vec<usize> = (0..parts.len()).collect();
        let mut x = seed | 1;
        for i in (1..order.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            order.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let got = merged(&s, &head, &parts, &order);
        let mut d = Vec::new();
        diff(&want, &got, "", 1e-12, &mut d);
        prop_assert!(d.is_empty(), "{:?} {:?}: {:?}", at, order, d);
    }
}

/// A panel of two waves matched by id, the post rows in reverse order of the pre rows (so an
/// id's rows lie far apart, in different pieces), with ids missing a wave, a row without an
/// id, and (when `repeat`) id 7 answering the post wave twice.
fn panel(repeat: bool) -> String {
    let mut s = String::from("id,Wave,Attended district meetings,Hours volunteered\n");
    for i in 1..=60 {
        if i % 11 != 0 {
            let a = if i % 3 == 0 { "Yes" } else { "No" };
            s.push_str(&format!("{i},Pre,{a},{}\n", i % 7));
        }
    }
    s.push_str(",Pre,No,1\n");
    for i in (1..=60).rev() {
        if i % 13 != 0 {
            let a = if i % 2 == 0 { "Yes" } else { "No" };
            s.push_str(&format!("{i},Post,{a},{}.5\n", i % 5));
        }
        if repeat && i == 7 {
            s.push_str("7,Post,No,2\n");
        }
    }
    s
}

#[test]
fn pre_post_pairs_matched_across_pieces_give_the_same_shift() {
    let text = panel(false);
    let bytes = text.as_bytes();
    let s = survey(bytes, None);
    let r = s.report(&ReportOptions::default()).unwrap();
    assert!(r
        .shifts
        .iter()
        .any(|p| p.design == waterline::survey::Design::PrePost && p.n_used > 30));
    let out = same("panel", bytes, None);
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn a_repeated_id_in_two_pieces_is_reported_as_in_memory_or_withheld() {
    let text = panel(true);
    let bytes = text.as_bytes();
    let mut withheld = 0;
    for policy in [
        DuplicatePolicy::KeepAll,
        DuplicatePolicy::KeepFirst,
        DuplicatePolicy::KeepLast,
        DuplicatePolicy::DropAll,
    ] {
        let read = ReadOptions {
            duplicates: Some(policy),
            ..ReadOptions::default()
        };
        let s = Survey::from_bytes(bytes, &read).unwrap();
        let want = serde_json::to_value(s.report(&ReportOptions::default()).unwrap()).unwrap();
        for size in [1, 7, 100, bytes.len()] {
            // The two copies of id 7 are adjacent records: with pieces of one record (size
            // 1) they are in two pieces; whole, in one.
            match try_chunked(&s, bytes, size, &read) {
                Ok(got) => {
                    let mut d = Vec::new();
                    diff(&want, &got, "", 0.0, &mut d);
                    assert!(d.is_empty(), "{policy:?} @{size}: {d:?}");
                }
                Err(e) => {
                    assert_ne!(policy, DuplicatePolicy::KeepAll, "{e:?}");
                    assert_ne!(size, bytes.len(), "{e:?}");
                    assert_eq!(e.code, Code::DuplicateRespondent);
                    assert_eq!(e.details["id"], "7".into());
                    withheld += 1;
                }
            }
        }
    }
    // keep_first, keep_last and drop_all at least with one record per piece.
    assert!(withheld >= 3, "{withheld}");
}

#[test]
fn a_weighted_survey_is_refused_with_a_coded_error() {
    let s = survey(example::PARENTS_CSV.as_bytes(), None);
    let mut m = s.mapping().clone();
    m.weight = m.columns.first().map(|c| c.key.clone());
    let e = ChunkedReport::new(m, ReadOptions::default(), ReportOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::BadInput);
    assert_eq!(e.details["what"], "weights".into());
}
