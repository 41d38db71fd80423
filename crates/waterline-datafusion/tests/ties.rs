//! Detected categories and group levels with equal counts through DataFusion against the page's
//! in-memory report of the same rows (`Survey::report` on the files joined in order): equal
//! counts come in the order the data first shows them — the whole table's order, each `--by`
//! group's own order, and a group column's level order in the subgroup tables — with the page's
//! keys, labels, counts, intervals and sentences, 2 files, 4 partitions, EN and ES. Texts of
//! equal count first seen beyond the first file's head cannot be placed: they stay in text
//! order and the report says so (`skipped`: `category_ties`).

mod common;

use common::{csv_of, page, said};
use waterline::survey::report::Report;
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, CliReport, GroupOut, Options};

const CODEBOOK: &str = "column,code,label,label_es,missing
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
";

const HEADER: &str = "District,Program,Club,I feel safe at school";

/// 60 rows, the districts interleaved (Tulare, Fresno, Kern): Tulare and Fresno 24 rows each
/// (Tulare first, against text order), Kern 12. Every district has each program equally often,
/// first seen in its own order (Tulare: Zeta, Mid, Alpha; Fresno: Mid, Alpha, Zeta; Kern:
/// Alpha, Zeta, Mid), so the whole table's order (Zeta, Mid, Alpha), each district's and text
/// order all differ. Club: Robotics, Chess and Band with a blank cell now and then.
fn rows() -> Vec<(&'static str, String)> {
    let programs = |d: usize, i: usize| {
        let order = [
            ["Zeta", "Mid", "Alpha"],
            ["Mid", "Alpha", "Zeta"],
            ["Alpha", "Zeta", "Mid"],
        ];
        order[d][i % 3]
    };
    let districts = ["Tulare", "Fresno", "Kern"];
    let mut out = Vec::new();
    for i in 0..24 {
        for (d, name) in districts.iter().enumerate() {
            if d == 2 && i >= 12 {
                continue;
            }
            let k = out.len();
            let club = match k % 7 {
                0 => "",
                v => ["Robotics", "Chess", "Band"][v % 3],
            };
            let safe = 1 + (k * 7 + d) % 5;
            let row = format!("{name},{},{club},{safe}", programs(d, i));
            out.push((*name, row));
        }
    }
    out
}

