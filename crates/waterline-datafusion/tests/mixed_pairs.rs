//! A then-test pair whose codebook declares codes while the export writes labels ("Agree" in
//! the cells): the CLI reads such an item by the page's importer (its head holds a label, as
//! it would a code), so the item and its pair are the page's — counts,
//! moved up / same / down, the signed-rank test and the sentence — where before the item read
//! no answer (`wl_counts` reads numbers only) and the pair was `skipped: pair`. 3 files, 3
//! partitions, EN and ES, whole and by district.

mod common;

use common::{csv_of, lcg, page, said, DISTRICTS};
use waterline::survey::report::Report;
use waterline::text::Lang;
use waterline_datafusion::report::{report_with, GroupOut, Options};

const CODEBOOK: &str = "column,code,label,label_es,missing
Confidence asking for help (before),1,Strongly disagree,Muy en desacuerdo,
Confidence asking for help (before),2,Disagree,En desacuerdo,
Confidence asking for help (before),3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
Confidence asking for help (before),4,Agree,De acuerdo,
Confidence asking for help (before),5,Strongly agree,Muy de acuerdo,
Confidence asking for help (now),1,Strongly disagree,Muy en desacuerdo,
Confidence asking for help (now),2,Disagree,En desacuerdo,
Confidence asking for help (now),3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
Confidence asking for help (now),4,Agree,De acuerdo,
Confidence asking for help (now),5,Strongly agree,Muy de acuerdo,
";

const HEADER: &str =
    "District,Confidence asking for help (before),Confidence asking for help (now)";
const LABELS: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];

/// Deterministic rows (a small LCG): (district, row), labels in the cells, some blanks.
fn rows() -> Vec<(usize, String)> {
    let mut next = lcg(0xFACE_B00C_0DD5_EED5);
    (0..360)
        .map(|_| {
            let d = next(3) as usize;
            let before = 1 + next(4);
            let now = (before + next(3)).min(5);
            let before = match next(12) {
                0 => String::new(),
                _ => LABELS[(before - 1) as usize].to_string(),
            };
            let now = match next(15) {
                0 => String::new(),
                _ => LABELS[(now - 1) as usize].to_string(),
            };
            (d, format!("{},{before},{now}", DISTRICTS[d]))
        })
        .collect()
}

/// Items and shifts of one group are the page's.
fn assert_group(g: &GroupOut, r: &Report, lang: Lang) {
    let order: Vec<_> = r.items.iter().map(|m| &m.item).collect();
    assert_eq!(g.items.iter().map(|i| &i.item).collect::<Vec<_>>(), order);
    for (i, m) in g.items.iter().zip(&r.items) {
        assert_eq!(i.n_used, m.n_used, "{}", m.item);
        let a: Vec<_> = (i.distribution.iter()).map(|s| (s.count, s.n)).collect();
        let b: Vec<_> = (m.distribution.iter()).map(|s| (s.count, s.n)).collect();
        assert_eq!(a, b, "{}", m.item);
        assert_eq!((i.mean, i.median), (m.mean, m.median), "{}", m.item);
        assert_eq!(i.sentence, Some(said(&m.sentence, lang)), "{}", m.item);
    }
    assert_eq!(g.shifts.len(), r.shifts.len(), "the page's shifts");
    for (a, b) in g.shifts.iter().zip(&r.shifts) {
        assert_eq!((&a.pair, a.n_used), (&b.pair, b.n_used));
        let n = |s: &Option<waterline_datafusion::report::ShareOut>| s.as_ref().map(|s| s.count);
        let m = |s: &Option<waterline::survey::report::Share>| s.as_ref().map(|s| s.count);
        assert_eq!(
            (n(&a.improved), n(&a.same), n(&a.worse)),
            (m(&b.improved), m(&b.same), m(&b.worse))
        );
        assert_eq!(a.excluded.as_ref(), Some(&b.excluded));
        assert_eq!(a.p_value, b.test.as_ref().map(|t| t.p_value));
        assert_eq!(a.sentence.as_ref(), Some(&said(&b.sentence, lang)));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coded_item_written_as_labels_is_read_as_the_page_reads_it() {
    let rows = rows();
    let dir = std::env::temp_dir().join(format!("wl-mixed-pairs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let per = rows.len().div_ceil(3);
    let files: Vec<String> = (0..3)
        .map(|f| {
            let part = rows.iter().skip(per * f).take(per).map(|(_, r)| r);
            let path = dir.join(format!("part{f}.csv"));
            std::fs::write(&path, csv_of(HEADER, part)).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let whole = page(&csv_of(HEADER, rows.iter().map(|(_, r)| r)), CODEBOOK);
    assert_eq!(whole.shifts.len(), 1, "the page's then-test pair");
    for lang in [Lang::En, Lang::Es] {
        let o = Options {
            lang,
            partitions: 3,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        assert!(mine.skipped.is_empty(), "{:?}", mine.skipped);
        assert_group(&mine.groups[0], &whole, lang);
    }
    let o = Options {
        partitions: 3,
        by: Some("District".into()),
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    for (d, g) in DISTRICTS.iter().zip(&mine.groups) {
        let theirs = rows
            .iter()
            .filter(|(k, _)| DISTRICTS[*k] == *d)
            .map(|(_, r)| r);
        assert_group(g, &page(&csv_of(HEADER, theirs), CODEBOOK), Lang::En);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
