//! The chunked import (#22): a file fed in chunks of any size gives the same per-item
//! descriptives as the in-memory report, and its stated limit holds.

use waterline::survey::chunked::{ChunkedDescribe, MAX_RECORD_BYTES};
use waterline::survey::report::ItemResult;
use waterline::survey::{example, ReadOptions, ReportOptions, Survey};
use waterline::Code;

fn in_memory(bytes: &[u8]) -> (Survey, Vec<ItemResult>) {
    let s = Survey::from_bytes(bytes, &ReadOptions::default()).unwrap();
    let items = s.report(&ReportOptions::default()).unwrap().items;
    (s, items)
}

fn chunked(s: &Survey, bytes: &[u8], size: usize) -> Vec<ItemResult> {
    let mut c = ChunkedDescribe::new(s.mapping().clone(), ReadOptions::default());
    for chunk in bytes.chunks(size) {
        c.feed(chunk).unwrap();
    }
    assert_eq!(c.bytes(), bytes.len() as u64);
    c.finish(0.95).unwrap()
}

fn same(bytes: &[u8]) {
    let (s, want) = in_memory(bytes);
    let want: Vec<&ItemResult> = want
        .iter()
        .filter(|r| {
            r.wave.is_none()
                && r.mean_lower.is_none()
                && r.kind != waterline::survey::ItemType::MultiSelect
        })
        .collect();
    assert!(!want.is_empty());
    for size in [1, 7, 100, 4096, bytes.len()] {
        let got = chunked(&s, bytes, size);
        for w in &want {
            let g = got
                .iter()
                .find(|g| g.item == w.item)
                .unwrap_or_else(|| panic!("{} missing", w.item));
            assert_eq!(g, *w, "item {} in chunks of {size}", w.item);
        }
    }
}

#[test]
fn the_parent_survey_in_chunks_gives_the_same_descriptives() {
    same(example::PARENTS_CSV.as_bytes());
}

#[test]
fn the_parent_survey_with_crlf_a_bom_and_notes_in_chunks_gives_the_same_descriptives() {
    let crlf = format!("# exported 2026-12-02\n{}", example::PARENTS_CSV).replace('\n', "\r\n");
    let bytes = [&[0xEF, 0xBB, 0xBF][..], crlf.as_bytes()].concat();
    same(&bytes);
}

#[test]
fn a_quote_that_never_closes_is_a_stated_limit() {
    let (s, _) = in_memory(example::PARENTS_CSV.as_bytes());
    let mut c = ChunkedDescribe::new(s.mapping().clone(), ReadOptions::default());
    c.feed(example::PARENTS_CSV.as_bytes()).unwrap();
    c.feed(b"\"").unwrap();
    let big = vec![b'x'; 1 << 20];
    let mut err = None;
    for _ in 0..(MAX_RECORD_BYTES >> 20) + 1 {
        if let Err(e) = c.feed(&big) {
            err = Some(e);
            break;
        }
    }
    let e = err.expect("the limit is enforced");
    assert_eq!(e.code, Code::TooLarge);
    assert_eq!(e.details["what"], "recordBytes".into());
}