/// Writes `parts` as files in a fresh directory.
fn files(name: &str, parts: &[String]) -> (std::path::PathBuf, Vec<String>) {
    let dir = std::env::temp_dir().join(format!("wl-ties-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths = (parts.iter().enumerate())
        .map(|(k, csv)| {
            let path = dir.join(format!("part{k}.csv"));
            std::fs::write(&path, csv).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    (dir, paths)
}

/// Every item of the page's report is the CLI's: keys, labels, counts, intervals, sentence.
/// Returns the number of category items.
fn assert_items(g: &GroupOut, r: &Report, lang: Lang) -> usize {
    let mut categories = 0;
    for m in &r.items {
        let i = g.items.iter().find(|i| i.item == m.item).unwrap();
        let mine: Vec<_> = (i.distribution.iter())
            .map(|s| (s.key.as_str(), s.label.as_str(), s.count, s.n, s.share))
            .collect();
        let theirs: Vec<_> = (m.distribution.iter())
            .map(|s| (s.key.as_str(), s.label.get(lang), s.count, s.n, s.share))
            .collect();
        assert_eq!(mine, theirs, "{}", m.item);
        let bounds = |a: f64, b: f64| (a.to_bits(), b.to_bits());
        for (a, b) in i.distribution.iter().zip(&m.distribution) {
            assert_eq!(bounds(a.lower, a.upper), bounds(b.lower, b.upper));
        }
        assert_eq!(i.sentence, Some(said(&m.sentence, lang)), "{}", m.item);
        categories += usize::from(m.kind == waterline::survey::instrument::ItemType::Category);
    }
    categories
}

/// The subgroup tables are the page's, level for level in the page's order.
fn assert_subgroups(mine: &CliReport, r: &Report, lang: Lang) {
    assert_eq!(mine.subgroups.len(), r.subgroups.len());
    for (a, b) in mine.subgroups.iter().zip(&r.subgroups) {
        assert_eq!((&a.item, &a.group), (&b.item, &b.group));
        assert_eq!(a.rows, b.rows, "{} by {}", a.item, a.group);
        assert_eq!(a.sentence, Some(said(&b.sentence, lang)));
    }
}

fn labels(g: &GroupOut, item: &str) -> Vec<String> {
    let i = g.items.iter().find(|i| i.item == item).unwrap();
    i.distribution.iter().map(|s| s.label.clone()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn equal_counts_come_in_first_seen_order() {
    let rows = rows();
    let all: Vec<&String> = rows.iter().map(|(_, r)| r).collect();
    let parts = [
        csv_of(HEADER, all[..30].iter().copied()),
        csv_of(HEADER, all[30..].iter().copied()),
    ];
    let (dir, paths) = files("order", &parts);
    let whole = page(&csv_of(HEADER, all.iter().copied()), CODEBOOK);
    assert!(!whole.subgroups.is_empty(), "District is a group column");
    for lang in [Lang::En, Lang::Es] {
        let o = Options {
            lang,
            partitions: 4,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &paths, &o).await.unwrap();
        assert!(assert_items(&mine.groups[0], &whole, lang) >= 2);
        assert_eq!(labels(&mine.groups[0], "program"), ["Zeta", "Mid", "Alpha"]);
        assert_subgroups(&mine, &whole, lang);
        assert!(
            !mine.skipped.iter().any(|s| s.1.ends_with("_ties")),
            "{:?}",
            mine.skipped
        );
    }
    // Per district: each district's categories in the order its own rows first show them.
    let o = Options {
        partitions: 4,
        by: Some("District".into()),
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &paths, &o).await.unwrap();
    assert_eq!(mine.groups.len(), 3);
    for g in &mine.groups {
        let d = g.group.as_deref().unwrap();
        let theirs = rows.iter().filter(|(k, _)| *k == d).map(|(_, r)| r);
        let r = page(&csv_of(HEADER, theirs), CODEBOOK);
        assert_items(g, &r, Lang::En);
        let want = match d {
            "Tulare" => ["Zeta", "Mid", "Alpha"],
            "Fresno" => ["Mid", "Alpha", "Zeta"],
            _ => ["Alpha", "Zeta", "Mid"],
        };
        assert_eq!(labels(g, "program"), want, "{d}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_first_seen_beyond_the_head_are_by_text_and_said() {
    let rows = rows();
    let all: Vec<&String> = rows.iter().map(|(_, r)| r).collect();
    // The second file adds two programs of 4 rows each, unseen in the first file's head:
    // their order cannot be known, so they come in text order (Omega before Beta on the page).
    let extra: Vec<String> = (0..8)
        .map(|k| format!("Kern,{},Chess,3", ["Omega", "Beta"][k / 4]))
        .collect();
    let second = all[30..].iter().copied().chain(&extra);
    let parts = [
        csv_of(HEADER, all[..30].iter().copied()),
        csv_of(HEADER, second),
    ];
    let (dir, paths) = files("unseen", &parts);
    let o = Options {
        partitions: 4,
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &paths, &o).await.unwrap();
    let got = labels(&mine.groups[0], "program");
    assert_eq!(got, ["Zeta", "Mid", "Alpha", "Beta", "Omega"]);
    assert!(mine
        .skipped
        .iter()
        .any(|s| s.0 == "program" && s.1 == "category_ties"));
    // The page's counts are the same; only the unplaced pair's order differs.
    let theirs = page(&csv_of(HEADER, all.iter().copied().chain(&extra)), CODEBOOK);
    let m = theirs.items.iter().find(|m| m.item == "program").unwrap();
    let page_labels: Vec<_> = m.distribution.iter().map(|s| s.label.en.as_str()).collect();
    assert_eq!(page_labels, ["Zeta", "Mid", "Alpha", "Omega", "Beta"]);
    // The CSV and HTML say it too (not only the JSON's `skipped`), in the report's language.
    let cb = dir.join("codebook.csv");
    std::fs::write(&cb, CODEBOOK).unwrap();
    for (format, lang, said) in [
        ("csv", "es", "omitido,program,category_ties,"),
        ("csv", "en", "left out,program,category_ties,"),
        (
            "html",
            "en",
            "<li>program: reported, but categories with equal counts are in text order",
        ),
        ("html", "es", "<h2>Omitido, o distinto de la página</h2>"),
    ] {
        let cb = cb.to_string_lossy();
        let mut args = vec![
            "report",
            "--codebook",
            &cb,
            "--format",
            format,
            "--lang",
            lang,
        ];
        args.extend(paths.iter().map(String::as_str));
        let text = common::cli_ok(&args);
        assert!(text.contains(said), "{format} {lang}: {said}\n{text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
