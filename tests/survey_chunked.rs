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