/// The parent example's data records repeated to `rows` respondents, after its notes and
/// header. Records are whole (a quoted answer spanning two lines stays one record), each with
/// a fresh respondent id (the second column), so no row is a repeat.
fn big_file(rows: usize) -> (Vec<u8>, Vec<u8>) {
    let text = example::PARENTS_CSV;
    let lines: Vec<&str> = text.lines().collect();
    let head = lines.iter().take_while(|l| l.starts_with('#')).count() + 1;
    let (top, data) = lines.split_at(head);
    let mut header = top.join("\n").into_bytes();
    header.push(b'\n');
    let mut records: Vec<String> = Vec::new();
    let mut open = false;
    for l in data {
        match records.last_mut() {
            Some(r) if open => {
                r.push('\n');
                r.push_str(l);
            }
            _ => records.push((*l).to_string()),
        }
        open ^= l.matches('"').count() % 2 == 1;
    }
    assert!(
        records.iter().any(|r| r.contains('\n')),
        "a record spans lines"
    );
    let mut body = Vec::new();
    for (i, r) in records.iter().cycle().take(rows).enumerate() {
        let (time, rest) = r.split_once(',').unwrap_or((r, ""));
        let rest = rest.split_once(',').map_or("", |(_, r)| r);
        body.extend_from_slice(format!("{time},R{i},{rest}\n").as_bytes());
    }
    (header, body)
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Memory of the chunked path against the in-memory one on the same 200,000 respondents: run
/// each alone (peak RSS is per process), e.g.
/// `cargo test --test survey_chunked -- --ignored --exact memory_chunked --nocapture`.
#[test]
#[ignore]
fn memory_chunked() {
    let (header, body) = big_file(200_000);
    let (s, _) = in_memory(example::PARENTS_CSV.as_bytes());
    let before = peak_rss_kib();
    let mut c = ChunkedDescribe::new(s.mapping().clone(), ReadOptions::default());
    c.feed(&header).unwrap();
    // The body is generated ahead here; a worker would hold one chunk of it at a time.
    for chunk in body.chunks(1 << 20) {
        c.feed(chunk).unwrap();
    }
    let rows = c.rows();
    assert_eq!(rows, 200_000);
    let items = c.finish(0.95).unwrap();
    eprintln!(
        "chunked: {rows} rows, {} MiB file, peak RSS {} MiB before, {} MiB after ({} items)",
        (header.len() + body.len()) >> 20,
        before >> 10,
        peak_rss_kib() >> 10,
        items.len()
    );
}

/// The whole report read in chunks, on the same 200,000 respondents (each with a fresh id:
/// the interned ids and the repeated-id set are the part that grows with the respondents):
/// `cargo test --test survey_chunked -- --ignored --exact memory_chunked_report --nocapture`.
#[test]
#[ignore]
fn memory_chunked_report() {
    let (header, body) = big_file(200_000);
    let (s, _) = in_memory(example::PARENTS_CSV.as_bytes());
    let before = peak_rss_kib();
    let mut c = waterline::survey::chunked::ChunkedReport::new(
        s.mapping().clone(),
        ReadOptions::default(),
        ReportOptions::default(),
    )
    .unwrap();
    c.feed(&header).unwrap();
    for chunk in body.chunks(1 << 20) {
        c.feed(chunk).unwrap();
    }
    assert_eq!(c.rows(), 200_000);
    let r = c.finish().unwrap();
    eprintln!(
        "chunked report: {} rows, {} MiB file, peak RSS {} MiB before, {} MiB after ({} items, {} subgroup tables)",
        r.rows,
        (header.len() + body.len()) >> 20,
        before >> 10,
        peak_rss_kib() >> 10,
        r.items.len(),
        r.subgroups.len()
    );
}

#[test]
#[ignore]
fn memory_in_memory() {
    let (header, body) = big_file(200_000);
    let file = [header, body].concat();
    let before = peak_rss_kib();
    let (_, items) = in_memory(&file);
    eprintln!(
        "in memory: {} MiB file, peak RSS {} MiB before, {} MiB after ({} items)",
        file.len() >> 20,
        before >> 10,
        peak_rss_kib() >> 10,
        items.len()
    );
}

/// Thousands of respondents (some answers quoted, with commas and a line break inside), fed
/// in chunks that cut records anywhere.
#[test]
fn thousands_of_rows_in_chunks_give_the_same_descriptives() {
    let (header, body) = big_file(6_000);
    let file = [header, body].concat();
    let (s, want) = in_memory(&file);
    assert_eq!(s.data().rows, 6_000);
    for size in [999, 1 << 16] {
        let got = chunked(&s, &file, size);
        for w in want
            .iter()
            .filter(|r| r.wave.is_none() && r.mean_lower.is_none())
        {
            if let Some(g) = got.iter().find(|g| g.item == w.item) {
                assert_eq!(g, w, "item {} in chunks of {size}", w.item);
            }
        }
        assert_eq!(
            got.iter().map(|g| g.n_used + g.n_excluded).max(),
            Some(6_000)
        );
    }
}

/// Two workers (or two files) each read part of the respondents; merged, they give the
/// descriptives of the whole.
#[test]
fn two_readers_merged_give_the_same_descriptives_as_one() {
    let (header, body) = big_file(2_000);
    let file = [header.clone(), body.clone()].concat();
    let (s, want) = in_memory(&file);
    // Split the body at a record end near its middle (every record starts with its
    // timestamp; a line break inside a quoted answer does not).
    let mid = body.len() / 2;
    let cut = mid
        + body[mid..]
            .windows(6)
            .position(|w| w == b"\n2019-")
            .unwrap()
        + 1;
    let read = |part: &[u8]| {
        let mut c = ChunkedDescribe::new(s.mapping().clone(), ReadOptions::default());
        c.feed(&header).unwrap();
        for chunk in part.chunks(4096) {
            c.feed(chunk).unwrap();
        }
        c
    };
    let (mut a, b) = (read(&body[..cut]), read(&body[cut..]));
    a.merge(&b).unwrap();
    assert_eq!(a.rows(), 2_000);
    let got = a.finish(0.95).unwrap();
    for w in want
        .iter()
        .filter(|r| r.wave.is_none() && r.mean_lower.is_none())
    {
        if let Some(g) = got.iter().find(|g| g.item == w.item) {
            assert_eq!(g, w, "item {}", w.item);
        }
    }
}
