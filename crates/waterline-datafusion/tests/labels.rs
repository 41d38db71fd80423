//! A label-written export (Google Forms: "Agree", "Yes", "Fresno" in the cells) through the
//! CLI against the page's in-memory report of the same rows: its Likert and yes/no items, its
//! then-test pairs, its subgroup tables and its grid's multi-item scale are read through the
//! page's importer (the scale has no codes), so their counts, tests and sentences are the
//! page's — 2 files, 2 partitions.

use waterline::survey::report::{Report, ReportOptions};
use waterline::survey::{ReadOptions, Survey};
use waterline_datafusion::report::{report_with, Options};

fn corpus(name: &str) -> String {
    format!("{}/../../tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn page(csv: &str, codebook: &str) -> Report {
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(codebook).unwrap();
    s.report(&ReportOptions::default()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_label_written_export_is_read_as_the_page_reads_it() {
    let csv = std::fs::read_to_string(corpus("google_forms_en.csv")).unwrap();
    let (header, body) = csv.split_once('\n').unwrap();
    let lines: Vec<&str> = body.lines().collect();
    let dir = std::env::temp_dir().join(format!("wl-labels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let half = lines.len() / 2;
    let files: Vec<String> = [&lines[..half], &lines[half..]]
        .iter()
        .enumerate()
        .map(|(f, part)| {
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, format!("{header}\n{}\n", part.join("\n"))).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    // The codebook names one column; every other item is the page's detection on the head.
    let codebook = "column,code,label\nComments,1,One\n";
    let r = page(&csv, codebook);
    let o = Options {
        partitions: 2,
        ..Options::default()
    };
    let mine = report_with(codebook, &files, &o).await.unwrap();
    let g = &mine.groups[0];
    let likert = waterline::survey::instrument::ItemType::Likert;
    assert!(r.items.iter().any(|i| i.kind == likert && i.n_used > 0));
    for m in &r.items {
        let Some(i) = g.items.iter().find(|i| i.item == m.item) else {
            assert!(
                mine.skipped.iter().any(|s| s.0 == m.item),
                "{} ({:?}) neither reported nor skipped",
                m.item,
                m.kind
            );
            continue;
        };
        assert_eq!(i.n_used, m.n_used, "{}", m.item);
        let a: Vec<u64> = i.distribution.iter().map(|s| s.count).collect();
        let b: Vec<u64> = m.distribution.iter().map(|s| s.count).collect();
        assert_eq!(a, b, "{}", m.item);
        assert_eq!(
            i.sentence.as_deref(),
            Some(m.sentence.en.as_str()),
            "{}",
            m.item
        );
    }
    assert!(!r.shifts.is_empty());
    assert_eq!(g.shifts.len(), r.shifts.len());
    for (s, m) in g.shifts.iter().zip(&r.shifts) {
        assert_eq!((&s.pair, s.n_used), (&m.pair, m.n_used));
        assert_eq!(
            s.p_value,
            m.test.as_ref().map(|t| t.p_value),
            "{}: the transition table is exact",
            s.pair
        );
        assert_eq!(s.sentence.as_deref(), Some(m.sentence.en.as_str()));
    }
    assert_eq!(mine.subgroups.len(), r.subgroups.len());
    for (s, m) in mine.subgroups.iter().zip(&r.subgroups) {
        assert_eq!((&s.item, &s.group, &s.rows), (&m.item, &m.group, &m.rows));
        assert_eq!(s.sentence.as_deref(), Some(m.sentence.en.as_str()));
    }
    assert_eq!(mine.adjustment.m, r.adjustment.m);
    // The grid's scale: the page's, its moments to 1e-12 (merged co-moments), its sentence.
    assert!(!r.scales.is_empty());
    assert_eq!(g.scales.len(), r.scales.len(), "skipped {:?}", mine.skipped);
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * b.abs().max(1e-300),
        (a, b) => a == b,
    };
    for (s, m) in g.scales.iter().zip(&r.scales) {
        assert_eq!(
            (&s.scale, s.n_used, s.n_excluded),
            (&m.scale, m.n_used, m.n_excluded)
        );
        assert!(close(s.mean, m.mean) && close(s.sd, m.sd), "{}", s.scale);
        assert!(
            close(s.alpha, m.alpha.as_ref().map(|a| a.alpha)),
            "{}",
            s.scale
        );
        assert_eq!(s.sentence, m.sentence.en, "{}", s.scale);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
